/**
 * Writes one artifact document by document and builds its index (where each document's lines are,
 * their hash) as it goes. A document's lines arrive either as text already serialized by a worker,
 * or as a byte range copied from the previous version of an artifact (cached results): consecutive
 * ranges are copied in large chunks, never parsed.
 *
 * Given the index of the artifact as it is now (`base`), the writer keeps what does not change:
 * as long as each document written is the one already at that place (same id, length, line count
 * and hash), nothing is written. At the first difference, at byte P, it either
 *   - rewrites in place (when what follows P is no larger than what precedes it: an incremental
 *     run adding documents at the end writes only them). The old bytes from P on are first saved
 *     to a tail file and a journal names them (both in the cache folder, fsynced); an abort puts
 *     them back, and a run killed mid-write has them put back by the next run
 *     (recoverInterruptedWrites), so a finished artifact is never lost; or
 *   - writes a temp file (the unchanged prefix copied by the kernel) renamed into place on commit.
 * Without a base, every write goes to a temp file renamed into place (atomic publishing).
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, ftruncateSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { contentHash, type ArtifactIndex, type DocSpan } from '../pipeline/artifact-index.js';

const FLUSH_AT = 1 << 20;
const COPY_CHUNK = 4 << 20;

interface PendingCopy {
  file: string;
  from: number;
  to: number;
}

/** What an in-place write saved before touching the artifact (the journal file's content). */
interface Journal {
  schema: 1;
  /** The artifact, relative to the output folder. */
  file: string;
  /** Where the rewrite starts (bytes), and the artifact's size before it. */
  from: number;
  size: number;
  /** The saved bytes [from, size), a file name in the journal's folder (absent when nothing follows `from`). */
  tail?: string;
}

export interface ArtifactWriterOptions {
  /** The index of the artifact as it is on disk (a fresh one: see artifact-index.ts freshIndex). */
  base?: ArtifactIndex | null;
  /** Where the journal and tail files of an in-place write go (the output folder's cache folder); required with `base`. */
  journalDir?: string;
}

type Mode = 'match' | 'temp' | 'inplace';

export class ArtifactWriter {
  readonly tempFile: string;
  private fd: number | null = null;
  private mode: Mode;
  private readonly base: ArtifactIndex | null;
  private readonly journalDir: string | undefined;
  /** Base documents matched so far (match mode). */
  private matched = 0;
  /** In-place mode: where the rewrite started, and where the old bytes from there on are kept. */
  private from = 0;
  private tailFile: string | null = null;
  private readonly docs: DocSpan[] = [];
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  private offset = 0;
  private line = 1;
  private records = 0;
  private copy: PendingCopy | null = null;
  /** Bytes in the file being written (writes are positioned: the fd's own position is never used). */
  private written = 0;

  /** `file` is the absolute path; `relFile` the name recorded in the index (relative to the output folder). */
  constructor(
    readonly file: string,
    readonly relFile: string,
    options: ArtifactWriterOptions = {},
  ) {
    this.tempFile = `${file}.tmp-${process.pid}`;
    const base = options.base;
    // A base describes the file as it is (same size), with no bad lines inside a document's span.
    this.base = base && options.journalDir && existsSync(file) && statSync(file).size === base.size && !base.docs.some((d) => d.skip?.length) ? base : null;
    this.journalDir = options.journalDir;
    this.mode = this.base ? 'match' : 'temp';
    if (this.mode === 'temp') this.fd = openSync(this.tempFile, 'w');
  }

  /** A document's lines, serialized (each ending with a newline; text or UTF-8 bytes), and their count and hash. */
  writeDoc(docId: string, text: string | Uint8Array, lines: number, sha256: string, basis?: string): void {
    const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
    const span: DocSpan = { docId, offset: this.offset, length: bytes.length, line: this.line, lines, sha256, ...(basis ? { basis } : {}) };
    if (this.keeps(span)) return;
    this.flushCopy();
    this.docs.push(span);
    this.push(bytes);
    this.advance(span);
  }

  /** A document's lines copied byte for byte from another file, described by its span there. */
  copyDoc(sourceFile: string, span: DocSpan): void {
    if (span.skip?.length) throw new Error(`internal: span of ${span.docId} in ${sourceFile} has bad lines and cannot be copied`);
    const placed: DocSpan = { docId: span.docId, offset: this.offset, length: span.length, line: this.line, lines: span.lines, sha256: span.sha256, ...(span.basis ? { basis: span.basis } : {}) };
    if (this.keeps(placed)) return;
    this.docs.push(placed);
    if (span.length > 0) {
      if (this.copy && this.copy.file === sourceFile && this.copy.to === span.offset) this.copy.to += span.length;
      else {
        this.flushCopy();
        this.flushBuffer();
        this.copy = { file: sourceFile, from: span.offset, to: span.offset + span.length };
      }
    }
    this.advance(placed);
  }

  /** Flush and publish (rename into place, or finish the in-place write); returns the index of what was written. */
  commit(): ArtifactIndex {
    if (this.mode === 'match') {
      if (this.matched === this.base!.docs.length && this.offset === this.base!.size) {
        // Every document where it was: the file is not touched.
        return { schema: 1, file: this.relFile, size: this.base!.size, mtimeMs: this.base!.mtimeMs, sha256: contentHash(this.docs), records: this.records, docs: this.docs };
      }
      this.diverge(); // documents removed at the end: cut them (their bytes saved first)
    }
    this.flushCopy();
    this.flushBuffer();
    const fd = this.fd!;
    const size = this.written;
    ftruncateSync(fd, size);
    if (this.mode === 'inplace') fsyncSync(fd);
    closeSync(fd);
    this.fd = null;
    if (this.mode === 'temp') renameSync(this.tempFile, this.file);
    else this.dropJournal();
    const { mtimeMs } = statSync(this.file);
    return { schema: 1, file: this.relFile, size, mtimeMs, sha256: contentHash(this.docs), records: this.records, docs: this.docs };
  }

  /** Give up: the artifact is left as it was before this writer (an in-place write is undone). */
  abort(): void {
    if (this.mode === 'inplace' && this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
      restoreFromJournal(this.file, this.journalDir!, readJournal(this.journalPath())!, this.journalPath());
      return;
    }
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    if (this.mode === 'temp') rmSync(this.tempFile, { force: true });
  }

  /** Match mode: whether `span` is the base's next document at the same place (then it is kept as it is). */
  private keeps(span: DocSpan): boolean {
    if (this.mode !== 'match') return false;
    const old = this.base!.docs[this.matched];
    if (old && old.docId === span.docId && old.offset === span.offset && old.length === span.length && old.lines === span.lines && old.sha256 === span.sha256) {
      this.matched++;
      this.docs.push(span);
      this.advance(span);
      return true;
    }
    this.diverge();
    return false;
  }

  private advance(span: DocSpan): void {
    this.offset += span.length;
    this.line += span.lines;
    this.records += span.lines;
  }

  /** Leave match mode at the current offset: rewrite in place when the rest is small, else via a temp file. */
  private diverge(): void {
    const at = this.offset;
    const size = this.base!.size;
    if (size - at > at) {
      // Most of the file changes: a temp file, the unchanged prefix copied first (by the kernel).
      this.mode = 'temp';
      this.fd = openSync(this.tempFile, 'w');
      if (at > 0) this.copy = { file: this.file, from: 0, to: at };
      return;
    }
    // Save the bytes from `at` on, then say so in the journal, before touching the artifact.
    const journal: Journal = { schema: 1, file: this.relFile, from: at, size };
    if (size > at) {
      const tail = `${journalName(this.relFile)}.tail`;
      const tailPath = path.join(this.journalDir!, tail);
      const out = openSync(tailPath, 'w');
      try {
        copyRange(this.file, at, size, out, 0);
        fsyncSync(out);
      } finally {
        closeSync(out);
      }
      journal.tail = tail;
      this.tailFile = tailPath;
    }
    writeDurably(this.journalPath(), JSON.stringify(journal) + '\n');
    this.mode = 'inplace';
    this.from = at;
    this.fd = openSync(this.file, 'r+');
    this.written = at;
  }

  private journalPath(): string {
    return path.join(this.journalDir!, `${journalName(this.relFile)}.journal.json`);
  }

  private dropJournal(): void {
    rmSync(this.journalPath(), { force: true });
    if (this.tailFile) rmSync(this.tailFile, { force: true });
    this.tailFile = null;
  }

  private push(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.buffered.push(bytes);
    this.bufferedBytes += bytes.length;
    if (this.bufferedBytes >= FLUSH_AT) this.flushBuffer();
  }

  private flushBuffer(): void {
    if (!this.bufferedBytes) return;
    this.written = writeAll(this.fd!, this.buffered.length === 1 ? this.buffered[0]! : Buffer.concat(this.buffered, this.bufferedBytes), this.written);
    this.buffered = [];
    this.bufferedBytes = 0;
  }

  private flushCopy(): void {
    const copy = this.copy;
    if (!copy) return;
    this.copy = null;
    if (this.mode === 'temp' && this.written === 0 && copy.from === 0) {
      // Nothing written yet and the range starts the source: let the kernel copy the file, then cut it.
      copyFileSync(copy.file, this.tempFile);
      ftruncateSync(this.fd!, copy.to);
      this.written = copy.to;
      return;
    }
    if (this.mode === 'inplace' && copy.file === this.file && copy.to > this.from) {
      // The artifact's own bytes from `from` on may be overwritten already: read them from the tail.
      if (copy.from < this.from) this.written = copyRange(this.file, copy.from, this.from, this.fd!, this.written);
      const start = Math.max(copy.from, this.from);
      this.written = copyRange(this.tailFile!, start - this.from, copy.to - this.from, this.fd!, this.written);
      return;
    }
    this.written = copyRange(copy.file, copy.from, copy.to, this.fd!, this.written);
  }
}

/** Journal and tail names for an artifact (relative path, `/` replaced as index files are named). */
function journalName(relFile: string): string {
  return relFile.replaceAll('/', '__');
}

/** Copy bytes [from, to) of `sourceFile` to `fd` at `position`; returns the position after them. */
function copyRange(sourceFile: string, from: number, to: number, fd: number, position: number): number {
  if (to <= from) return position;
  const source = openSync(sourceFile, 'r');
  try {
    const chunk = Buffer.allocUnsafe(Math.min(COPY_CHUNK, to - from));
    for (let at = from; at < to; ) {
      const n = readSync(source, chunk, 0, Math.min(chunk.length, to - at), at);
      if (n === 0) throw new Error(`${sourceFile} is shorter than its index says (${to} bytes expected)`);
      position = writeAll(fd, chunk.subarray(0, n), position);
      at += n;
    }
    return position;
  } finally {
    closeSync(source);
  }
}

/** Write all of `bytes` at `position`; returns the position after them. */
function writeAll(fd: number, bytes: Buffer, position: number): number {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
  return position + bytes.length;
}

/** Write `file` whole and fsync it, through a temp file renamed into place. */
function writeDurably(file: string, content: string): void {
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, content);
  const fd = openSync(temp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}

/** A journal file's content, or null when it cannot be read as one. */
function readJournal(file: string): Journal | null {
  try {
    const j = JSON.parse(readFileSync(file, 'utf8')) as Journal;
    return j && j.schema === 1 && typeof j.file === 'string' && Number.isInteger(j.from) && Number.isInteger(j.size) ? j : null;
  } catch {
    return null;
  }
}

/**
 * Put back an artifact (`target`, absolute) an in-place write had started on: its saved bytes
 * written again where they were and the file cut to its old size, then the journal and tail removed.
 */
function restoreFromJournal(target: string, journalDir: string, journal: Journal, journalFile: string): void {
  if (existsSync(target)) {
    const fd = openSync(target, 'r+');
    try {
      if (journal.tail) copyRange(path.join(journalDir, journal.tail), 0, journal.size - journal.from, fd, journal.from);
      ftruncateSync(fd, journal.size);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  rmSync(journalFile, { force: true });
  if (journal.tail) rmSync(path.join(journalDir, journal.tail), { force: true });
}

/**
 * Undo the in-place writes a killed run left unfinished: every journal in `cacheDir` (the output
 * folder's cache folder) names an artifact whose old bytes it saved; they are put back. Call before
 * anything reads the artifacts, while holding the output folder. Returns the artifacts restored
 * (relative to the output folder). Throws what the file system throws (the journal is then kept).
 */
export function recoverInterruptedWrites(outputDir: string, cacheDir: string): string[] {
  if (!existsSync(cacheDir)) return [];
  const restored: string[] = [];
  for (const name of readdirSync(cacheDir).sort()) {
    if (!name.endsWith('.journal.json')) continue;
    const journalFile = path.join(cacheDir, name);
    const journal = readJournal(journalFile);
    // Journals are written whole (temp file renamed): one that does not parse is not one of ours.
    if (!journal) continue;
    restoreFromJournal(path.join(outputDir, journal.file), cacheDir, journal, journalFile);
    restored.push(journal.file);
  }
  // Tails whose journal never got written (killed while saving them): the artifact was not touched.
  for (const name of readdirSync(cacheDir)) if (name.endsWith('.tail') && !existsSync(path.join(cacheDir, name.replace(/\.tail$/, '.journal.json')))) rmSync(path.join(cacheDir, name), { force: true });
  return restored;
}

/**
 * The artifacts (relative to the output folder) a killed run left half-rewritten in place: a
 * journal names each (see recoverInterruptedWrites, which the next run calls first).
 */
export function interruptedWrites(cacheDir: string): string[] {
  if (!existsSync(cacheDir)) return [];
  return readdirSync(cacheDir)
    .filter((name) => name.endsWith('.journal.json'))
    .sort()
    .flatMap((name) => {
      const journal = readJournal(path.join(cacheDir, name));
      return journal ? [journal.file] : [];
    });
}
