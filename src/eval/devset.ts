/**
 * Running a dev set (CoNLL-2003, PolNeAR, GWSD) through the pipeline and mapping its gold offsets
 * (into the original text) onto the normalized text the pipeline's offsets refer to.
 *
 * Dev sets are read from ../shared/eval (or NEWSSTANCE_EVAL_DIR) and never copied into the repo;
 * when a file is absent, the evaluator reports itself skipped.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig, type PipelineConfigInput, type PipelineConfig } from '../config.js';
import { readJsonl } from '../io/jsonl.js';
import { runInProcess, rawInputFromText, type InProcessResult } from '../pipeline/inprocess.js';
import type { Stage } from '../pipeline/stage.js';
import type { DocumentRecord } from '../schema.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where dev sets live: $NEWSSTANCE_EVAL_DIR, else ../shared/eval beside the project. */
export function devsetDir(): string {
  return process.env.NEWSSTANCE_EVAL_DIR ?? path.resolve(projectRoot, '..', 'shared', 'eval');
}

/** Path of a dev set file, or null when it is absent. */
export function devsetFile(name: string): string | null {
  const file = path.join(devsetDir(), name);
  return existsSync(file) ? file : null;
}

export async function readDevset<T>(file: string, limit = Infinity): Promise<T[]> {
  const out: T[] = [];
  for await (const record of readJsonl<T>(file)) {
    out.push(record);
    if (out.length >= limit) break;
  }
  return out;
}

/** Config for clean evaluation text: no chrome removal, no metadata guessing. */
export function devsetConfig(overrides: Partial<PipelineConfigInput> = {}): PipelineConfig {
  return parseConfig({
    proposal: { name: 'evaluation target' },
    ...overrides,
    stages: {
      ...(overrides.stages ?? {}),
      normalize: { removeChrome: false, detectMetadata: false, ...(overrides.stages?.normalize ?? {}) },
    },
  });
}

/**
 * Maps offsets of an original text onto a normalized document. Relies on the normalize
 * contract for clean text: each non-blank raw line becomes one paragraph (line numbers kept),
 * its characters kept in place apart from leading/trailing whitespace.
 */
export class OffsetMapper {
  private readonly lineStarts: number[] = [0];
  private readonly paragraphByLine = new Map<number, { start: number; end: number; lead: number }>();

  constructor(
    private readonly original: string,
    private readonly document: DocumentRecord,
  ) {
    for (let i = 0; i < original.length; i++) if (original[i] === '\n') this.lineStarts.push(i + 1);
    for (const p of document.paragraphs) {
      const lineStart = this.lineStarts[p.line - 1] ?? 0;
      const lineEnd = (this.lineStarts[p.line] ?? original.length + 1) - 1;
      const rawLine = original.slice(lineStart, lineEnd);
      // Leading whitespace and invisible characters are trimmed by normalize; inside the line,
      // characters keep their columns (odd spaces become one plain space each).
      const lead = rawLine.length - rawLine.replace(/^[\s\u200b-\u200d\u2060\u00ad\ufeff]+/, '').length;
      this.paragraphByLine.set(p.line, { start: p.start, end: p.end, lead });
    }
  }

  /** Normalized offset of original offset `offset`, or null when its line was not kept. */
  map(offset: number): number | null {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const para = this.paragraphByLine.get(lo + 1);
    if (!para) return null;
    const col = offset - this.lineStarts[lo]! - para.lead;
    return Math.min(para.end, Math.max(para.start, para.start + col));
  }

  /** Map a span; null unless the mapped surface equals the original surface. */
  mapSpan(start: number, end: number): { start: number; end: number } | null {
    const s = this.map(start);
    const e = end > start ? this.map(end - 1) : s;
    if (s === null || e === null) return null;
    const span = { start: s, end: end > start ? e + 1 : s };
    return this.document.text.slice(span.start, span.end) === this.original.slice(start, end) ? span : null;
  }
}

export interface DevsetRun {
  result: InProcessResult;
  documents: Map<string, DocumentRecord>;
  mapper(docId: string): OffsetMapper | undefined;
}

/** Run dev set texts through the pipeline (in process) and keep a mapper per document. */
export function runDevset(docs: Array<{ id: string; text: string }>, config: PipelineConfig, stages: readonly Stage[]): DevsetRun {
  const result = runInProcess(
    docs.map((d) => rawInputFromText(d.id, d.text)),
    config,
    stages,
  );
  const documents = new Map<string, DocumentRecord>();
  for (const d of (result.artifacts.documents ?? []) as DocumentRecord[]) documents.set(d.id, d);
  const originals = new Map(docs.map((d) => [d.id, d.text]));
  const mappers = new Map<string, OffsetMapper>();
  return {
    result,
    documents,
    mapper(docId) {
      if (!mappers.has(docId)) {
        const doc = documents.get(docId);
        const original = originals.get(docId);
        if (!doc || original === undefined) return undefined;
        mappers.set(docId, new OffsetMapper(original, doc));
      }
      return mappers.get(docId);
    },
  };
}
