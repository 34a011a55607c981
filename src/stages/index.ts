/** The stages, in pipeline order. */
import type { AnyStage, StageName } from '../pipeline/stage.js';
import { normalizeStage } from './normalize/index.js';
import { entitiesStage } from './entities/index.js';
import { quotesStage } from './quotes/index.js';
import { stanceStage } from './stance/index.js';

export const STAGES: readonly AnyStage[] = [normalizeStage, entitiesStage, quotesStage, stanceStage];

export function stageByName(name: string): AnyStage | undefined {
  return STAGES.find((s) => s.name === name);
}

export type { StageName };
