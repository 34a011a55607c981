/**
 * The composition of the pipeline: its stages, in order. The pipeline (src/pipeline/) never
 * imports a stage; the CLI, eval and tests hand it this list. Worker threads load the same list
 * from `STAGES_MODULE`.
 */
import type { Stage } from '../pipeline/stage.js';
import { normalizeStage } from './normalize/index.js';
import { entitiesStage } from './entities/index.js';
import { quotesStage } from './quotes/index.js';
import { stanceStage } from './stance/index.js';

export const STAGES: readonly Stage[] = [normalizeStage, entitiesStage, quotesStage, stanceStage];

/**
 * URL of the compiled module exporting `STAGES`, for worker threads. Under vitest this module is
 * the .ts source, which a worker cannot load: point at the build in dist/.
 */
export const STAGES_MODULE: string = import.meta.url.endsWith('.ts') ? new URL('../../dist/stages/index.js', import.meta.url).href : import.meta.url;
