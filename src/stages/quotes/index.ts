/**
 * Stage 3, quotes: direct quotations (every quotation style, exact offsets) and reported speech,
 * each with its cue and speaker (explicit mention, pronoun or descriptor resolved in the document,
 * linked to the entities stage's id by mention overlap). Reads the shared token table; never
 * parses the text again.
 */
import { defineStage } from '../../pipeline/stage.js';
import { reportingVerbs } from './cues.js';
import { extractQuotes } from './extract.js';
import { QuotesOptions } from './options.js';

export const quotesStage = defineStage({
  name: 'quotes',
  version: '0.6.0',
  reads: ['documents', 'tokens', 'entities'],
  writes: ['quotes'],
  options: { schema: QuotesOptions, from: (config) => config.stages.quotes },
  data: ['quotes/'],
  load: () => ({ verbs: reportingVerbs() }),
  process(bundle, options) {
    return { quotes: extractQuotes(bundle.document, bundle.tokens, bundle.entities, { indirect: options.indirect }) };
  },
});
