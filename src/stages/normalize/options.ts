import { z } from 'zod';

/** Options of the normalize stage (`stages.normalize` in pipeline.config.json). */
export const NormalizeOptions = z.strictObject({
  /** Keep site chrome (navigation, share lines, captions, bios...) out of `text`. Default true; turn off for clean corpora. */
  removeChrome: z.boolean().default(true),
  /** Look for a headline, byline and dateline. Default true. */
  detectMetadata: z.boolean().default(true),
});
export type NormalizeOptions = z.infer<typeof NormalizeOptions>;
