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
  version: '0.8.2',
  reads: ['documents', 'tokens', 'entities'],
  writes: ['quotes'],
  options: { schema: QuotesOptions, from: (config) => config.stages.quotes },
  // (Besides its own lists, it reads given names, organization heads and common words the entities stage keeps.)
  data: ['quotes/', 'entities/first-names.txt', 'entities/org-heads.txt', 'entities/common-words.txt', 'shared/countries.json', 'shared/descriptor-heads.txt'],
  load: () => ({ verbs: reportingVerbs() }),
  process(bundle, options) {
    return { quotes: extractQuotes(bundle.document, bundle.tokens, bundle.entities, { indirect: options.indirect }) };
  },
});
