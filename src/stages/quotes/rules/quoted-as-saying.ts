/**
 * Attribution rule `quoted-as-saying`: `X quoted Y as saying: C` and `X has been quoted as saying: C`.
 */
import type { FrameRule } from './rule.js';
import { clauseEnd } from '../reported.js';
import { classifyMention, npStartingAt, subjectBefore } from '../mentions.js';

export const quotedAsSaying: FrameRule = {
  id: 'quoted-as-saying',
  apply(s, start) {
    const { v, lo, hi, push } = s;
    let i = start;
    const l = v.lower[i]!;
    if ((l === 'quoted' || l === 'quotes') && !v.inQuote[i]) {
      let k = i + 1;
      let object: [number, number] | null = null;
      if (v.lower[k] !== 'as') {
        object = npStartingAt(v, k, hi);
        if (object) k = object[1] + 1;
      }
      // `quoted X telling activists ... that C`: no `as`.
      const bare = object !== null && (v.lower[k] === 'saying' || v.lower[k] === 'telling');
      if ((v.lower[k] === 'as' && (v.lower[k + 1] === 'saying' || v.lower[k + 1] === 'telling')) || bare) {
        const cueLast = bare ? k : k + 1;
        let c = cueLast + 1;
        if (v.lower[cueLast] === 'telling') {
          for (let j = c; j <= Math.min(hi, c + 15); j++) {
            if (v.lower[j] === 'that' || v.word[j] === ':') {
              c = j + 1;
              break;
            }
            if (v.inQuote[j] || /^[.!?;]+$/.test(v.word[j]!)) break;
          }
        }
        while (c <= hi && (v.word[c] === ',' || v.word[c] === ':' || v.lower[c] === 'that')) c++;
        const sourceRange = object ?? subjectBefore(v, i, lo);
        const speaker = sourceRange ? classifyMention(v, sourceRange[0], sourceRange[1]) : null;
        push({ cueFirst: object ? i : i, cueLast, speaker, contentFirst: c, contentLast: clauseEnd(v, c, hi), pattern: object ? 'quoted-as-saying' : 'been-quoted' });
        i = cueLast;
        return i;
      }
    }
    return null;
  },
};
