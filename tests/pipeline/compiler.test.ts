import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { compilerLimit, MAX_OPTIMIZED_BYTECODE } from '../../src/pipeline/compiler.js';
import { WorkerPool } from '../../src/pipeline/pool.js';
import { STAGES_MODULE } from '../../src/stages/index.js';
import { ROOT } from './helpers.js';

/** Runs the probe in a fresh Node process: which of a long and a short hot function TurboFan compiled. */
function probe(env: Record<string, string> = {}): { limit: number | null; long: boolean; short: boolean } {
  const script = path.join(ROOT, 'tests', 'pipeline', 'probes', 'compiler-probe.mjs');
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', script, path.join(ROOT, 'dist')], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { limit: number | null; long: boolean; short: boolean };
}

describe('compiler limit (src/pipeline/compiler.ts)', () => {
  it('keeps TurboFan off a function over the limit and on a short one', () => {
    expect(probe()).toEqual({ limit: MAX_OPTIMIZED_BYTECODE, long: false, short: true, t: true });
  });

  it('NEWSSTANCE_MAX_OPTIMIZED_BYTECODE=0 leaves V8 its default: the long function is compiled too', () => {
    expect(probe({ NEWSSTANCE_MAX_OPTIMIZED_BYTECODE: '0' })).toEqual({ limit: null, long: true, short: true, t: true });
  });

  it('is set by the first worker pool, before its workers start', async () => {
    expect(compilerLimit()).toBeUndefined();
    const pool = new WorkerPool(parseConfig({ proposal: { name: 'a proposal' } }), STAGES_MODULE, 'quotes', 1);
    expect(compilerLimit()).toBe(MAX_OPTIMIZED_BYTECODE);
    await pool.close();
  });
});
