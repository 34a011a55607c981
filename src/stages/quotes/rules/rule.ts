/**
 * The shape of an attribution rule: one pattern of the sentence scan in reported.ts
 * (framesOfSentence), one module each under src/stages/quotes/rules/. A rule looks at token `start`
 * of a sentence and either does not apply (null) or handles it, pushing zero or more frames, and
 * returns the token the scan goes on after.
 */
import type { DocView } from '../../../nlp/doc-view.js';
import type { Mention } from '../mentions.js';
import type { Frame } from '../reported.js';

export interface SentenceScan {
  v: DocView;
  /** The sentence's token range, inclusive. */
  lo: number;
  hi: number;
  /** Add a frame of this sentence (`pattern` is the frame's rule id). */
  push: (f: Omit<Frame, 'sentence'>) => void;
  /** The subject of the sentence's last verbal frame (participles and coordinated verbs share it). */
  lastSubject: Mention | null;
}

export interface FrameRule {
  /** Rule id (the patterns it emits are listed in its module). */
  id: string;
  /** Handle token `start`: the token the scan continues after, or null when the rule does not apply. */
  apply(scan: SentenceScan, start: number): number | null;
}
