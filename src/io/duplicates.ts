/** Which documents of an output folder are later copies of another (documents.jsonl `duplicateOf`, normalize's corpus step). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS } from '../schema.js';
import { forEachLineContaining } from './lines.js';

const NEEDLE = Buffer.from('"duplicateOf":"', 'utf8');

/** How many documents of `outputDir` are marked as later copies (the size of duplicatesOf). */
export function countDuplicates(outputDir: string): number {
  return duplicatesOf(outputDir).size;
}

/**
 * The documents of `outputDir`/documents.jsonl marked as later copies: document id -> the
 * original's id. A byte scan finds the lines carrying the mark (a quotation mark inside a JSON
 * string is escaped, so the key's bytes cannot occur in a document's text); only those are parsed.
 * An empty map when the file is absent or has no copies. Throws on I/O errors only; a marked line
 * that is not valid JSON is skipped (the pipeline reports bad artifact lines elsewhere).
 */
export function duplicatesOf(outputDir: string): Map<string, string> {
  const map = new Map<string, string>();
  const file = path.join(outputDir, ARTIFACTS.documents.file);
  if (!existsSync(file)) return map;
  forEachLineContaining(file, NEEDLE, (bytes) => {
    try {
      // A document record's own id is `id` (the docId of every other artifact).
      const d = JSON.parse(bytes.toString('utf8')) as { id?: unknown; duplicateOf?: unknown };
      if (typeof d.id === 'string' && typeof d.duplicateOf === 'string') map.set(d.id, d.duplicateOf);
    } catch {
      // a damaged line: not a copy as far as this map goes
    }
  });
  return map;
}
