/**
 * Speaker resolution: a document's person registry (names with their titles and nationality, from
 * the token table and, when present, the entities stage), pronoun and descriptor resolution, and
 * linking a mention span to an entity id by overlap.
 */
import type { EntityRecord, QuoteRecord } from '../../schema.js';
import { MONTHS_DAYS, ORG_WORDS, ROLE_NOUNS, TITLE_WORDS } from './cues.js';
import { isCapitalized, type DocView } from '../../nlp/doc-view.js';
import { countryByDemonym, countryByName } from './geo.js';
import { classifyMention, type Mention } from './mentions.js';

export interface Person {
  name: string;
  titles: Set<string>;
  countries: Set<string>;
  /** Character starts of its mentions, ascending. */
  mentions: Array<{ start: number; end: number }>;
  entityId: string | null;
}

export interface Registry {
  persons: Person[];
  /** Lower-cased name or name part -> person. */
  byKey: Map<string, Person>;
  entities: EntityRecord[];
}

const FUNCTION_POS = new Set(['DET', 'CCONJ', 'SCONJ', 'ADP', 'ADV', 'PRON', 'AUX', 'PART', 'INTJ', 'VERB']);
const REGION_WORDS = new Set(['east', 'west', 'north', 'south', 'central', 'asian', 'european', 'african', 'pacific', 'atlantic', 'arab', 'latin', 'middle', 'eastern', 'western', 'northern', 'southern', 'new', 'saint', 'san', 'los', 'las', 'fort', 'mount', 'lake', 'river', 'county', 'city', 'island', 'islands', 'street', 'avenue']);
const NAME_WORD = /^(\p{Lu}[\p{Ll}’'.-]+|\p{Lu}\.?|\p{Lu}[\p{Ll}]+-\p{Lu}?[\p{Ll}]+|Mc\p{Lu}\p{Ll}+|O’\p{Lu}\p{Ll}+)$/u;

/** Build the person registry of a document. */
export function buildRegistry(v: DocView, entities: EntityRecord[]): Registry {
  const persons: Person[] = [];
  const byKey = new Map<string, Person>();
  const add = (name: string, start: number, end: number, titles: string[], countries: string[]): Person => {
    const parts = name.split(/\s+/);
    let p = byKey.get(name.toLowerCase()) ?? (parts.length === 1 ? byKey.get(parts[0]!.toLowerCase()) : undefined);
    if (!p) {
      p = { name, titles: new Set(), countries: new Set(), mentions: [], entityId: null };
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
    p.mentions.push({ start, end });
    return p;
  };
  // Entities from the entities stage come first: their names are canonical.
  for (const e of entities) {
    if (e.type !== 'PERSON') continue;
    for (const m of e.mentions) {
      const p = add(e.name, m.start, m.end, e.titles.map((t) => t.toLowerCase()), []);
      p.entityId = e.id;
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
    while (j + 1 < n && v.sentenceOf[j + 1] === v.sentenceOf[i] && (isCapitalized(v.word[j + 1]!) || v.word[j + 1] === '.') && v.pos[j + 1] !== 'PUNCT') j++;
    const titles: string[] = [];
    const countries: string[] = [];
    let a = i;
    while (a <= j && (TITLE_WORDS.has(v.lower[a]!.replace(/\.$/, '')) || countryByDemonym(v.word[a]!) || FUNCTION_POS.has(v.pos[a]!))) {
      if (ROLE_NOUNS.has(v.lower[a]!)) titles.push(v.lower[a]!);
      const c = countryByDemonym(v.word[a]!);
      if (c) countries.push(c);
      a++;
    }
    // Possessive at the end (`Haddad’s`) belongs to the name.
    const words = v.word.slice(a, j + 1).map((w) => w.replace(/[’']s$/, ''));
    const lowerWords = words.map((w) => w.toLowerCase());
    const name = v.text.slice(v.start[a] ?? 0, v.end[j] ?? 0).replace(/[’']s$/, '');
    const looksName =
      words.length >= 2 &&
      words.length <= 4 &&
      words.every((w) => NAME_WORD.test(w)) &&
      !lowerWords.some((w) => ORG_WORDS.has(w) || MONTHS_DAYS.has(w) || TITLE_WORDS.has(w)) &&
      !countryByName(name) &&
      !words.some((w) => countryByName(w) || countryByDemonym(w) || REGION_WORDS.has(w.toLowerCase()));
    // Appositive right after: `Name, the|a ... ,` gives titles and nationality.
    if (v.word[j + 1] === ',' && ['the', 'a', 'an'].includes(v.lower[j + 2] ?? '')) {
      for (let k = j + 2; k < n && k < j + 20 && v.word[k] !== ',' && v.sentenceOf[k] === v.sentenceOf[j]; k++) {
        if (ROLE_NOUNS.has(v.lower[k]!)) titles.push(v.lower[k]!);
        const c = countryByDemonym(v.word[k]!) ?? (v.lower[k - 1] === 'of' ? countryByName(v.word[k]!) : null);
        if (c) countries.push(c);
      }
    }
    const linkedEntity = entityAt(entities, v.start[a] ?? 0, v.end[j] ?? 0);
    if (linkedEntity && linkedEntity.type === 'PERSON' && a <= j) {
      const p = add(linkedEntity.name, v.start[a]!, v.end[j]!, titles, countries);
      p.entityId = linkedEntity.id;
    } else if (linkedEntity && a <= j && linkedEntity.type !== 'PERSON') {
      // An organization or place: not a person.
    } else if (looksName) {
      add(name, v.start[a]!, v.end[j]!, titles, countries);
    } else if (words.length === 1 && byKey.has(lowerWords[0]!)) {
      const p = byKey.get(lowerWords[0]!)!;
      for (const t of titles) p.titles.add(t);
      for (const c of countries) p.countries.add(c);
      p.mentions.push({ start: v.start[a]!, end: v.end[j]! });
    }
    i = j + 1;
  }
  for (const p of persons) p.mentions.sort((x, y) => x.start - y.start);
  return { persons, byKey, entities };
}

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
}

/** Most recent mention of a person before `offset` (or -1). */
function lastMentionBefore(p: Person, offset: number): number {
  let best = -1;
  for (const m of p.mentions) if (m.start < offset) best = m.start;
  return best;
}

export interface PreviousSpeaker {
  name: string;
  entityId: string | null;
  person: boolean;
  /** Character offset of the previous quote. */
  at: number;
}

/** Resolve a speaker mention to a name and entity. */
export function resolveSpeaker(v: DocView, m: Mention, reg: Registry, previous: PreviousSpeaker | null): ResolvedSpeaker {
  const start = v.start[m.first]!;
  const end = v.end[m.last]!;
  const text = v.text.slice(start, end);
  const make = (name: string | null, entityId: string | null, resolution: QuoteRecord['speaker']['resolution'], confidence: number, person: boolean): ResolvedSpeaker => ({
    speaker: { name, entityId, text, start, end, resolution },
    confidence,
    person,
  });
  const linked =
    m.kind === 'name' && m.nameFirst !== undefined && m.nameLast !== undefined
      ? entityAt(reg.entities, v.start[m.nameFirst]!, v.end[m.nameLast]!)
      : entityAt(reg.entities, start, end);
  if (m.kind === 'name' && m.name) {
    if (linked) return make(linked.name, linked.id, 'explicit', 0.95, linked.type === 'PERSON');
    if (m.nameType === 'person' || m.nameType === null) {
      const parts = m.name.split(/\s+/);
      const p = reg.byKey.get(m.name.toLowerCase()) ?? reg.byKey.get(parts[parts.length - 1]!.toLowerCase());
      if (p) return make(p.name, p.entityId, 'explicit', 0.9, true);
    }
    return make(m.name, null, 'explicit', m.nameType === 'person' ? 0.85 : 0.8, m.nameType === 'person');
  }
  if (m.kind === 'group' && m.name) {
    const e = reg.entities.find((x) => x.type === 'GPE' && x.name === m.name) ?? null;
    const norp = linked && linked.type === 'NORP' && linked.country ? linked.country : null;
    return make(m.name, norp ?? e?.id ?? null, 'descriptor', 0.75, false);
  }
  if (m.kind === 'pronoun') {
    if (m.pronoun === 'person') {
      // Nearest preceding person mention; the previous quote's speaker wins ties and counts as
      // mentioned where that quote is.
      let best: Person | null = null;
      let bestAt = -1;
      for (const p of reg.persons) {
        const at = lastMentionBefore(p, start);
        if (at > bestAt) {
          bestAt = at;
          best = p;
        }
      }
      if (previous && previous.person && previous.at >= bestAt && start - previous.at < 2000) return make(previous.name, previous.entityId, 'pronoun', 0.7, true);
      if (best && previous && previous.person && best.name === previous.name) return make(previous.name, previous.entityId, 'pronoun', 0.7, true);
      if (best && start - bestAt < 2500) return make(best.name, best.entityId, 'pronoun', 0.6, true);
      return make(null, null, 'none', 0.3, true);
    }
    if (m.pronoun === 'group' && previous && !previous.person && start - previous.at < 1200) return make(previous.name, previous.entityId, 'pronoun', 0.5, false);
    return make(null, null, 'none', 0.3, false);
  }
  if (m.kind === 'descriptor' && m.role) {
    if (linked && linked.type === 'PERSON') return make(linked.name, linked.id, 'descriptor', 0.75, true);
    const fits = (p: Person) => {
      const roleOk = p.titles.has(m.role!) || (m.role === 'minister' && [...p.titles].some((t) => t === 'minister' || t === 'leader'));
      const countryOk = !m.country || p.countries.size === 0 || p.countries.has(m.country);
      return roleOk && countryOk && (!m.country || p.countries.has(m.country) || p.titles.size > 0);
    };
    const candidates = reg.persons.filter(fits);
    // Prefer the candidate that also fits the nationality explicitly, then the most recent one.
    candidates.sort((a, b) => {
      const ca = m.country && a.countries.has(m.country) ? 1 : 0;
      const cb = m.country && b.countries.has(m.country) ? 1 : 0;
      if (ca !== cb) return cb - ca;
      return lastMentionBefore(b, start) - lastMentionBefore(a, start);
    });
    const best = candidates[0];
    if (best) return make(best.name, best.entityId, 'descriptor', candidates.length === 1 ? 0.7 : 0.55, true);
    return make(null, null, 'none', 0.3, true);
  }
  if (linked) return make(linked.name, linked.id, 'explicit', 0.7, linked.type === 'PERSON');
  return make(null, null, 'none', 0.35, false);
}
