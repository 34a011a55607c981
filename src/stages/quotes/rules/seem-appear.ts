/**
 * Attribution rule `seem-appear`: `X seemed to V`, `X appears ready`: an attitude ascribed without a source phrase.
 */
import type { FrameRule } from './rule.js';
import { clauseEnd } from '../reported.js';
import { subjectBefore } from '../mentions.js';

export const seemAppear: FrameRule = {
  id: 'seem-appear',
  apply(s, start) {
    const { v, lo, hi, push } = s;
    let i = start;
    const l = v.lower[i]!;
    if ((v.lemma[i] === 'seem' || v.lemma[i] === 'appear') && v.pos[i] === 'VERB' && !v.inQuote[i] && (v.lower[i + 1] === 'to' || v.pos[i + 1] === 'ADJ')) {
      const subj = subjectBefore(v, i, lo);
      if (subj) push({ cueFirst: i, cueLast: i, speaker: null, contentFirst: subj[0], contentLast: clauseEnd(v, i + 1, hi), pattern: 'sourceless' });
      return i;
    }
    return null;
  },
};
