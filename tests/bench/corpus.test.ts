/** The benchmark corpus builder: deterministic for a seed, N files, varied names. No timings here. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCorpus, documentName, loadSources, makeDocument } from '../../src/bench/corpus.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const sources = loadSources(path.join(ROOT, 'raw'), null);
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'newsstance-bench-test-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('bench corpus', () => {
  it('writes N files, byte-identical for the same seed', () => {
    const a = tempDir();
    const b = tempDir();
    buildCorpus(a, sources, { docs: 25, seed: 7 });
    buildCorpus(b, sources, { docs: 25, seed: 7 });
    const names = readdirSync(a).sort();
    expect(names).toHaveLength(25);
    expect(names[0]).toBe(documentName(0));
    expect(readdirSync(b).sort()).toEqual(names);
    for (const n of names) expect(readFileSync(path.join(a, n), 'utf8')).toBe(readFileSync(path.join(b, n), 'utf8'));
  });

  it('document i does not depend on N, and another seed gives other documents', () => {
    expect(makeDocument(sources, 3, 7).text).toBe(makeDocument(sources, 3, 7).text);
    expect(makeDocument(sources, 3, 8).text).not.toBe(makeDocument(sources, 3, 7).text);
    const dir = tempDir();
    buildCorpus(dir, sources, { docs: 2, seed: 7, start: 3 });
    expect(readFileSync(path.join(dir, documentName(3)), 'utf8')).toBe(makeDocument(sources, 3, 7).text);
  });

  it('varies the names, which appear in the text and do not come from the seeds', () => {
    const docs = Array.from({ length: 50 }, (_, i) => makeDocument(sources, i, 1));
    const speakers = new Set(docs.flatMap((d) => d.speakers));
    expect(speakers.size).toBeGreaterThan(60);
    const seedText = readdirSync(path.join(ROOT, 'raw')).map((f) => readFileSync(path.join(ROOT, 'raw', f), 'utf8')).join('\n');
    for (const d of docs) {
      expect(d.speakers.length).toBeGreaterThanOrEqual(2);
      for (const s of d.speakers) {
        expect(d.text).toContain(s);
        expect(seedText).not.toContain(s);
      }
    }
  });
});
