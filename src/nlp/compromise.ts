/**
 * compromise, used as one typing signal among several and only on the short spans that need it
 * (it is much slower than wink, so it never sees whole documents). Its lexicon is consulted first
 * (a map lookup); the full compromise tagger runs only on multi-word spans the lexicon half-knows.
 */
import { createRequire } from 'node:module';
import type compromiseDefault from 'compromise';

type Compromise = typeof compromiseDefault;
let instance: Compromise | undefined;
/** Loaded on first use (its CommonJS build, synchronously): it costs ~1.5 s, and most runs of
 * the CLI (status, eval, audit) and most documents never need it. */
function nlp(): Compromise {
  instance ??= createRequire(import.meta.url)('compromise') as Compromise;
  return instance;
}

export type CompromiseGuess = 'PERSON' | 'ORG' | 'PLACE' | null;

let lexicon: Record<string, string | string[]> | undefined;
function lex(): Record<string, string | string[]> {
  lexicon ??= (nlp().model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
  return lexicon;
}

/** Whether compromise's lexicon knows the word (any tag). */
export function knownWord(word: string): boolean {
  return lex()[word.toLowerCase()] !== undefined;
}

const cache = new Map<string, CompromiseGuess>();

/** compromise's reading of a short span (memoized per process). */
export function guessSpan(span: string): CompromiseGuess {
  let g = cache.get(span);
  if (g === undefined) {
    g = guessUncached(span);
    if (cache.size > 20_000) cache.clear();
    cache.set(span, g);
  }
  return g;
}

function decide(tags: string[][]): CompromiseGuess {
  if (tags.length === 0) return null;
  const all = (tag: string) => tags.every((t) => t.includes(tag));
  const any = (tag: string) => tags.some((t) => t.includes(tag));
  if (any('Organization') || any('SportsTeam')) return 'ORG';
  if (any('Place') || any('City') || any('Country') || any('Region')) return all('Person') ? 'PERSON' : 'PLACE';
  if (any('Person') && (any('FirstName') || any('LastName') || any('MaleName') || any('FemaleName') || (all('Person') && tags.length > 1))) return 'PERSON';
  return null;
}

function guessUncached(span: string): CompromiseGuess {
  const l = lex();
  const whole = l[span.toLowerCase()];
  if (whole) return decide([([] as string[]).concat(whole)]);
  const words = span.split(/\s+/);
  const known = words.map((w) => l[w.toLowerCase().replace(/[.,]$/, '')]);
  const hits = known.filter((k) => k !== undefined).length;
  if (hits === 0) return null;
  if (words.length === 1) return decide([([] as string[]).concat(known[0]!)]);
  // Multi-word span: the lexicon's tags per word decide, unless they disagree (a person's name
  // word next to a place word); only then does the full tagger read the span.
  const tags = known.filter((k) => k !== undefined).map((k) => ([] as string[]).concat(k!));
  const person = tags.some((t) => t.some((x) => /Name$/.test(x)));
  const place = tags.some((t) => t.some((x) => /^(Place|City|Country|Region)$/.test(x)));
  const org = tags.some((t) => t.includes('Organization') || t.includes('SportsTeam'));
  if (Number(person) + Number(place) + Number(org) <= 1) return org ? 'ORG' : place ? 'PLACE' : person ? 'PERSON' : null;
  const doc = nlp()(span);
  const terms = doc.json() as Array<{ terms: Array<{ tags: string[] }> }>;
  return decide(terms.flatMap((s) => s.terms.map((t) => t.tags)));
}
