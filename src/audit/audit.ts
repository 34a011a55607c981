/**
 * `newsstance audit <id>`: one record of the output traced back to its words: the record, each of
 * its spans in context with the surface highlighted, and the raw file and line it came from.
 * Id forms are listed in ./ids.ts. Artifacts are streamed, never loaded whole.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DocumentRecord, EntityRecord, QuoteRecord, StanceRecord } from '../schema.js';
import { DEFAULT_CONTEXT, rawLineOf, spanInContext, type AuditSpan } from './context.js';
import { formatResult } from './format.js';
import { parseAuditId, type AuditTarget } from './ids.js';
import type { AuditItem, AuditOptions, AuditResult } from './types.js';
import { ArtifactReader, type Found } from './lookup.js';

type Span = { start: number; end: number; text: string };

function item(
  docs: Map<string, Found<DocumentRecord>>,
  hit: Found<unknown>,
  docId: string,
  spans: Array<{ span: Span; role: AuditSpan['role']; extra?: Partial<AuditSpan> }>,
  context: number,
): AuditItem {
  const doc = docs.get(docId)?.value;
  const notes: string[] = [];
  if (!doc) notes.push(`document ${docId} is not in documents.jsonl: spans cannot be shown`);
  const views = doc ? spans.map(({ span, role, extra }) => ({ ...spanInContext(doc, span, role, context), ...extra })) : [];
  for (const v of views) {
    if (!v.matches) notes.push(`${v.role} ${v.start}-${v.end}: record says ${JSON.stringify(v.text)} but the document has ${JSON.stringify(v.surface)}`);
  }
  const first = views[0];
  return {
    docId,
    artifact: hit.file,
    artifactLine: hit.line,
    record: hit.value,
    rawFile: doc?.source.path ?? null,
    rawLine: first?.rawLine ?? null,
    spans: views,
    notes,
  };
}

async function auditTarget(reader: ArtifactReader, target: AuditTarget, context: number): Promise<AuditItem[]> {
  switch (target.kind) {
    case 'document': {
      const doc = (await reader.documents([target.docId])).get(target.docId);
      if (!doc) return [];
      const d = doc.value;
      return [
        {
          docId: d.id,
          artifact: doc.file,
          artifactLine: doc.line,
          record: d,
          rawFile: d.source.path,
          rawLine: d.paragraphs.length ? rawLineOf(d, 0) : null,
          spans: [],
          contents: await reader.contentsOf(d.id),
          notes: d.warnings.map((w) => `warning: ${w}`),
        },
      ];
    }
    case 'entity': {
      const hits = await reader.entities(target.entityId, target.docId);
      const docs = await reader.documents(hits.map((h) => h.value.docId));
      return hits.map((h: Found<EntityRecord>) => item(docs, h, h.value.docId, h.value.mentions.map((m) => ({ span: m, role: 'mention' as const })), context));
    }
    case 'quote': {
      const hits = await reader.quotes(target.quoteId);
      const docs = await reader.documents(hits.map((h) => h.value.docId));
      return hits.map((h: Found<QuoteRecord>) => {
        const q = h.value;
        const spans: Array<{ span: Span; role: AuditSpan['role'] }> = [{ span: q, role: 'quote' }];
        if (q.cue) spans.push({ span: q.cue, role: 'cue' });
        const s = q.speaker;
        if (s.start !== null && s.end !== null && s.text !== null) spans.push({ span: { start: s.start, end: s.end, text: s.text }, role: 'speaker' });
        return item(docs, h, q.docId, spans, context);
      });
    }
    case 'stance': {
      const hits = await reader.stances(target.docId, target.entityId);
      const docs = await reader.documents(hits.map((h) => h.value.docId));
      return hits.map((h: Found<StanceRecord>) =>
        item(
          docs,
          h,
          h.value.docId,
          h.value.evidence.map((e) => ({ span: e, role: 'evidence' as const, extra: { score: e.score, ...(e.quoteId ? { quoteId: e.quoteId } : {}) } })),
          context,
        ),
      );
    }
  }
}

/** Look an id up and return everything found about it (the `--json` shape). */
export async function auditRecords(id: string, outputDir: string, context: number = DEFAULT_CONTEXT): Promise<AuditResult> {
  const reader = new ArtifactReader(outputDir);
  if (!existsSync(path.join(outputDir, 'documents.jsonl'))) {
    return { id, found: false, kind: null, items: [], badLines: [], message: `no documents.jsonl in ${outputDir}: run the pipeline first` };
  }
  for (const target of parseAuditId(id)) {
    const items = await auditTarget(reader, target, context);
    if (items.length) return { id, found: true, kind: target.kind, items, badLines: reader.badLines };
  }
  let message =
    `nothing in ${outputDir} has the id "${id}". Ids look like: <docId> (a document), TYPE:slug (an entity), ` +
    `<docId>#TYPE:slug (an entity in one document), <docId>#q3 (a quote), <docId>@TYPE:slug or <docId>@document (a stance)`;
  // When the id names a part of an existing document, say what that document does have.
  const part = parseAuditId(id).find((t) => t.kind !== 'document' && t.docId !== undefined && t.docId !== id);
  if (part && part.docId !== undefined && (await reader.documents([part.docId])).has(part.docId)) {
    const c = await reader.contentsOf(part.docId);
    const have = part.kind === 'stance' ? c.stances : part.kind === 'quote' ? c.quotes : c.entities;
    message += `\ndocument ${part.docId} has no such ${part.kind}; its ${part.kind === 'entity' ? 'entities' : `${part.kind}s`}: ${have.join(', ') || '(none)'}`;
  }
  return { id, found: false, kind: null, items: [], badLines: reader.badLines, message };
}

export async function audit(id: string, outputDir: string, options: AuditOptions): Promise<{ found: boolean; text: string }> {
  const result = await auditRecords(id, outputDir, options.context ?? DEFAULT_CONTEXT);
  if (options.json) return { found: result.found, text: JSON.stringify(result, null, 2) + '\n' };
  const color = options.color ?? (Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
  return { found: result.found, text: formatResult(result, { color }) };
}
