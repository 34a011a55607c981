/**
 * Attribution rule `stance-noun`: Possessive stance noun: `Her position was (based on the view) that C`.
 */
import type { FrameRule } from './rule.js';
import { clauseEnd } from '../reported.js';
import { STANCE_NOUNS } from '../cues.js';
import { classifyMention } from '../mentions.js';
import { wordList } from '../lexicon.js';

const STANCE_NOUN_POSSESSIVES = wordList('stance-noun-possessives');

export const stanceNoun: FrameRule = {
  id: 'stance-noun',
  apply(s, start) {
    const { v, lo, hi, push } = s;
    let i = start;
    const l = v.lower[i]!;
    if (STANCE_NOUNS.has(l) && i > lo && STANCE_NOUN_POSSESSIVES.has(v.lower[i - 1]!) && !v.inQuote[i]) {
      for (let k = i + 1; k <= Math.min(hi, i + 10); k++) {
        if (v.lower[k] === 'that') {
          const speaker = classifyMention(v, i - 1, i - 1);
          push({ cueFirst: i - 1 + 1, cueLast: k - 1, speaker, contentFirst: k + 1, contentLast: clauseEnd(v, k + 1, hi), pattern: 'stance-noun' });
          break;
        }
        if (v.pos[k] === 'PUNCT') break;
      }
      return i;
    }
    return null;
  },
};
