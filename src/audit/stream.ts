/**
 * Line-by-line JSONL scanning for the audit tools: bounded memory, the stream is destroyed as soon
 * as the caller stops (so looking up one record does not keep a file open), and an optional cheap
 * substring test skips lines before JSON.parse (documents.jsonl lines hold whole articles).
 */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { z } from 'zod';
import { checkLine, type BadLine } from '../io/jsonl.js';

export interface ScannedLine<T> {
  value: T;
  /** 1-based line number in the artifact file. */
  line: number;
}

export interface ScanOptions<T> {
  /** Only lines passing this cheap test on the raw text are parsed (the caller still checks fields). */
  where?: (text: string) => boolean;
  schema?: z.ZodType<T>;
  /** Called for a line that is not JSON or fails the schema; the scan goes on. */
  onBadLine?: (bad: BadLine) => void;
}

export async function* scanJsonl<T>(file: string, options: ScanOptions<T> = {}): AsyncGenerator<ScannedLine<T>> {
  if (!existsSync(file)) return;
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  try {
    for await (const text of lines) {
      lineNo++;
      if (text.trim() === '' || (options.where !== undefined && !options.where(text))) continue;
      const checked = checkLine(text, file, lineNo, options.schema);
      if (!checked.ok) {
        options.onBadLine?.(checked.bad);
        continue;
      }
      yield { value: checked.value, line: lineNo };
    }
  } finally {
    lines.close();
    input.destroy();
  }
}

/** A `where` test: the line contains one of these strings as JSON string literals. */
export function mentionsAny(...values: string[]): (text: string) => boolean {
  const fragments = values.map((v) => JSON.stringify(v));
  return (text) => fragments.some((f) => text.includes(f));
}

/**
 * Merge-join helper: artifacts are sorted by docId (plain code-unit order, as the runner writes
 * them), so the records of each document can be taken in one forward pass alongside documents.jsonl.
 */
export class DocCursor<T extends { docId: string }> {
  private readonly it: AsyncGenerator<ScannedLine<T>>;
  private head: ScannedLine<T> | undefined;
  private done = false;
  /** Records passed over: their document is not in documents.jsonl, or the file is out of order. */
  skipped = 0;

  constructor(source: AsyncGenerator<ScannedLine<T>>) {
    this.it = source;
  }

  private async peek(): Promise<ScannedLine<T> | undefined> {
    if (this.head === undefined && !this.done) {
      const next = await this.it.next();
      if (next.done) this.done = true;
      else this.head = next.value;
    }
    return this.head;
  }

  /** Records of `docId`, skipping records of documents that sort before it (orphans). */
  async take(docId: string): Promise<T[]> {
    const out: T[] = [];
    for (let h = await this.peek(); h !== undefined; h = await this.peek()) {
      if (h.value.docId > docId) break;
      if (h.value.docId === docId) out.push(h.value);
      else this.skipped++;
      this.head = undefined;
    }
    return out;
  }

  /** Count what is left after the last document (also passed over). */
  async drain(): Promise<void> {
    while ((await this.peek()) !== undefined) {
      this.skipped++;
      this.head = undefined;
    }
  }

  async close(): Promise<void> {
    await this.it.return(undefined);
  }
}
