/**
 * Stage 3, quotes: direct quotations (every quotation style, exact offsets) and reported speech,
 * each with its cue and speaker (explicit mention, pronoun or descriptor resolved in the document,
 * linked to the entities stage's id by mention overlap). Reads the shared token table; never
 * parses the text again.
 */
import type { DocumentBundle, Stage } from '../../pipeline/stage.js';
import { extractQuotes } from './extract.js';

export const quotesStage: Stage<DocumentBundle> = {
  name: 'quotes',
  version: '0.7.0',
  reads: ['documents', 'tokens', 'entities'],
  writes: ['quotes'],
  configSlice: (config) => config.stages.quotes,
  process(bundle, config) {
    const document = bundle.document;
    const tokens = bundle.tokens;
    if (!document || !tokens) return { quotes: [] };
    return { quotes: extractQuotes(document, tokens, bundle.entities ?? [], { indirect: config.stages.quotes.indirect }) };
  },
};
