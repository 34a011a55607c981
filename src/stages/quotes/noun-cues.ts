/**
 * Nominal attributions: a possessor and a noun of saying, thinking or taking a side, with the
 * complement that holds what is attributed: `his claim that C`, `her decision to C`, `Clinton's
 * support for C`, `their criticism of C`. PolNeAR annotates these like verbal ones (source = the
 * possessor, cue = the noun).
 */
import { isQuoteMark, type DocView } from '../../nlp/doc-view.js';
import { classifyMention, npEndingAt, npStartingAt, type Mention } from './mentions.js';
import { wordList } from './lexicon.js';

/** Nouns of speech, belief and stance that take a complement (general vocabulary, lemmas). */
export const NOUN_CUES = wordList('noun-cues');

/** What a noun cue's complement may open with. */
const CLAUSE_MARKERS = wordList('clause-markers');
const PREPOSITIONS = wordList('prepositions');

const POSSESSIVE_PRONOUNS = wordList('possessive-pronouns');

/**
 * Token range of the possessor before a noun cue at `cue` (`his`, `Clinton's`, `the senator’s`).
 * The literal mention is the source, as in PolNeAR (a pronoun is resolved by the speaker stage).
 */
export function possessorBefore(v: DocView, cue: number, lo: number): [number, number] | null {
  // Adjectives between possessor and noun: `his strong support`, `Trump's repeated claims`.
  let j = cue - 1;
  while (j >= lo && j > cue - 4 && (v.pos[j] === 'ADJ' || (v.pos[j] === 'ADV' && /ly$/.test(v.lower[j]!)))) j--;
  if (j < lo) return null;
  if (POSSESSIVE_PRONOUNS.has(v.lower[j]!)) return [j, j];
  if ((v.lower[j] === "'s" || v.lower[j] === '’s') && j - 1 >= lo) return npEndingAt(v, j - 1, lo);
  return null;
}

/** End (inclusive) of a prepositional complement: its noun phrase with `of`/`and` chains. */
function phraseEnd(v: DocView, from: number, hi: number): number {
  let k = from;
  for (; k <= hi && k - from < 25; k++) {
    const w = v.word[k]!;
    if (v.inQuote[k] && !isQuoteMark(w)) continue;
    if (/^[.!?;:,()]+$/.test(w) || w === '—' || w === '–') return k - 1;
    // A finite verb closes the phrase (`his support for Trump is waning`).
    if ((v.pos[k] === 'AUX' || (v.pos[k] === 'VERB' && !/ing$/.test(v.lower[k]!))) && k > from) return k - 1;
  }
  return k - 1;
}

const isFinite = (v: DocView, k: number): boolean => v.pos[k] === 'AUX' || (v.pos[k] === 'VERB' && !/ing$/.test(v.lower[k]!) && v.lower[k] !== v.lemma[k]);
const LINKS = wordList('links');

/**
 * End (inclusive) of a clausal complement (`that C`, `to C`): up to a comma, semicolon or dash. In
 * subject position (`X's claim that C drew criticism`) the matrix verb after the clause's own verb
 * closes it too.
 */
function clauseEndAtComma(v: DocView, from: number, hi: number, inSubject: boolean): number {
  let k = from;
  // An infinitive (`her decision to run`) already has its verb.
  let verbs = v.lower[from] === 'to' ? 1 : 0;
  for (; k <= hi; k++) {
    const w = v.word[k]!;
    if (v.inQuote[k]) continue;
    if (/^[.!?;]+$/.test(w) || w === ',' || w === '—' || w === '–' || w === '(') return k - 1;
    if (!inSubject) continue;
    if (LINKS.has(v.lower[k]!)) verbs = 0;
    else if (isFinite(v, k) && !(v.pos[k - 1] === 'AUX' || v.lower[k - 1] === 'to')) {
      if (verbs > 0) return k - 1;
      verbs++;
    }
  }
  return k - 1;
}

/** Is token i before the sentence's first finite verb (part of the subject)? */
function beforeMainVerb(v: DocView, lo: number, i: number): boolean {
  for (let k = lo; k < i; k++) if (isFinite(v, k) && !v.inQuote[k]) return false;
  return true;
}

export interface NounCueFrame {
  cue: number;
  possessor: Mention;
  contentFirst: number;
  contentLast: number;
}

/** Nominal attributions of one sentence [lo, hi]. */
export function nounCueFramesOfSentence(v: DocView, lo: number, hi: number): NounCueFrame[] {
  const out: NounCueFrame[] = [];
  for (let i = lo + 1; i < hi; i++) {
    if (v.inQuote[i] || v.pos[i] !== 'NOUN' || !NOUN_CUES.has(v.lemma[i]!)) continue;
    const owner = possessorBefore(v, i, lo);
    if (!owner) continue;
    const next = v.lower[i + 1]!;
    let first: number;
    let last: number;
    if (CLAUSE_MARKERS.has(next)) {
      // `her decision to run`, `his claim that C` (not `his support to the ...` with a noun after).
      if (next === 'to' && v.pos[i + 2] !== 'VERB' && v.pos[i + 2] !== 'AUX') continue;
      first = next === 'that' ? i + 2 : i + 1;
      last = clauseEndAtComma(v, first, hi, beforeMainVerb(v, lo, owner[0]));
    } else if (PREPOSITIONS.has(next)) {
      first = i + 2;
      if (!npStartingAt(v, first, hi) && v.pos[first] !== 'VERB') continue;
      last = phraseEnd(v, first, hi);
    } else continue;
    if (last < first) continue;
    out.push({ cue: i, possessor: classifyMention(v, owner[0], owner[1]), contentFirst: first, contentLast: last });
    i = last;
  }
  return out;
}
