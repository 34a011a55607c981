import { z } from 'zod';

/** Options of the quotes stage (`stages.quotes` in pipeline.config.json). */
export const QuotesOptions = z.strictObject({
  /** Extract reported (indirect) speech as well as direct quotes. Default true. */
  indirect: z.boolean().default(true),
});
export type QuotesOptions = z.infer<typeof QuotesOptions>;
