import { z } from 'zod';

/** Options of the normalize stage (`stages.normalize` in pipeline.config.json). */
export const NormalizeOptions = z.strictObject({
  /**
   * Keep site chrome (navigation, share lines, captions, bios...) out of `text`, listed in
   * `removed`, and join the lines of hard-wrapped paragraphs. Default true; turn off for clean
   * corpora: then every non-blank raw line is one paragraph, characters in their columns.
   */
  removeChrome: z.boolean().default(true),
  /** Look for a headline, byline and dateline. Default true. */
  detectMetadata: z.boolean().default(true),
});
export type NormalizeOptions = z.infer<typeof NormalizeOptions>;
