/**
 * Attribution rule `as-stated-by`: `as stated by X`
 */
import type { FrameRule } from './rule.js';
import { clauseEnd } from '../reported.js';
import { classifyMention, npStartingAt } from '../mentions.js';
import { wordList } from '../lexicon.js';

const AS_BY_CUES = wordList('as-by-cues');

export const asStatedBy: FrameRule = {
  id: 'as-stated-by',
  apply(s, start) {
    const { v, lo, hi, push } = s;
    let i = start;
    const l = v.lower[i]!;
    if (AS_BY_CUES.has(l) && v.lower[i - 1] === 'as' && v.lower[i + 1] === 'by' && !v.inQuote[i]) {
      const np = npStartingAt(v, i + 2, hi);
      if (np) {
        const speaker = classifyMention(v, np[0], np[1]);
        // Content: the quote or clause right after, else before.
        let c = np[1] + 1;
        while (c <= hi && (v.word[c] === ',' || v.word[c] === ':')) c++;
        if (c <= hi && c + 1 <= hi) push({ cueFirst: i - 1, cueLast: i + 1, speaker, contentFirst: c, contentLast: clauseEnd(v, c, hi), pattern: 'as-stated-by' });
        else push({ cueFirst: i - 1, cueLast: i + 1, speaker, contentFirst: lo, contentLast: i - 2, pattern: 'as-stated-by' });
        i = np[1];
        return i;
      }
    }
    return null;
  },
};
