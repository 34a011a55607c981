import { spawn } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, makeProject, runCli } from './helpers.js';

const ARTIFACTS = ['documents.jsonl', 'tokens.jsonl', 'entities.jsonl', 'quotes.jsonl', 'stances.jsonl', 'actors.jsonl', 'errors.jsonl'];

/** Start a run and SIGKILL it after `ms`; resolves when the process is gone. */
function runAndKill(cwd: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'run', '--output', 'output'], { cwd, stdio: 'ignore', env: { ...process.env, CI: 'true' } });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** A small deterministic sequence of delays (a linear congruential generator, fixed seed). */
function delays(count: number, maxMs: number): number[] {
  let x = 12345;
  return Array.from({ length: count }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return Math.floor((x / 2 ** 31) * maxMs);
  });
}

function tempFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.tmp-\d+$/.test(f));
}

describe('crash safety', () => {
  it('after kill -9 at 20 points, a rerun gives the clean run\'s bytes, with no temp files left', async () => {
    // Two articles keep the 40 runs quick; the kill points still land in every stage.
    const smallCorpus = () => {
      const project = makeProject({ seeds: true });
      for (const f of readdirSync(project.raw).sort().slice(2)) rmSync(path.join(project.raw, f));
      return project;
    };
    const clean = smallCorpus();
    expect(runCli(['run'], clean.dir).status).toBe(0);
    const expected = ARTIFACTS.map((f) => readFileSync(path.join(clean.out, f), 'utf8'));
    // How long a full run takes here bounds the kill points.
    const started = Date.now();
    expect(runCli(['run', '--force'], clean.dir).status).toBe(0);
    const fullMs = Date.now() - started;

    const p = smallCorpus();
    for (const ms of delays(20, fullMs)) {
      await runAndKill(p.dir, ms);
      const rerun = runCli(['run'], p.dir);
      expect(rerun.status, rerun.stderr).toBe(0);
      ARTIFACTS.forEach((f, i) => expect(readFileSync(path.join(p.out, f), 'utf8'), `${f} after kill at ${ms} ms`).toBe(expected[i]));
      expect(tempFiles(p.out)).toEqual([]);
    }
  }, 240_000);

  it('after kill -9 during a run that adds a document (artifacts written in place), a rerun gives the clean run\'s bytes', async () => {
    const added = 'Ministers weigh the Asian NATO\n\nDefence minister Ana Ferreira said the Asian NATO would keep the peace. "We support it," Ferreira said.\n';
    const clean = makeProject({ seeds: true });
    writeFileSync(path.join(clean.raw, 'zz-added.txt'), added);
    expect(runCli(['run', '--no-report'], clean.dir).status).toBe(0);
    const expected = ARTIFACTS.map((f) => readFileSync(path.join(clean.out, f), 'utf8'));

    const p = makeProject({ seeds: true });
    expect(runCli(['run', '--no-report'], p.dir).status).toBe(0);
    const done = path.join(p.dir, 'done');
    cpSync(p.out, done, { recursive: true, preserveTimestamps: true });
    writeFileSync(path.join(p.raw, 'zz-added.txt'), added);
    const started = Date.now();
    expect(runCli(['run', '--no-report'], p.dir).status).toBe(0);
    const incrementalMs = Date.now() - started;
    for (const ms of delays(8, incrementalMs)) {
      // Back to the finished output without the new document, then kill the run that adds it.
      rmSync(p.out, { recursive: true });
      cpSync(done, p.out, { recursive: true, preserveTimestamps: true });
      await runAndKill(p.dir, ms);
      const rerun = runCli(['run', '--no-report'], p.dir);
      expect(rerun.status, rerun.stderr).toBe(0);
      ARTIFACTS.forEach((f, i) => expect(readFileSync(path.join(p.out, f), 'utf8'), `${f} after kill at ${ms} ms`).toBe(expected[i]));
      expect(tempFiles(p.out)).toEqual([]);
      expect(readdirSync(path.join(p.out, 'cache')).filter((f) => /journal|\.tail$/.test(f))).toEqual([]);
    }
  }, 240_000);
});
