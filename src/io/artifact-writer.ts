/**
 * Writes one artifact document by document, atomically (temp file renamed into place on commit),
 * and builds its index (where each document's lines are, their hash) as it goes. A document's
 * lines arrive either as text already serialized by a worker, or as a byte range copied from the
 * previous version of an artifact (cached results): consecutive ranges are copied in large
 * chunks, never parsed (a range at the start of the file by the kernel: copy_file_range).
 */
import { closeSync, copyFileSync, ftruncateSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { contentHash, type ArtifactIndex, type DocSpan } from '../pipeline/artifact-index.js';

const FLUSH_AT = 1 << 20;
const COPY_CHUNK = 4 << 20;

interface PendingCopy {
  file: string;
  from: number;
  to: number;
}

export class ArtifactWriter {
  readonly tempFile: string;
  private fd: number | null;
  private readonly docs: DocSpan[] = [];
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  private offset = 0;
  private line = 1;
  private records = 0;
  private copy: PendingCopy | null = null;
  /** Bytes in the temp file (writes are positioned: the fd's own position is never used). */
  private written = 0;

  /** `file` is the absolute path; `relFile` the name recorded in the index (relative to the output folder). */
  constructor(
    readonly file: string,
    readonly relFile: string,
  ) {
    this.tempFile = `${file}.tmp-${process.pid}`;
    this.fd = openSync(this.tempFile, 'w');
  }

  /** A document's lines, serialized (each ending with a newline; text or UTF-8 bytes), and their count and hash. */
  writeDoc(docId: string, text: string | Uint8Array, lines: number, sha256: string, basis?: string): void {
    this.flushCopy();
    const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
    this.docs.push({ docId, offset: this.offset, length: bytes.length, line: this.line, lines, sha256, ...(basis ? { basis } : {}) });
    this.push(bytes);
    this.offset += bytes.length;
    this.line += lines;
    this.records += lines;
  }

  /** A document's lines copied byte for byte from another file, described by its span there. */
  copyDoc(sourceFile: string, span: DocSpan): void {
    if (span.skip?.length) throw new Error(`internal: span of ${span.docId} in ${sourceFile} has bad lines and cannot be copied`);
    this.docs.push({ docId: span.docId, offset: this.offset, length: span.length, line: this.line, lines: span.lines, sha256: span.sha256, ...(span.basis ? { basis: span.basis } : {}) });
    if (span.length > 0) {
      if (this.copy && this.copy.file === sourceFile && this.copy.to === span.offset) this.copy.to += span.length;
      else {
        this.flushCopy();
        this.flushBuffer();
        this.copy = { file: sourceFile, from: span.offset, to: span.offset + span.length };
      }
    }
    this.offset += span.length;
    this.line += span.lines;
    this.records += span.lines;
  }

  /** Flush, rename into place, and return the index of what was written. */
  commit(): ArtifactIndex {
    this.flushCopy();
    this.flushBuffer();
    const fd = this.fd!;
    const size = this.written;
    ftruncateSync(fd, size);
    closeSync(fd);
    this.fd = null;
    renameSync(this.tempFile, this.file);
    const { mtimeMs } = statSync(this.file);
    return { schema: 1, file: this.relFile, size, mtimeMs, sha256: contentHash(this.docs), records: this.records, docs: this.docs };
  }

  abort(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.tempFile, { force: true });
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
    if (this.written === 0 && copy.from === 0) {
      // Nothing written yet and the range starts the source: let the kernel copy the file, then cut it.
      copyFileSync(copy.file, this.tempFile);
      ftruncateSync(this.fd!, copy.to);
      this.written = copy.to;
      return;
    }
    const source = openSync(copy.file, 'r');
    try {
      const chunk = Buffer.allocUnsafe(Math.min(COPY_CHUNK, copy.to - copy.from));
      for (let at = copy.from; at < copy.to; ) {
        const n = readSync(source, chunk, 0, Math.min(chunk.length, copy.to - at), at);
        if (n === 0) throw new Error(`${copy.file} is shorter than its index says (${copy.to} bytes expected)`);
        this.written = writeAll(this.fd!, chunk.subarray(0, n), this.written);
        at += n;
      }
    } finally {
      closeSync(source);
    }
  }
}

/** Write all of `bytes` at `position`; returns the position after them. */
function writeAll(fd: number, bytes: Buffer, position: number): number {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
  return position + bytes.length;
}
