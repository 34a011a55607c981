/**
 * Step 2 of a stage's run: dispatch. Each unit becomes a task (a raw file's bytes read again and
 * checked against the hash the plan recorded) and runs on the stage's worker pool, started on the
 * first task, or in this thread when the plan says the documents are few; or, with
 * `executor.kind: "bullmq"`, on BullMQ workers over Redis (bullmq.ts). Never rejects for a
 * document's fault: failures come back as diagnostics in the result.
 */
import { promises as fs } from 'node:fs';
import PQueue from 'p-queue';
import { DiagnosticError } from '../diagnostic.js';
import { sha256 } from './cache.js';
import { createBullmqDispatcher } from './bullmq.js';
import type { StagePlan } from './plan.js';
import { WorkerPool, workerCount } from './pool.js';
import type { RunOptions } from './run-options.js';
import { runStageTask, type WorkerResult, type WorkerTask } from './task.js';
import type { Unit } from './units.js';

export interface Dispatcher {
  /** Threads doing the work (1 in band). */
  readonly workers: number;
  dispatch(unit: Unit): Promise<WorkerResult>;
  /** Drops the tasks not started yet. */
  clear(): void;
  /** Stops the pool, if one was started. */
  close(): Promise<void>;
}

/**
 * The dispatcher of one stage's plan: up to four tasks per worker queued (one at a time in band);
 * the pool is created on the first task and sized to the documents to process.
 */
export function createDispatcher(plan: StagePlan, options: RunOptions): Dispatcher {
  // BullMQ: every task goes to the queue (even a handful), so a run's work is where it was asked to be.
  if (options.config.executor?.kind === 'bullmq') return createBullmqDispatcher(plan, options);
  const { stage, inBand } = plan;
  const { config } = options;
  const workers = inBand ? 1 : workerCount(config.concurrency, plan.toProcess);
  // Tasks being prepared or run: up to four per worker, so that each worker finds its next task
  // already queued in the pool when it finishes one (with one per worker, every task waited for
  // the main thread to read its file and post it: workers sat idle 20-30 % of the time).
  const queue = new PQueue({ concurrency: inBand ? 1 : workers * 4 });
  let pool: WorkerPool | undefined;
  const run = async (unit: Unit): Promise<WorkerResult> => {
    const task = await taskOf(unit, stage.name);
    if ('ok' in task) return task;
    if (inBand) return runStageTask(options.stages, task, config);
    pool ??= new WorkerPool(config, options.stagesModule, stage.name, workers);
    return pool.run(task);
  };
  return {
    workers,
    dispatch: (unit) => queue.add(() => run(unit)) as Promise<WorkerResult>,
    clear: () => queue.clear(),
    close: async () => {
      await pool?.close();
    },
  };
}

/**
 * The task to send for `unit`: as planned, or for a raw file with its bytes read again. A file that
 * cannot be read, or changed since it was hashed, comes back as the failed result to record.
 */
export async function taskOf(unit: Unit, stageName: string): Promise<WorkerTask | WorkerResult> {
  try {
    return unit.task.raw ? await withRawBytes(unit) : unit.task;
  } catch (error) {
    const code = error instanceof DiagnosticError ? error.code : 'input/unreadable';
    return { ok: false, diagnostics: [{ severity: 'error', code, source: stageName, docId: unit.docId, message: (error as Error).message }], ms: 0 };
  }
}

/**
 * A raw unit's bytes, read again at dispatch.
 * @throws DiagnosticError `input/changed` for a file edited since it was hashed.
 */
export async function withRawBytes(unit: Unit): Promise<WorkerTask> {
  const raw = unit.task.raw!;
  const bytes = await fs.readFile(raw.absPath ?? '');
  if (sha256(bytes) !== raw.sha256) {
    throw new DiagnosticError('input/changed', `${raw.path} changed while the run was reading it, or was edited without a new modification time; run again (with --force if this repeats)`);
  }
  return { ...unit.task, raw: { ...raw, bytes } };
}
