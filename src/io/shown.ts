/**
 * How a path is shown to the user in messages: relative to the current folder when it is inside
 * it ("output", "raw/a.txt", "." for the folder itself), absolute otherwise (never "../../tmp/x").
 */
import path from 'node:path';

/** `p` for a message (see the module comment). */
export function shownPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  if (rel === '') return '.';
  return rel.startsWith('..') || path.isAbsolute(rel) ? path.resolve(p) : rel;
}
