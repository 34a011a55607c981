/**
 * Worker-thread entry (piscina). Each worker imports the stage list the pool was given (a module
 * URL: the pipeline imports no stage itself), loads its stage's resources once, then runs one
 * document per task (see task.ts).
 */
import { workerData } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { PipelineConfig } from '../config.js';
import { AllocationProbe, HeapGuard, MEASURE_ALLOCATION } from './memory.js';
import type { Stage } from './stage.js';
import { resultBuffer, runStageTask, type WorkerResult, type WorkerTask } from './task.js';

/** What the pool passes to each worker (pool.ts). */
export interface WorkerData {
  config: PipelineConfig;
  /** URL of a module exporting `STAGES: readonly Stage[]`. */
  stagesModule: string;
  /** The stage this pool runs (its resources are loaded at start). */
  stage: string;
  loaded?: Int32Array;
}

const { config, loaded, stage: poolStage, stagesModule } = workerData as WorkerData;
const { STAGES } = (await import(stagesModule)) as { STAGES: readonly Stage[] };
// Tell the pool this worker's modules are loaded: it is now safe to terminate (see pool.ts close()).
if (loaded) Atomics.add(loaded, 0, 1);
// Load models and gazetteers now, while the main thread lists and hashes the inputs, rather than
// when the first document arrives.
setImmediate(() => {
  for (const stage of STAGES) if (stage.name === poolStage) stage.resources();
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

const probe = MEASURE_ALLOCATION ? new AllocationProbe() : undefined;

export default function runTask(task: WorkerTask): WorkerResult {
  heap.tick();
  probe?.begin();
  const result = runStageTask(STAGES, task, config);
  if (probe) result.allocated = probe.end();
  const buffer = resultBuffer(result);
  if (!buffer || buffer.byteLength === 0) return result;
  return Piscina.move(new TransferredResult(result, buffer) as never) as unknown as WorkerResult;
}
