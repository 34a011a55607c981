/**
 * The one country gazetteer every stage shares: the world-countries package (names, official names,
 * alternative spellings, demonyms, capitals) and data/shared/countries.json (aliases, demonyms,
 * capitals and cities world-countries lacks or spells differently, former states, adjectival uses
 * of a country's name), read once per process through the one data loader (io/data.ts).
 *
 * The entities stage builds its GPE and NORP entries from `countries()` (surfaces in precedence
 * order); the quotes stage asks `countryByName` / `countryByDemonym`, case-insensitive lookups built
 * from the same surfaces with the same precedence.
 */
import { createRequire } from 'node:module';
import type { Country } from 'world-countries';
import { z } from 'zod';
import { loadJson } from '../io/data.js';

/** The data file (path under data/); a stage that uses this module declares it. */
export const COUNTRIES_FILE = 'shared/countries.json';

// Comments in the file are extra string fields (`_comment`, `_capitalsComment`...).
const CountriesFile = z
  .object({
    aliases: z.record(z.string(), z.string()),
    capitals: z.record(z.string(), z.string()),
    demonyms: z.record(z.string(), z.string()),
    adjectives: z.record(z.string(), z.string()),
    cities: z.record(z.string(), z.string()).optional(),
    historical: z.array(z.string()).optional(),
  })
  .catchall(z.string());

/** A country: its ISO 3166-1 alpha-2 code (null for a former state) and common English name. */
export interface CountryInfo {
  code: string | null;
  /** world-countries' common name (`United States`), or the former state's name (`Yugoslavia`). */
  name: string;
}

/** A surface naming a country (or its people), and whether it overrides an earlier entry with the same surface. */
export interface CountrySurface {
  surface: string;
  country: CountryInfo;
  /** Overrides an earlier surface (an alias, a common name); otherwise the first one stays. */
  strong: boolean;
  /** `world-countries`, `historical`, `alias`, `world-countries demonym`, `demonym`, `adjective`. */
  source: string;
}

export interface Countries {
  /** Every country, world-countries order, then the former states. */
  all: CountryInfo[];
  byCode: Map<string, CountryInfo>;
  /** Name surfaces in precedence order: former states, aliases, then per country its common name, official name and multi-word alternative spellings. */
  names: CountrySurface[];
  /** Demonyms in precedence order: world-countries' (UN members first), then the data file's. */
  demonyms: CountrySurface[];
  /** A country's name used as an adjective (`U.S. officials`): read as a demonym by the quotes stage only. */
  adjectives: CountrySurface[];
  /** Capitals: the data file's spellings, then world-countries' (surface -> country). */
  capitals: Map<string, CountryInfo>;
  /** Large cities world-countries does not list as capitals (surface -> country code). */
  cities: Array<[string, string]>;
}

let cached: Countries | undefined;

/** The shared country gazetteer, built once. Throws when the data file is missing or invalid. */
export function countries(): Countries {
  cached ??= build();
  return cached;
}

function build(): Countries {
  const world = createRequire(import.meta.url)('world-countries') as Country[];
  const extra = loadJson(COUNTRIES_FILE, CountriesFile).value;
  const byCode = new Map<string, CountryInfo>();
  const all: CountryInfo[] = [];
  for (const c of world) {
    const info: CountryInfo = { code: c.cca2, name: c.name.common };
    byCode.set(c.cca2, info);
    all.push(info);
  }
  const names: CountrySurface[] = [];
  for (const name of extra.historical ?? []) {
    const info: CountryInfo = { code: null, name };
    all.push(info);
    names.push({ surface: name, country: info, strong: true, source: 'historical' });
  }
  // Aliases first (strong), so "US" is the United States, not a word.
  for (const [alias, cc] of Object.entries(extra.aliases)) {
    const info = byCode.get(cc);
    if (info) names.push({ surface: alias, country: info, strong: true, source: 'alias' });
  }
  for (const c of world) {
    const info = byCode.get(c.cca2)!;
    names.push({ surface: c.name.common, country: info, strong: true, source: 'world-countries' });
    names.push({ surface: c.name.official, country: info, strong: false, source: 'world-countries' });
    // Only multi-word alternative names: single words collide with English ("Island").
    for (const alt of c.altSpellings ?? []) if (/\s/.test(alt) && /^\p{Lu}/u.test(alt)) names.push({ surface: alt, country: info, strong: false, source: 'world-countries' });
  }
  // UN members first, so a demonym shared with a territory ("American") goes to the state.
  const demonyms: CountrySurface[] = [];
  for (const c of [...world].sort((a, b) => Number(b.unMember) - Number(a.unMember))) {
    const dem = (c.demonyms as Record<string, { m: string; f: string }> | undefined)?.eng;
    for (const d of dem ? [dem.m, dem.f] : []) if (d) demonyms.push({ surface: d, country: byCode.get(c.cca2)!, strong: false, source: 'world-countries demonym' });
  }
  for (const [d, cc] of Object.entries(extra.demonyms)) {
    const info = byCode.get(cc);
    if (info) demonyms.push({ surface: d, country: info, strong: true, source: 'demonym' });
  }
  const adjectives: CountrySurface[] = [];
  for (const [a, cc] of Object.entries(extra.adjectives)) {
    const info = byCode.get(cc);
    if (info) adjectives.push({ surface: a, country: info, strong: true, source: 'adjective' });
  }
  const capitals = new Map<string, CountryInfo>();
  for (const [cap, cc] of Object.entries(extra.capitals)) {
    const info = byCode.get(cc);
    if (info) capitals.set(cap, info);
  }
  for (const c of world) for (const cap of c.capital ?? []) if (!capitals.has(cap)) capitals.set(cap, byCode.get(c.cca2)!);
  return { all, byCode, names, demonyms, adjectives, capitals, cities: Object.entries(extra.cities ?? {}) };
}

let lookups: { byName: Map<string, string>; byDemonym: Map<string, string> } | undefined;

/** Case-insensitive map of surfaces to country names: a strong surface overrides, otherwise the first stays. */
function lowerIndex(...lists: CountrySurface[][]): Map<string, string> {
  const out = new Map<string, string>();
  for (const list of lists)
    for (const s of list) {
      const key = s.surface.toLowerCase();
      if (key && (s.strong || !out.has(key))) out.set(key, s.country.name);
    }
  return out;
}

function lookup(): NonNullable<typeof lookups> {
  if (!lookups) {
    const c = countries();
    lookups = { byName: lowerIndex(c.names), byDemonym: lowerIndex(c.demonyms, c.adjectives) };
  }
  return lookups;
}

/** The country a name refers to, case-insensitive (`U.S.` -> `United States`, `Burma` -> `Myanmar`), or null. */
export function countryByName(name: string): string | null {
  return lookup().byName.get(name.toLowerCase()) ?? null;
}

/** The country of a demonym or of a name used as one, case-insensitive (`New Zealander` -> `New Zealand`, `U.S.` -> `United States`), or null. */
export function countryByDemonym(word: string): string | null {
  return lookup().byDemonym.get(word.toLowerCase()) ?? null;
}
