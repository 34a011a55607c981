/**
 * Streaming JSON Lines: read line by line with 1-based line numbers and schema checks, write
 * atomically (to a temp file in the same folder, renamed into place when complete), so a reader
 * never sees a torn artifact and memory stays bounded whatever the file size.
 */
import { createReadStream, createWriteStream, existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Diagnostic } from '../diagnostic.js';

/** One line that could not be used: a diagnostic (without its source) naming the file and 1-based line. */
export type BadLine = Omit<Diagnostic, 'source'> & { file: string; line: number; code: 'jsonl/malformed' | 'jsonl/schema' };

export interface ReadOptions<T> {
  /** Checks each parsed line; a failing line is reported through `onBadLine`, not yielded. */
  schema?: z.ZodType<T>;
  onBadLine?: (bad: BadLine) => void;
}

/**
 * Parse one line and, with a schema, check it: the value (the schema's output) or why the line
 * cannot be used. Every reader of artifact lines goes through here, so they report alike.
 */
export function checkLine<T>(line: string, file: string, lineNo: number, schema?: z.ZodType<T>): { ok: true; value: T } | { ok: false; bad: BadLine } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, bad: { severity: 'error', code: 'jsonl/malformed', file, line: lineNo, message: `not valid JSON: ${(error as Error).message}` } };
  }
  if (!schema) return { ok: true, value: value as T };
  const checked = schema.safeParse(value);
  if (checked.success) return { ok: true, value: checked.data };
  const issue = checked.error.issues[0]!;
  const where = issue.path.map(String).join('.') || '(record)';
  return { ok: false, bad: { severity: 'error', code: 'jsonl/schema', file, line: lineNo, message: `field ${where}: ${issue.message}` } };
}

/** Yield each record of a JSONL file (an absent file yields nothing). */
export async function* readJsonl<T = unknown>(file: string, options: ReadOptions<T> = {}): AsyncGenerator<T> {
  if (!existsSync(file)) return;
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    const checked = checkLine(line, file, lineNo, options.schema);
    if (!checked.ok) {
      options.onBadLine?.(checked.bad);
      continue;
    }
    const value = checked.value;
    yield value as T;
  }
}

/** Serialize one record as one line. Key order is the object's own, so output is deterministic. */
export function toJsonLine(record: unknown): string {
  return JSON.stringify(record) + '\n';
}

/**
 * A JSONL file written to `<file>.tmp-<pid>` and renamed over `file` by `commit()`.
 * `abort()` removes the temp file. The sha256 of everything written is available after commit.
 */
export class AtomicJsonlWriter {
  readonly tempFile: string;
  private readonly stream;
  private readonly hash = createHash('sha256');
  private count = 0;
  private bytes = 0;

  constructor(readonly file: string) {
    this.tempFile = `${file}.tmp-${process.pid}`;
    this.stream = createWriteStream(this.tempFile, { encoding: 'utf8' });
  }

  /** Write a record; resolves when the stream can take more (backpressure). */
  async write(record: unknown): Promise<void> {
    const line = toJsonLine(record);
    this.hash.update(line);
    this.count++;
    this.bytes += Buffer.byteLength(line);
    if (!this.stream.write(line)) await new Promise<void>((resolve) => this.stream.once('drain', resolve));
  }

  get records(): number {
    return this.count;
  }

  /** Flush, fsync-free close, and rename into place. Returns the content hash. */
  async commit(): Promise<{ sha256: string; records: number; bytes: number }> {
    await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    await fs.rename(this.tempFile, this.file);
    return { sha256: this.hash.digest('hex'), records: this.count, bytes: this.bytes };
  }

  async abort(): Promise<void> {
    this.stream.destroy();
    await fs.rm(this.tempFile, { force: true });
  }
}

/** Write a whole file atomically (temp file + rename). */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const temp = `${file}.tmp-${process.pid}`;
  await fs.writeFile(temp, content, 'utf8');
  await fs.rename(temp, file);
}

/** Remove temp files a killed run left behind in `dir`. Returns their names. */
export async function removeStaleTempFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const names = await fs.readdir(dir);
  const stale = names.filter((n) => /\.tmp-\d+$|\.perdoc$/.test(n));
  await Promise.all(stale.map((n) => fs.rm(path.join(dir, n), { force: true })));
  return stale;
}
