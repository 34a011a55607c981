/**
 * Worker-thread entry (piscina). Each worker loads the stages once (and the wink model on first
 * use), then runs one stage on one document per task. Failures come back as data, so a bad
 * document never takes the pool down.
 */
import { workerData } from 'node:worker_threads';
import type { PipelineConfig } from '../config.js';
import { stageByName } from '../stages/index.js';
import { DocumentError, type StageOutput } from './stage.js';

export interface WorkerTask {
  stage: string;
  input: unknown;
}

export type WorkerResult =
  | { ok: true; output: StageOutput; ms: number }
  | { ok: false; code: string; message: string; ms: number };

const { config, loaded } = workerData as { config: PipelineConfig; loaded?: Int32Array };
// Tell the pool this worker's modules are loaded: it is now safe to terminate (see pool.ts close()).
if (loaded) Atomics.add(loaded, 0, 1);

export default function runTask(task: WorkerTask): WorkerResult {
  return runStageTask(task, config);
}

/** Also used in-thread when concurrency is 1 or for tests. */
export function runStageTask(task: WorkerTask, cfg: PipelineConfig): WorkerResult {
  const started = performance.now();
  const stage = stageByName(task.stage);
  try {
    if (!stage) throw new Error(`unknown stage ${task.stage}`);
    const output = (stage.process as (input: unknown, c: PipelineConfig) => StageOutput)(task.input, cfg);
    return { ok: true, output, ms: performance.now() - started };
  } catch (error) {
    const code = error instanceof DocumentError ? error.code : 'stage/exception';
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, code, message, ms: performance.now() - started };
  }
}
