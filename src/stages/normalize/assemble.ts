/** Kept lines -> `text` (paragraphs joined by a blank line) and paragraph spans. */
import type { DocumentRecord } from '../../schema.js';
import type { Line } from './clean.js';

/**
 * `continuations` (lines of a hard-wrapped paragraph after its first) are appended to the
 * paragraph above with one space (none after a hyphen, which keeps "well-known" whole); the
 * paragraph keeps the first line's number. `cuts` (raw line -> kept part of its `text`) take a
 * wire dateline or a headline's site suffix out of a line.
 */
export function assemble(
  kept: readonly Line[],
  titleLine: number | null,
  continuations: ReadonlySet<number> = new Set(),
  cuts: ReadonlyMap<number, { start: number; end: number }> = new Map(),
): { text: string; paragraphs: DocumentRecord['paragraphs'] } {
  const paragraphs: DocumentRecord['paragraphs'] = [];
  let text = '';
  let previous: Line | undefined;
  for (const line of kept) {
    const cut = cuts.get(line.line);
    const l = cut ? { ...line, text: line.text.slice(cut.start, cut.end).trim() } : line;
    const last = paragraphs[paragraphs.length - 1];
    if (last && previous && continuations.has(l.line) && previous.line === l.line - 1) {
      text += (/\p{L}-$/u.test(previous.text) ? '' : ' ') + l.text;
      last.end = text.length;
    } else {
      if (text) text += '\n\n';
      paragraphs.push({ start: text.length, end: text.length + l.text.length, line: l.line, kind: l.line === titleLine ? 'title' : 'body' });
      text += l.text;
    }
    previous = l;
  }
  return { text, paragraphs };
}
