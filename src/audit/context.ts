/** A span of a document seen in context, with the raw file and line it came from. */
import type { DocumentRecord } from '../schema.js';

export type SpanRole = 'mention' | 'quote' | 'cue' | 'speaker' | 'evidence';

export interface AuditSpan {
  role: SpanRole;
  docId: string;
  start: number;
  end: number;
  /** The surface as the record states it. */
  text: string;
  /** `text.slice(start, end)` of the document; differs from `text` only when the record is wrong. */
  surface: string;
  matches: boolean;
  /** Context each side: up to N characters, inside the span's paragraph(s), cut at word boundaries. */
  before: string;
  after: string;
  /** The context stops short of the paragraph edge (shown as … in text output). */
  clippedBefore: boolean;
  clippedAfter: boolean;
  /** Raw file, relative to the input folder (documents' `source.path`). */
  rawFile: string;
  /** 1-based line of the raw file holding `start`, or null when the document has no paragraph spans. */
  rawLine: number | null;
  score?: number;
  quoteId?: string;
}

export const DEFAULT_CONTEXT = 60;

/** Index of the paragraph holding `offset` (an offset between paragraphs belongs to the one before). */
function paragraphAt(doc: DocumentRecord, offset: number): number {
  let found = -1;
  for (let i = 0; i < doc.paragraphs.length; i++) {
    if (doc.paragraphs[i]!.start <= offset) found = i;
    else break;
  }
  return found;
}

/** The raw line of `offset`: its paragraph's line, plus line breaks kept inside the paragraph. */
export function rawLineOf(doc: DocumentRecord, offset: number): number | null {
  const i = paragraphAt(doc, offset);
  if (i < 0) return doc.paragraphs[0]?.line ?? null;
  const p = doc.paragraphs[i]!;
  const inside = doc.text.slice(p.start, Math.min(offset, p.end));
  return p.line + (inside.match(/\n/g)?.length ?? 0);
}

const isSpace = (c: string | undefined): boolean => c === undefined || /\s/.test(c);
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

export function spanInContext(
  doc: DocumentRecord,
  span: { start: number; end: number; text: string },
  role: SpanRole,
  contextChars: number = DEFAULT_CONTEXT,
): AuditSpan {
  const { text } = doc;
  const start = Math.max(0, Math.min(span.start, text.length));
  const end = Math.max(start, Math.min(span.end, text.length));
  const first = doc.paragraphs[paragraphAt(doc, start)];
  const last = doc.paragraphs[paragraphAt(doc, Math.max(start, end - 1))];
  const lo = first ? first.start : 0;
  const hi = last ? Math.max(last.end, end) : text.length;

  let from = Math.max(lo, start - contextChars);
  // Never start inside a word (or a surrogate pair): move forward to the next word.
  if (from > lo && !isSpace(text[from - 1])) {
    while (from < start && !isSpace(text[from])) from++;
  }
  while (from < start && isSpace(text[from])) from++;
  if (from < text.length && isLowSurrogate(text.charCodeAt(from))) from++;

  let to = Math.min(hi, end + contextChars);
  if (to < hi && !isSpace(text[to])) {
    while (to > end && !isSpace(text[to - 1])) to--;
  }
  while (to > end && isSpace(text[to - 1])) to--;
  if (to > 0 && to < text.length && isLowSurrogate(text.charCodeAt(to))) to--;

  const surface = text.slice(span.start, span.end);
  return {
    role,
    docId: doc.id,
    start: span.start,
    end: span.end,
    text: span.text,
    surface,
    matches: surface === span.text,
    before: text.slice(from, start),
    after: text.slice(end, to),
    clippedBefore: from > lo,
    clippedAfter: to < hi,
    rawFile: doc.source.path,
    rawLine: rawLineOf(doc, span.start),
  };
}
