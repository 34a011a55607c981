/**
 * What kind of act a quote record reports (`act`): `speech` (words said or written), `thought`
 * (belief, expectation), `intention` (plans, wishes), `action` (deeds reported like attributions:
 * `backs`, `unveils`), `state` (ascribed without a speaker: `appears`, `is expected`), `question`
 * (`Asked whether ...`: the question put, not the answer) and `headline` (a title line, not someone's
 * words). Users keep speech only with `act === 'speech'`; PolNeAR counts beliefs and intentions too,
 * so they stay, labelled. Cue lemma lists: src/data/quotes/act-*.txt.
 */
import { tokenAt, type DocView } from '../../nlp/doc-view.js';
import type { Frame } from './reported.js';
import { wordList } from './lexicon.js';

export type Act = 'speech' | 'thought' | 'intention' | 'action' | 'state' | 'question' | 'headline';

/** Lemma forms of a cue token: the tagger's lemma, the lower-cased surface, and that without -s/-ed/-ing. */
function forms(v: DocView, k: number): string[] {
  const l = v.lower[k]!;
  return [v.lemma[k]!.toLowerCase(), l, l.replace(/(ing|ed|es|s)$/, ''), l.replace(/(d|s)$/, '')];
}

/**
 * The act of a record from its kind, frame and paragraph. Direct quotes are speech unless they sit in
 * a title line; reported speech takes the act of its cue's last verb or noun (the main one in
 * `is expected to`, `also want`), speech by default.
 */
export function actOf(v: DocView, kind: 'direct' | 'indirect', frame: Frame | null, start: number): Act {
  const para = v.paragraphs[v.paragraphOf[Math.min(v.word.length - 1, Math.max(0, tokenAt(v, start)))]!];
  if (para && (para as { kind?: string }).kind === 'title') return 'headline';
  if (kind === 'direct' || !frame) return 'speech';
  const lists: Array<[Act, ReadonlySet<string>]> = [
    ['thought', wordList('act-thought')],
    ['intention', wordList('act-intention')],
    ['action', wordList('act-action')],
    ['state', wordList('act-state')],
  ];
  if (frame.pattern === 'sourceless' && v.lower[frame.cueFirst] === 'asked') return 'question';
  // A passive with no agent (`is expected to`, `were invoked`), `reportedly`, `seems`: ascribed, no one speaks.
  if (frame.pattern === 'sourceless') return 'state';
  for (let k = frame.cueLast; k >= frame.cueFirst; k--) {
    if (v.pos[k] !== 'VERB' && v.pos[k] !== 'NOUN' && v.pos[k] !== 'ADJ') continue;
    const f = forms(v, k);
    for (const [act, list] of lists) if (f.some((x) => list.has(x))) return act;
    break;
  }
  return 'speech';
}
