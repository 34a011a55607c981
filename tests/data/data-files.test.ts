/**
 * The data files under src/data/: word lists are sorted and unique, JSON files parse against their
 * schemas (loading every stage's resources), and every file a stage loads is one it declares in
 * `data` (so it is part of the stage's cache key).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { alternation, DATA_DIR, dataDigest, dataFiles, declares, loadedFiles, loadText, loadWordList, parseWordList } from '../../src/io/data.js';
import { STAGES } from '../../src/stages/index.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [path.relative(DATA_DIR, full).split(path.sep).join('/')];
  });
}

/**
 * Word lists whose `[reason]` section headers are data the loader reads (normalize/chrome-phrases.txt:
 * each phrase's reason; a prefix phrase of an earlier section wins over a later one, so the sections
 * keep their order): sorted and unique within each section instead of as a whole.
 */
const SECTIONED = new Set(['normalize/chrome-phrases.txt']);
const HEADER = /^\[.+\]$/;
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The entries of a sectioned list, by section, in file order. */
function sections(entries: readonly string[]): string[][] {
  const out: string[][] = [];
  for (const e of entries) {
    if (HEADER.test(e)) out.push([]);
    else (out[out.length - 1] ?? out[out.push([]) - 1]!).push(e);
  }
  return out;
}

describe('data files', () => {
  const files = filesUnder(DATA_DIR);
  const wordLists = files.filter((f) => f.endsWith('.txt') && !SECTIONED.has(f));

  it('finds the data folder beside the loader, with word lists in it', () => {
    expect(DATA_DIR.endsWith(`${path.sep}data${path.sep}`)).toBe(true);
    expect(wordLists.length).toBeGreaterThanOrEqual(10);
  });

  it.each(wordLists)('%s is sorted (code-unit order) and has no duplicate', (file) => {
    const entries = parseWordList(readFileSync(path.join(DATA_DIR, file), 'utf8'));
    expect(entries.length).toBeGreaterThan(0);
    const sorted = [...new Set(entries)].sort(byCodeUnit);
    expect(entries).toEqual(sorted);
    expect(entries.filter((e) => HEADER.test(e)), 'a section header in a plain list').toEqual([]);
  });

  it.each([...SECTIONED])('%s is sorted within each section, and no entry is in two sections', (file) => {
    const parts = sections(parseWordList(readFileSync(path.join(DATA_DIR, file), 'utf8')));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeGreaterThan(0);
      expect(part).toEqual([...new Set(part)].sort(byCodeUnit));
    }
    const all = parts.flat();
    expect(new Set(all).size).toBe(all.length);
  });

  it('splits a sectioned list at its headers', () => {
    expect(sections(['[a]', 'x', 'y', '[b]', 'z'])).toEqual([['x', 'y'], ['z']]);
  });

  it('reads word lists without comments or blanks, and digests the bytes', () => {
    expect(parseWordList('# about\n\nalpha\n  beta  \n#gamma\n')).toEqual(['alpha', 'beta']);
    const { value, digest } = loadWordList('entities/sport-cues.txt');
    expect(value.has('versus')).toBe(true);
    expect(value.has('#')).toBe(false);
    expect(digest).toBe(loadText('entities/sport-cues.txt').digest);
    expect(digest).toMatch(/^[0-9a-f]{16}$/);
  });

  it('turns a word list into an alternation: escaped, longest first', () => {
    const re = new RegExp(`^${alternation(['ap', 'ap photo', 'u.s.', 'a+b'])}`);
    expect(re.exec('ap photo / x')?.[0]).toBe('ap photo');
    expect(re.test('u.s.')).toBe(true);
    expect(re.test('uxsx')).toBe(false);
    expect(re.test('a+b')).toBe(true);
    expect(re.test('aab')).toBe(false);
  });

  it('every stage declares every data file it loads, and every declared file exists', () => {
    const declared = STAGES.flatMap((s) => s.data);
    for (const stage of STAGES) stage.resources();
    expect(loadedFiles().size).toBeGreaterThanOrEqual(10);
    for (const file of loadedFiles()) expect(declares(declared, file), `${file} is loaded but no stage declares it`).toBe(true);
    for (const stage of STAGES) for (const file of dataFiles(stage.data)) expect(files).toContain(file);
  });

  it('names folders with a trailing slash, and digests paths with contents', () => {
    const stanceFiles = readdirSync(path.join(DATA_DIR, 'stance')).sort().map((f) => `stance/${f}`);
    expect(stanceFiles).toContain('stance/cues.json');
    expect(dataFiles(['stance/'])).toEqual(stanceFiles);
    expect(declares(['quotes/'], 'quotes/reporting-verbs.txt')).toBe(true);
    expect(declares(['quotes/reporting-verbs.txt'], 'quotes/attitude-verbs.txt')).toBe(false);
    expect(dataDigest(['stance/'])).toBe(dataDigest(stanceFiles));
    expect(dataDigest(['stance/'])).not.toBe(dataDigest(['normalize/chrome-phrases.txt']));
    expect(() => dataFiles(['stance/missing.json'])).toThrow();
  });
});
