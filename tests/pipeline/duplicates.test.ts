/**
 * Duplicate documents across incremental runs: normalize's corpus step (`duplicateOf`) folds only
 * the documents added at the end, and every run's artifacts are byte for byte those of a clean run
 * (a copy added, the original edited, a copy added before the original). Fixture articles:
 * tests/fixtures/dedupe-corpus (invented).
 */
import { copyFileSync, cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, readLines, ROOT, runCli } from './helpers.js';

const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'dedupe-corpus');
const CONFIG = JSON.parse(readFileSync(path.join(FIXTURE, 'pipeline.config.json'), 'utf8')) as Record<string, unknown>;
const ARTIFACTS = ['documents.jsonl', 'tokens.jsonl', 'entities.jsonl', 'quotes.jsonl', 'stances.jsonl', 'actors.jsonl'];

function sameAsFromScratch(p: { dir: string; raw: string; out: string }): void {
  const fresh = makeProject({ config: CONFIG });
  rmSync(fresh.raw, { recursive: true });
  cpSync(p.raw, fresh.raw, { recursive: true });
  expect(runCli(['run', '--no-report'], fresh.dir).status).toBe(0);
  for (const f of ARTIFACTS) expect(readFileSync(path.join(p.out, f), 'utf8'), f).toBe(readFileSync(path.join(fresh.out, f), 'utf8'));
}

/** The newest run log's corpus-step folds of one stage. */
function fold(out: string, stage: string): { foldedBefore: number; folded: number } | undefined {
  const logs = readdirSync(path.join(out, 'logs')).sort();
  const lines = readFileSync(path.join(out, 'logs', logs[logs.length - 1]!), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const hit = lines.find((l) => l.msg === 'corpus step fold' && l.stage === stage);
  return hit ? { foldedBefore: hit.foldedBefore, folded: hit.folded } : undefined;
}

const duplicates = (out: string) =>
  Object.fromEntries((readLines(path.join(out, 'documents.jsonl')) as Array<{ id: string; duplicateOf?: string }>).filter((d) => d.duplicateOf).map((d) => [d.id, d.duplicateOf]));
const ferreira = (out: string) => (readLines(path.join(out, 'actors.jsonl')) as Array<{ entityId: string; documents: number }>).find((a) => a.entityId === 'PERSON:tomas-ferreira')?.documents;

describe('duplicates across incremental runs', () => {
  it('a copy added, the original edited, a copy added before it: the same bytes as a clean run each time', () => {
    const p = makeProject({ config: CONFIG });
    for (const f of ['a-original.txt', 'd-same-headline.txt', 'e-stub-one.txt']) copyFileSync(path.join(FIXTURE, 'raw', f), path.join(p.raw, f));
    expect(runCli(['run', '--no-report'], p.dir).status).toBe(0);
    expect(duplicates(p.out)).toEqual({});
    expect(ferreira(p.out)).toBe(1);

    // The Windows-1252 copy added at the end: normalize's fold adds it alone, marks it, and the
    // actor table still counts the article once.
    copyFileSync(path.join(FIXTURE, 'raw', 'b-cp1252.txt'), path.join(p.raw, 'z-copy.txt'));
    const added = runCli(['run'], p.dir);
    expect(added.status).toBe(0);
    expect(added.stderr).toMatch(/done: 4 document\(s\), 1 duplicate\(s\) of earlier ones \(counted once\)/);
    // The report and the audit say which document duplicates which.
    expect(readFileSync(path.join(p.out, 'report.html'), 'utf8')).toContain('<b>4</b> (1 duplicate of earlier ones, counted once)');
    expect(readFileSync(path.join(p.out, 'report', 'doc', 'z-copy.html'), 'utf8')).toMatch(/Duplicate of <a href="\.\.\/doc\/a-original\.html"><code>a-original<\/code><\/a>/);
    expect(readFileSync(path.join(p.out, 'report', 'doc', 'a-original.html'), 'utf8')).not.toContain('Duplicate of');
    expect(runCli(['audit', 'z-copy'], p.dir).stdout).toMatch(/^ {2}duplicate of a-original \(same body fingerprint [0-9a-f]{12}…\)/m);
    expect(runCli(['audit', 'z-copy@PERSON:tomas-ferreira'], p.dir).stdout).toContain('z-copy duplicates a-original: this record is not counted in actors.jsonl');
    expect(fold(p.out, 'normalize')).toEqual({ foldedBefore: 3, folded: 1 });
    expect(duplicates(p.out)).toEqual({ 'z-copy': 'a-original' });
    // The terminal summary counts the copy's document stance once, as the report does.
    expect(added.stderr).toMatch(/documents: 3 \(support \d+, oppose \d+, neutral \d+; 1 duplicate copy not counted\)/);
    // Every per-document export says which rows come from the copy (quotes carry no mark of their own).
    for (const what of ['quotes', 'entities', 'documents']) {
      const rows = runCli(['export', '--what', what, '--format', 'jsonl'], p.dir).stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; docId?: string; duplicateOf: string | null });
      const fromCopy = rows.filter((r) => (r.docId ?? r.id) === 'z-copy');
      expect(fromCopy.length, what).toBeGreaterThan(0);
      expect(new Set(fromCopy.map((r) => r.duplicateOf)), what).toEqual(new Set(['a-original']));
      expect(rows.filter((r) => (r.docId ?? r.id) !== 'z-copy').every((r) => r.duplicateOf === null), what).toBe(true);
    }
    expect(ferreira(p.out)).toBe(1);
    sameAsFromScratch(p);

    // The original edited (one figure changed): the copy is an article of its own again.
    const original = readFileSync(path.join(p.raw, 'a-original.txt'), 'utf8');
    writeFileSync(path.join(p.raw, 'a-original.txt'), original.replace('12 million pounds', '14 million pounds'));
    expect(runCli(['run', '--no-report'], p.dir).status).toBe(0);
    expect(fold(p.out, 'normalize')).toEqual({ foldedBefore: 0, folded: 4 });
    expect(duplicates(p.out)).toEqual({});
    expect(ferreira(p.out)).toBe(2);
    sameAsFromScratch(p);

    // A re-wrapped copy of the unedited article, first in document order: it is the original now.
    copyFileSync(path.join(FIXTURE, 'raw', 'c-rewrapped.txt'), path.join(p.raw, '0-first.txt'));
    expect(runCli(['run', '--no-report'], p.dir).status).toBe(0);
    expect(duplicates(p.out)).toEqual({ 'z-copy': '0-first' });
    expect(ferreira(p.out)).toBe(2);
    sameAsFromScratch(p);

    // A run with nothing new is up to date.
    expect(runCli(['run', '--no-report'], p.dir).stderr).toMatch(/^up to date/);
  });
});
