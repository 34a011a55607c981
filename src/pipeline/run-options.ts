/** What a run is given (runner.ts) and what the steps of a stage share (plan, dispatch, write, corpus, record). */
import type { PipelineConfig } from '../config.js';
import type { Diagnostic } from '../diagnostic.js';
import type { Logger } from './logger.js';
import type { Manifest } from './manifest.js';
import type { Stage, StageName } from './stage.js';

export interface RunOptions {
  config: PipelineConfig;
  /** The stages, in pipeline order (src/stages/index.ts: STAGES). */
  stages: readonly Stage[];
  /** URL of a module exporting the same list as `STAGES`, for the worker threads (STAGES_MODULE). */
  stagesModule: string;
  inputDir: string;
  outputDir: string;
  logger: Logger;
  runId: string;
  /** Run only this stage (its inputs must exist). */
  only?: StageName;
  /** Run this stage and the ones after it. */
  from?: StageName;
  /** Redo all work, ignoring cached results. */
  force?: boolean;
  /** Aborted (SIGINT/SIGTERM): stop dispatching, leave published artifacts as they are, throw Interrupted. */
  signal?: AbortSignal;
  /** The output folder's manifest when the caller has read it already (null: none); read again when absent. */
  manifest?: Manifest | null;
  /** Called after each document (progress display). */
  onProgress?: (stage: string, done: number, total: number | undefined) => void;
}

/** Cached per-document results and artifact indexes, under the output folder. */
export const CACHE_DIR = 'cache';

/** Where one stage's diagnostics go: the run's sink and the stage's log, errors counted (record.ts). */
export interface StageReporter {
  readonly log: Logger;
  report(d: Diagnostic): void;
  /** Errors reported so far (documents or lines set aside, repeats included). */
  readonly failed: number;
}
