/**
 * Where each document's lines are in an artifact file: byte offset, length, first line and the
 * sha256 of its lines. The runner writes one next to every artifact it writes
 * (`cache/<file>.index.json`), so later stages and later runs can hash, hand out and copy a
 * document's lines without reading, parsing or re-serializing the whole file.
 *
 * An index is trusted only while the file's size and mtime are those it recorded. Otherwise (a
 * hand edit, a crash between the artifact and its index, an older version) the file is scanned
 * again: every line parsed and checked, bad lines reported with file and line.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import crypto, { createHash } from 'node:crypto';
import path from 'node:path';
import { checkLine, writeFileAtomic, type BadLine } from '../io/jsonl.js';
import { forEachLine } from '../io/lines.js';
import { ARTIFACTS, docIdOf, type ArtifactName } from '../schema.js';

import type { z } from 'zod';
/** One document's lines in an artifact. Offsets are 0-based bytes, `line` is 1-based. */
export interface DocSpan {
  docId: string;
  offset: number;
  length: number;
  /** Number of the span's first line in the file (1-based). */
  line: number;
  lines: number;
  /** sha256 of the document's good lines, each with its newline. */
  sha256: string;
  /**
   * For a document a corpus step rewrote: the hash of what the rewrite read (its per-document
   * lines and the part of the plan it used). Same basis next run: the rewrite is copied.
   */
  basis?: string;
  /** Lines inside the span that were reported bad (readers skip them; the span is never reused). */
  skip?: number[];
}

export interface ArtifactIndex {
  schema: 1;
  /** The artifact file, relative to the output folder. */
  file: string;
  size: number;
  mtimeMs: number;
  /** The content hash (see contentHash): what was written, independent of how (copied or serialized). */
  sha256: string;
  records: number;
  /** Lines a scan found bad (a scanned index with bad lines is never saved). */
  badLines?: number;
  /** In file order (document id order). Documents with no records have a span of length 0. */
  docs: DocSpan[];
}

/**
 * An artifact's content hash: sha256 over its documents' ids and line hashes, in order (documents
 * without lines left out). Equal content gives equal hashes without reading the file again, so
 * cached documents can be copied by the kernel and never hashed twice.
 */
export function contentHash(docs: readonly DocSpan[]): string {
  const hash = createHash('sha256');
  for (const d of docs) if (d.lines > 0) hash.update(`${d.docId}\t${d.sha256}\n`);
  return hash.digest('hex');
}

export const EMPTY_SHA256 = createHash('sha256').digest('hex');

/** One-shot sha256 in hex: crypto.hash where Node has it (20.12+; no Hash object per call), else createHash. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
export function sha256Hex(text: string): string {
  return oneShot ? oneShot('sha256', text, 'hex') : createHash('sha256').update(text).digest('hex');
}

export function indexFileFor(outputDir: string, relFile: string): string {
  return path.join(outputDir, 'cache', `${relFile.replaceAll('/', '__')}.index.json`);
}

export async function writeIndex(outputDir: string, index: ArtifactIndex, keep = false): Promise<void> {
  const indexFile = indexFileFor(outputDir, index.file);
  await writeFileAtomic(indexFile, JSON.stringify(index) + '\n');
  if (keep) written.set(indexFile, index);
  else written.delete(indexFile);
}

/**
 * Indexes this process wrote, by index file: read back without parsing while the artifact's size
 * and mtime are still theirs (a run's later stages read the indexes of earlier stages' artifacts).
 * The runner forgets them when no later stage reads them (forgetIndexes).
 */
const written = new Map<string, ArtifactIndex>();

/** Forget the indexes kept for `relFiles` (all of them without an argument). */
export function forgetIndexes(outputDir?: string, relFiles?: readonly string[]): void {
  if (!outputDir || !relFiles) written.clear();
  else for (const rel of relFiles) written.delete(indexFileFor(outputDir, rel));
}

/** The recorded index when it still describes the file, else null. */
export function freshIndex(outputDir: string, relFile: string): ArtifactIndex | null {
  const file = path.join(outputDir, relFile);
  const indexFile = indexFileFor(outputDir, relFile);
  const kept = written.get(indexFile);
  if (kept) {
    try {
      const stat = statSync(file);
      if (kept.size === stat.size && kept.mtimeMs === stat.mtimeMs && existsSync(indexFile)) return kept;
    } catch {
      /* gone: read below */
    }
    written.delete(indexFile);
  }
  if (!existsSync(file) || !existsSync(indexFile)) return null;
  try {
    const index = JSON.parse(readFileSync(indexFile, 'utf8')) as ArtifactIndex;
    const stat = statSync(file);
    return index.schema === 1 && index.file === relFile && index.size === stat.size && index.mtimeMs === stat.mtimeMs ? index : null;
  } catch {
    return null;
  }
}

/**
 * Build an index by reading the file: each line parsed and (with `check`) validated against the
 * artifact's schema. A bad line between two lines of one document stays in that document's span
 * (listed in `skip`); elsewhere it belongs to no document. An absent file gives an empty index.
 */
export function scanArtifact(outputDir: string, relFile: string, artifact: ArtifactName, options: { check?: boolean; onBadLine?: (bad: BadLine) => void } = {}): ArtifactIndex {
  const file = path.join(outputDir, relFile);
  const docs: DocSpan[] = [];
  let records = 0;
  let current: (DocSpan & { hash: ReturnType<typeof createHash> }) | null = null;
  let pendingBad: number[] = [];
  let badLines = 0;
  const schema = ARTIFACTS[artifact].schema;
  const close = () => {
    if (!current) return;
    const { hash, ...span } = current;
    docs.push({ ...span, sha256: hash.digest('hex') });
    current = null;
  };
  forEachLine(file, (bytes, offset, end, lineNo) => {
    const text = bytes.toString('utf8');
    if (text.trim() === '') return;
    // Unchecked, the schema's output would be the same value: only validity matters here.
    const checked = checkLine<unknown>(text, file, lineNo, (options.check ?? true) ? (schema as z.ZodType<unknown>) : undefined);
    if (!checked.ok) {
      options.onBadLine?.(checked.bad);
      pendingBad.push(lineNo);
      badLines++;
      return;
    }
    const value = checked.value;
    const docId = docIdOf(artifact, value) ?? '';
    records++;
    if (current && current.docId === docId) {
      // Bad lines between two lines of this document are inside its span.
      if (pendingBad.length) current.skip = [...(current.skip ?? []), ...pendingBad];
    } else {
      close();
      current = { docId, offset, length: 0, line: lineNo, lines: 0, sha256: '', hash: createHash('sha256') };
    }
    pendingBad = [];
    current.hash.update(bytes);
    current.hash.update('\n');
    current.lines = lineNo - current.line + 1;
    current.length = end - current.offset;
  });
  close();
  const stat = existsSync(file) ? statSync(file) : { size: 0, mtimeMs: 0 };
  return { schema: 1, file: relFile, size: stat.size, mtimeMs: stat.mtimeMs, sha256: contentHash(docs), records, ...(badLines ? { badLines } : {}), docs };
}

/** The fresh index, or a scan of the file (written back, so the next reader need not scan again). */
export async function loadIndex(
  outputDir: string,
  relFile: string,
  artifact: ArtifactName,
  options: { check?: boolean; onBadLine?: (bad: BadLine) => void } = {},
): Promise<ArtifactIndex> {
  const fresh = freshIndex(outputDir, relFile);
  if (fresh) return fresh;
  const scanned = scanArtifact(outputDir, relFile, artifact, options);
  // An index with bad lines is not saved: they must be reported again by the next reader.
  if (existsSync(path.join(outputDir, relFile)) && !scanned.badLines) await writeIndex(outputDir, scanned);
  return scanned;
}

/** Combine per-artifact document hashes into one (a document's stage output, or a stage's input). */
export function combineHashes(hashes: string[]): string {
  return sha256Hex(hashes.length === 1 ? hashes[0]! : hashes.join('\n'));
}
