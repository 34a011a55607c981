import { z } from 'zod';

/** Options of the entities stage (`stages.entities` in pipeline.config.json). */
export const EntitiesOptions = z.strictObject({
  /** Merge the same entity across documents (conservatively, every merge recorded). Default true. */
  crossDocumentMerge: z.boolean().default(true),
  /**
   * What finds the mentions: the trained tagger (default), or `rules`, the rule-based finder the
   * tagger replaced (kept for comparison; CoNLL dev F1 0.835 against the tagger's 0.918).
   */
  finder: z.enum(['tagger', 'rules']).default('tagger'),
  tagger: z
    .strictObject({
      /** Beam width of the decoder, 1-16 (2 chosen on CoNLL dev: F1 0.918, greedy 0.914). */
      beam: z.number().int().min(1).max(16).default(2),
      /**
       * Smallest per-token margin (score units) for a span to be kept without other evidence
       * (see tagger/mentions.ts); lower keeps more, less sure spans.
       */
      minMargin: z.number().default(1),
    })
    .prefault({}),
});
export type EntitiesOptions = z.infer<typeof EntitiesOptions>;
