/**
 * Stage 4, stance: each holder's and each document's stance toward the configured proposal(s).
 *
 * Per document: find the target's mentions (name, aliases, anaphora), score each statement from a
 * cue lexicon (src/data/stance/cues.json) with negation, contrast, hedges and modality, attribute
 * each cue to its holder (quote speaker, reporting-verb subject, the cue's subject, NORP -> country),
 * and fold into one record per (document, holder, target) plus the document's own (holder null).
 * Corpus step: actors.jsonl (a duplicate document's records, marked `duplicateOf`, are left out).
 * Reads the shared wink token table; never parses again.
 */
import { z } from 'zod';
import { Proposal, proposalsOf } from '../../config.js';
import { defineStage } from '../../pipeline/stage.js';
import { actorsStep } from './actors.js';
import { analyzeDocument } from './analyze.js';
import { LEXICON } from './lexicon.js';
import { StanceOptions } from './options.js';

/** The stance stage's options: `stages.stance` and the proposals (the targets). */
const StanceStageOptions = StanceOptions.extend({ proposals: z.array(Proposal).min(1) });

export const stanceStage = defineStage({
  name: 'stance',
  version: '1.5.2',
  reads: ['documents', 'tokens', 'entities', 'quotes'],
  writes: ['stances', 'actors'],
  options: { schema: StanceStageOptions, from: (config) => ({ ...config.stages.stance, proposals: proposalsOf(config) }) },
  data: ['stance/', 'entities/org-heads.txt', 'shared/descriptor-heads.txt'],
  load: () => ({ lexicon: LEXICON }),
  process: (bundle, options) => {
    const stances = analyzeDocument(bundle, options.proposals, options);
    // A later copy of an article (normalize's duplicatesStep): records kept, marked, and left out of actors.jsonl.
    const original = bundle.document.duplicateOf;
    return { stances: original === undefined ? stances : stances.map((s) => ({ ...s, duplicateOf: original })) };
  },
  corpus: actorsStep,
});
