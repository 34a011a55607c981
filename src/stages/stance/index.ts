/**
 * Stage 4, stance: each holder's and each document's stance toward the configured proposal(s).
 *
 * Per document: find the target's mentions (name, aliases, anaphora), score each statement from a
 * cue lexicon (src/data/stance/cues.json) with negation, contrast, hedges and modality, attribute
 * each cue to its holder (quote speaker, reporting-verb subject, the cue's subject, NORP -> country),
 * and fold into one record per (document, holder, target) plus the document's own (holder null).
 * Corpus step: actors.jsonl. Reads the shared wink token table; never parses again.
 */
import { createHash } from 'node:crypto';
import { proposalsOf } from '../../config.js';
import type { DocumentBundle, Stage } from '../../pipeline/stage.js';
import type { ActorRecord, StanceRecord } from '../../schema.js';
import { actorsStep } from './actors.js';
import { analyzeDocument } from './analyze.js';
import { LEXICON } from './lexicon.js';

/** The cue lexicon is data the output depends on: its hash is part of the cache key. */
const LEXICON_HASH = createHash('sha256').update(JSON.stringify(LEXICON)).digest('hex').slice(0, 16);

export const stanceStage: Stage<DocumentBundle, { stances?: StanceRecord[]; actors?: ActorRecord[] }> = {
  name: 'stance',
  version: '1.2.0',
  reads: ['documents', 'tokens', 'entities', 'quotes'],
  writes: ['stances', 'actors'],
  configSlice: (config) => ({ options: config.stages.stance, proposals: proposalsOf(config), lexicon: LEXICON_HASH }),
  process: (bundle, config) => {
    if (!bundle.document || !bundle.tokens) return { stances: [] };
    const stances = analyzeDocument(
      { document: bundle.document, tokens: bundle.tokens, entities: bundle.entities ?? [], quotes: bundle.quotes ?? [] },
      proposalsOf(config),
      config.stages.stance,
    );
    return { stances };
  },
  corpus: actorsStep,
};

export { analyzeDocument } from './analyze.js';
export { actorsFrom } from './actors.js';
export { formatActorSummary } from './summary.js';
