import { z } from 'zod';
import { LEXICON } from './lexicon.js';

/** The cue sets data/stance/cues.json defines (what `cueSets` may name). */
export const CUE_SETS: readonly string[] = Object.keys(LEXICON.cues).sort();

/** Options of the stance stage (`stages.stance` in pipeline.config.json). */
export const StanceOptions = z.strictObject({
  /**
   * Scores with |score| below this are labelled `neutral`. Default 0.15 for a proposal, 0.2 when a
   * target is a proposition (0.2 chosen on the even-numbered half of GWSD dev, see anchor.ts).
   */
  neutralThreshold: z.number().min(0).max(1).optional(),
  /**
   * Cue sets of src/data/stance/cues.json to use. `policy` (for/against a proposal) is the
   * default; `concern` adds words framing something as a serious problem, for targets that are
   * propositions ("X is a serious concern") rather than proposals. Default: ["policy"] for a
   * proposal, ["policy", "concern"] when a target is a proposition (see `targetKind`).
   */
  cueSets: z
    .array(
      z.string().refine((name) => CUE_SETS.includes(name), {
        error: (issue) => `unknown cue set ${JSON.stringify(issue.input)} (known: ${CUE_SETS.join(', ')})`,
      }),
    )
    .min(1)
    .optional(),
  /**
   * Which sentences can carry stance toward a target: `mention` = those that refer to it (or
   * follow one that does in the same paragraph); `document` = every sentence (weighted lower when
   * it does not refer to the target), for documents that are wholly about the target. Default:
   * "mention" for a proposal, "document" for a proposition.
   */
  topicScope: z.enum(['mention', 'document']).optional(),
  /** Weight of title sentences in the document's own stance. Default 2. */
  titleWeight: z.number().min(0).default(2),
  /**
   * What the target is: a `proposal` (a noun phrase: "four-day week"; stance must apply to a
   * reference to it), a `proposition` (a clause: "climate change is a serious concern"; statements
   * about its topic or content count), or `auto` (a verb in the name makes it a proposition). Default "auto".
   */
  targetKind: z.enum(['auto', 'proposal', 'proposition']).default('auto'),
  /** Stance records below this confidence are left out of the actor table (actors.jsonl). Default 0 (all). */
  minConfidence: z.number().min(0).max(1).default(0),
});
export type StanceOptions = z.infer<typeof StanceOptions>;

/** The neutral threshold in force: the option, else 0.15 for proposals and 0.2 if any target is a proposition. */
export function neutralThresholdOf(options: StanceOptions, anyProposition: boolean): number {
  return options.neutralThreshold ?? (anyProposition ? 0.2 : 0.15);
}
