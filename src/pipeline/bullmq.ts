/**
 * The BullMQ executor: a stage's tasks as jobs on a Redis queue, run by `newsstance worker`
 * processes on any machine with the same code as the local worker threads (task.ts → execute.ts).
 *
 * Coordinator side (`createBullmqDispatcher`, a Dispatcher like dispatch.ts's): each task becomes a
 * job carrying what it needs (the raw file's bytes, or the document's upstream lines: workers share
 * no disk), with `jobId` = the task's cache key, so a job is added once and a rerun finds the result
 * of a previous run still in Redis (kept `ttlSeconds`). Results come back serialized (the exact
 * lines to append, checked against their sha256) and write.ts writes them as in a local run.
 * At most `window` jobs are in flight. A job bigger than `maxPayloadBytes` runs on the coordinator.
 *
 * Worker side (`runQueueWorker`): refuses (fails, without retry) a job whose stage code fingerprint
 * differs from its own, so no worker writes bytes under another build's cache key. A worker killed
 * mid-job loses its lock; BullMQ's stalled-job check gives the job to another worker.
 */
import { hostname } from 'node:os';
import { Job, Queue, QueueEvents, UnrecoverableError, Worker } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import PQueue from 'p-queue';
import type { ExecutorConfig, PipelineConfig } from '../config.js';
import type { Diagnostic } from '../diagnostic.js';
import { readRange } from '../io/lines.js';
import type { ArtifactName } from '../schema.js';
import { sha256 } from './cache.js';
import { taskOf, type Dispatcher } from './dispatch.js';
import { stageCode } from './fingerprint.js';
import type { StagePlan } from './plan.js';
import type { RunOptions } from './run-options.js';
import type { Stage } from './stage.js';
import { tuneCompiler } from './compiler.js';
import { runStageTask, type WorkerResult, type WorkerTask } from './task.js';
import type { Unit } from './units.js';

/** What a job carries (JSON in Redis). */
export interface JobData {
  /** Payload format. */
  v: 1;
  stage: string;
  /** The coordinator's stageCode for the stage (fingerprint.ts): a worker with another refuses the job. */
  code: string;
  /** The run's config, without `executor`. */
  config: PipelineConfig;
  /** The task, its raw bytes as base64 and its parts' lines inline (`text`). */
  task: Omit<WorkerTask, 'raw'> & { raw?: { docId: string; path: string; sha256: string; base64: string } };
}

/** What a job returns: WorkerResult with each artifact's lines as a string. */
export type JobResult =
  | { ok: true; output: Partial<Record<ArtifactName, { text: string; lines: number; sha256: string }>>; diagnostics: Diagnostic[]; ms: number; worker: string }
  | { ok: false; diagnostics: Diagnostic[]; ms: number; worker: string };

/** The failure reason prefix of a refused job (code mismatch): the coordinator stops the run on it. */
export const CODE_MISMATCH = 'stage code mismatch';

/** Defaults of the `executor` block, for a run given only `--executor bullmq --redis URL`. */
export const EXECUTOR_DEFAULTS: Omit<ExecutorConfig, 'kind' | 'redis'> = {
  queue: 'newsstance',
  window: 256,
  ttlSeconds: 86_400,
  attempts: 3,
  maxPayloadBytes: 8 * 1024 * 1024,
};

/**
 * ioredis options for a Redis URL (redis://[user:password@]host[:port][/db]), for BullMQ to open
 * and close its own connections; its blocking ones need `maxRetriesPerRequest: null`.
 */
function connection(url: string, blocking: boolean): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.pathname.length > 1 ? { db: Number(u.pathname.slice(1)) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: blocking ? null : 20,
  };
}

/** Redis did not answer: the CLI prints the message as one line and exits 2. */
export class RedisUnreachable extends Error {
  override name = 'RedisUnreachable';
}

/**
 * Checks that Redis answers at `url` (one PING, no retry, 3 s at most).
 * @throws RedisUnreachable `cannot reach Redis at URL: reason` (the CLI prints it as one line, exit 2).
 */
export async function checkRedis(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  let cause: Error | undefined;
  client.on('error', (error: Error) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new RedisUnreachable(`cannot reach Redis at ${url}: ${(cause ?? (error as Error)).message || String(error)}`);
  } finally {
    client.disconnect();
  }
}

/** A task as a job's payload (see JobData): raw bytes in base64, upstream lines read inline. */
export function toJobData(stage: Stage, code: string, config: PipelineConfig, task: WorkerTask): JobData {
  const { raw, parts, ...rest } = task;
  const out: JobData['task'] = { ...rest };
  if (raw) out.raw = { docId: raw.docId, path: raw.path, sha256: raw.sha256, base64: Buffer.from(raw.bytes).toString('base64') };
  if (parts) out.parts = parts.map((p) => ({ ...p, text: p.length ? readRange(p.file, p.offset, p.length).toString('utf8') : '' }));
  return { v: 1, stage: stage.name, code, config: { ...config, executor: undefined }, task: out };
}

/** A job's payload back to a task (the worker side). */
function fromJobData(data: JobData): WorkerTask {
  const { raw, ...rest } = data.task;
  return raw ? { ...rest, raw: { docId: raw.docId, path: raw.path, sha256: raw.sha256, bytes: Buffer.from(raw.base64, 'base64') } } : rest;
}

/** A job's result back to a WorkerResult; a result whose bytes do not hash to its sha256 throws. */
function fromJobResult(result: JobResult): WorkerResult {
  if (!result.ok) return { ok: false, diagnostics: result.diagnostics, ms: result.ms };
  const output: Extract<WorkerResult, { ok: true }>['output'] = {};
  for (const [name, out] of Object.entries(result.output) as Array<[ArtifactName, { text: string; lines: number; sha256: string }]>) {
    const bytes = Buffer.from(out.text, 'utf8');
    if (sha256(bytes) !== out.sha256) throw new Error(`a result from worker ${result.worker} for ${name} does not match its sha256 (damaged in transit or in Redis)`);
    output[name] = { bytes, lines: out.lines, sha256: out.sha256 };
  }
  return { ok: true, output, diagnostics: result.diagnostics, ms: result.ms };
}

/**
 * The BullMQ dispatcher of one stage's plan (see the module comment). `options.config.executor`
 * must name a Redis URL (checked by the CLI with checkRedis). `dispatch` rejects when a worker
 * refused a job for a code mismatch (the run stops); a job failed `attempts` times comes back as
 * an `executor/failed` error of its document.
 */
export function createBullmqDispatcher(plan: StagePlan, options: RunOptions): Dispatcher {
  const { stage, code } = plan;
  const { config } = options;
  const executor = { ...EXECUTOR_DEFAULTS, ...config.executor };
  const url = executor.redis!;
  const queue = new PQueue({ concurrency: executor.window });
  // Jobs waited for, by id: settled by the queue's events (or by the job's state when it finished
  // before we asked), rejected all at once when the dispatcher closes.
  const waiting = new Map<string, { resolve: (r: JobResult) => void; reject: (e: Error) => void }>();
  const settle = (jobId: string, outcome: { result: JobResult } | { reason: string }) => {
    const waiter = waiting.get(jobId);
    if (!waiter) return;
    waiting.delete(jobId);
    if ('result' in outcome) waiter.resolve(outcome.result);
    else waiter.reject(new Error(outcome.reason));
  };
  const parsed = (value: unknown): JobResult => (typeof value === 'string' ? JSON.parse(value) : value) as JobResult;
  let started: Promise<{ jobs: Queue; events: QueueEvents }> | undefined;
  const start = async () => {
    const jobs = new Queue(executor.queue, { connection: connection(url, false) });
    const events = new QueueEvents(executor.queue, { connection: connection(url, true) });
    jobs.on('error', () => undefined);
    events.on('error', () => undefined);
    events.on('completed', ({ jobId, returnvalue }) => settle(jobId, { result: parsed(returnvalue) }));
    events.on('failed', ({ jobId, failedReason }) => settle(jobId, { reason: failedReason }));
    await events.waitUntilReady();
    return { jobs, events };
  };
  /** The job's result: from its events, or at once when it had already finished. */
  const finished = async (jobs: Queue, job: Job): Promise<JobResult> => {
    const jobId = job.id!;
    const result = new Promise<JobResult>((resolve, reject) => waiting.set(jobId, { resolve, reject }));
    result.catch(() => undefined); // handled by the caller, once the state is read
    const state = await job.getState();
    if (state === 'completed' || state === 'failed') {
      const done = await Job.fromId(jobs, jobId);
      if (done && state === 'completed') settle(jobId, { result: parsed(done.returnvalue) });
      else if (done) settle(jobId, { reason: done.failedReason });
    }
    return result;
  };
  let remote = 0;
  let local = 0;
  const run = async (unit: Unit): Promise<WorkerResult> => {
    const task = await taskOf(unit, stage.name);
    if ('ok' in task) return task;
    const data = toJobData(stage, code, config, task);
    const size = Buffer.byteLength(JSON.stringify(data), 'utf8');
    if (size > executor.maxPayloadBytes) {
      local++;
      options.logger.warn({ stage: stage.name, docId: unit.docId, bytes: size }, `job payload over executor.maxPayloadBytes (${executor.maxPayloadBytes}): run on the coordinator`);
      return runStageTask(options.stages, task, config);
    }
    remote++;
    const { jobs } = await (started ??= start());
    const job = await jobs.add(stage.name, data, {
      jobId: plan.keyOf(unit),
      attempts: executor.attempts,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: executor.ttlSeconds },
      removeOnFail: { age: executor.ttlSeconds },
    });
    // A job of the same key that failed in an earlier run (a refused code, a crash): try it again.
    if ((await job.getState()) === 'failed') await job.retry('failed');
    let result: JobResult;
    try {
      result = await finished(jobs, job);
    } catch (error) {
      const message = (error as Error).message;
      if (message.startsWith(CODE_MISMATCH)) throw new Error(`${message}; start workers from the same build as the coordinator`);
      return { ok: false, diagnostics: [{ severity: 'error', code: 'executor/failed', source: stage.name, docId: unit.docId, message: `job failed ${executor.attempts} time(s) on the workers: ${message}` }], ms: 0 };
    }
    return fromJobResult(result);
  };
  return {
    // write.ts keeps workers × 8 results in flight: the window.
    workers: Math.max(1, Math.ceil(executor.window / 8)),
    dispatch: (unit) => {
      const result = queue.add(() => run(unit)) as Promise<WorkerResult>;
      // write.ts awaits results in document order: a later one rejecting first (the run stopping)
      // must not count as unhandled.
      result.catch(() => undefined);
      return result;
    },
    clear: () => queue.clear(),
    close: async () => {
      queue.clear();
      if (!started) return;
      const { jobs, events } = await started;
      for (const jobId of [...waiting.keys()]) settle(jobId, { reason: 'the run stopped before this job finished' });
      options.logger.info({ stage: stage.name, remote, local }, 'bullmq executor: jobs sent to workers, run on the coordinator');
      await events.close();
      await jobs.close();
    },
  };
}

export interface QueueWorkerOptions {
  redis: string;
  /** Jobs taken at once by this process (they share its one thread). Default 1. */
  concurrency?: number;
  queue?: string;
  /** How long a job's lock lasts without renewal, in ms; a killed worker's jobs are taken over after it. Default 30,000. */
  lockMs?: number;
  stages: readonly Stage[];
  /** Called on each finished or refused job (logging). */
  onJob?: (event: { stage: string; docId: string; ok: boolean; refused?: string; ms: number }) => void;
}

/**
 * A long-running queue worker (`newsstance worker`): loads every stage's resources, then runs
 * jobs until `close()`. Throws what checkRedis throws when Redis cannot be reached.
 */
export async function runQueueWorker(options: QueueWorkerOptions): Promise<{ close(): Promise<void>; name: string }> {
  await checkRedis(options.redis);
  tuneCompiler(); // this process runs the tasks (compiler.ts)
  // Models and gazetteers now: loading them inside the first job would hold its lock past renewal.
  const codes = new Map<string, string>();
  for (const stage of options.stages) {
    stage.resources();
    codes.set(stage.name, stageCode(stage));
  }
  const name = `${hostname()}:${process.pid}`;
  const lockMs = options.lockMs ?? 30_000;
  const worker = new Worker<JobData, JobResult>(
    options.queue ?? EXECUTOR_DEFAULTS.queue,
    async (job: Job<JobData, JobResult>) => {
      const data = job.data;
      const mine = codes.get(data.stage);
      if (mine !== data.code) {
        const refused = `${CODE_MISMATCH}: stage ${data.stage} has code ${data.code} in the coordinator's build, ${mine ?? 'none'} in worker ${name}`;
        options.onJob?.({ stage: data.stage, docId: data.task.docId, ok: false, refused, ms: 0 });
        throw new UnrecoverableError(refused);
      }
      const result = runStageTask(options.stages, fromJobData(data), data.config);
      options.onJob?.({ stage: data.stage, docId: data.task.docId, ok: result.ok, ms: result.ms });
      if (!result.ok) return { ...result, worker: name };
      const output: Extract<JobResult, { ok: true }>['output'] = {};
      for (const [artifact, out] of Object.entries(result.output) as Array<[ArtifactName, { bytes: Uint8Array; lines: number; sha256: string }]>) {
        output[artifact] = { text: Buffer.from(out.bytes.buffer, out.bytes.byteOffset, out.bytes.byteLength).toString('utf8'), lines: out.lines, sha256: out.sha256 };
      }
      return { ok: true, output, diagnostics: result.diagnostics, ms: result.ms, worker: name };
    },
    {
      connection: connection(options.redis, true),
      concurrency: options.concurrency ?? 1,
      lockDuration: lockMs,
      stalledInterval: Math.max(500, Math.floor(lockMs / 2)),
      maxStalledCount: 3,
    },
  );
  worker.on('error', () => undefined);
  await worker.waitUntilReady();
  return { name, close: () => worker.close() };
}
