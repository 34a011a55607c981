import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachLine, forEachLineContaining } from '../../src/io/lines.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'newsstance-lines-'));
let n = 0;
function fileWith(text: string): string {
  const file = path.join(dir, `f${n++}.jsonl`);
  writeFileSync(file, text);
  return file;
}

const line = fc.array(fc.constantFrom('a', 'b', 'é', '"type":"PERSON"', '{', '}', ' '), { maxLength: 12 }).map((parts) => parts.join(''));

describe('forEachLineContaining', () => {
  it('yields exactly the lines forEachLine yields that contain the needle, in order, whatever the chunk size (property)', () => {
    const needle = Buffer.from('"type":"PERSON"');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), fc.boolean(), fc.integer({ min: 1, max: 64 }), (lines, trailingNewline, chunk) => {
        const file = fileWith(lines.join('\n') + (trailingNewline && lines.length ? '\n' : ''));
        const expected: string[] = [];
        forEachLine(file, (bytes) => {
          if (bytes.includes(needle)) expected.push(bytes.toString('utf8'));
        });
        const actual: string[] = [];
        forEachLineContaining(file, needle, (bytes) => actual.push(bytes.toString('utf8')), chunk);
        expect(actual).toEqual(expected);
      }),
    );
  });

  it('finds a needle split across two reads, and a last line without a newline', () => {
    const file = fileWith('x\nab"type":"PERSON"cd\nnone\n"type":"PERSON"');
    const seen: string[] = [];
    forEachLineContaining(file, Buffer.from('"type":"PERSON"'), (b) => seen.push(b.toString()), 5);
    expect(seen).toEqual(['ab"type":"PERSON"cd', '"type":"PERSON"']);
  });

  it('reports each line once even when the needle occurs twice in it', () => {
    const file = fileWith('PP P\nQ\nP\n');
    const seen: string[] = [];
    forEachLineContaining(file, Buffer.from('P'), (b) => seen.push(b.toString()), 3);
    expect(seen).toEqual(['PP P', 'P']);
  });
});
