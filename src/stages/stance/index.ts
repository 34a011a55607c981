/** Stage 4, stance: each holder's and each document's stance toward the proposal(s). (Stub: being built.) */
import { proposalsOf } from '../../config.js';
import type { DocumentBundle, Stage } from '../../pipeline/stage.js';

export const stanceStage: Stage<DocumentBundle> = {
  name: 'stance',
  version: '0.0.1',
  reads: ['documents', 'tokens', 'entities', 'quotes'],
  writes: ['stances', 'actors'],
  configSlice: (config) => ({ options: config.stages.stance, proposals: proposalsOf(config) }),
  process: () => ({ stances: [] }),
};
