/**
 * The input folder is checked before anything is written: a mistyped `--input` must leave a
 * processed output folder byte for byte as it was. Every failure is one line naming the folder,
 * the patterns and what was found instead.
 */
import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../pipeline/errors.js';
import { listInputs, type InputFile } from './inputs.js';
import { shownPath } from './shown.js';

/** How many names of non-matching files a message shows. */
const EXAMPLES = 3;

/**
 * Check that `inputDir` is a readable folder holding at least one file that matches `patterns`.
 * Returns the matching files (as `listInputs` lists them).
 * @throws UsageError when the folder is missing, is a file, cannot be read, or holds no matching file.
 */
export async function checkInputFolder(inputDir: string, patterns: readonly string[]): Promise<InputFile[]> {
  const shown = shownPath(inputDir);
  const wanted = patterns.join(', ');
  let isDir: boolean;
  try {
    isDir = statSync(inputDir).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`input folder ${shown} does not exist (set it with --input or input.dir; files wanted: ${wanted})`);
    throw new UsageError(`input folder ${shown} cannot be read: ${(error as Error).message}`);
  }
  if (!isDir) throw new UsageError(`input ${shown} is a file, not a folder: give the folder that holds the articles (files wanted: ${wanted})`);
  try {
    await fs.readdir(inputDir);
  } catch (error) {
    throw new UsageError(`input folder ${shown} cannot be read: ${(error as Error).message}`);
  }
  const { files } = await listInputs(inputDir, [...patterns]);
  if (files.length > 0) return files;
  const others = await someFiles(inputDir);
  const found =
    others.count === 0
      ? 'it is empty'
      : `it holds ${others.count} other file(s) (${[...others.extensions].map(([ext, n]) => `${n} ${ext || 'without extension'}`).join(', ')}; e.g. ${others.examples.join(', ')})`;
  throw new UsageError(`no file in input folder ${shown} matches ${wanted}: ${found}; set input.patterns or --input`);
}

/** Counts the files under `dir` by extension, with a few example paths. */
async function someFiles(dir: string): Promise<{ count: number; extensions: Map<string, number>; examples: string[] }> {
  const extensions = new Map<string, number>();
  const examples: string[] = [];
  let count = 0;
  const walk = async (at: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(at, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const abs = path.join(at, entry.name);
      if (entry.isDirectory()) await walk(abs);
      else {
        count++;
        const ext = path.extname(entry.name).toLowerCase();
        extensions.set(ext, (extensions.get(ext) ?? 0) + 1);
        if (examples.length < EXAMPLES) examples.push(path.relative(dir, abs).split(path.sep).join('/'));
      }
    }
  };
  await walk(dir);
  return { count, extensions, examples };
}

/**
 * Check that `outputDir` is a folder or does not exist yet (it is created by the run), and that
 * no path above it is a file.
 * @throws UsageError when it, or a path above it, is a file.
 */
export function checkOutputFolder(outputDir: string): void {
  const shown = shownPath(outputDir);
  for (let at = path.resolve(outputDir); ; at = path.dirname(at)) {
    let isDir: boolean;
    try {
      isDir = statSync(at).isDirectory();
    } catch {
      if (path.dirname(at) === at) return;
      continue; // not there yet: created by the run
    }
    if (!isDir) throw new UsageError(at === path.resolve(outputDir) ? `output ${shown} is a file, not a folder: give a folder (set it with --output or output.dir)` : `output folder ${shown} cannot be made: ${shownPath(at)} is a file`);
    return;
  }
}
