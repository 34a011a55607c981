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

/** The country a name refers to (`U.S.` -> `United States`), or null. */
export function countryByName(name: string): string | null {
  return load().byName.get(name.toLowerCase()) ?? null;
}

/** The country of a demonym (`New Zealander` -> `New Zealand`), or null. */
export function countryByDemonym(word: string): string | null {
  return load().byDemonym.get(word.toLowerCase()) ?? null;
}
