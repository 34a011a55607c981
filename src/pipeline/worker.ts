/**
 * Worker-thread entry (piscina). Each worker loads the stages once, prepares its stage's models
 * and gazetteers, then runs one document per task (see task.ts).
 */
import { workerData } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { PipelineConfig } from '../config.js';
import { STAGES } from '../stages/index.js';
import { HeapGuard } from './memory.js';
import { resultBuffer, runStageTask, type WorkerResult, type WorkerTask } from './task.js';

export type { ArtifactPart, SerializedRecords, WorkerResult, WorkerTask } from './task.js';

const { config, loaded, stage: poolStage } = workerData as { config: PipelineConfig; loaded?: Int32Array; stage?: string };
// Tell the pool this worker's modules are loaded: it is now safe to terminate (see pool.ts close()).
if (loaded) Atomics.add(loaded, 0, 1);
// Build models and gazetteers now, while the main thread lists and hashes the inputs, rather than
// one stage at a time when its first document arrives (which serializes them in a short run).
setImmediate(() => {
  for (const stage of STAGES) if (!poolStage || stage.name === poolStage) stage.warm?.();
});

/**
 * The result goes back with its records' buffer transferred, not copied (piscina moves the
 * top-level value's transferable), so the main thread allocates no strings for them.
 */
class TransferredResult {
  constructor(
    private readonly result: WorkerResult,
    private readonly buffer: ArrayBuffer,
  ) {}
  get [Piscina.transferableSymbol](): ArrayBuffer {
    return this.buffer;
  }
  get [Piscina.valueSymbol](): WorkerResult {
    return this.result;
  }
}

/**
 * A worker's live heap is 30-60 MB (100-120 MB with the wink model), but old-space garbage let two
 * workers reach 500 MB RSS together at 20,000 documents: collect when the heap passes 64 MB and
 * has grown by half since the last collection (every few hundred documents; docs/BENCH.md).
 */
const heap = new HeapGuard({ every: 16 });

export default function runTask(task: WorkerTask): WorkerResult {
  heap.tick();
  const result = runStageTask(task, config);
  const buffer = resultBuffer(result);
  if (!buffer || buffer.byteLength === 0) return result;
  return Piscina.move(new TransferredResult(result, buffer) as never) as unknown as WorkerResult;
}
