/**
 * Attribution rule `light-verb`: `made no mention of X`, `took aim at X`, `voiced concern that C`: a light verb and its noun.
 */
import type { FrameRule } from './rule.js';
import { clauseEnd, isSourceLike, lightVerbCue, relativeSubject, subjectAcrossAdverbs } from '../reported.js';
import { classifyMention, subjectBefore } from '../mentions.js';

export const lightVerb: FrameRule = {
  id: 'light-verb',
  apply(s, start) {
    const { v, lo, hi, push } = s;
    let i = start;
    const l = v.lower[i]!;
    const light = lightVerbCue(v, i, hi);
    if (light) {
      const subj = relativeSubject(v, i, lo) ?? (() => { const r = subjectBefore(v, i, lo) ?? subjectAcrossAdverbs(v, i, lo); return r ? classifyMention(v, r[0], r[1]) : null; })();
      if (subj && isSourceLike(v, subj)) {
        push({ cueFirst: i, cueLast: light.cueLast, speaker: subj, contentFirst: light.content, contentLast: clauseEnd(v, light.content, hi), pattern: 'speaker-cue-content' });
        i = light.cueLast;
        return i;
      }
    }
    return null;
  },
};
