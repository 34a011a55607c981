/**
 * `npm run check`, BullMQ part (issue 21): a 1,000-document bench corpus (src/bench/corpus.ts) run
 * locally and through 2 `newsstance worker` processes on a real redis-server (free loopback port,
 * no persistence), three ways: nothing killed, one worker SIGKILLed mid-run, the coordinator
 * SIGKILLed mid-run and run again (each on a fresh Redis); every .jsonl of the output (artifacts
 * and cache/) must be the same bytes as the local run's. Prints documents/s of the first two runs. Exit 1 on a difference; exit 0 with a message where redis-server is
 * absent. Everything started is stopped and the temp folder removed.
 *
 * Usage: node dist/check/bullmq.js [--docs N] (default 1000)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus, loadSources } from '../bench/corpus.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

function jsonlFiles(dir: string, base = dir, out = new Map<string, Buffer>()): Map<string, Buffer> {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'logs') jsonlFiles(full, base, out);
    } else if (name.endsWith('.jsonl')) out.set(path.relative(base, full), readFileSync(full));
  }
  return out;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function run(args: string[], cwd: string): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  if (r.status !== 0) throw new Error(`newsstance ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return performance.now() - started;
}

/** Runs the CLI in the background; resolves with its exit code (null when killed) and stderr. */
function runAsync(args: string[], cwd: string): { child: ChildProcess; done: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return { child, done: new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr }))) };
}

/** A redis-server and `count` workers (a short job lock, so a killed worker's jobs move on in about a second). */
async function cluster(count: number, children: ChildProcess[]): Promise<{ url: string; workers: ChildProcess[] }> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  children.push(spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' }));
  await new Promise((r) => setTimeout(r, 300)); // redis-server listening before the workers' first try
  const workers: ChildProcess[] = [];
  const ready: Array<Promise<void>> = [];
  for (let i = 0; i < count; i++) {
    const worker = spawn(process.execPath, [CLI, 'worker', '--redis', url, '--quiet', '--lock-ms', '2000'], { stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(worker);
    workers.push(worker);
    ready.push(new Promise((resolve) => worker.stderr!.on('data', (c: Buffer) => c.toString().includes(' ready: ') && resolve())));
  }
  await Promise.all(ready);
  return { url, workers };
}

/** The output folders' .jsonl files that differ from `local` (empty: the same bytes). */
function differences(local: Map<string, Buffer>, dir: string): string[] {
  const remote = jsonlFiles(dir);
  const differ = [...local].filter(([file, bytes]) => !remote.get(file)?.equals(bytes)).map(([file]) => file);
  if (remote.size !== local.size) differ.push(`(${remote.size} files vs ${local.size})`);
  return differ;
}

async function main(): Promise<number> {
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    process.stderr.write('check bullmq: skipped, no redis-server on this machine (apt-get install redis-server)\n');
    return 0;
  }
  const docsAt = process.argv.indexOf('--docs');
  const docs = docsAt > 0 ? Number(process.argv[docsAt + 1]) : 1000;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsstance-bullmq-'));
  const children: ChildProcess[] = [];
  const failures: string[] = [];
  try {
    buildCorpus(path.join(dir, 'raw'), loadSources(path.join(ROOT, 'raw'), null), { docs, seed: 21 });
    copyFileSync(path.join(ROOT, 'pipeline.config.json'), path.join(dir, 'pipeline.config.json'));
    const localMs = run(['run', '--no-report', '--output', 'local'], dir);
    const local = jsonlFiles(path.join(dir, 'local'));
    const rate = (ms: number) => ((docs * 1000) / ms).toFixed(1);

    // 1. Two workers, nothing killed.
    let { url } = await cluster(2, children);
    const remoteMs = run(['run', '--no-report', '--output', 'remote', '--executor', 'bullmq', '--redis', url], dir);
    process.stderr.write(`check bullmq: ${docs} documents, local threads ${rate(localMs)} doc/s, 2 worker processes ${rate(remoteMs)} doc/s\n`);
    failures.push(...differences(local, path.join(dir, 'remote')).map((f) => `2 workers: ${f}`));

    // 2. A fresh Redis; one of two workers SIGKILLed mid-run: its jobs go to the other.
    const second = await cluster(2, children);
    const killed = runAsync(['run', '--no-report', '--output', 'worker-killed', '--executor', 'bullmq', '--redis', second.url], dir);
    await new Promise((r) => setTimeout(r, 3000));
    second.workers[0]!.kill('SIGKILL');
    const afterKill = await killed.done;
    if (afterKill.code !== 0) failures.push(`worker killed: run exited ${afterKill.code}: ${afterKill.stderr.trim().split('\n').pop()}`);
    else failures.push(...differences(local, path.join(dir, 'worker-killed')).map((f) => `worker killed: ${f}`));

    // 3. A fresh Redis; the coordinator SIGKILLed mid-run, then run again (reusing what Redis holds).
    ({ url } = await cluster(2, children));
    const coordinator = runAsync(['run', '--no-report', '--output', 'coordinator-killed', '--executor', 'bullmq', '--redis', url], dir);
    await new Promise((r) => setTimeout(r, 3000));
    coordinator.child.kill('SIGKILL');
    await coordinator.done;
    run(['run', '--no-report', '--output', 'coordinator-killed', '--executor', 'bullmq', '--redis', url], dir);
    failures.push(...differences(local, path.join(dir, 'coordinator-killed')).map((f) => `coordinator killed: ${f}`));

    if (failures.length) {
      process.stderr.write(`check bullmq: FAILED, not the same bytes as the local run: ${failures.join(', ')}\n`);
      return 1;
    }
    process.stderr.write(`check bullmq: ${local.size} files byte-identical to the local run with 2 workers, with a worker SIGKILLed mid-run, and with the coordinator SIGKILLed and run again\n`);
    return 0;
  } finally {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
