/** Stage 3, quotes: direct and reported speech with cue and speaker. (Stub: being built.) */
import type { DocumentBundle, Stage } from '../../pipeline/stage.js';

export const quotesStage: Stage<DocumentBundle> = {
  name: 'quotes',
  version: '0.0.1',
  reads: ['documents', 'tokens', 'entities'],
  writes: ['quotes'],
  configSlice: (config) => config.stages.quotes,
  process: () => ({ quotes: [] }),
};
