/**
 * The BullMQ executor end to end: a real redis-server on a loopback port, `newsstance worker`
 * processes, and the CLI as coordinator. Every artifact must be the same bytes as a local run's,
 * also with a worker SIGKILLed mid-run and with the coordinator SIGKILLed and run again.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, loadSources } from '../../src/bench/corpus.js';
import { CLI, makeProject, ROOT, runCli } from './helpers.js';
import { RedisHarness, redisServerBinary } from './redis.js';

const hasRedis = redisServerBinary() !== undefined;
if (!hasRedis) console.warn('skipping the BullMQ executor tests: no redis-server on this machine (apt-get install redis-server)');

/** Every .jsonl under `dir` (artifacts and cache/), relative path → bytes. */
function artifacts(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) {
        if (name !== 'logs') walk(full);
      } else if (name.endsWith('.jsonl')) out.set(path.relative(dir, full), readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

function expectSameArtifacts(actual: string, expected: string): void {
  const a = artifacts(actual);
  const e = artifacts(expected);
  expect([...a.keys()]).toEqual([...e.keys()]);
  expect(e.size).toBeGreaterThan(5);
  for (const [file, bytes] of e) expect(a.get(file)?.equals(bytes), file).toBe(true);
}

/** The CLI as a child process, with a handle to kill it. */
function startCli(args: string[], cwd: string) {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const done = new Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.once('exit', (status, signal) => resolve({ status, signal, stderr })),
  );
  return { child, done };
}

const until = async (what: () => boolean, ms = 60_000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.skipIf(!hasRedis)('bullmq executor', () => {
  const redis = new RedisHarness();
  const seeds = makeProject({ seeds: true });
  const bench = makeProject();
  const BENCH_DOCS = 60;

  beforeAll(async () => {
    buildCorpus(bench.raw, loadSources(path.join(ROOT, 'raw'), null), { docs: BENCH_DOCS, seed: 21 });
    await redis.start();
    await Promise.all([redis.worker(), redis.worker()]);
    const local = [runCli(['run', '--no-report', '--output', 'local'], seeds.dir), runCli(['run', '--no-report', '--output', 'local'], bench.dir)];
    for (const r of local) expect(r.status, r.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await redis.stop();
  });

  it('runs the seeds on two worker processes, every artifact the same bytes as a local run', async () => {
    const r = startCli(['run', '--no-report', '--output', 'remote', '--executor', 'bullmq', '--redis', redis.url], seeds.dir);
    const { status, stderr } = await r.done;
    expect(status, stderr).toBe(0);
    expectSameArtifacts(path.join(seeds.dir, 'remote'), path.join(seeds.dir, 'local'));
    // 5 documents × 4 stages, shared by the two workers.
    expect(redis.workers.reduce((n, w) => n + w.jobs(), 0)).toBe(20);
  }, 60_000);

  it('finishes with the same bytes when a worker is SIGKILLed mid-run (its job goes to another)', async () => {
    await redis.flush();
    const [victim, other] = redis.workers.filter((w) => w.child.exitCode === null);
    const before = victim!.jobs();
    const r = startCli(['run', '--no-report', '--output', 'killed-worker', '--executor', 'bullmq', '--redis', redis.url], bench.dir);
    await until(() => victim!.jobs() >= before + BENCH_DOCS / 2);
    victim!.child.kill('SIGKILL');
    const { status, stderr } = await r.done;
    expect(status, stderr).toBe(0);
    expectSameArtifacts(path.join(bench.dir, 'killed-worker'), path.join(bench.dir, 'local'));
    expect(other!.jobs()).toBeGreaterThan(BENCH_DOCS);
    await redis.worker(); // two again
  }, 90_000);

  it('a coordinator SIGKILLed mid-run and run again reuses the results still in Redis, same bytes', async () => {
    await redis.flush();
    const jobs = () => redis.workers.reduce((n, w) => n + w.jobs(), 0);
    const before = jobs();
    const first = startCli(['run', '--no-report', '--output', 'killed-coordinator', '--executor', 'bullmq', '--redis', redis.url], bench.dir);
    await until(() => jobs() >= before + BENCH_DOCS + 10); // into the entities stage
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    const second = startCli(['run', '--no-report', '--output', 'killed-coordinator', '--executor', 'bullmq', '--redis', redis.url], bench.dir);
    const { status, stderr } = await second.done;
    expect(status, stderr).toBe(0);
    expectSameArtifacts(path.join(bench.dir, 'killed-coordinator'), path.join(bench.dir, 'local'));
    // Each (stage, document) ran once on the workers: the rerun took the first run's results from Redis.
    expect(jobs() - before).toBe(BENCH_DOCS * 4);
  }, 90_000);

  it('a worker of another build refuses the jobs (stage code mismatch) and the run stops with exit 2', async () => {
    // Another build: the same dist with one stage module changed, its worker on a queue of its own.
    const other = mkdtempSync(path.join(ROOT, '.tmp-build-'));
    try {
      cpSync(path.join(ROOT, 'dist'), other, { recursive: true });
      appendFileSync(path.join(other, 'stages', 'normalize', 'index.js'), '\n// another build\n');
      const worker = await redis.worker(['--queue', 'otherbuild'], path.join(other, 'cli.js'));
      const config = JSON.parse(readFileSync(path.join(seeds.dir, 'pipeline.config.json'), 'utf8'));
      writeFileSync(path.join(seeds.dir, 'other.config.json'), JSON.stringify({ ...config, executor: { kind: 'bullmq', redis: redis.url, queue: 'otherbuild' } }));
      const r = runCli(['run', '--no-report', '--config', 'other.config.json', '--output', 'other'], seeds.dir);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/stage code mismatch: stage normalize has code \S+ in the coordinator's build, \S+ in worker/);
      await until(() => worker.lines.some((l) => l.startsWith('refused: stage code mismatch')), 10_000);
      expect(worker.jobs()).toBe(0);
      expect(existsSync(path.join(seeds.dir, 'other', 'documents.jsonl'))).toBe(false);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, 60_000);

  it('exits 2 with one clear line when Redis cannot be reached', () => {
    const r = runCli(['run', '--no-report', '--output', 'nowhere', '--executor', 'bullmq', '--redis', 'redis://127.0.0.1:1'], seeds.dir);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/^error: cannot reach Redis at redis:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
