/**
 * The quotes stage's word lists: `data/quotes/NAME.txt` (src/data/quotes in the source tree), one
 * entry a line, `#` comments, sorted and unique (tests/quotes/lexicon.test.ts checks), read through
 * the one data loader (src/io/data.ts) and lower-cased; each list once per process. A name with a
 * folder (`entities/first-names`) reads another stage's list; the quotes stage declares it.
 */
import path from 'node:path';
import { DATA_DIR, loadWordList, parseWordList as parseEntries } from '../../io/data.js';

const cache = new Map<string, ReadonlySet<string>>();

/** Folder holding the quotes word lists (data/quotes). */
export function quotesDataDir(): string {
  return path.join(DATA_DIR, 'quotes');
}

/** Entries of one list file's text: trimmed, lower-cased, without blank and `#` lines. */
export function parseWordList(text: string): string[] {
  return parseEntries(text).map((w) => w.toLowerCase());
}

/**
 * The word list `name` (file `data/quotes/<name>.txt`, or `data/<name>.txt` when the name has a
 * folder) as a set of lower-case entries. Throws when the file is missing (a packaging error).
 */
export function wordList(name: string): ReadonlySet<string> {
  let set = cache.get(name);
  if (!set) {
    const rel = name.includes('/') ? `${name}.txt` : `quotes/${name}.txt`;
    set = new Set([...loadWordList(rel).value].map((w) => w.toLowerCase()));
    cache.set(name, set);
  }
  return set;
}
