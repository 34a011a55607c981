/**
 * Finding the raw input files. The input folder is walked (not globbed by a shell), so the result
 * is sorted the same way on every file system, and symbolic links are reported, never followed.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostic.js';
import picomatch from 'picomatch';

export interface InputFile {
  /** Document id: path relative to the input dir, without extension, `/`-separated. */
  docId: string;
  /** Path relative to the input dir, `/`-separated. */
  relPath: string;
  absPath: string;
}


/** `2024/ap-123.txt` -> `2024/ap-123`. */
export function docIdFor(relPath: string): string {
  const posix = relPath.split(path.sep).join('/');
  const ext = path.posix.extname(posix);
  return ext ? posix.slice(0, -ext.length) : posix;
}

/** Code-unit order: the same on every machine and locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function listInputs(
  inputDir: string,
  patterns: string[],
): Promise<{ files: InputFile[]; skipped: Diagnostic[] }> {
  const isMatch = picomatch(patterns, { dot: false });
  const files: InputFile[] = [];
  /**
   * Files and folders set aside (errors of source `input`, `file` relative to the input folder;
   * the message does not repeat the file: printers put `file` in front of it).
   */
  const skipped: Diagnostic[] = [];
  const skip = (file: string, code: string, message: string) => skipped.push({ severity: 'error', code, source: 'input', file, message });
  async function walk(dir: string): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      skip(path.relative(inputDir, dir) || '.', 'input/unreadable-dir', (error as Error).message);
      return;
    }
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      const rel = path.relative(inputDir, abs).split(path.sep).join('/');
      if (entry.isSymbolicLink()) {
        if (isMatch(rel)) skip(rel, 'input/symlink', 'a symbolic link: links are not followed (copy the file into the input folder instead)');
      } else if (entry.isDirectory()) {
        await walk(abs);
      } else if (entry.isFile() && isMatch(rel)) {
        files.push({ docId: docIdFor(rel), relPath: rel, absPath: abs });
      }
    }
  }
  await walk(inputDir);
  files.sort((a, b) => compareIds(a.docId, b.docId) || compareIds(a.relPath, b.relPath));
  // Two files that map to one id (a.txt and a.md) would collide: keep the first, report the rest.
  const unique: InputFile[] = [];
  for (const file of files) {
    const prev = unique[unique.length - 1];
    if (prev && prev.docId === file.docId) {
      skip(file.relPath, 'input/duplicate-id', `same document id as ${prev.relPath} (kept): rename one of them`);
    } else unique.push(file);
  }
  return { files: unique, skipped };
}
