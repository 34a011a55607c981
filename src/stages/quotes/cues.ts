/**
 * The reporting-verb lexicon (src/data/quotes/reporting-verbs.txt) and small word lists the
 * quotes stage uses: titles, group nouns, media, pronouns. Loaded once per process.
 */
import { loadText } from '../../io/data.js';

import { wordList } from './lexicon.js';

/** The data files the cues are read from (paths under data/). */
const CUE_FILES = ['quotes/reporting-verbs.txt', 'quotes/attitude-verbs.txt'] as const;

/** Parse a lexicon file: one lower-case form per line, `#` comments. */
export function parseLexicon(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    const w = line.trim().toLowerCase();
    if (w && !w.startsWith('#')) out.add(w);
  }
  return out;
}

let verbs: Set<string> | undefined;
/** Reporting verbs (surface forms and lemmas). */
export function reportingVerbs(): Set<string> {
  if (verbs) return verbs;
  verbs = parseLexicon(loadText(CUE_FILES[0]).value);
  // Verbs of evaluation and intention that news attribution corpora (PolNeAR) count as attributions.
  for (const w of wordList('evaluation-intention-verbs')) verbs.add(w);
  // Forms that are reporting verbs only in other senses most of the time.
  for (const w of wordList('not-reporting-forms')) verbs.delete(w);
  // Weak attitude cues (taken only with an animate subject, see reported.ts).
  for (const w of parseLexicon(loadText(CUE_FILES[1]).value)) verbs.add(w);
  return verbs;
}

/** Words that are titles or roles before or around a name (kept in the mention text, not in the name). */
export const TITLE_WORDS = wordList('title-words');

/** Role nouns a descriptor can end in (`the Finnish minister`, `the former Trade Minister of Chile`). */
export const ROLE_NOUNS = wordList('role-nouns');

/** Plural group nouns (`Brazilian officials`). */
export const GROUP_NOUNS = wordList('group-nouns');

/** Media that report speech rather than speak (`Reuters has quoted X as saying`). */
export const MEDIA = wordList('media');

export const PERSON_PRONOUNS = wordList('person-pronouns');
export const GROUP_PRONOUNS = wordList('group-pronouns');
export const FIRST_PERSON = wordList('first-person');

/** Auxiliaries and adverbs allowed between a subject and its cue (`has also repeatedly said`). */
export const BETWEEN_SUBJECT_AND_CUE = wordList('between-subject-and-cue');

/** Nouns that, possessed by a source, introduce reported content (`Her position was ... that`). */
export const STANCE_NOUNS = wordList('stance-nouns');

/** Words that head an organization name (src/data/quotes/org-words.txt). */
export const ORG_WORDS = wordList('org-words');

export const MONTHS_DAYS = wordList('months-days');

