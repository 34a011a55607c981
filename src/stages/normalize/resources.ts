/**
 * Data files of the normalize stage (src/data/normalize/*, and the entity stage's word lists it
 * reads). Resolved from the project root so they are found both from src/ (tsx, vitest) and from
 * dist/ (the built CLI), which sit at the same depth.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of src/data/<dir>. */
export function dataDir(dir: 'normalize' | 'entities' = 'normalize'): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '..', '..', '..', 'src', 'data', dir);
}

/** The trimmed, non-empty lines of a data file that are not `#` comments. Throws if the file is missing. */
export function readDataLines(file: string, dir: 'normalize' | 'entities' = 'normalize'): string[] {
  return readFileSync(path.join(dataDir(dir), file), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}
