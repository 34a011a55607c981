import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { quotesOf } from '../quotes/helpers.js';
import { makeView } from '../../src/stages/quotes/doc.js';
import { findQuoteSpans } from '../../src/stages/quotes/direct.js';
it('dbg2', () => {
  const text = readFileSync(process.env.DBG_FILE!, 'utf8');
  const { document, tokens } = quotesOf(text, 'dbg');
  const v = makeView(document, tokens);
  for (const [a, b] of v.sentences) console.log('S', JSON.stringify(v.text.slice(v.start[a], v.end[b])));
  for (const q of findQuoteSpans(v.text, document.paragraphs)) console.log('Q', JSON.stringify(v.text.slice(q.open, q.close)), q.unterminated, q.continuation);
});
import { adjacentFrame } from '../../src/stages/quotes/frames.js';
import { findFrames } from '../../src/stages/quotes/reported.js';
import { tokenAt } from '../../src/stages/quotes/doc.js';
it('dbg3', () => {
  const text = readFileSync(process.env.DBG_FILE!, 'utf8');
  const { document, tokens } = quotesOf(text, 'dbg');
  const v = makeView(document, tokens);
  const quotes = findQuoteSpans(v.text, document.paragraphs);
  for (const q of quotes) for (let t = tokenAt(v, q.start); t < v.start.length && v.start[t]! < q.end; t++) v.inQuote[t] = 1;
  for (const q of quotes) { const f = adjacentFrame(v, q); console.log('F', f?.pattern, f && v.word.slice(f.cueFirst, f.cueLast + 1).join(' ')); }
  for (const f of findFrames(v)) console.log('FR', f.pattern, v.word.slice(f.cueFirst, f.cueLast + 1).join(' '), '|', v.word.slice(f.contentFirst, f.contentLast + 1).join(' '));
});
