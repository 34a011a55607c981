/**
 * Attribution rule `according`: According to (a statement by) X, C  /  C, according to X.
 */
import type { FrameRule } from './rule.js';
import { clauseEnd } from '../reported.js';
import { classifyMention, npStartingAt } from '../mentions.js';

export const according: FrameRule = {
  id: 'according',
  apply(s, start) {
    const { v, lo, hi, push } = s;
    let i = start;
    const l = v.lower[i]!;
    if (l === 'according' && v.lower[i + 1] === 'to' && !v.inQuote[i]) {
      let s = i + 2;
      const afterTo = s;
      // `a statement by`, `a report from`, `reports in`
      for (let k = s; k <= Math.min(hi, s + 4); k++) {
        if (v.lower[k] === 'by' || v.lower[k] === 'from') {
          s = k + 1;
          break;
        }
      }
      let np = npStartingAt(v, s, hi);
      if (!np) return i;
      // The source runs to the comma or the end of the sentence (`according to reports he filed as
      // a lobbyist, ...`): PolNeAR takes the whole phrase.
      for (let k = np[1] + 1; k <= hi && k - s < 20; k++) {
        const w = v.word[k]!;
        if (w === ',' || w === ';' || w === ':' || /^[.!?]+$/.test(w) || v.inQuote[k] || w === '—' || w === '(') {
          np = [np[0], k - 1];
          break;
        }
        if (k === hi) np = [np[0], k];
      }
      const npLast = np[1];
      // Allow `X, the ...,` appositive after the source before the content.
      const cueLast = s - 1 >= afterTo ? s - 1 : i + 1;
      const speaker = classifyMention(v, np[0], npLast);
      if (i > lo + 1 && (v.word[i - 1] === ',' || npLast >= hi - 1)) {
        // `C, according to X` / `C according to X.` / `That's according to X`
        const cl = v.word[i - 1] === ',' ? i - 2 : i - 1;
        push({ cueFirst: i, cueLast, speaker, contentFirst: lo, contentLast: cl, pattern: 'content-according' });
      } else {
        let c = npLast + 1;
        let source = speaker;
        if (v.word[c] === ',') {
          c++;
          // `According to X, an economist at Y, C` / `According to its chief executive, Jane Roe, C`:
          // an appositive (no verb, closed by a comma) is not the content; a name there, after a
          // role phrase, is the source.
          let k = c;
          while (k <= hi && k - c < 14 && v.word[k] !== ',' && v.pos[k] !== 'VERB' && v.pos[k] !== 'AUX' && !/^[.!?;:]+$/.test(v.word[k]!) && !v.inQuote[k]) k++;
          if (k > c && k + 1 <= hi && v.word[k] === ',') {
            const appositive = classifyMention(v, c, k - 1);
            if (speaker.kind !== 'name' && appositive.kind === 'name') source = appositive;
            c = k + 1;
          }
        }
        push({ cueFirst: i, cueLast, speaker: source, contentFirst: c, contentLast: clauseEnd(v, c, hi), pattern: 'according-content' });
      }
      i = npLast;
      return i;
    }
    return null;
  },
};
