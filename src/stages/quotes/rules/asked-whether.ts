/**
 * Attribution rule `asked-whether`: `Asked whether X, Y said`: the question is attributed, with no source phrase of its own.
 */
import type { FrameRule } from './rule.js';
import { ASKED_NEXT } from '../reported.js';

export const askedWhether: FrameRule = {
  id: 'asked-whether',
  apply(s, start) {
    const { v, lo, hi, push } = s;
    let i = start;
    const l = v.lower[i]!;
    if (l === 'asked' && !v.inQuote[i] && (i === lo || (i === lo + 1 && (v.lower[lo] === 'when' || v.lower[lo] === 'after'))) && ASKED_NEXT.has(v.lower[i + 1] ?? '')) {
      let e = i + 1;
      while (e + 1 <= hi && v.word[e + 1] !== ',' && !/^[.!?;]+$/.test(v.word[e + 1]!)) e++;
      if (e > i + 1) push({ cueFirst: i, cueLast: i, speaker: null, contentFirst: i + 1, contentLast: e, pattern: 'sourceless' });
      i = e;
      return i;
    }
    return null;
  },
};
