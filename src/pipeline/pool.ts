/**
 * The worker-thread pool for CPU work (piscina). One pool per stage, started when the stage first
 * has a document to process and closed when its documents are done: a stage's workers hold only
 * its own models (the wink model is not kept alive through the entity and quote stages), and a
 * stage with everything cached starts no threads. Every worker gets the config once through
 * workerData. Workers are sized to the cores unless the config says otherwise.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { PipelineConfig } from '../config.js';
import { tuneCompiler } from './compiler.js';
import type { WorkerResult, WorkerTask } from './task.js';
import type { WorkerData } from './worker.js';

/** The compiled worker script. Under vitest this module is the .ts source: use the build in dist/. */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return path.join(path.dirname(here), 'worker.js');
  const root = path.resolve(path.dirname(here), '..', '..');
  const built = path.join(root, 'dist', 'pipeline', 'worker.js');
  if (!existsSync(built)) throw new Error(`worker not built: run "npm run build" first (${built} is missing)`);
  return built;
}

/** Worker count: the configured number, or one per core when 0. */
/** Most workers a run starts: 4 per core (more only adds memory and scheduling; see issue 14). */
export function maxWorkers(): number {
  return 4 * Math.max(1, os.availableParallelism());
}

/**
 * Worker threads for `documents` documents: `concurrency` (0 = one per core), never more than the
 * documents nor than `maxWorkers()`, at least 1.
 */
export function workerCount(concurrency: number, documents = Infinity): number {
  const wanted = concurrency > 0 ? concurrency : Math.max(1, os.availableParallelism());
  return Math.max(1, Math.min(wanted, maxWorkers(), documents));
}

export class WorkerPool {
  private readonly piscina: Piscina;
  readonly size: number;
  /** How many workers have finished loading their modules (each adds 1; see worker.ts). */
  private readonly loaded = new Int32Array(new SharedArrayBuffer(4));

  /**
   * `stagesModule`: URL of the module exporting the stage list (workers import it); `stage`: the
   * stage these workers will run (they load only its resources); `size`: the number of workers.
   */
  constructor(config: PipelineConfig, stagesModule: string, stage: string, size = workerCount(config.concurrency)) {
    this.size = size;
    // Before the first worker starts: V8 flags are the process's (compiler.ts).
    tuneCompiler();
    this.piscina = new Piscina({
      filename: workerFile(),
      minThreads: this.size,
      maxThreads: this.size,
      idleTimeout: 60_000,
      // A second task waits in each worker's own port while it runs one, so it starts the next
      // without a round trip through the main thread (which left workers idle a quarter of the time).
      concurrentTasksPerWorker: 4,
      // A smaller young generation than V8's default: -30 MB RSS per run of two quotes workers at
      // 20,000 documents for ~2 % more CPU (more frequent scavenges); 8 MB cost 8 %.
      resourceLimits: { maxYoungGenerationSizeMb: 16 },
      workerData: { config, loaded: this.loaded, stage, stagesModule } satisfies WorkerData,
    });
    // Destroying the pool while a worker is posting a result (an interrupted run) makes piscina
    // emit 'error' ("Unexpected message from Worker") for a task it has already dropped; with no
    // listener that would crash the process. Once closing, such results are meant to be lost.
    this.piscina.on('error', (error: unknown) => {
      if (!this.closing) throw error;
    });
  }

  /** Set by close(): results that arrive afterwards are dropped. */
  private closing = false;

  run(task: WorkerTask): Promise<WorkerResult> {
    return this.piscina.run(task) as Promise<WorkerResult>;
  }

  /**
   * Terminating a worker while it is still instantiating its ES modules aborts the whole process
   * in Node 20 (V8 "IsGraphAsync ... instantiated module"), which a run with everything cached
   * can hit: wait until every started worker has loaded (bounded), then destroy.
   */
  async close(): Promise<void> {
    this.closing = true;
    const deadline = Date.now() + 15_000;
    while (Atomics.load(this.loaded, 0) < this.piscina.threads.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await this.piscina.destroy();
  }
}
