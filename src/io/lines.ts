/**
 * Byte-level line access to JSONL files, for the runner's main thread: it moves and hashes lines
 * without parsing them (parsing is the workers' job). Offsets are byte offsets into the file,
 * 0-based; line numbers are 1-based.
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';

const CHUNK = 1 << 20;

/**
 * Call `onLine` for every line of `file` with its bytes (without the newline), its byte offset and
 * its 1-based number; `end` is the offset just past its newline (or the end of the file). Sync
 * and chunked: memory stays at one chunk plus the longest line.
 */
export function forEachLine(file: string, onLine: (bytes: Buffer, offset: number, end: number, lineNo: number) => void): void {
  if (!existsSync(file)) return;
  const fd = openSync(file, 'r');
  try {
    let carry: Buffer = Buffer.alloc(0);
    let carryOffset = 0;
    let position = 0;
    let lineNo = 0;
    const chunk = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const n = readSync(fd, chunk, 0, CHUNK, position);
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
