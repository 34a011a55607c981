/**
 * compromise, used as one typing signal among several and only on the short spans that need it
 * (it is much slower than wink, so it never sees whole documents).
 */
import nlp from 'compromise';

export type CompromiseGuess = 'PERSON' | 'ORG' | 'PLACE' | null;

/** compromise's reading of a short span (a candidate name, optionally with a little context). */
export function guessSpan(span: string): CompromiseGuess {
  const doc = nlp(span);
  const terms = doc.json() as Array<{ terms: Array<{ tags: string[] }> }>;
  const tags = terms.flatMap((s) => s.terms.map((t) => t.tags));
  if (tags.length === 0) return null;
  const all = (tag: string) => tags.every((t) => t.includes(tag));
  const any = (tag: string) => tags.some((t) => t.includes(tag));
  if (any('Organization') || any('SportsTeam')) return 'ORG';
  if (any('Place') || any('City') || any('Country') || any('Region')) return all('Person') ? 'PERSON' : 'PLACE';
  if (any('Person') && (any('FirstName') || any('LastName') || (all('Person') && tags.length > 1))) return 'PERSON';
  return null;
}
