/** How many documents of an output folder are marked as later copies of another (documents.jsonl `duplicateOf`). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS } from '../schema.js';
import { forEachLineContaining } from './lines.js';

const NEEDLE = Buffer.from('"duplicateOf":"', 'utf8');

/**
 * Documents in `outputDir`/documents.jsonl that carry `duplicateOf` (normalize's corpus step), by
 * a byte scan: no line is parsed (a quotation mark inside a JSON string is escaped, so the key's
 * bytes cannot occur in a document's text). 0 when the file is absent. Throws on I/O errors only.
 */
export function countDuplicates(outputDir: string): number {
  const file = path.join(outputDir, ARTIFACTS.documents.file);
  if (!existsSync(file)) return 0;
  let n = 0;
  forEachLineContaining(file, NEEDLE, () => n++);
  return n;
}
