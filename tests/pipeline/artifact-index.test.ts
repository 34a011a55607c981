import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArtifactWriter } from '../../src/io/artifact-writer.js';
import type { BadLine } from '../../src/io/jsonl.js';
import { contentHash, freshIndex, scanArtifact, writeIndex } from '../../src/pipeline/artifact-index.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const entity = (docId: string, n: number) => JSON.stringify({ docId, id: `PERSON:p${n}`, name: `P ${n}`, type: 'PERSON', mentions: [{ start: 0, end: 3, text: 'P é' }], titles: [] }) + '\n';

function outputDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsstance-index-'));
  mkdirSync(path.join(dir, 'cache'));
  return dir;
}

describe('artifact writer and index', () => {
  it('records byte spans, line numbers and hashes that a scan of the file agrees with', () => {
    const dir = outputDir();
    const a = entity('a', 1) + entity('a', 2);
    const b = '';
    const c = entity('c', 3);
    const writer = new ArtifactWriter(path.join(dir, 'entities.jsonl'), 'entities.jsonl');
    writer.writeDoc('a', a, 2, sha(a));
    writer.writeDoc('b', b, 0, sha(b));
    writer.writeDoc('c', c, 1, sha(c));
    const index = writer.commit();
    const bytes = readFileSync(path.join(dir, 'entities.jsonl'));
    expect(bytes.toString()).toBe(a + c);
    expect(index.records).toBe(3);
    expect(index.sha256).toBe(contentHash([{ docId: 'a', sha256: sha(a), lines: 2 }, { docId: 'c', sha256: sha(c), lines: 1 }] as never));
    const spanC = index.docs[2]!;
    expect(spanC).toMatchObject({ docId: 'c', line: 3, lines: 1, sha256: sha(c) });
    // Byte offsets, not UTF-16 ones: the é takes two bytes.
    expect(bytes.subarray(spanC.offset, spanC.offset + spanC.length).toString()).toBe(c);
    const scanned = scanArtifact(dir, 'entities.jsonl', 'entities');
    expect(scanned.sha256).toBe(index.sha256);
    expect(scanned.docs.map((d) => [d.docId, d.offset, d.length, d.line, d.sha256])).toEqual(
      index.docs.filter((d) => d.lines > 0).map((d) => [d.docId, d.offset, d.length, d.line, d.sha256]),
    );
  });

  it('copies cached documents as bytes, joining adjacent ranges, between written ones', () => {
    const dir = outputDir();
    const first = new ArtifactWriter(path.join(dir, 'entities.jsonl'), 'entities.jsonl');
    const texts = ['a', 'b', 'c', 'd'].map((d, i) => entity(d, i));
    texts.forEach((t, i) => first.writeDoc('abcd'[i]!, t, 1, sha(t)));
    const old = first.commit();
    const second = new ArtifactWriter(path.join(dir, 'entities.jsonl'), 'entities.jsonl');
    second.copyDoc(path.join(dir, 'entities.jsonl'), old.docs[0]!);
    second.copyDoc(path.join(dir, 'entities.jsonl'), old.docs[1]!);
    const changed = entity('c', 99);
    second.writeDoc('c', changed, 1, sha(changed));
    second.copyDoc(path.join(dir, 'entities.jsonl'), old.docs[3]!);
    const index = second.commit();
    const expected = texts[0]! + texts[1]! + changed + texts[3]!;
    expect(readFileSync(path.join(dir, 'entities.jsonl'), 'utf8')).toBe(expected);
    expect(index.sha256).toBe(scanArtifact(dir, 'entities.jsonl', 'entities').sha256);
    expect(index.docs.map((d) => d.line)).toEqual([1, 2, 3, 4]);
  });

  it('is trusted only while the file is unchanged; a scan reports bad lines with their numbers', async () => {
    const dir = outputDir();
    const writer = new ArtifactWriter(path.join(dir, 'entities.jsonl'), 'entities.jsonl');
    const a = entity('a', 1) + entity('a', 2) + entity('a', 3);
    writer.writeDoc('a', a, 3, sha(a));
    const index = writer.commit();
    await writeIndex(dir, index);
    expect(freshIndex(dir, 'entities.jsonl')).toEqual(index);

    const lines = a.split('\n');
    lines[1] = lines[1]!.slice(0, 30); // torn in the middle of document a
    writeFileSync(path.join(dir, 'entities.jsonl'), lines.join('\n') + entity('b', 4));
    expect(freshIndex(dir, 'entities.jsonl')).toBeNull();
    const bad: BadLine[] = [];
    const scanned = scanArtifact(dir, 'entities.jsonl', 'entities', { onBadLine: (b) => bad.push(b) });
    expect(bad).toMatchObject([{ line: 2, code: 'jsonl/malformed', severity: 'error' }]);
    expect(scanned.badLines).toBe(1);
    expect(scanned.docs.map((d) => [d.docId, d.line, d.lines, d.skip])).toEqual([
      ['a', 1, 3, [2]],
      ['b', 4, 1, undefined],
    ]);
  });
});
