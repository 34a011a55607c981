/** Finding records by id in the artifact files, one streamed pass per file. */
import path from 'node:path';
import type { Diagnostic } from '../diagnostic.js';
import { ARTIFACTS, type ArtifactName, type DocumentRecord, type EntityRecord, type QuoteRecord, type StanceRecord } from '../schema.js';
import { mentionsAny, scanJsonl, type ScannedLine } from './stream.js';

export interface Found<T> extends ScannedLine<T> {
  file: string;
}

export class ArtifactReader {
  /** Artifact lines skipped while looking (`file` is the artifact's file name). */
  readonly badLines: Diagnostic[] = [];
  constructor(readonly outputDir: string) {}

  fileOf(artifact: ArtifactName): string {
    return path.join(this.outputDir, ARTIFACTS[artifact].file);
  }

  /** Every record of `artifact` whose line mentions one of `keys` and that passes `match`. */
  async find<T>(artifact: ArtifactName, keys: string[], match: (r: T) => boolean, enough?: (found: Array<Found<T>>) => boolean): Promise<Array<Found<T>>> {
    const file = ARTIFACTS[artifact].file;
    const out: Array<Found<T>> = [];
    const scan = scanJsonl<T>(this.fileOf(artifact), {
      where: mentionsAny(...keys),
      schema: ARTIFACTS[artifact].schema as never,
      onBadLine: (bad) => this.badLines.push({ ...bad, source: 'audit', file }),
    });
    for await (const hit of scan) {
      if (!match(hit.value)) continue;
      out.push({ ...hit, file });
      if (enough?.(out)) break; // the generator's finally closes the file
    }
    return out;
  }

  /** The documents with these ids, in one pass (documents.jsonl ids are unique). */
  async documents(ids: Iterable<string>): Promise<Map<string, Found<DocumentRecord>>> {
    const wanted = new Set(ids);
    const found = new Map<string, Found<DocumentRecord>>();
    if (wanted.size === 0) return found;
    const hits = await this.find<DocumentRecord>('documents', [...wanted], (d) => wanted.has(d.id), (out) => new Set(out.map((h) => h.value.id)).size >= wanted.size);
    for (const hit of hits) {
      if (!found.has(hit.value.id)) found.set(hit.value.id, hit);
    }
    return found;
  }

  entities(entityId: string, docId?: string): Promise<Array<Found<EntityRecord>>> {
    return this.find<EntityRecord>('entities', [entityId], (e) => e.id === entityId && (docId === undefined || e.docId === docId));
  }

  quotes(quoteId: string): Promise<Array<Found<QuoteRecord>>> {
    return this.find<QuoteRecord>('quotes', [quoteId], (q) => q.id === quoteId);
  }

  stances(docId: string, entityId: string | null): Promise<Array<Found<StanceRecord>>> {
    return this.find<StanceRecord>('stances', [docId], (s) => s.docId === docId && (entityId === null ? s.holder === null : s.holder?.entityId === entityId));
  }

  /** Audit ids of everything recorded for one document (for drilling down from a document). */
  async contentsOf(docId: string): Promise<{ entities: string[]; quotes: string[]; stances: string[] }> {
    const entities = await this.find<EntityRecord>('entities', [docId], (e) => e.docId === docId);
    const quotes = await this.find<QuoteRecord>('quotes', [docId], (q) => q.docId === docId);
    const stances = await this.find<StanceRecord>('stances', [docId], (s) => s.docId === docId);
    return {
      entities: entities.map((e) => `${docId}#${e.value.id}`),
      quotes: quotes.map((q) => q.value.id),
      stances: stances.map((s) => `${docId}@${s.value.holder?.entityId ?? 'document'}`),
    };
  }
}
