/** Scores documents.jsonl against the seed gold (title, author, date, boilerplate, body bounds, offsets). */
import type { DocumentRecord } from '../schema.js';
import type { EvalSection, SeedGold } from './types.js';

export function evalNormalize(gold: SeedGold, documents: DocumentRecord[]): EvalSection {
  // Placeholder: being built with the normalize stage.
  void gold;
  void documents;
  return { name: 'normalize', lines: ['(not yet implemented)'], metrics: {}, diffs: [] };
}
