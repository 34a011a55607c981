/**
 * Attribution rule `speaker-colon`: `Ana Ruiz: the plan will fail` (headlines, interview digests): a name, a colon, the report.
 */
import type { FrameRule } from './rule.js';
import { clauseEnd, isHeadlineSource, isPlaceLike } from '../reported.js';
import { classifyMention, npStartingAt } from '../mentions.js';

export const speakerColon: FrameRule = {
  id: 'speaker-colon',
  apply(s, start) {
    const { v, lo, hi, push } = s;
    let i = start;
    const l = v.lower[i]!;
    if (i === lo && !v.inQuote[i]) {
      const np = npStartingAt(v, lo, hi);
      if (np && v.word[np[1] + 1] === ':' && np[1] + 3 <= hi && !v.inQuote[np[1] + 2]) {
        const m = classifyMention(v, np[0], np[1]);
        // A full name (two words at least); single words are labels (`Breaking:`, `Q:`, `Iowa:`).
        if ((m.kind === 'name' && m.nameType === 'person' && m.nameFirst !== undefined && m.nameLast !== undefined && m.nameLast > m.nameFirst && !isPlaceLike(v, m.nameFirst)) || isHeadlineSource(v, m, lo, hi)) {
          push({ cueFirst: np[1] + 1, cueLast: np[1] + 1, speaker: m, contentFirst: np[1] + 2, contentLast: clauseEnd(v, np[1] + 2, hi), pattern: 'speaker-colon' });
          i = np[1] + 1;
          return i;
        }
      }
    }
    return null;
  },
};
