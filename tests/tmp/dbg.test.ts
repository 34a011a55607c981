import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { quotesOf } from '../quotes/helpers.js';
it('dbg', () => {
  const text = readFileSync(process.env.DBG_FILE!, 'utf8');
  const { quotes } = quotesOf(text, 'dbg');
  for (const q of quotes) console.log('REC',q.kind, q.start, q.rule, q.act, q.confidence, q.cue?.text, '->', q.speaker.name, '(', q.speaker.text, q.speaker.resolution, ')', q.text.slice(0, 60));
});
