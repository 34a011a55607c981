import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { evalConll } from '../../src/eval/conll.js';
import type { EvalContext } from '../../src/eval/types.js';
import { personMergeReason } from '../../src/stages/entities/corpus.js';

const ctx = {} as EvalContext;
const saved = process.env.NEWSSTANCE_EVAL_DIR;
afterEach(() => {
  if (saved === undefined) delete process.env.NEWSSTANCE_EVAL_DIR;
  else process.env.NEWSSTANCE_EVAL_DIR = saved;
});

describe('CoNLL evaluator', () => {
  it('skips cleanly when the dev set is absent', async () => {
    process.env.NEWSSTANCE_EVAL_DIR = mkdtempSync(path.join(os.tmpdir(), 'conll-none-'));
    const section = await evalConll(ctx);
    expect(section.skipped).toMatch(/not found/);
  });

  it('scores exact spans, GPE as LOC, and ignores MISC/NORP', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'conll-'));
    const text = 'Anna Berg visited Oslo with Acme Corporation staff .\nNorwegian fans cheered in Bergen .';
    const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length, text: s });
    const entities = [
      { ...at('Anna Berg'), type: 'PER' },
      { ...at('Oslo'), type: 'LOC' },
      { ...at('Acme Corporation'), type: 'ORG' },
      { ...at('Norwegian'), type: 'MISC' },
      { ...at('Bergen'), type: 'LOC' },
    ];
    writeFileSync(path.join(dir, 'conll2003_dev.jsonl'), JSON.stringify({ doc_id: 'x', text, entities }) + '\n');
    process.env.NEWSSTANCE_EVAL_DIR = dir;
    const section = await evalConll(ctx);
    expect(section.skipped).toBeUndefined();
    const m = section.metrics as Record<string, { tp: number; fp: number; fn: number }>;
    expect(m.PER).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(m.LOC).toMatchObject({ tp: 2, fp: 0, fn: 0 });
    expect(m.ORG).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(section.diffs).toEqual([]);
  });
});

describe('cross-document merge rules', () => {
  const info = (name: string, titles: string[] = []) => ({ id: `PERSON:${name}`, name, tokens: name.split(' '), titles: new Set(titles), docs: new Set(['d']), alone: new Map() });
  it('merges name order, initials and a one-letter spelling variant with a shared title', () => {
    expect(personMergeReason(info('Tanaka Hiroshi'), info('Hiroshi Tanaka'))).toMatch(/order/);
    expect(personMergeReason(info('R Verma'), info('Rajesh Verma'))).toMatch(/initial/);
    expect(personMergeReason(info('Marcus T Hollowell', ['Deputy Secretary of State']), info('Marcus Holowell', ['Deputy Secretary of State']))).toMatch(/edit/);
  });
  it('keeps different people apart', () => {
    expect(personMergeReason(info('Anna Berg'), info('Lars Berg'))).toBeNull();
    expect(personMergeReason(info('Anna Berg'), info('Anna Borg'))).toBeNull(); // short surname
    expect(personMergeReason(info('R Verma'), info('Sunil Verma'))).toBeNull();
  });
});
