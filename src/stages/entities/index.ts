/** Stage 2, entities: people, organizations, places, nationalities with canonical ids. (Stub: being built.) */
import type { DocumentBundle, Stage } from '../../pipeline/stage.js';

export const entitiesStage: Stage<DocumentBundle> = {
  name: 'entities',
  version: '0.0.1',
  reads: ['documents', 'tokens'],
  writes: ['entities'],
  configSlice: (config) => config.stages.entities,
  process: () => ({ entities: [] }),
};
