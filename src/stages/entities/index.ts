/**
 * Stage 2, entities: people, organizations, places and nationalities with canonical names and
 * stable ids (`TYPE:slug`), plus wink's date/number entities passed through. Reads the shared wink
 * token table (no second parse); merges the same person across documents in its corpus step.
 */
import type { DocumentBundle, Stage } from '../../pipeline/stage.js';
import { DocumentError } from '../../pipeline/stage.js';
import { extractEntities } from './extract.js';
import { gazetteer } from './gazetteer.js';
import { knownWord } from '../../nlp/compromise.js';
import { entitiesCorpusStep } from './corpus.js';

export const entitiesStage: Stage<DocumentBundle> = {
  name: 'entities',
  version: '0.2.1',
  reads: ['documents', 'tokens'],
  writes: ['entities'],
  configSlice: (config) => config.stages.entities,
  warm() {
    gazetteer();
    knownWord('the'); // loads compromise
  },
  process(input) {
    if (!input.document || !input.tokens) throw new DocumentError('entities/missing-input', `${input.docId}: no document or token table`);
    return { entities: extractEntities(input.document, input.tokens).entities };
  },
  corpus: entitiesCorpusStep,
};
