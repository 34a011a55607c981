/**
 * Attribution rule `reportedly`: `X has reportedly been chatting with him`: the clause is attributed, with no source phrase.
 */
import type { FrameRule } from './rule.js';
import { clauseEnd } from '../reported.js';
import { subjectBefore } from '../mentions.js';

export const reportedly: FrameRule = {
  id: 'reportedly',
  apply(s, start) {
    const { v, lo, hi, push } = s;
    let i = start;
    const l = v.lower[i]!;
    if ((l === 'reportedly' || l === 'allegedly') && !v.inQuote[i]) {
      const subj = subjectBefore(v, i, lo);
      const first = subj ? subj[0] : i + 1;
      const last = clauseEnd(v, i + 1, hi);
      if (last > i + 1) push({ cueFirst: i, cueLast: i, speaker: null, contentFirst: first, contentLast: last, pattern: 'sourceless' });
      return i;
    }
    return null;
  },
};
