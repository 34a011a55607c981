import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArtifactWriter, interruptedWrites, recoverInterruptedWrites } from '../../src/io/artifact-writer.js';
import { scanArtifact, type ArtifactIndex } from '../../src/pipeline/artifact-index.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const line = (docId: string, n: number) => JSON.stringify({ docId, id: `ORG:o${n}`, name: `O ${n}`, type: 'ORG', mentions: [{ start: 0, end: 3, text: 'O ü' }], titles: [] }) + '\n';

function outputDir(): { dir: string; cache: string; file: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsstance-writer-'));
  const cache = path.join(dir, 'cache');
  mkdirSync(cache);
  return { dir, cache, file: path.join(dir, 'entities.jsonl') };
}

/** Write documents `ids` (one line each, text from `n`) over the artifact described by `base`. */
function write(file: string, cache: string, base: ArtifactIndex | null, docs: Array<[string, number]>): { writer: ArtifactWriter; texts: string[] } {
  const writer = new ArtifactWriter(file, 'entities.jsonl', { base, journalDir: cache });
  const texts = docs.map(([id, n]) => line(id, n));
  docs.forEach(([id], i) => writer.writeDoc(id, texts[i]!, 1, sha(texts[i]!)));
  return { writer, texts };
}

const inode = (file: string) => statSync(file).ino;

describe('artifact writer over a previous version (in place)', () => {
  const docs: Array<[string, number]> = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => [id, i]);

  it('appends a document at the end in place: same file, only the new bytes written, the index a scan agrees with', () => {
    const { dir, cache, file } = outputDir();
    const base = write(file, cache, null, docs).writer.commit();
    const before = inode(file);
    const { writer, texts } = write(file, cache, base, [...docs, ['g', 6]]);
    const index = writer.commit();
    expect(inode(file)).toBe(before); // not a new file renamed into place
    expect(readFileSync(file, 'utf8')).toBe(texts.join(''));
    expect(index.docs.map((d) => [d.docId, d.offset, d.line])).toEqual(scanArtifact(dir, 'entities.jsonl', 'entities').docs.map((d) => [d.docId, d.offset, d.line]));
    expect(index.sha256).toBe(scanArtifact(dir, 'entities.jsonl', 'entities').sha256);
    expect(readdirSync(cache)).toEqual([]);
  });

  it('leaves an unchanged artifact untouched (same mtime), and rewrites a changed document near the end in place, copying the rest from its saved tail', () => {
    const { cache, file } = outputDir();
    const base = write(file, cache, null, docs).writer.commit();
    const same = write(file, cache, base, docs).writer.commit();
    expect(same.mtimeMs).toBe(base.mtimeMs);
    expect(same.docs).toEqual(base.docs);
    // e changes; f is copied from the artifact itself (as cached documents are), after the rewrite started.
    const writer = new ArtifactWriter(file, 'entities.jsonl', { base, journalDir: cache });
    for (const span of base.docs.slice(0, 4)) writer.copyDoc(file, span);
    const e = line('e', 40) + line('e', 41);
    writer.writeDoc('e', e, 2, sha(e));
    writer.copyDoc(file, base.docs[5]!);
    writer.commit();
    expect(readFileSync(file, 'utf8')).toBe(docs.slice(0, 4).map(([id, n]) => line(id, n)).join('') + e + line('f', 5));
    expect(readdirSync(cache)).toEqual([]);
  });

  it('drops documents removed at the end, and rewrites via a temp file when most of the file changes', () => {
    const { cache, file } = outputDir();
    const base = write(file, cache, null, docs).writer.commit();
    const shorter = write(file, cache, base, docs.slice(0, 4));
    shorter.writer.commit();
    expect(readFileSync(file, 'utf8')).toBe(shorter.texts.join(''));
    const base2 = scanArtifact(path.dirname(file), 'entities.jsonl', 'entities');
    const before = inode(file);
    const changed = write(file, cache, base2, [['a', 90], ['b', 91], ['c', 92], ['d', 3]]);
    changed.writer.commit();
    expect(readFileSync(file, 'utf8')).toBe(changed.texts.join(''));
    expect(inode(file)).not.toBe(before); // a temp file renamed into place
  });

  it('abort puts the artifact back byte for byte, and so does the next run after a kill mid-write', () => {
    const { dir, cache, file } = outputDir();
    const base = write(file, cache, null, docs).writer.commit();
    const original = readFileSync(file);
    // Abort (an interrupted run): e and f rewritten, then given up.
    const aborted = write(file, cache, base, [...docs.slice(0, 4), ['e', 50], ['x', 51], ['y', 52]]);
    aborted.writer.abort();
    expect(readFileSync(file).equals(original)).toBe(true);
    expect(readdirSync(cache)).toEqual([]);

    // Killed (no abort, no commit): the artifact holds new bytes, the journal and tail the old ones.
    const killed = write(file, cache, base, [...docs.slice(0, 5), ['f', 60], ['z', 61]]);
    (killed.writer as unknown as { flushBuffer(): void }).flushBuffer();
    expect(readFileSync(file).equals(original)).toBe(false);
    expect(readdirSync(cache).sort()).toEqual(['entities.jsonl.journal.json', 'entities.jsonl.tail']);
    expect(interruptedWrites(cache)).toEqual(['entities.jsonl']);
    expect(recoverInterruptedWrites(dir, cache)).toEqual(['entities.jsonl']);
    expect(interruptedWrites(cache)).toEqual([]);
    expect(readFileSync(file).equals(original)).toBe(true);
    expect(readdirSync(cache)).toEqual([]);
    expect(recoverInterruptedWrites(dir, cache)).toEqual([]);
  });

  it('a kill while the tail was being saved (no journal yet) leaves the artifact as it was', () => {
    const { dir, cache, file } = outputDir();
    write(file, cache, null, docs).writer.commit();
    const original = readFileSync(file);
    const fd = openSync(path.join(cache, 'entities.jsonl.tail'), 'w');
    writeSync(fd, 'partial');
    closeSync(fd);
    expect(recoverInterruptedWrites(dir, cache)).toEqual([]);
    expect(existsSync(path.join(cache, 'entities.jsonl.tail'))).toBe(false);
    expect(readFileSync(file).equals(original)).toBe(true);
  });
});
