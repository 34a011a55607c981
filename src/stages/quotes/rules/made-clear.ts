/**
 * Attribution rule `made-clear`: `made clear that`, `made the case that`: a light verb and its noun are the cue.
 */
import type { FrameRule } from './rule.js';
import { clauseEnd, relativeSubject } from '../reported.js';
import { classifyMention, isAnimate, subjectBefore } from '../mentions.js';
import { wordList } from '../lexicon.js';

const MADE_CLEAR_NOUNS = wordList('made-clear-nouns');
const MADE_CLEAR_LEADS = wordList('made-clear-leads');

export const madeClear: FrameRule = {
  id: 'made-clear',
  apply(s, start) {
    const { v, lo, hi, push } = s;
    let i = start;
    const l = v.lower[i]!;
    if (v.lemma[i] === 'make' && v.pos[i] === 'VERB' && !v.inQuote[i]) {
      let k = i + 1;
      if (v.lower[k] === 'it') k++;
      if (v.lower[k] === 'the' && MADE_CLEAR_NOUNS.has(v.lower[k + 1] ?? '')) k++;
      if ((v.lower[k] === 'clear' || MADE_CLEAR_NOUNS.has(v.lower[k] ?? '')) && MADE_CLEAR_LEADS.has(v.lower[k + 1] ?? '')) {
        const subj = relativeSubject(v, i, lo) ?? (() => { const r = subjectBefore(v, i, lo); return r ? classifyMention(v, r[0], r[1]) : null; })();
        if (subj && isAnimate(v, subj)) {
          const c = v.lower[k + 1] === 'that' ? k + 2 : k + 1;
          push({ cueFirst: i, cueLast: k, speaker: subj, contentFirst: c, contentLast: clauseEnd(v, c, hi), pattern: 'speaker-cue-content' });
          i = k;
          return i;
        }
      }
    }
    return null;
  },
};
