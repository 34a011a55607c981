/**
 * Byte-level line access to JSONL files, for the runner's main thread: it moves and hashes lines
 * without parsing them (parsing is the workers' job). Offsets are byte offsets into the file,
 * 0-based; line numbers are 1-based.
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';

/** Bytes read at a time (the tests pass tiny chunks to exercise lines that straddle two). */
const CHUNK = 1 << 20;

/**
 * Call `onLine` for every line of `file` with its bytes (without the newline), its byte offset and
 * its 1-based number; `end` is the offset just past its newline (or the end of the file). Sync
 * and chunked: memory stays at one chunk plus the longest line.
 */
export function forEachLine(file: string, onLine: (bytes: Buffer, offset: number, end: number, lineNo: number) => void, chunkSize = CHUNK): void {
  if (!existsSync(file)) return;
  const fd = openSync(file, 'r');
  try {
    let carry: Buffer = Buffer.alloc(0);
    let carryOffset = 0;
    let position = 0;
    let lineNo = 0;
    const chunk = Buffer.allocUnsafe(chunkSize);
    for (;;) {
      const n = readSync(fd, chunk, 0, chunkSize, position);
      if (n === 0) break;
      const data = carry.length ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
      const dataOffset = carry.length ? carryOffset : position;
      position += n;
      let start = 0;
      for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
        onLine(data.subarray(start, nl), dataOffset + start, dataOffset + nl + 1, ++lineNo);
        start = nl + 1;
      }
      // Copy the tail: `chunk` is reused by the next read.
      carry = Buffer.from(data.subarray(start));
      carryOffset = dataOffset + start;
    }
    if (carry.length) onLine(carry, carryOffset, carryOffset + carry.length, ++lineNo);
  } finally {
    closeSync(fd);
  }
}

/**
 * Call `onLine` with the bytes of every line of `file` that contains `needle`, without visiting the
 * others: the needle is searched chunk-wide and only matching lines are cut out, so a filter that
 * keeps a few lines in ten costs a scan, not an object per line. Same chunking as forEachLine.
 */
export function forEachLineContaining(file: string, needle: Buffer, onLine: (bytes: Buffer) => void, chunkSize = CHUNK): void {
  if (!existsSync(file)) return;
  if (needle.length === 0 || needle.includes(10)) throw new Error('forEachLineContaining: the needle must be non-empty and on one line');
  const fd = openSync(file, 'r');
  try {
    let carry: Buffer = Buffer.alloc(0);
    let position = 0;
    const chunk = Buffer.allocUnsafe(chunkSize);
    for (;;) {
      const n = readSync(fd, chunk, 0, chunkSize, position);
      if (n === 0) break;
      position += n;
      const data = carry.length ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
      // Only complete lines are searched; the tail after the last newline waits for the next chunk.
      const complete = data.lastIndexOf(10) + 1;
      let from = 0;
      for (let hit = data.indexOf(needle, from); hit !== -1 && hit < complete; hit = data.indexOf(needle, from)) {
        const start = data.lastIndexOf(10, hit) + 1;
        const end = data.indexOf(10, hit);
        onLine(data.subarray(start, end));
        from = end + 1;
      }
      carry = Buffer.from(data.subarray(complete));
    }
    if (carry.length && carry.indexOf(needle) !== -1) onLine(carry);
  } finally {
    closeSync(fd);
  }
}

/** `length` bytes of `file` from `offset`. */
export function readRange(file: string, offset: number, length: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = readSync(fd, buffer, done, length - done, offset + done);
      if (n === 0) throw new Error(`${file}: expected ${length} bytes at offset ${offset}, file is shorter`);
      done += n;
    }
    return buffer;
  } finally {
    closeSync(fd);
  }
}
