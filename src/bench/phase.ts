/**
 * One benchmark phase, run in its own Node process so each phase's peak RSS is its own:
 *
 *   node dist/bench/phase.js '<json PhaseRequest>'
 *
 * Kinds: `wink` (baseline: one readDoc per document on a piscina pool of the same size) and
 * `pipeline` (runPipeline from src/pipeline/runner.ts, with a pino file logger and no stderr).
 * The result is written as JSON to `request.resultFile`.
 *
 * Memory: worker threads live in this process, so the process RSS covers the main thread and
 * every worker. It is sampled every 50 ms and also read from /proc/self/status (VmHWM, the
 * kernel's high-water mark) at the end. Heap figures are per V8 isolate: the main thread's is
 * sampled here; the baseline workers report their own.
 */
import { readFileSync, writeFileSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { loadConfig } from '../config.js';
import { createRunLogger } from '../pipeline/logger.js';
import { compilerLimit } from '../pipeline/compiler.js';
import { runPipeline, type RunSummary } from '../pipeline/runner.js';
import { STAGES, STAGES_MODULE } from '../stages/index.js';
import type { WinkResult, WinkTask } from './winkWorker.js';

export interface PhaseRequest {
  kind: 'wink' | 'pipeline';
  inputDir: string;
  /** pipeline only */
  outputDir?: string;
  configFile: string;
  /** Worker threads; 0 = one per core. */
  concurrency: number;
  resultFile: string;
}

export interface MemoryFigures {
  /** Peak process RSS sampled every 50 ms (bytes). */
  peakRssSampled: number;
  /** Kernel high-water mark of the process RSS (VmHWM), when readable (bytes). */
  peakRssHwm: number | null;
  /** Peak V8 heap in use on the main thread (sampled, bytes). */
  peakMainHeapUsed: number;
  /** Baseline only: peak V8 heap in use reported by each worker thread (bytes). */
  workerPeakHeapUsed?: number[];
}

export interface PhaseResult {
  kind: PhaseRequest['kind'];
  workers: number;
  documents: number;
  ms: number;
  /** wink only */
  tokens?: number;
  words?: number;
  /** pipeline only */
  summary?: RunSummary;
  /** pipeline only: the TurboFan bytecode limit the run's workers had (pipeline/compiler.ts; null: V8's default). */
  maxOptimizedBytecode?: number | null;
  memory: MemoryFigures;
  /** CPU time of the whole process (all threads) during the phase, and the 1-minute load average before/after. */
  cpu: { userMs: number; systemMs: number; loadBefore: number; loadAfter: number };
}

function hwm(): number | null {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

function startSampler(): { stop(): MemoryFigures; cpu(): PhaseResult['cpu'] } {
  const cpuStart = process.cpuUsage();
  const loadBefore = os.loadavg()[0]!;
  let peakRss = process.memoryUsage.rss();
  let peakHeap = process.memoryUsage().heapUsed;
  let ticks = 0;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    if (ticks++ % 5 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 50);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      return { peakRssSampled: peakRss, peakRssHwm: hwm(), peakMainHeapUsed: peakHeap };
    },
    cpu() {
      const used = process.cpuUsage(cpuStart);
      return { userMs: used.user / 1000, systemMs: used.system / 1000, loadBefore, loadAfter: os.loadavg()[0]! };
    },
  };
}

function workerCount(concurrency: number): number {
  return concurrency > 0 ? concurrency : Math.max(1, os.availableParallelism());
}

async function winkPhase(req: PhaseRequest): Promise<PhaseResult> {
  const size = workerCount(req.concurrency);
  const names = (await fs.readdir(req.inputDir)).filter((n) => n.endsWith('.txt')).sort();
  const sampler = startSampler();
  const started = performance.now();
  const pool = new Piscina<WinkTask, WinkResult>({
    filename: path.join(path.dirname(fileURLToPath(import.meta.url)), 'winkWorker.js'),
    minThreads: size,
    maxThreads: size,
  });
  let tokens = 0;
  let words = 0;
  const heaps = new Map<number, number>();
  // A bounded window, as the runner keeps: read a file, hand its text to the pool.
  const window = size * 2;
  const inFlight = new Set<Promise<void>>();
  for (const name of names) {
    const text = await fs.readFile(path.join(req.inputDir, name), 'utf8');
    const p: Promise<void> = pool.run({ text }).then((r) => {
      tokens += r.tokens;
      words += r.words;
      heaps.set(r.threadId, Math.max(heaps.get(r.threadId) ?? 0, r.peakHeapUsed));
      inFlight.delete(p);
    });
    inFlight.add(p);
    if (inFlight.size >= window) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  await pool.destroy();
  const ms = performance.now() - started;
  const memory = sampler.stop();
  memory.workerPeakHeapUsed = [...heaps.values()];
  return { kind: 'wink', workers: size, documents: names.length, ms, tokens, words, memory, cpu: sampler.cpu() };
}

async function pipelinePhase(req: PhaseRequest): Promise<PhaseResult> {
  const loaded = loadConfig(req.configFile, { input: req.inputDir, output: req.outputDir, concurrency: req.concurrency });
  const runId = `bench-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  const { logger, flush } = createRunLogger(loaded.outputDir, runId, { stderr: false });
  const sampler = startSampler();
  const started = performance.now();
  const summary = await runPipeline({ config: loaded.config, stages: STAGES, stagesModule: STAGES_MODULE, inputDir: loaded.inputDir, outputDir: loaded.outputDir, logger, runId });
  const ms = performance.now() - started;
  const memory = sampler.stop();
  flush();
  return { kind: 'pipeline', workers: workerCount(loaded.config.concurrency), documents: summary.documents, ms, summary, memory, cpu: sampler.cpu(), maxOptimizedBytecode: compilerLimit() ?? null };
}

async function main(): Promise<void> {
  const req = JSON.parse(process.argv[2] ?? '{}') as PhaseRequest;
  const result = req.kind === 'wink' ? await winkPhase(req) : await pipelinePhase(req);
  writeFileSync(req.resultFile, JSON.stringify(result));
}

main().catch((error: unknown) => {
  process.stderr.write(`bench phase failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
});
