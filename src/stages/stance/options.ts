import { z } from 'zod';

/** Options of the stance stage (`stages.stance` in pipeline.config.json). */
export const StanceOptions = z.strictObject({
  /** Scores with |score| below this are labelled `neutral`. Default 0.15. */
  neutralThreshold: z.number().min(0).max(1).default(0.15),
});
export type StanceOptions = z.infer<typeof StanceOptions>;
