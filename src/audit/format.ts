/** Terminal text for an audit result. Article text is made one-line and control-free before printing. */
import type { DocumentRecord, EntityRecord, QuoteRecord, StanceRecord } from '../schema.js';
import type { AuditItem, AuditResult } from './types.js';
import type { AuditSpan } from './context.js';

export interface FormatOptions {
  /** ANSI inverse for the surface (terminals); otherwise »…« brackets. */
  color: boolean;
}

/** Paragraph breaks as ¶, other whitespace runs as one space, control characters (ANSI escapes) as �. */
export function oneLine(s: string): string {
  return s
    .replace(/\s*\n\s*\n\s*/g, ' ¶ ')
    .replace(/\s+/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');
}

export function highlight(surface: string, color: boolean): string {
  return color ? `\x1b[7m${oneLine(surface)}\x1b[27m` : `»${oneLine(surface)}«`;
}

export function spanLine(s: AuditSpan, color: boolean): string {
  return `${s.clippedBefore ? '…' : ''}${oneLine(s.before)}${highlight(s.surface, color)}${oneLine(s.after)}${s.clippedAfter ? '…' : ''}`;
}

const where = (s: AuditSpan): string => `${s.start}-${s.end}, ${s.rawFile} line ${s.rawLine ?? '?'}`;
const num = (n: number): string => (Math.round(n * 100) / 100).toString();

function header(result: AuditResult, it: AuditItem): string[] {
  const r = it.record;
  switch (result.kind) {
    case 'document': {
      const d = r as DocumentRecord;
      const lines = [`document ${d.id}`];
      if (d.title) lines.push(`  title: ${oneLine(d.title)}`);
      if (d.author || d.published) lines.push(`  author: ${d.author ?? '-'}; published: ${d.published ?? '-'}`);
      lines.push(`  raw file: ${d.source.path} (${d.source.encoding}, ${d.source.bytes} bytes, sha256 ${d.source.sha256.slice(0, 12)}…)`);
      lines.push(`  ${d.text.length} characters, ${d.paragraphs.length} paragraphs, ${d.sentences.length} sentences, ${d.removed.length} raw lines removed`);
      if (d.duplicateOf) lines.push(`  duplicate of ${d.duplicateOf} (same body fingerprint ${d.fingerprint?.slice(0, 12) ?? '?'}…): its stances are counted once, in that document`);
      return lines;
    }
    case 'entity': {
      const e = r as EntityRecord;
      const lines = [`entity ${e.id} in ${e.docId}: ${e.name} (${e.type}), ${e.mentions.length} mention(s)`];
      if (e.titles.length) lines.push(`  titles: ${e.titles.join('; ')}`);
      if (e.country) lines.push(`  country: ${e.country}`);
      for (const m of e.mergedFrom ?? []) lines.push(`  merged from ${m.id} (${m.name}): ${m.reason}`);
      return lines;
    }
    case 'quote': {
      const q = r as QuoteRecord;
      const s = q.speaker;
      return [
        `quote ${q.id}: ${q.kind}, confidence ${num(q.confidence)}`,
        `  speaker: ${s.name ?? '(unknown)'}${s.entityId ? ` [${s.entityId}]` : ''}, ${s.resolution}${s.text ? ` via "${oneLine(s.text)}"` : ''}`,
        `  cue: ${q.cue ? `"${oneLine(q.cue.text)}"` : '(none)'}`,
      ];
    }
    case 'stance': {
      const s = r as StanceRecord;
      const holder = s.holder ? `${s.holder.name} [${s.holder.entityId}]` : 'the document (author)';
      const lines = [`stance of ${holder} in ${s.docId} on "${s.target}": ${s.label}, score ${num(s.score)}, ${s.evidence.length} evidence statement(s)`];
      if (s.duplicateOf) lines.push(`  ${s.docId} duplicates ${s.duplicateOf}: this record is not counted in actors.jsonl`);
      return lines;
    }
    default:
      return [];
  }
}

function body(result: AuditResult, it: AuditItem, color: boolean): string[] {
  const lines: string[] = [];
  if (result.kind === 'document') {
    const d = it.record as DocumentRecord;
    lines.push('  paragraphs (raw line: text):');
    for (const p of d.paragraphs) {
      const text = oneLine(d.text.slice(p.start, p.end));
      lines.push(`    ${String(p.line).padStart(4)}${p.kind === 'title' ? ' (title)' : ''}: ${text.length > 100 ? `${text.slice(0, 99)}…` : text}`);
    }
    for (const x of d.removed) lines.push(`    removed line ${x.line} (${x.reason}): ${oneLine(x.text).slice(0, 80)}`);
    const c = it.contents;
    if (c) {
      lines.push(`  entities: ${c.entities.length ? c.entities.join(', ') : '(none)'}`);
      lines.push(`  quotes: ${c.quotes.length ? c.quotes.join(', ') : '(none)'}`);
      lines.push(`  stances: ${c.stances.length ? c.stances.join(', ') : '(none)'}`);
    }
    return lines;
  }
  it.spans.forEach((s, i) => {
    const extra = [s.score !== undefined ? `score ${num(s.score)}` : '', s.quoteId ? `quote ${s.quoteId}` : ''].filter(Boolean).join(', ');
    lines.push(`  ${result.kind === 'stance' ? `${i + 1}.` : s.role} (${where(s)}${extra ? `; ${extra}` : ''})`);
    lines.push(`     ${spanLine(s, color)}`);
  });
  return lines;
}

export function formatResult(result: AuditResult, options: FormatOptions): string {
  const out: string[] = result.found ? [] : [result.message ?? `not found: ${result.id}`];
  for (const it of result.items) {
    if (out.length) out.push('');
    out.push(...header(result, it));
    out.push(`  from ${it.artifact} line ${it.artifactLine}${it.rawFile ? `; raw file ${it.rawFile}${it.rawLine ? ` line ${it.rawLine}` : ''}` : ''}`);
    out.push(...body(result, it, options.color));
    for (const n of it.notes) out.push(`  ! ${oneLine(n)}`);
  }
  for (const b of result.badLines) out.push(`  ! ${b.file} line ${b.line} skipped: ${b.message}`);
  return out.join('\n') + '\n';
}
