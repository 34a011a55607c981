import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { CLI, ROOT, runCli } from '../pipeline/helpers.js';

describe.skipIf(!existsSync(CLI))('newsstance init, then run, status and eval', () => {
  it('writes a config that runs, and a gold template eval scores once filled in', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'newsstance-init-'));
    const init = runCli(['init', '--proposal', 'Asian NATO', '--alias', 'Asian version of NATO', '--alias', 'asian nato', '--related', 'collective defence'], dir);
    expect(init.status, init.stderr).toBe(0);
    expect(init.stdout).toContain('proposal.aliases');
    const config = JSON.parse(readFileSync(path.join(dir, 'pipeline.config.json'), 'utf8'));
    // The alias that only differs in case from the name is dropped; the config passes the run's own checks.
    expect(config.proposal).toEqual({ name: 'Asian NATO', aliases: ['Asian version of NATO'], related: ['collective defence'] });
    expect(() => parseConfig(config)).not.toThrow();
    expect(existsSync(path.join(dir, 'raw'))).toBe(true);
    // Nothing is overwritten without --force.
    const again = runCli(['init', '--proposal', 'x'], dir);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('exists; not overwriting it');

    cpSync(path.join(ROOT, 'raw'), path.join(dir, 'raw'), { recursive: true });
    const run = runCli(['run', '--concurrency', '2', '--json'], dir);
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ upToDate: false, documents: 5, errors: 0 });
    expect(summary.records['stances.jsonl']).toBeGreaterThan(5);
    expect(existsSync(summary.report)).toBe(true);

    // The empty template scores (nothing to score), and once one document is filled in, it counts.
    const empty = runCli(['eval', '--gold', 'gold.json', '--no-devsets'], dir);
    expect(empty.status, empty.stderr).toBe(0);
    const gold = JSON.parse(readFileSync(path.join(dir, 'gold.json'), 'utf8'));
    const docs = readFileSync(path.join(dir, 'output', 'documents.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string });
    gold.documents.push({ ...gold.template, id: docs[0]!.id, entities: [], quotes: [], stances: [], documentStance: { label: 'oppose', certainty: 'clear' } });
    writeFileSync(path.join(dir, 'gold.json'), JSON.stringify(gold));
    const filled = runCli(['eval', '--gold', 'gold.json', '--no-devsets', '--only', 'stance'], dir);
    expect(filled.status, filled.stderr).toBe(0);
    expect(filled.stdout).toMatch(/documents\/clear\s+\d\/1 right/);

    // --quiet prints nothing; status names the changed config key and the documents it touches.
    expect(runCli(['run', '--quiet'], dir)).toMatchObject({ status: 0, stdout: '', stderr: '' });
    // A report option alone: the report is rewritten, nothing else runs; then all is up to date.
    config.report.topActors = 3;
    writeFileSync(path.join(dir, 'pipeline.config.json'), JSON.stringify(config));
    const index = path.join(dir, 'output', 'report.html');
    expect(readFileSync(index, 'utf8')).not.toContain('Top 3 of');
    const reportOnly = runCli(['run'], dir);
    expect(reportOnly.stderr).toContain('report rewritten');
    expect(readFileSync(index, 'utf8')).toContain('Top 3 of');
    expect(runCli(['run'], dir).stderr).toMatch(/^up to date: 5 document\(s\) in output; nothing to do/);
    expect(runCli(['status'], dir).stdout).toContain('config: unchanged since the last run');
    config.stages.stance.neutralThreshold = 0.2;
    writeFileSync(path.join(dir, 'pipeline.config.json'), JSON.stringify(config));
    const status = runCli(['status'], dir);
    expect(status.stdout).toContain('config: 1 key(s) changed since the last run:\n  stages.stance.neutralThreshold: 0.15 -> 0.2');
    expect(status.stdout).toContain(`  changed: ${docs.map((d) => d.id).join(', ')}`);
    const json = JSON.parse(runCli(['status', '--json'], dir).stdout);
    expect(json.configChanges).toEqual([{ key: 'stages.stance.neutralThreshold', was: '0.15', now: '0.2' }]);
    expect(json.stages.find((s: { stage: string }) => s.stage === 'stance').documents.changed).toEqual(docs.map((d) => d.id));
  }, 120_000);

  it('refuses an empty proposal', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'newsstance-init-'));
    const r = runCli(['init', '--proposal', '  '], dir);
    expect(r.status).toBe(2);
    expect(existsSync(path.join(dir, 'pipeline.config.json'))).toBe(false);
  });
});
