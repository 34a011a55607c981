import { z } from 'zod';
import raw from '../../data/stance/cues.json' with { type: 'json' };

/** The cue sets src/data/stance/cues.json defines (what `cueSets` may name). */
export const CUE_SETS: readonly string[] = Object.keys((raw as { cues: Record<string, unknown> }).cues).sort();

/** Options of the stance stage (`stages.stance` in pipeline.config.json). */
export const StanceOptions = z.strictObject({
  /** Scores with |score| below this are labelled `neutral`. Default 0.15. */
  neutralThreshold: z.number().min(0).max(1).default(0.15),
  /**
   * Cue sets of src/data/stance/cues.json to use. `policy` (for/against a proposal) is the
   * default; `concern` adds words framing something as a serious problem, for targets that are
   * propositions ("X is a serious concern") rather than proposals. Default ["policy"].
   */
  cueSets: z
    .array(
      z.string().refine((name) => CUE_SETS.includes(name), {
        error: (issue) => `unknown cue set ${JSON.stringify(issue.input)} (known: ${CUE_SETS.join(', ')})`,
      }),
    )
    .min(1)
    .default(['policy']),
  /**
   * Which sentences can carry stance toward a target: `mention` = those that refer to it (or
   * follow one that does in the same paragraph); `document` = every sentence (weighted lower when
   * it does not refer to the target), for documents that are wholly about the target. Default "mention".
   */
  topicScope: z.enum(['mention', 'document']).default('mention'),
  /** Weight of title sentences in the document's own stance. Default 2. */
  titleWeight: z.number().min(0).default(2),
});
export type StanceOptions = z.infer<typeof StanceOptions>;
