/**
 * Data files of the normalize stage (data/normalize/*, and the entity stage's word lists that
 * sentences.ts reads), through the one data loader (io/data.ts). Each is declared in the stage's
 * `data` (index.ts), so editing one reruns the stage.
 */
import { loadText, parseWordList } from '../../io/data.js';

/**
 * The trimmed, non-empty lines of `data/<dir>/<file>` that are not `#` comments, in file order.
 * @throws when the file is missing.
 */
export function readDataLines(file: string, dir: 'normalize' | 'entities' = 'normalize'): string[] {
  return parseWordList(loadText(`${dir}/${file}`).value);
}
