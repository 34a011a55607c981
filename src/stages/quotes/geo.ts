/** Countries and their demonyms (world-countries), for group speakers and nationality of roles. */
import { createRequire } from 'node:module';

interface Country {
  name: { common: string };
  demonyms?: { eng?: { m?: string; f?: string } };
  altSpellings?: string[];
  cca2: string;
  cca3: string;
}

let cache: { byName: Map<string, string>; byDemonym: Map<string, string> } | undefined;

function load(): NonNullable<typeof cache> {
  if (cache) return cache;
  const require = createRequire(import.meta.url);
  const countries = require('world-countries') as Country[];
  const byName = new Map<string, string>();
  const byDemonym = new Map<string, string>();
  for (const c of countries) {
    const name = c.name.common;
    byName.set(name.toLowerCase(), name);
    for (const alt of c.altSpellings ?? []) if (alt.length > 3 && /^[A-Za-z .'-]+$/.test(alt)) byName.set(alt.toLowerCase(), name);
    const d = c.demonyms?.eng;
    for (const form of [d?.m, d?.f]) if (form) byDemonym.set(form.toLowerCase(), name);
  }
  for (const [alias, name] of [
    ['us', 'United States'],
    ['u.s.', 'United States'],
    ['u.s', 'United States'],
    ['usa', 'United States'],
    ['america', 'United States'],
    ['uk', 'United Kingdom'],
    ['u.k.', 'United Kingdom'],
    ['britain', 'United Kingdom'],
    ['great britain', 'United Kingdom'],
    ['south korea', 'South Korea'],
    ['north korea', 'North Korea'],
  ] as const)
    byName.set(alias, name);
  for (const [alias, name] of [
    ['american', 'United States'],
    ['u.s.', 'United States'],
    ['us', 'United States'],
    ['british', 'United Kingdom'],
    ['chinese', 'China'],
    ['japanese', 'Japan'],
    ['indian', 'India'],
    ['south korean', 'South Korea'],
    ['north korean', 'North Korea'],
    ['russian', 'Russia'],
    ['australian', 'Australia'],
    ['filipino', 'Philippines'],
    ['taiwanese', 'Taiwan'],
  ] as const)
    byDemonym.set(alias, name);
  cache = { byName, byDemonym };
  return cache;
}

/**
 * Answers by the word as written: the speaker rules ask about the same tokens again and again, and
 * a word seen before then costs one lookup, no lower-casing. Cleared when it reaches MEMO_MAX words.
 */
const MEMO_MAX = 20_000;
const memoByName = new Map<string, string | null>();
const memoByDemonym = new Map<string, string | null>();

function memoized(memo: Map<string, string | null>, table: Map<string, string>, word: string): string | null {
  let country = memo.get(word);
  if (country === undefined) {
    country = table.get(word.toLowerCase()) ?? null;
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(word, country);
  }
  return country;
}

/** The country a name refers to (`U.S.` -> `United States`), or null. */
export function countryByName(name: string): string | null {
  return memoized(memoByName, load().byName, name);
}

/** The country of a demonym (`New Zealander` -> `New Zealand`), or null. */
export function countryByDemonym(word: string): string | null {
  return memoized(memoByDemonym, load().byDemonym, word);
}
