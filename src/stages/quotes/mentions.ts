/**
 * Noun-phrase mentions from the token table: the speaker phrase left of a cue (appositives cut)
 * or right of it, and what kind of mention it is (pronoun, name, group, descriptor).
 */
import { BETWEEN_SUBJECT_AND_CUE, FIRST_PERSON, GROUP_NOUNS, GROUP_PRONOUNS, MONTHS_DAYS, ORG_WORDS, PERSON_PRONOUNS, ROLE_NOUNS, TITLE_WORDS } from './cues.js';
import { isCapitalized, type DocView } from '../../nlp/doc-view.js';
import { wordList } from './lexicon.js';
import { countryByDemonym, countryByName } from '../../nlp/countries.js';

const REFLEXIVE_PRONOUNS = wordList('reflexive-pronouns');
const APPOSITIVE_OPENERS = wordList('appositive-openers');
const SOURCE_PRONOUNS = wordList('source-pronouns');
const ARTICLES = wordList('articles');
const DESCRIPTOR_DETERMINERS = wordList('descriptor-determiners');

export type MentionKind = 'pronoun' | 'name' | 'group' | 'descriptor' | 'other';

export interface Mention {
  /** Token range, inclusive. */
  first: number;
  last: number;
  kind: MentionKind;
  /** For names: the proper name without titles (`Ana Ruiz`); for groups: the country. */
  name: string | null;
  /** Country of a nationality / `of X` in the phrase (`the Finnish minister` -> Finland). */
  country: string | null;
  /** Role noun of a descriptor (`minister`). */
  role: string | null;
  /** For names: is it a country, an organization/medium, or (likely) a person? */
  nameType: 'country' | 'org' | 'person' | null;
  /** For pronouns: person or group pronoun. */
  pronoun: 'person' | 'group' | 'first' | null;
  /** Token range of the proper name inside the mention (names only). */
  nameFirst?: number;
  nameLast?: number;
}

const NP_POS = new Set(['PROPN', 'NOUN', 'ADJ', 'DET', 'NUM']);
const JOINERS = wordList('joiners');

/** Can token i be part of a noun phrase? */
function npToken(v: DocView, i: number): boolean {
  const w = v.word[i]!;
  if (NP_POS.has(v.pos[i]!)) return !/^[,;:!?()"“”‘’«»]$/.test(w);
  if (JOINERS.has(v.lower[i]!)) return true;
  // wink sometimes tags a capitalized name word as a verb or adverb, and a first name that is
  // also a modal (`said Will Doyle`) as an auxiliary.
  if (v.pos[i] === 'AUX' && isCapitalized(w) && v.pos[i + 1] === 'PROPN' && v.sentenceOf[i - 1] === v.sentenceOf[i]) return true;
  return isCapitalized(w) && /^[\p{L}.’'-]+$/u.test(w) && !FUNCTION_POS.has(v.pos[i]!);
}
const FUNCTION_POS = new Set(['ADP', 'SCONJ', 'CCONJ', 'ADV', 'PRON', 'AUX', 'PART', 'DET', 'INTJ']);

/** Is token i a pronoun (not `US` the country)? */
export function pronounAt(v: DocView, i: number): boolean {
  const l = v.lower[i]!;
  if (v.word[i] === 'US' || v.word[i] === 'IT') return false;
  return PERSON_PRONOUNS.has(l) || GROUP_PRONOUNS.has(l) || FIRST_PERSON.has(l);
}

/** Skip auxiliaries and adverbs leftwards from i; returns the first index that is not one. */
export function skipAuxLeft(v: DocView, i: number, lo: number): number {
  let j = i;
  while (j >= lo && (BETWEEN_SUBJECT_AND_CUE.has(v.lower[j]!) || (v.pos[j] === 'ADV' && /ly$/.test(v.lower[j]!)))) j--;
  return j;
}

/** The noun phrase ending at token j (inclusive), not before lo; null when j is not in one. */
export function npEndingAt(v: DocView, j: number, lo: number): [number, number] | null {
  if (j < lo) return null;
  const l = v.lower[j]!;
  if (l === 'who') return null;
  if (pronounAt(v, j)) return [j, j];
  if (!npToken(v, j) || v.pos[j] === 'DET') return null;
  let a = j;
  while (a - 1 >= lo && j - a < 12) {
    const k = a - 1;
    const lk = v.lower[k]!;
    if (v.pos[k] === 'DET' || ARTICLES.has(lk)) {
      a = k;
      break;
    }
    if (lk === 'of' && k - 1 >= lo && (v.pos[k - 1] === 'NOUN' || v.pos[k - 1] === 'PROPN') && isCapitalized(v.word[k + 1]!)) {
      a = k;
      continue;
    }
    if (lk === 'and' && k - 1 >= lo && isCapitalized(v.word[k - 1]!) && isCapitalized(v.word[k + 1]!) && v.pos[k - 1] === 'PROPN') {
      a = k;
      continue;
    }
    if (PERSON_PRONOUNS.has(lk) && (lk === 'his' || lk === 'her')) {
      a = k;
      break;
    }
    // A share of respondents as the subject ("22 per cent said", "a third said"): the number is
    // part of the phrase, not a boundary.
    if (a === j && ((l === 'cent' && lk === 'per' && k - 1 >= lo && v.pos[k - 1] === 'NUM') || ((l === 'percent' || l === '%') && v.pos[k] === 'NUM'))) {
      a = lk === 'per' ? k - 1 : k;
      continue;
    }
    if (!npToken(v, k)) break;
    a = k;
  }
  return [a, j];
}

/** The noun phrase starting at token i, not past hi. */
export function npStartingAt(v: DocView, i: number, hi: number): [number, number] | null {
  if (i > hi) return null;
  const l = v.lower[i]!;
  if (pronounAt(v, i)) return [i, i];
  if (!npToken(v, i)) return null;
  let b = i;
  while (b + 1 <= hi && b - i < 12) {
    const k = b + 1;
    const lk = v.lower[k]!;
    if (v.pos[k] === 'DET' && k !== i) break;
    // A phrase ends with its paragraph, and with its sentence after a full stop that ends a word
    // rather than an initial or a short abbreviation (`said Farid Haddad. ¶ Gemma Price warned`).
    if (v.paragraphOf[k] !== v.paragraphOf[i]) break;
    if (v.sentenceOf[k] !== v.sentenceOf[b] && v.word[b] === '.' && (v.word[b - 1] ?? '').length > 3) break;
    if (lk === 'of' && k + 1 <= hi && isCapitalized(v.word[k + 1]!) && v.word[k + 1] !== 'State') {
      b = k;
      continue;
    }
    if (!npToken(v, k)) break;
    b = k;
  }
  // Do not end on a joiner, nor on a sentence-final period (`... by Ruiz.`).
  while (b > i && (JOINERS.has(v.lower[b]!) || v.lower[b] === 'of') && !(v.lower[b] === '.' && /^\p{Lu}$/u.test(v.word[b - 1]!))) b--;
  return [i, b];
}

/**
 * The subject left of a cue at token `cue`: skips auxiliaries/adverbs, and cuts an appositive
 * (`Marcus T Hollander, the Deputy Secretary of Commerce (...), has insisted`).
 */
export function subjectBefore(v: DocView, cue: number, lo: number): [number, number] | null {
  let j = skipAuxLeft(v, cue - 1, lo);
  if (j < lo) return null;
  // `X - himself a former minister - will say`: a dash-enclosed aside before the cue.
  if (/^[-—–]$/.test(v.word[j]!) && (v.word[j] !== '-' || v.start[j]! > v.end[j - 1]!)) {
    let k = j - 1;
    while (k > lo && j - k < 15 && v.word[k] !== v.word[j]) k--;
    if (k > lo && v.word[k] === v.word[j] && REFLEXIVE_PRONOUNS.has(v.lower[k + 1]!)) {
      const np = npEndingAt(v, k - 1, lo);
      const kind = np ? classifyMention(v, np[0], np[1]).kind : 'other';
      if (np && (kind === 'name' || kind === 'pronoun')) return np;
    }
  }
  // `Gov. John Kasich (R-OH), said` / `Rep. Paul Ryan (R-WI) said`: a parenthesis before the cue.
  if ((v.word[j] === ',' && v.word[j - 1] === ')') || v.word[j] === ')') {
    let k = v.word[j] === ')' ? j - 1 : j - 2;
    while (k >= lo && v.word[k] !== '(' && j - k < 12) k--;
    if (k >= lo && v.word[k] === '(') {
      const np = npEndingAt(v, k - 1, lo);
      if (np && classifyMention(v, np[0], np[1]).kind === 'name') return np;
    }
  }
  if (v.word[j] === ',' || v.word[j] === ')') {
    // Appositive: find the comma that opens it.
    let k = j - 1;
    let depth = 0;
    let relative = false;
    for (let r = j - 1; r >= lo && j - r < 30 && v.word[r] !== ','; r--) if (v.lower[r] === 'who') relative = true;
    while (k >= lo && j - k < 30) {
      const w = v.word[k]!;
      if (w === ')') depth++;
      else if (w === '(') depth--;
      else if (w === ',' && depth <= 0) break;
      else if (!relative && depth <= 0 && (v.pos[k] === 'VERB' || v.pos[k] === 'AUX') && !isCapitalized(w) && !/ed$/.test(v.lower[k]!)) return null;
      k--;
    }
    if (k < lo || v.word[k] !== ',') return null;
    const appositiveFirst = k + 1;
    const first = v.lower[appositiveFirst]!;
    const looksAppositive =
      APPOSITIVE_OPENERS.has(first) || TITLE_WORDS.has(first) || isCapitalized(v.word[appositiveFirst]!);
    if (!looksAppositive) return null;
    const np = npEndingAt(v, k - 1, lo);
    const m = np ? classifyMention(v, np[0], np[1]) : null;
    // `Jane Roe, a specialist at Brookings Institution, a think tank, said`: a name after a
    // preposition sits inside an earlier appositive; the name opening the chain is the subject.
    if (np && m && m.kind === 'name' && np[0] > lo && v.pos[np[0] - 1] === 'ADP') {
      const head = chainHead(v, np[0], lo);
      if (head) return head;
    }
    if (np && m && (m.kind === 'name' || m.kind === 'pronoun')) return np;
    // `her senior policy adviser, Jake Sullivan, said`: the name is the appositive.
    const inner = npEndingAt(v, j - 1, appositiveFirst);
    if (inner && inner[0] === appositiveFirst && classifyMention(v, inner[0], inner[1]).kind === 'name') return inner;
    return np && m && (m.kind === 'descriptor' || m.kind === 'group') ? np : null;
  }
  return npEndingAt(v, j, lo);
}

/** The name or pronoun that opens a run of comma-separated appositives before token `from` (its sentence start `lo`). */
function chainHead(v: DocView, from: number, lo: number): [number, number] | null {
  for (let k = from - 1; k > lo && from - k < 30; k--) {
    const w = v.word[k]!;
    if (/^[.!?;:]+$/.test(w) || v.inQuote[k]) return null;
    if (w !== ',') continue;
    const np = npEndingAt(v, k - 1, lo);
    if (!np || !(np[0] === lo || v.word[np[0] - 1] === ',' || v.pos[np[0] - 1] === 'CCONJ' || v.pos[np[0] - 1] === 'ADV')) continue;
    const kind = classifyMention(v, np[0], np[1]).kind;
    if (kind === 'name' || kind === 'pronoun') return np;
  }
  return null;
}

/** What a noun phrase [first, last] is. */
export function classifyMention(v: DocView, first: number, last: number): Mention {
  const base: Mention = { first, last, kind: 'other', name: null, country: null, role: null, nameType: null, pronoun: null };
  if (first === last && pronounAt(v, first)) {
    const l = v.lower[first]!;
    if (PERSON_PRONOUNS.has(l)) return { ...base, kind: 'pronoun', pronoun: 'person' };
    if (GROUP_PRONOUNS.has(l)) return { ...base, kind: 'pronoun', pronoun: l === 'we' ? 'first' : 'group' };
    if (FIRST_PERSON.has(l)) return { ...base, kind: 'pronoun', pronoun: 'first' };
  }
  // Head part: before the first `of`; the country after `of` belongs to the role.
  let headLast = last;
  let country: string | null = null;
  for (let i = first; i <= last; i++) {
    if (v.lower[i] === 'of') {
      // `Deputy Director of Shipping Carla Mendes`: a name led by a given name ends the tail.
      const given = wordList('entities/first-names');
      for (let k = i + 2; k < last; k++) {
        if (isCapitalized(v.word[k]!) && given.has(v.lower[k]!) && v.word.slice(k, last + 1).every((w) => isCapitalized(w))) {
          const name = v.text.slice(v.start[k]!, v.end[last]!).replace(/[’']s$/, '');
          return { ...base, kind: 'name', name, nameType: 'person', country: null, nameFirst: k, nameLast: last };
        }
      }
      headLast = i - 1;
      const tail = v.text.slice(v.start[i + 1]!, v.end[last]!).replace(/^the\s+/i, '');
      country = countryByName(tail);
      break;
    }
  }
  // `Lopez and Ruiz`: the first conjunct names the speaker.
  for (let i = first + 1; i < headLast; i++) if (v.lower[i] === 'and' && isCapitalized(v.word[i - 1]!)) headLast = i - 1;
  const words: string[] = [];
  for (let i = first; i <= headLast; i++) words.push(v.word[i]!);
  for (let i = first; i <= headLast; i++) {
    const demonym = countryByDemonym(v.word[i]!) ?? (i < headLast ? countryByDemonym(`${v.word[i]} ${v.word[i + 1]}`) : null);
    if (demonym && !country) country = demonym;
  }
  const headWord = v.lower[headLast]!;
  // A proper name: the last run of capitalized words in the head, without titles and demonyms.
  if (isCapitalized(v.word[headLast]!) && v.pos[headLast] !== 'DET') {
    let a = headLast;
    while (a - 1 >= first && (isCapitalized(v.word[a - 1]!) || v.lower[a - 1] === '.' || v.lower[a - 1] === '-' || v.lower[a - 1] === '&') && v.pos[a - 1] !== 'DET') a--;
    // Titles and demonyms at the front are not part of the name.
    while (a <= headLast && (TITLE_WORDS.has(v.lower[a]!.replace(/\.$/, '')) || countryByDemonym(v.word[a]!) || (a < headLast && countryByDemonym(`${v.word[a]} ${v.word[a + 1]}`)))) {
      if (a < headLast && countryByDemonym(`${v.word[a]} ${v.word[a + 1]}`)) a += 2;
      else a++;
    }
    // `Ministry spokesman Omar Haddad`: the name is after the last title word.
    for (let i = headLast; i >= a; i--) {
      if (TITLE_WORDS.has(v.lower[i]!) && !isCapitalized(v.word[i]!)) {
        a = i + 1;
        break;
      }
    }
    if (a <= headLast) {
      const name = v.text.slice(v.start[a]!, v.end[headLast]!).replace(/[’']s$/, '');
      const lowerWords: string[] = [];
      for (let i = a; i <= headLast; i++) lowerWords.push(v.lower[i]!);
      const asCountry = countryByName(name);
      if (asCountry) return { ...base, kind: 'name', name: asCountry, nameType: 'country', country: asCountry, nameFirst: a, nameLast: headLast };
      if (MONTHS_DAYS.has(lowerWords[0]!)) return base;
      const isOrg = lowerWords.some((w) => ORG_WORDS.has(w)) || /^[A-Z]{2,}$/.test(name) || /^the\s/i.test(v.text.slice(v.start[first]!, v.end[a]!));
      return { ...base, kind: 'name', name, nameType: isOrg ? 'org' : 'person', country, nameFirst: a, nameLast: headLast };
    }
    // Only titles: a descriptor (`the former Defence Minister`).
    const role = [...words].reverse().map((w) => w.toLowerCase()).find((w) => ROLE_NOUNS.has(w)) ?? null;
    if (role) return { ...base, kind: 'descriptor', role, country };
  }
  if (GROUP_NOUNS.has(headWord) && country) return { ...base, kind: 'group', name: country, nameType: 'country', country };
  if (ROLE_NOUNS.has(headWord) || ROLE_NOUNS.has(headWord.replace(/s$/, ''))) {
    const det = v.lower[first]!;
    if (DESCRIPTOR_DETERMINERS.has(det)) return { ...base, kind: 'descriptor', role: headWord.replace(/s$/, ''), country };
  }
  return { ...base, country };
}

/** Is the mention a plausible source (a person, group, organization, pronoun)? */
export function isAnimate(v: DocView, m: Mention): boolean {
  if (m.kind === 'name' || m.kind === 'group' || m.kind === 'descriptor') return true;
  if (m.kind === 'pronoun') return m.pronoun === 'person' || SOURCE_PRONOUNS.has(v.lower[m.first]!);
  const head = v.lower[m.last]!;
  return ANIMATE_HEADS.has(head) || ROLE_NOUNS.has(head) || GROUP_NOUNS.has(head) || ROLE_NOUNS.has(head.replace(/s$/, ''));
}

const ANIMATE_HEADS = wordList('animate-heads');
