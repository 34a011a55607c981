/**
 * Speaker resolution: a document's person registry (names with their titles and nationality, from
 * the token table and, when present, the entities stage), pronoun and descriptor resolution, and
 * linking a mention span to an entity id by overlap.
 */
import { NAMED_ENTITY_TYPES, type EntityRecord, type QuoteRecord } from '../../schema.js';
import { GROUP_NOUNS, MONTHS_DAYS, ORG_WORDS, ROLE_NOUNS, TITLE_WORDS } from './cues.js';
import { wordList } from './lexicon.js';
import { isCapitalized, tokenAt, type DocView } from '../../nlp/doc-view.js';
import { countryByDemonym, countryByName } from '../../nlp/countries.js';
import { classifyMention, npEndingAt, type Mention } from './mentions.js';
import { definiteOrganizations, type DefiniteDescription, type OrgMention } from '../../nlp/definite-descriptions.js';

const ARTICLES = wordList('articles');
const MODIFIER_PARTICIPLE_PREPS = wordList('modifier-participle-preps');
const ROLE_OF_PREPS = wordList('role-of-preps');
const TIME_UNITS = wordList('time-units');
const QUANTIFIERS = wordList('quantifiers');
const ROLE_MODIFIERS = wordList('role-modifiers');
const MALE_PRONOUNS = wordList('male-pronouns');
const FEMALE_PRONOUNS = wordList('female-pronouns');
const PLURAL_PRONOUNS = wordList('plural-pronouns');

export type Gender = 'm' | 'f' | null;

export interface Person {
  name: string;
  titles: Set<string>;
  /** Lower-cased title phrases written with the name (`home secretary`, `tory leader`). */
  titlePhrases: Set<string>;
  countries: Set<string>;
  /** Character starts of its mentions, ascending. */
  mentions: Array<{ start: number; end: number }>;
  entityId: string | null;
  /** Gender the text tells (an honorific, a gendered role noun, a given name), else null. */
  gender: Gender;
  /** Evidence that this is a person (honorific, title, known given name, or a two-word name). */
  human: boolean;
}

export interface Registry {
  persons: Person[];
  /** Role descriptors outside quotes (`the home secretary`) no person of the document holds: unnamed persons a pronoun may stand for. */
  unnamed: Array<{ start: number; gender: Gender }>;
  /** Lower-cased name or name part -> person. */
  byKey: Map<string, Person>;
  entities: EntityRecord[];
  /** The named ones (PERSON, ORG, GPE, LOC, NORP): the only entities a speaker phrase links to. */
  named: EntityRecord[];
  /** Definite descriptions of organizations (`the airline` after `budget airline X`), nlp/definite-descriptions.ts; token ranges in text order. */
  definites: Array<DefiniteDescription<OrgMention & { entity: EntityRecord }>>;
}

const FUNCTION_POS = new Set(['DET', 'CCONJ', 'SCONJ', 'ADP', 'ADV', 'PRON', 'AUX', 'PART', 'INTJ', 'VERB']);
const REGION_WORDS = wordList('region-words');
const NAME_WORD = /^(\p{Lu}[\p{Ll}’'.-]+|\p{Lu}\.?|\p{Lu}[\p{Ll}]+-\p{Lu}?[\p{Ll}]+|Mc\p{Lu}\p{Ll}+|O’\p{Lu}\p{Ll}+)$/u;

/** Gender a word tells: an honorific or gendered role noun (`Mrs`, `spokesman`), else null. */
export function genderOfMarker(word: string): Gender {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (wordList('male-markers').has(w)) return 'm';
  if (wordList('female-markers').has(w)) return 'f';
  return null;
}

/** Gender of a given name (src/data/quotes/given-names-*.txt), else null. */
export function genderOfGivenName(word: string): Gender {
  const w = word.toLowerCase();
  if (wordList('given-names-male').has(w)) return 'm';
  if (wordList('given-names-female').has(w)) return 'f';
  return null;
}

/** Gender a personal pronoun asks for (`he`, `his` -> m; `she`, `her` -> f). */
export function genderOfPronoun(word: string): Gender {
  const w = word.toLowerCase();
  if (MALE_PRONOUNS.has(w)) return 'm';
  if (FEMALE_PRONOUNS.has(w)) return 'f';
  return null;
}

/**
 * A person's name without the title or organization words an upstream tagger left at its front
 * (`Commerce Bruce Smart` -> `Bruce Smart`, `Executive Jane Roe` -> `Jane Roe`): leading words go
 * while a known given name follows and two words at least remain.
 */
export function cleanPersonName(name: string): string {
  const words = name.split(/\s+/);
  const given = wordList('entities/first-names');
  const givenAt = words.findIndex((w, i) => i > 0 && i < words.length - 1 && (given.has(w.toLowerCase()) || genderOfGivenName(w) !== null));
  let a = 0;
  if (givenAt > 0 && !given.has(words[0]!.toLowerCase())) a = givenAt;
  while (a < words.length - 2 && TITLE_WORDS.has(words[a]!.toLowerCase().replace(/\.$/, ''))) a++;
  let b = words.length;
  // `Liam Roe Tory`: a party word an upstream tagger glued to the end.
  if (b - a > 2 && wordList('party-words').has(words[b - 1]!.toLowerCase())) b--;
  return words.slice(a, b).join(' ');
}

/** Build the person registry of a document. */
export function buildRegistry(v: DocView, entities: EntityRecord[]): Registry {
  const persons: Person[] = [];
  const byKey = new Map<string, Person>();
  const add = (name: string, start: number, end: number, titles: string[], countries: string[], phrase: string | null = null, gender: Gender = null): Person => {
    const parts = name.split(/\s+/);
    let p = byKey.get(name.toLowerCase()) ?? (parts.length === 1 ? byKey.get(parts[0]!.toLowerCase()) : undefined);
    if (!p) {
      p = { name, titles: new Set(), titlePhrases: new Set(), countries: new Set(), mentions: [], entityId: null, gender: null, human: false };
      persons.push(p);
    }
    byKey.set(name.toLowerCase(), p);
    if (parts.length > 1) {
      const last = parts[parts.length - 1]!.toLowerCase();
      const firstPart = parts[0]!.toLowerCase();
      if (!byKey.has(last) || byKey.get(last) === p) byKey.set(last, p);
      if (firstPart.length > 2 && !byKey.has(firstPart)) byKey.set(firstPart, p);
    }
    for (const t of titles) p.titles.add(t);
    for (const c of countries) p.countries.add(c);
    if (phrase) p.titlePhrases.add(phrase);
    if (gender && !p.gender) p.gender = gender;
    p.mentions.push({ start, end });
    return p;
  };
  // The title words written right before a mention (`Tory leader Michael Howard`, `Mrs Roe`):
  // a lower-cased phrase and the gender an honorific tells.
  const prefixAt = (startToken: number): { phrase: string | null; gender: Gender } => {
    const words: string[] = [];
    let gender: Gender = null;
    for (let k = startToken - 1; k >= 0 && startToken - k <= 5 && v.sentenceOf[k] === v.sentenceOf[startToken]; k--) {
      const l = v.lower[k]!.replace(/\.$/, '');
      const g = genderOfMarker(l);
      if (g && !gender) gender = g;
      if (TITLE_WORDS.has(l) || ROLE_NOUNS.has(l) || (isCapitalized(v.word[k]!) && v.pos[k] !== 'PUNCT' && v.pos[k] !== 'DET' && !v.inQuote[k])) words.unshift(l);
      else break;
    }
    const phrase = words.filter((w) => !genderOfMarker(w) || ROLE_NOUNS.has(w)).join(' ');
    return { phrase: phrase && words.some((w) => ROLE_NOUNS.has(w) || TITLE_WORDS.has(w)) ? phrase : null, gender };
  };
  // Entities from the entities stage come first: their names are canonical.
  for (const e of entities) {
    if (e.type !== 'PERSON') continue;
    for (const m of e.mentions) {
      const pre = prefixAt(tokenAt(v, m.start));
      const p = add(e.name, m.start, m.end, e.titles.map((t) => t.toLowerCase()), [], pre.phrase, pre.gender ?? genderOfMarker(m.text.split(/\s+/)[0]!));
      p.entityId = e.id;
      for (const t of e.titles) p.titlePhrases.add(t.toLowerCase());
      for (const t of e.titles) for (const w of t.toLowerCase().split(/\s+/)) if (ROLE_NOUNS.has(w)) p.titles.add(w);
      for (const t of e.titles) for (const w of t.split(/\s+/)) {
        const c = countryByDemonym(w) ?? countryByName(w);
        if (c) p.countries.add(c);
      }
      for (const part of [e.name, ...e.mentions.map((x) => x.text)]) {
        const last = part.split(/\s+/).pop()!.toLowerCase();
        if (!byKey.has(last)) byKey.set(last, p);
      }
    }
  }
  // Capitalized runs in the text.
  const n = v.word.length;
  let i = 0;
  while (i < n) {
    if (!isCapitalized(v.word[i]!) || v.pos[i] === 'PUNCT') {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < n && v.sentenceOf[j + 1] === v.sentenceOf[i] && v.paragraphOf[j + 1] === v.paragraphOf[i] && (isCapitalized(v.word[j + 1]!) || v.word[j + 1] === '.') && v.pos[j + 1] !== 'PUNCT') j++;
    const titles: string[] = [];
    const countries: string[] = [];
    let a = i;
    while (a <= j && (TITLE_WORDS.has(v.lower[a]!.replace(/\.$/, '')) || countryByDemonym(v.word[a]!) || FUNCTION_POS.has(v.pos[a]!))) {
      if (ROLE_NOUNS.has(v.lower[a]!)) titles.push(v.lower[a]!);
      const c = countryByDemonym(v.word[a]!);
      if (c) countries.push(c);
      a++;
    }
    // `Transport Secretary Ruth Okafor`: capitalized title words inside the run belong to the title.
    for (let k = j - 1; k >= a; k--) {
      if (TITLE_WORDS.has(v.lower[k]!.replace(/\.$/, '')) || ROLE_NOUNS.has(v.lower[k]!)) {
        if (k + 1 < j) a = k + 1;
        break;
      }
    }
    // Possessive at the end (`Haddad’s`) belongs to the name.
    const words = v.word.slice(a, j + 1).map((w) => w.replace(/[’']s$/, ''));
    const lowerWords = words.map((w) => w.toLowerCase());
    const name = v.text.slice(v.start[a] ?? 0, v.end[j] ?? 0).replace(/[’']s$/, '');
    // `Lib Dem president Simon Hughes`: a run right before a title word and a name is a label.
    const beforeTitle = (TITLE_WORDS.has(v.lower[j + 1] ?? '') || ROLE_NOUNS.has(v.lower[j + 1] ?? '')) && !isCapitalized(v.word[j + 1] ?? '') && isCapitalized(v.word[j + 2] ?? '');
    const looksName =
      !beforeTitle &&
      words.length >= 2 &&
      words.length <= 4 &&
      words.every((w) => NAME_WORD.test(w)) &&
      !lowerWords.some((w) => ORG_WORDS.has(w) || MONTHS_DAYS.has(w) || TITLE_WORDS.has(w)) &&
      !countryByName(name) &&
      !words.some((w) => countryByName(w) || countryByDemonym(w) || REGION_WORDS.has(w.toLowerCase()));
    // Appositive right after: `Name, the|a ... ,` gives titles and nationality.
    if (v.word[j + 1] === ',' && ARTICLES.has(v.lower[j + 2] ?? '')) {
      for (let k = j + 2; k < n && k < j + 20 && v.word[k] !== ',' && v.sentenceOf[k] === v.sentenceOf[j]; k++) {
        if (ROLE_NOUNS.has(v.lower[k]!)) titles.push(v.lower[k]!);
        const c = countryByDemonym(v.word[k]!) ?? (v.lower[k - 1] === 'of' ? countryByName(v.word[k]!) : null);
        if (c) countries.push(c);
      }
    }
    const linkedEntity = entityAt(entities, v.start[a] ?? 0, v.end[j] ?? 0);
    let gender: Gender = null;
    for (let k = i; k < a; k++) gender = gender ?? genderOfMarker(v.lower[k]!);
    const pre = a <= j ? prefixAt(a) : { phrase: null, gender: null };
    gender = gender ?? pre.gender;
    if (linkedEntity && linkedEntity.type === 'PERSON' && a <= j) {
      const p = add(linkedEntity.name, v.start[a]!, v.end[j]!, titles, countries, pre.phrase, gender);
      p.entityId = linkedEntity.id;
    } else if (linkedEntity && a <= j && linkedEntity.type !== 'PERSON') {
      // An organization or place: not a person.
    } else if (looksName) {
      add(name, v.start[a]!, v.end[j]!, titles, countries, pre.phrase, gender);
    } else if (words.length === 1 && byKey.has(lowerWords[0]!)) {
      const p = byKey.get(lowerWords[0]!)!;
      for (const t of titles) p.titles.add(t);
      for (const c of countries) p.countries.add(c);
      if (pre.phrase) p.titlePhrases.add(pre.phrase);
      if (gender && !p.gender) p.gender = gender;
      p.mentions.push({ start: v.start[a]!, end: v.end[j]! });
    }
    i = j + 1;
  }
  for (const p of persons) {
    p.mentions.sort((x, y) => x.start - y.start);
    const words = p.name.split(/\s+/);
    p.gender = p.gender ?? genderOfGivenName(words[0]!);
    const given = wordList('entities/first-names').has(words[0]!.toLowerCase());
    // `Tories`, `Lib Dems`, a one-letter ticker fragment: never a person.
    const collective = wordList('collective-names').has(words[words.length - 1]!.toLowerCase()) || (words.length === 1 && words[0]!.replace(/\.$/, '').length < 2);
    const placeLike = words.some((w) => REGION_WORDS.has(w.toLowerCase()) || countryByName(w) !== null || countryByDemonym(w) !== null) || countryByName(p.name) !== null;
    const orgHeads = wordList('entities/org-heads');
    const twoNameWords = words.length >= 2 && words.length <= 4 && words.every((w) => NAME_WORD.test(w) && w.replace(/\.$/, '').length > 1) && !words.some((w) => ORG_WORDS.has(w.toLowerCase()) || orgHeads.has(w.toLowerCase()));
    p.human = !collective && (p.gender !== null || given || p.titles.size > 0 || (twoNameWords && !placeLike));
  }
  // Only named entities can speak: a date or a number inside a speaker phrase ("a statement
  // released on Wednesday") is never the source (every entity still marks its words as no person).
  const named = entities.filter((e) => NAMED.has(e.type));
  const registry: Registry = { persons, byKey, entities, named, unnamed: [], definites: definitesOf(v, named) };
  addDescriptorMentions(v, registry);
  return registry;
}

/**
 * The document's definite descriptions of organizations (nlp/definite-descriptions.ts, the same
 * rule the stance stage reads): ORG mentions of the entities stage as token ranges; a head noun
 * inside any named entity's mention is no description.
 */
function definitesOf(v: DocView, named: readonly EntityRecord[]): Registry['definites'] {
  const n = v.start.length;
  if (n === 0) return [];
  const covered = new Uint8Array(n);
  const orgs: Array<OrgMention & { entity: EntityRecord }> = [];
  for (const e of named) {
    for (const m of e.mentions) {
      if (m.end <= m.start) continue;
      const first = tokenAt(v, m.start);
      const last = Math.min(n - 1, tokenAt(v, m.end - 1));
      if (first > last) continue;
      for (let k = first; k <= last; k++) covered[k] = 1;
      if (e.type === 'ORG') orgs.push({ first, last, entityId: e.id, entity: e });
    }
  }
  orgs.sort((a, b) => a.first - b.first || b.last - a.last);
  const words = { count: n, key: (i: number) => v.key[i]!, pos: (i: number) => v.pos[i]! };
  return definiteOrganizations(words, orgs, (_first, last) => covered[last] === 1);
}

/** The definite description of an organization spanning exactly tokens [first, last], if any. */
function definiteAt(reg: Registry, first: number, last: number): Registry['definites'][number] | undefined {
  return reg.definites.find((d) => d.first === first && d.last === last);
}

/**
 * `the home secretary`, `The Conservative Party co-chairman`: a role descriptor in the narration
 * is a mention of the person who holds the role here (see titleHolder), or of an unnamed person,
 * so a later `he` can stand for it.
 */
function addDescriptorMentions(v: DocView, reg: Registry): void {
  const n = v.word.length;
  for (let i = 0; i < n; i++) {
    if (v.lower[i] !== 'the' || v.inQuote[i]) continue;
    let last = -1;
    for (let k = i + 1; k < n && k - i <= 5 && v.sentenceOf[k] === v.sentenceOf[i]; k++) {
      const l = v.lower[k]!;
      if (ROLE_NOUNS.has(l)) last = k;
      else if (!(TITLE_WORDS.has(l) || (isCapitalized(v.word[k]!) && v.pos[k] !== 'PUNCT'))) break;
    }
    // (`the analyst, Jane Roe, said`: the name in apposition is the mention.)
    if (last < 0 || isCapitalized(v.word[last + 1] ?? '') || (v.word[last + 1] === ',' && isCapitalized(v.word[last + 2] ?? '')) || v.lower[last + 1] === 'of' || v.word[last + 1] === "'s" || v.word[last + 1] === '’s') continue;
    const m = classifyMention(v, i, last);
    if (m.kind !== 'descriptor' || !m.role) continue;
    const start = v.start[i]!;
    const holder = titleHolder(v, m, reg, start);
    let gender: Gender = null;
    for (let k = i; k <= last; k++) gender = gender ?? genderOfMarker(v.lower[k]!);
    if (holder) {
      holder.person.mentions.push({ start, end: v.end[last]! });
      holder.person.mentions.sort((x, y) => x.start - y.start);
    } else reg.unnamed.push({ start, gender });
    i = last;
  }
}

/** Entity types that can be a quote's source (schema.ts NAMED_ENTITY_TYPES). */
const NAMED: ReadonlySet<string> = new Set(NAMED_ENTITY_TYPES);

/** The entity (from the entities stage) with a mention overlapping [start, end). */
export function entityAt(entities: EntityRecord[], start: number, end: number): EntityRecord | null {
  let best: EntityRecord | null = null;
  let bestOverlap = 0;
  for (const e of entities) {
    for (const m of e.mentions) {
      const overlap = Math.min(end, m.end) - Math.max(start, m.start);
      if (overlap > bestOverlap) {
        bestOverlap = overlap;
        best = e;
      }
    }
  }
  return best;
}

export interface ResolvedSpeaker {
  speaker: QuoteRecord['speaker'];
  confidence: number;
  /** True when the resolved source is a person. */
  person: boolean;
  /** Gender the resolution tells, for later pronouns. */
  gender?: Gender;
  /** Which resolution rule decided (`entity-in-mention`, `pronoun-nearest-subject`, ...). */
  how: string;
}

/** A source already resolved earlier in the document (a pronoun's possible antecedent). */
export interface PreviousSpeaker {
  /** Null for an unnamed group (`U.S. semiconductor makers`). */
  name: string | null;
  entityId: string | null;
  person: boolean;
  gender?: Gender;
  /** Character offset of the speaker mention (or of the quote when none). */
  at: number;
}

/** Is there a direct quote at character offset `at`? */
const quotedAt = (v: DocView, at: number): boolean => v.inQuote[tokenAt(v, at)] === 1;

/** Prepositions after which a name is not the head of a speaker phrase (`Robert Byrd of West Virginia`). */
const NOT_HEAD_AFTER = wordList('not-head-after');

/**
 * The person an explicit phrase names through the entities stage: the PERSON entity with a mention
 * inside [start, end) that is not inside a postmodifier (`of West Virginia`), the last one when
 * several (`MITI director general Noboru X`, `Jardine Fleming Ltd analyst Nick Y`). Only persons the
 * registry believes human.
 */
function personInPhrase(v: DocView, reg: Registry, start: number, end: number): { person: Person; entity: EntityRecord } | null {
  let best: { person: Person; entity: EntityRecord; end: number } | null = null;
  for (const e of reg.entities) {
    if (e.type !== 'PERSON') continue;
    const p = reg.persons.find((x) => x.entityId === e.id);
    if (!p || !p.human) continue;
    for (const m of e.mentions) {
      if (m.start < start || m.end > end) continue;
      const before = tokenAt(v, m.start) - 1;
      if (before >= 0 && v.start[before]! >= start && NOT_HEAD_AFTER.has(v.lower[before]!)) continue;
      // `Reagan officials`, `Blair aides`: a name before a common noun only modifies it.
      const after = tokenAt(v, m.end);
      if (after < v.word.length && v.start[after]! < end && v.pos[after] === 'NOUN' && v.word[after] === v.lower[after]) continue;
      if (!best || m.end > best.end) best = { person: p, entity: e, end: m.end };
    }
  }
  return best;
}

/** Strip time words (`Last Friday Reagan`, `today`) from the front of a token range; -1 when nothing is left. */
function skipTimeWords(v: DocView, first: number, last: number): number {
  let a = first;
  const time = wordList('time-words');
  while (a <= last && (MONTHS_DAYS.has(v.lower[a]!) || (time.has(v.lower[a]!) && (a === last || MONTHS_DAYS.has(v.lower[a + 1]!) || time.has(v.lower[a + 1]!) || TIME_UNITS.has(v.lower[a + 1]!) || isCapitalized(v.word[a + 1]!))) || TIME_UNITS.has(v.lower[a]!))) a++;
  return a <= last ? a : -1;
}

/**
 * A group a phrase names without naming anyone (`U.S. officials`, `11 percent of respondents`,
 * `diplomats accredited to the EC`): its words through the group noun, without the determiner
 * and the quantity. Null when the phrase is no group phrase.
 */
export function groupPhrase(v: DocView, first: number, last: number): string | null {
  let a = first;
  // `11 percent of Japanese survey respondents`: the group after `of`.
  for (let k = first; k < last && k - first < 4; k++) {
    if (v.lower[k + 1] === 'of' && (wordList('quantity-words').has(v.lower[k]!) || (v.pos[k] === 'NUM' && k === first))) {
      a = k + 2;
      break;
    }
  }
  while (a <= last && (v.pos[a] === 'DET' || v.pos[a] === 'NUM' || QUANTIFIERS.has(v.lower[a]!))) a++;
  for (let k = a; k <= last; k++) {
    const l = v.lower[k]!;
    // (Lower case, or capitalized only as the sentence's first word: `Diplomats accredited to ...`.)
    const sentenceFirst = k === v.sentences[v.sentenceOf[k]!]?.[0];
    if ((v.word[k] !== l && !sentenceFirst) || (v.pos[k] !== 'NOUN' && !sentenceFirst) || !/s$/.test(l)) continue;
    if (GROUP_NOUNS.has(l) || ANIMATE_PLURALS.test(l)) return k >= a ? v.text.slice(v.start[a]!, v.end[k]!) : null;
  }
  return null;
}
const ANIMATE_PLURALS = /(ers|ists|ians|ents|ors|ees|ives|men|women|people|officials|sources|respondents|makers|groups|campaigners|charities|analysts|diplomats)$/;

/** Resolve a speaker mention to a name and entity. `history`: sources resolved before, in document order. */
export function resolveSpeaker(v: DocView, m: Mention, reg: Registry, history: readonly PreviousSpeaker[]): ResolvedSpeaker {
  const start = v.start[m.first]!;
  const end = v.end[m.last]!;
  const text = v.text.slice(start, end);
  const make = (name: string | null, entityId: string | null, resolution: QuoteRecord['speaker']['resolution'], confidence: number, person: boolean, how: string, gender: Gender = null): ResolvedSpeaker => ({
    speaker: { name, entityId, text, start, end, resolution },
    confidence,
    person,
    gender,
    how,
  });
  const none = (person: boolean, how: string) => make(null, null, 'none', 0.3, person, how);
  if (m.kind === 'pronoun') return resolvePronoun(v, m, reg, history, make, none);
  // Dates, weekdays and times never speak; time words before a name go (`Last Friday Reagan`).
  const from = skipTimeWords(v, m.first, m.last);
  if (from < 0) return none(false, 'time-not-source');
  if (from > m.first) return resolveSpeaker(v, classifyMention(v, from, m.last), reg, history);
  // A stock ticker (`Amdahl Corp <AMH>`, `<TOSB.T>`) is not a source: the name before it is.
  let tickerOpen = -1;
  if (v.word[m.last + 1] === '>' || v.word[m.first - 1] === '<') for (let k = m.first - 1; k >= 0 && m.first - k <= 4; k--) if (v.word[k] === '<') { tickerOpen = k; break; }
  if (tickerOpen >= 1) {
    const lo = v.sentences[v.sentenceOf[m.first]!]?.[0] ?? 0;
    const np = npEndingAt(v, tickerOpen - 1, lo);
    if (np) return resolveSpeaker(v, classifyMention(v, np[0], np[1]), reg, history);
    return none(false, 'ticker-not-source');
  }
  if (v.word[m.last] === '>' || v.word[m.first] === '<') {
    let b = m.last;
    while (b > m.first && v.word[b] !== '<') b--;
    if (b > m.first) return resolveSpeaker(v, classifyMention(v, m.first, b - 1), reg, history);
    return none(false, 'ticker-not-source');
  }
  // A person named inside the phrase (`Deputy Under Secretary of Commerce Jane Roe`).
  const inPhrase = personInPhrase(v, reg, start, end);
  if (inPhrase) return make(cleanPersonName(inPhrase.entity.name), inPhrase.entity.id, 'explicit', 0.95, true, 'entity-in-mention', inPhrase.person.gender);
  // `Ministry of Trade (MITI) officials`: the phrase goes on left of a parenthesis.
  if (v.word[m.first - 1] === ')' && m.kind !== 'name') {
    let open = m.first - 2;
    while (open > 0 && m.first - open < 8 && v.word[open] !== '(') open--;
    const lo = v.sentences[v.sentenceOf[m.first]!]?.[0] ?? 0;
    const np = v.word[open] === '(' ? npEndingAt(v, open - 1, lo) : null;
    if (np) {
      const org = orgOfPhrase(v, reg, { ...m, first: np[0] });
      if (org) return make(org.name, org.id, 'descriptor', 0.75, !/s$/.test(v.lower[m.last]!), 'descriptor-org', genderOfMarker(v.lower[m.last]!));
    }
  }
  // `MITI officials`, `a spokesman for Amdahl Corp`: the organization they speak for.
  const org = orgOfPhrase(v, reg, m);
  // (One official or spokesman is a person: a later `he` may stand for them.)
  if (org) {
    const singular = !/s$/.test(v.lower[m.last]!) && m.kind !== 'group';
    return make(org.name, org.id, 'descriptor', 0.75, singular, 'descriptor-org', genderOfMarker(v.lower[m.last]!));
  }
  // `the airline said` after `budget airline SkyHop` (and `a spokesperson for the airline said`,
  // whose mention is the phrase after `for`): a definite description of the one organization in
  // reach with that head noun (nlp/definite-descriptions.ts); the mention stays the description's words.
  const definite = m.kind !== 'name' ? definiteAt(reg, m.first, m.last) : undefined;
  if (definite) {
    const e = definite.antecedent.entity;
    return make(e.name, e.id, 'descriptor', 0.7, false, 'descriptor-definite-org');
  }
  // Quantities and plural groups name no one (`11 percent of voters`, `U.S. officials`).
  const group = (m.kind === 'name' && m.nameType === 'person') || m.kind === 'group' ? null : groupPhrase(v, m.first, m.last);
  // (`Diplomats accredited to the EC`: the group's head comes first, the name sits in its modifier.)
  let modifierName = false;
  if (m.kind === 'name' && m.nameFirst !== undefined) for (let k = m.first + 1; k < m.nameFirst; k++) if ((v.pos[k] === 'VERB' || v.pos[k] === 'ADJ') && /ed$/.test(v.lower[k]!) && MODIFIER_PARTICIPLE_PREPS.has(v.lower[k + 1]!)) modifierName = true;
  if (group && (modifierName || !(m.kind === 'name' && m.nameFirst !== undefined && v.pos[m.nameFirst - 1] !== 'ADP' && m.nameFirst > m.first && !/s$/.test(v.lower[m.last]!)))) {
    // Named by no one: no speaker name (the phrase stays in `text`).
    return make(null, null, 'none', 0.6, false, 'group-phrase');
  }
  const linked =
    m.kind === 'name' && m.nameFirst !== undefined && m.nameLast !== undefined
      ? entityAt(reg.named, v.start[m.nameFirst]!, v.end[m.nameLast]!)
      : entityAt(reg.named, start, end);
  const genderHere = (): Gender => {
    for (let k = m.first; k <= m.last; k++) {
      const g = genderOfMarker(v.lower[k]!);
      if (g) return g;
    }
    return null;
  };
  if (m.kind === 'name' && m.name) {
    if (linked && (linked.type !== 'PERSON' || reg.persons.some((p) => p.entityId === linked.id && p.human))) {
      const person = linked.type === 'PERSON';
      const p = person ? reg.persons.find((x) => x.entityId === linked.id) : undefined;
      return make(person ? cleanPersonName(linked.name) : linked.name, linked.id, 'explicit', 0.95, person, 'entity-link', p?.gender ?? genderHere());
    }
    if (m.nameType === 'person' || m.nameType === null) {
      const parts = m.name.split(/\s+/);
      const p = reg.byKey.get(m.name.toLowerCase()) ?? reg.byKey.get(parts[parts.length - 1]!.toLowerCase());
      if (p && p.human) return make(cleanPersonName(p.name), p.entityId, 'explicit', 0.9, true, 'registry-name', p.gender);
    }
    if (linked) return make(linked.name, linked.id, 'explicit', 0.8, linked.type === 'PERSON', 'entity-link');
    return make(m.name, null, 'explicit', m.nameType === 'person' ? 0.85 : 0.8, m.nameType === 'person', 'name', genderHere());
  }
  if (m.kind === 'group' && m.name) {
    // `Chinese officials`: the officials of a country speak for it.
    const e = reg.entities.find((x) => x.type === 'GPE' && x.name === m.name) ?? null;
    const norp = linked && linked.type === 'NORP' && linked.country ? linked.country : null;
    return make(m.name, norp ?? e?.id ?? null, 'descriptor', 0.75, false, 'group-country');
  }
  if (m.kind === 'descriptor' && m.role) {
    if (linked && linked.type === 'PERSON' && reg.persons.some((p) => p.entityId === linked.id && p.human)) return make(cleanPersonName(linked.name), linked.id, 'descriptor', 0.75, true, 'entity-link');
    const holder = titleHolder(v, m, reg, start);
    if (holder) return make(cleanPersonName(holder.person.name), holder.person.entityId, 'descriptor', holder.exact ? 0.75 : 0.55, true, holder.exact ? 'descriptor-title' : 'descriptor-role', holder.person.gender);
    // `a spokesman for Amdahl Corp`, `a senior Foreign Ministry official`: the organization speaks.
    // (A unique office, `the party chairman`, is its holder's, not the organization's.)
    const org = SPEAKS_FOR.has(m.role) ? orgInPhrase(reg, start, end) : null;
    if (org) return make(org.name, org.id, 'descriptor', 0.6, true, 'descriptor-org', genderHere());
    return make(null, null, 'none', 0.3, true, 'descriptor-unresolved', genderHere());
  }
  if (linked) return make(linked.name, linked.id, 'explicit', 0.7, linked.type === 'PERSON', 'entity-link');
  // `The U.S.` (the tokenizer may split its last period off): a country named in full.
  const country = countryByName(text.replace(/^(the|a)\s+/i, ''));
  if (country) return make(country, reg.entities.find((x) => x.type === 'GPE' && x.name === country)?.id ?? null, 'explicit', 0.8, false, 'country-name');
  return none(false, 'no-source');
}

/** Role nouns of people who speak for an organization without holding a unique office (`a spokesman for X`, `MITI officials`). */
const SPEAKS_FOR = wordList('speaks-for');

/**
 * The organization a role phrase speaks for: an ORG entity right before the role noun (`MITI
 * officials`, `a senior Foreign Ministry official`) or after `for`/`at`/`of` right after it (`a
 * spokesman for Amdahl Corp`). Null when the phrase names a person or no organization.
 */
function orgOfPhrase(v: DocView, reg: Registry, m: Mention): EntityRecord | null {
  if (m.kind === 'pronoun' || (m.kind === 'name' && m.nameType === 'person')) return null;
  let role = -1;
  for (let k = m.last; k >= m.first; k--) if (SPEAKS_FOR.has(v.lower[k]!) && v.word[k] === v.lower[k]) { role = k; break; }
  if (role < 0) return null;
  const orgCovering = (a: number, b: number): EntityRecord | null => {
    for (const e of reg.entities) {
      if (e.type !== 'ORG') continue;
      for (const x of e.mentions) if (x.start >= v.start[a]! && x.end <= v.end[b]!) return e;
    }
    return null;
  };
  // Before the role noun, not after a preposition (`diplomats accredited to the EC`).
  if (role > m.first) {
    // (`of` and parentheses inside an organization's name stay: `Ministry of Trade (MITI) officials`.)
    for (let k = m.first; k < role; k++) if ((v.pos[k] === 'ADP' && v.lower[k] !== 'of') || v.pos[k] === 'VERB') return null;
    const e = orgCovering(m.first, role - 1);
    if (e) return e;
  }
  // `a spokesman for X` (the phrase may stop at the role noun).
  const next = role + 1;
  if (ROLE_OF_PREPS.has(v.lower[next] ?? '')) {
    let k = next + 1;
    while (k < v.word.length && k - next <= 10 && v.sentenceOf[k] === v.sentenceOf[role] && v.word[k] !== ',' && !v.inQuote[k]) k++;
    return orgCovering(next + 1, k - 1);
  }
  return null;
}

/** The ORG entity with a mention inside [start, end), the last one when several. */
function orgInPhrase(reg: Registry, start: number, end: number): EntityRecord | null {
  let best: EntityRecord | null = null;
  let bestEnd = -1;
  for (const e of reg.entities) {
    if (e.type !== 'ORG') continue;
    for (const x of e.mentions) if (x.start >= start && x.end <= end && x.end > bestEnd) {
      best = e;
      bestEnd = x.end;
    }
  }
  return best;
}

/**
 * The person holding the role a descriptor names in this document (`the home secretary` -> the
 * person written as `Home Secretary X`; the entities stage's `titles` count too). Exact: every
 * word of the descriptor's role phrase is in one of the person's title phrases, and one person
 * only fits. Else, one person only with the role noun. Null otherwise (the corpus is not consulted).
 */
function titleHolder(v: DocView, m: Mention, reg: Registry, start: number): { person: Person; exact: boolean } | null {
  const words: string[] = [];
  for (let k = m.first; k <= m.last; k++) {
    const l = v.lower[k]!.replace(/\.$/, '');
    if (v.pos[k] === 'DET' || ROLE_MODIFIERS.has(l) || l === 'of') continue;
    if (countryByDemonym(v.word[k]!) || countryByName(v.word[k]!)) continue;
    words.push(l);
  }
  const countryOk = (p: Person) => !m.country || p.countries.size === 0 || p.countries.has(m.country);
  const human = reg.persons.filter((p) => p.human && p.mentions.some((x) => x.start !== start));
  // `the Finnish minister`: the one holder of the role with that nationality written first.
  if (m.country) {
    const national = human.filter((p) => p.countries.has(m.country!) && (p.titles.has(m.role!) || [...p.titlePhrases].some((t) => t.split(/\s+/).includes(m.role!))));
    if (national.length === 1) return { person: national[0]!, exact: true };
  }
  const exact = human.filter((p) => countryOk(p) && [...p.titlePhrases].some((t) => {
    const tw = new Set(t.split(/\s+/));
    return words.length > 0 && words.every((w) => tw.has(w) || (w === 'tory' && tw.has('conservative')));
  }));
  if (exact.length === 1) return { person: exact[0]!, exact: true };
  if (exact.length > 1 && m.country) {
    const withCountry = exact.filter((p) => p.countries.has(m.country!));
    if (withCountry.length === 1) return { person: withCountry[0]!, exact: true };
  }
  if (exact.length > 1) return null;
  const byRole = human.filter((p) => p.titles.has(m.role!) && countryOk(p));
  // `the Finnish minister`: the one holder of the role with that nationality written.
  const byCountry = m.country ? byRole.filter((p) => p.countries.has(m.country!)) : [];
  if (byCountry.length === 1) return { person: byCountry[0]!, exact: false };
  return byRole.length === 1 ? { person: byRole[0]!, exact: false } : null;
}

type Make = (name: string | null, entityId: string | null, resolution: QuoteRecord['speaker']['resolution'], confidence: number, person: boolean, how: string, gender?: Gender) => ResolvedSpeaker;

/**
 * A pronoun's antecedent as a constrained choice. he/she/him/his/her: persons only (the registry's
 * human persons and earlier person sources), of the gender the text tells when it tells one; the
 * nearest sentence before the pronoun holding a candidate outside quotes, and in it the first
 * (subject) candidate. they/it: an earlier non-person source (an organization, a country, a group),
 * `it` never a plural group; none within reach gives no speaker.
 */
function resolvePronoun(v: DocView, m: Mention, reg: Registry, history: readonly PreviousSpeaker[], make: Make, none: (person: boolean, how: string) => ResolvedSpeaker): ResolvedSpeaker {
  const start = v.start[m.first]!;
  const word = v.lower[m.first]!;
  if (m.pronoun === 'person') {
    const want = genderOfPronoun(word);
    const candidates: Array<{ at: number; sentence: number; name: string; entityId: string | null; gender: Gender }> = [];
    // Names reach a pronoun from its own paragraph or the one before; earlier sources through the
    // chain of speakers (a source resolved from a pronoun counts where that pronoun is).
    const paragraph = v.paragraphOf[m.first]!;
    const near = (at: number, paragraphs: number) => paragraph - v.paragraphOf[tokenAt(v, at)]! <= paragraphs;
    for (const p of reg.persons) {
      if (!p.human || (want && p.gender && p.gender !== want)) continue;
      for (const x of p.mentions) {
        if (x.start >= start || start - x.start > 2500 || quotedAt(v, x.start) || !near(x.start, 1)) continue;
        candidates.push({ at: x.start, sentence: v.sentenceOf[tokenAt(v, x.start)]!, name: cleanPersonName(p.name), entityId: p.entityId, gender: p.gender });
      }
    }
    for (const u of reg.unnamed) {
      if (u.start >= start || start - u.start > 2500 || !near(u.start, 1) || (want && u.gender && u.gender !== want)) continue;
      candidates.push({ at: u.start, sentence: v.sentenceOf[tokenAt(v, u.start)]!, name: '', entityId: null, gender: u.gender });
    }
    for (const h of history) {
      if (!h.person || !h.name || h.at >= start || start - h.at > 2500 || !near(h.at, 3) || (want && h.gender && h.gender !== want)) continue;
      candidates.push({ at: h.at, sentence: v.sentenceOf[tokenAt(v, h.at)]!, name: h.name!, entityId: h.entityId, gender: h.gender ?? null });
    }
    if (candidates.length === 0) return none(true, 'pronoun-unresolved');
    let nearest = -1;
    for (const c of candidates) nearest = Math.max(nearest, c.sentence);
    const inNearest = candidates.filter((c) => c.sentence === nearest).sort((a, b) => a.at - b.at);
    const pick = inNearest[0]!;
    // `The prime minister told MPs ... he`: a role no one here holds; the pronoun stands for it, unnamed.
    if (!pick.name) return none(true, 'pronoun-unnamed-person');
    // Two different people in that sentence: less sure.
    const rivals = new Set(inNearest.map((c) => c.entityId ?? c.name)).size;
    const sameSentence = nearest === v.sentenceOf[m.first];
    return make(pick.name, pick.entityId, 'pronoun', rivals > 1 ? 0.55 : sameSentence ? 0.75 : 0.7, true, rivals > 1 ? 'pronoun-first-of-several' : 'pronoun-nearest-person', pick.gender ?? want);
  }
  if (m.pronoun === 'group') {
    const plural = PLURAL_PRONOUNS.has(word);
    for (let i = history.length - 1; i >= 0; i--) {
      const h = history[i]!;
      if (h.at >= start) continue;
      if (start - h.at > 1200) break;
      if (h.person) {
        if (plural) continue;
        break;
      }
      // `it` speaks for an organization or a country, not for `officials`.
      if (!plural && !h.entityId) continue;
      return make(h.name, h.entityId, 'pronoun', 0.5, false, h.name ? 'pronoun-previous-group' : 'pronoun-unnamed-group');
    }
    // No earlier group source: `Port officials met ... They said`: the first plural group noun of
    // the previous sentence stands for `they`, unnamed.
    const s = v.sentenceOf[m.first]!;
    if (plural && s > 0) {
      const [lo, hi] = v.sentences[s - 1]!;
      if (v.paragraphOf[lo]! >= v.paragraphOf[m.first]! - 1) {
        // `Labour and the Tories have attacked ... They insist`: an organization opening that sentence.
        const opener = reg.entities.find((e) => e.type === 'ORG' && e.mentions.some((x) => x.start === v.start[lo]));
        if (opener) return make(opener.name, opener.id, 'pronoun', 0.5, false, 'pronoun-previous-subject');
        for (let k = lo; k <= hi; k++) {
          if (v.inQuote[k] || v.word[k] !== v.lower[k] || v.pos[k] !== 'NOUN') continue;
          if (GROUP_NOUNS.has(v.lower[k]!) || ANIMATE_PLURALS.test(v.lower[k]!)) return make(null, null, 'pronoun', 0.5, false, 'pronoun-unnamed-group');
        }
      }
    }
  }
  return none(false, 'pronoun-unresolved');
}
