/**
 * The quotes stage's word lists as data: `src/data/quotes/NAME.txt`, one lower-case entry a line,
 * `#` comments, sorted and unique (tests/quotes/lexicon.test.ts checks). One loader, each list
 * read once per process. Works from src/ (tsx, vitest) and dist/ (the data stays in src/data).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const cache = new Map<string, ReadonlySet<string>>();

/** Folder holding the quotes word lists (src/data/quotes). Throws when it cannot be found. */
export function quotesDataDir(): string {
  const candidates = [path.resolve(here, '../../data/quotes'), path.resolve(here, '../../../src/data/quotes')];
  const dir = candidates.find((d) => existsSync(path.join(d, 'reporting-verbs.txt')));
  if (!dir) throw new Error(`quotes: data folder not found (looked in ${candidates.join(', ')})`);
  return dir;
}

/** Entries of one list file's text: trimmed, lower-cased, without blank and `#` lines. */
export function parseWordList(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const w = line.trim().toLowerCase();
    if (w && !w.startsWith('#')) out.push(w);
  }
  return out;
}

/**
 * The word list `name` (file `src/data/quotes/<name>.txt`) as a set. Throws when the file is
 * missing (a packaging error, not bad input).
 */
export function wordList(name: string): ReadonlySet<string> {
  let set = cache.get(name);
  if (!set) {
    // `entities/first-names` reads a list the entities stage keeps (src/data/entities).
    const file = name.includes('/') ? path.join(quotesDataDir(), '..', `${name}.txt`) : path.join(quotesDataDir(), `${name}.txt`);
    set = new Set(parseWordList(readFileSync(file, 'utf8')));
    cache.set(name, set);
  }
  return set;
}
