import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEval } from '../../src/eval/index.js';
import { formatPrf, prf } from '../../src/eval/types.js';

describe('formatPrf', () => {
  it('prints no score for a figure with no items under it', () => {
    expect(formatPrf('entities PERSON', prf(0, 0, 0))).toMatch(/P {3}n\/a {2}R {3}n\/a {2}F1 {3}n\/a .*no gold item and none found/);
    // Three spurious items, nothing to find: precision 0, recall has nothing under it.
    const spurious = formatPrf('x', prf(0, 3, 0));
    expect(spurious).toContain('P 0.000');
    expect(spurious).toContain('R   n/a');
    // Nothing predicted, two to find: recall 0, precision has nothing under it.
    const silent = formatPrf('x', prf(0, 0, 2));
    expect(silent).toContain('P   n/a');
    expect(silent).toContain('R 0.000');
    expect(silent).not.toContain('1.000');
  });

  it('prints the figures when there are items', () => {
    expect(formatPrf('x', prf(3, 1, 1))).toContain('P 0.750  R 0.750  F1 0.750  (tp 3, fp 1, fn 1)');
  });
});

describe('eval on a gold file with nothing to score', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ns-eval-'));
  writeFileSync(path.join(dir, 'documents.jsonl'), '');
  const gold = (value: unknown) => {
    const file = path.join(dir, `gold-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(value));
    return file;
  };

  it('skips the seed sections, saying why, instead of printing 0 of 0 as scores', async () => {
    const lines: string[] = [];
    const sections = await runEval({ goldFile: gold({ version: 1, proposal: { name: 'p', aliases: [] }, documents: [] }), outputDir: dir, devsets: false, print: (l) => lines.push(l) });
    expect(sections.length).toBeGreaterThan(0);
    expect(sections.every((s) => s.skipped === 'the gold file has no documents')).toBe(true);
    expect(lines.join('\n')).not.toMatch(/1\.000|0\/0/);
  });

  it('refuses a JSON file that is not a gold file, in one usage line', async () => {
    await expect(runEval({ goldFile: gold({ items: [] }), outputDir: dir, devsets: false, print: () => {} })).rejects.toThrow(/not a gold file: it has no "documents" list/);
  });
});
