/**
 * Attribution rule `poll-phrase`: `In the new poll, C` / `In a survey released Monday, C`: the poll is the source.
 */
import type { FrameRule } from './rule.js';
import { clauseEnd, pollPhraseEnd } from '../reported.js';
import { classifyMention } from '../mentions.js';

export const pollPhrase: FrameRule = {
  id: 'poll-phrase',
  apply(s, start) {
    const { v, lo, hi, push } = s;
    let i = start;
    const l = v.lower[i]!;
    if (l === 'in' && !v.inQuote[i] && (i === lo || (i === lo + 1 && v.pos[lo] === 'CCONJ'))) {
      const comma = pollPhraseEnd(v, i + 1, hi);
      if (comma > 0 && comma + 3 <= hi) {
        const speaker = classifyMention(v, i + 1, comma - 1);
        push({ cueFirst: i, cueLast: i, speaker, contentFirst: comma + 1, contentLast: clauseEnd(v, comma + 1, hi), pattern: 'according-content' });
        i = comma;
        return i;
      }
    }
    return null;
  },
};
