/** The quotes stage's word lists (src/data/quotes/*.txt) are sorted, unique, lower case, and load through one loader. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWordList, quotesDataDir, wordList } from '../../src/stages/quotes/lexicon.js';

const dir = quotesDataDir();
const lists = readdirSync(dir).filter((f) => f.endsWith('.txt'));

describe('quotes word lists', () => {
  it('finds the lists', () => {
    expect(lists).toContain('reporting-verbs.txt');
    expect(lists).toContain('given-names-female.txt');
    expect(lists.length).toBeGreaterThanOrEqual(10);
  });
  for (const file of lists) {
    it(`${file} is sorted, unique and lower case`, () => {
      const entries = parseWordList(readFileSync(path.join(dir, file), 'utf8'));
      expect(entries.length).toBeGreaterThan(0);
      const sorted = [...entries].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(entries).toEqual(sorted);
      expect(new Set(entries).size).toBe(entries.length);
      for (const e of entries) expect(e).toBe(e.toLowerCase());
    });
  }
  it('loads a list once, as a set', () => {
    const a = wordList('time-words');
    expect(a.has('yesterday')).toBe(true);
    expect(wordList('time-words')).toBe(a);
  });
  it('reads a list another stage keeps', () => {
    expect(wordList('entities/first-names').size).toBeGreaterThan(1000);
  });
  it('throws on a missing list', () => {
    expect(() => wordList('no-such-list')).toThrow();
  });
});
