import { z } from 'zod';

/** Options of the entities stage (`stages.entities` in pipeline.config.json). */
export const EntitiesOptions = z.strictObject({
  /** Merge the same entity across documents (conservatively, every merge recorded). Default true. */
  crossDocumentMerge: z.boolean().default(true),
});
export type EntitiesOptions = z.infer<typeof EntitiesOptions>;
