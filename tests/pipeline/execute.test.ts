/**
 * One execution core: the in-memory path (runInProcess, what the dev-set figures come from) and a
 * real run (runPipeline: raw files hashed, documents dispatched to worker threads, records
 * serialized there, corpus steps over the files) give the same bytes for every artifact and the
 * same set-aside documents, on one corpus: the seed articles, an empty file and a binary file.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { runInProcess } from '../../src/pipeline/inprocess.js';
import { silentLogger } from '../../src/pipeline/logger.js';
import { runPipeline } from '../../src/pipeline/runner.js';
import type { RawInput } from '../../src/pipeline/stage.js';
import { ARTIFACTS, type ArtifactName } from '../../src/schema.js';
import { STAGES, STAGES_MODULE } from '../../src/stages/index.js';
import { ROOT } from './helpers.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'newsstance-execute-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function corpus(): string {
  const raw = path.join(dir, 'raw');
  mkdirSync(raw, { recursive: true });
  for (const name of readdirSync(path.join(ROOT, 'raw'))) writeFileSync(path.join(raw, name), readFileSync(path.join(ROOT, 'raw', name)));
  writeFileSync(path.join(raw, 'empty.txt'), '');
  writeFileSync(path.join(raw, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  return raw;
}

function rawInputs(raw: string): RawInput[] {
  return readdirSync(raw)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => {
      const bytes = readFileSync(path.join(raw, f));
      return { docId: f.replace(/\.txt$/, ''), path: f, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
    });
}

describe('one execution core', () => {
  it('gives the same bytes in memory and in a run on worker threads', async () => {
    const raw = corpus();
    const config = parseConfig({ ...JSON.parse(readFileSync(path.join(ROOT, 'pipeline.config.json'), 'utf8')), concurrency: 2 });
    const out = path.join(dir, 'output');
    const summary = await runPipeline({ config, stages: STAGES, stagesModule: STAGES_MODULE, inputDir: raw, outputDir: out, logger: silentLogger(), runId: 'test' });
    expect(summary.documents).toBeGreaterThanOrEqual(5);
    const memory = runInProcess(rawInputs(raw), config, STAGES);

    for (const name of Object.keys(ARTIFACTS) as ArtifactName[]) {
      const records = memory.artifacts[name] ?? [];
      const bytes = records.map((r) => JSON.stringify(r) + '\n').join('');
      expect(records.length, name).toBeGreaterThan(0);
      expect(bytes, name).toBe(readFileSync(path.join(out, ARTIFACTS[name].file), 'utf8'));
    }
    const errors = memory.errors.map((e) => JSON.stringify(e) + '\n').join('');
    expect(memory.errors.map((e) => [e.docId, e.code])).toEqual([
      ['binary', 'decode/binary'],
      ['empty', 'input/empty'],
    ]);
    expect(errors).toBe(readFileSync(path.join(out, 'errors.jsonl'), 'utf8'));
  }, 120_000);
});
