/** Kept lines -> `text` (paragraphs joined by a blank line) and paragraph spans. */
import type { DocumentRecord } from '../../schema.js';
import type { Line } from './clean.js';

export function assemble(kept: readonly Line[], titleLine: number | null): { text: string; paragraphs: DocumentRecord['paragraphs'] } {
  const paragraphs: DocumentRecord['paragraphs'] = [];
  let text = '';
  for (const l of kept) {
    if (text) text += '\n\n';
    paragraphs.push({ start: text.length, end: text.length + l.text.length, line: l.line, kind: l.line === titleLine ? 'title' : 'body' });
    text += l.text;
  }
  return { text, paragraphs };
}
