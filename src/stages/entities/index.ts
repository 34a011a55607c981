/**
 * Stage 2, entities: people, organizations, places and nationalities with canonical names and
 * stable ids (`TYPE:slug`), plus wink's date/number entities passed through. Reads the shared wink
 * token table (no second parse); merges the same person across documents in its corpus step.
 */
import { defineStage } from '../../pipeline/stage.js';
import { extractEntities } from './extract.js';
import { gazetteer } from './gazetteer.js';
import { entitiesCorpusStep } from './corpus.js';
import { EntitiesOptions } from './options.js';

export const entitiesStage = defineStage({
  name: 'entities',
  version: '0.2.4',
  reads: ['documents', 'tokens'],
  writes: ['entities'],
  options: { schema: EntitiesOptions, from: (config) => config.stages.entities },
  data: ['entities/', 'shared/countries.json'],
  load() {
    // compromise is not loaded here: only the rule finder (`finder: "rules"`) asks it, on first use
    // (~0.3 s CPU and tens of MB per worker saved with the tagger).
    return { gazetteer: gazetteer() };
  },
  process(input, options) {
    return { entities: extractEntities(input.document, input.tokens, options).entities };
  },
  corpus: entitiesCorpusStep,
});
