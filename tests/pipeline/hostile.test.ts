/**
 * Hostile input, in one run: each file either becomes a document or lands in errors.jsonl with a
 * clear message naming it; the others finish; the run exits 1 because something was set aside.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProject, readLines, runCli } from './helpers.js';

interface Doc {
  id: string;
  text: string;
  paragraphs: Array<{ start: number; end: number }>;
  sentences: Array<{ start: number; end: number }>;
  warnings: string[];
}
interface Err {
  stage: string;
  docId?: string;
  path?: string;
  error: string;
  message: string;
}

const article = 'A headline for the test\n\nThe minister said the plan was sound. Critics disagreed strongly.\n';

describe('hostile input', () => {
  let docs: Map<string, Doc>;
  let errors: Err[];
  let status: number | null;
  let stderr: string;

  beforeAll(() => {
    const p = makeProject({ config: { proposal: { name: 'the plan' }, input: { maxBytes: 10 * 1024 * 1024 } } });
    const put = (name: string, content: string | Buffer) => writeFileSync(path.join(p.raw, name), content);
    put('good.txt', article);
    put('empty.txt', '');
    put('whitespace.txt', ' \n\t\n  \r\n');
    put('nul-bytes.txt', Buffer.concat([Buffer.from('text'), Buffer.alloc(64), Buffer.from('more')]));
    put('image.txt', Buffer.from('89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61', 'hex'));
    put('invalid-utf8.txt', Buffer.concat([Buffer.from('Caf'), Buffer.from([0xe9]), Buffer.from(' au lait, the minister said.\n')]));
    put('utf16le-bom.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(article, 'utf16le')]));
    put('utf16le-nobom.txt', Buffer.from(article, 'utf16le'));
    put('huge.txt', Buffer.alloc(50 * 1024 * 1024, 'a'));
    put('one-line.txt', 'word '.repeat(200_000));
    put('only-quotes.txt', '"“”‘’\'\'«»„"""\n""\n');
    put('unbalanced.txt', '“He said “yes. ‘No” she said "maybe\n\n“Another open quote\n');
    put('emoji.txt', 'Rocket 🚀 launch 😀 said the 𝔘nion leader. “Great 🎉 news,” she said.\n');
    put('rtl-cjk.txt', 'مرحبا بالعالم. قال الوزير.\n\n中文新闻报道。部长说。\n\nMixed English text said the minister.\n');
    put('name with spaces é.txt', article);
    mkdirSync(path.join(p.raw, 'x.txt'));
    writeFileSync(path.join(p.raw, 'x.txt', 'inner.txt'), article);
    const outside = path.join(os.tmpdir(), `newsstance-outside-${process.pid}.txt`);
    writeFileSync(outside, article);
    symlinkSync(outside, path.join(p.raw, 'link.txt'));
    const r = runCli(['run'], p.dir);
    status = r.status;
    stderr = r.stderr;
    docs = new Map((readLines(path.join(p.out, 'documents.jsonl')) as Doc[]).map((d) => [d.id, d]));
    errors = readLines(path.join(p.out, 'errors.jsonl')) as Err[];
    void readFileSync;
  }, 180_000);

  const errorFor = (id: string) => errors.find((e) => e.docId === id || e.path === `${id}.txt`);

  it('exits 1 and says how many items were set aside', () => {
    expect(status).toBe(1);
    expect(stderr).toMatch(/item\(s\) set aside/);
  });

  it('processes ordinary, odd-named, nested and hostile-but-textual files', () => {
    for (const id of ['good', 'name with spaces é', 'x.txt/inner', 'one-line', 'only-quotes', 'unbalanced', 'emoji', 'rtl-cjk', 'utf16le-bom']) {
      expect(docs.has(id), `${id} processed (${errorFor(id)?.message ?? ''})`).toBe(true);
    }
  });

  it('sets aside empty, whitespace-only, binary and oversized files with codes and messages naming them', () => {
    expect(errorFor('empty')?.error).toBe('input/empty');
    expect(errorFor('whitespace')?.error).toBe('input/empty');
    expect(errorFor('nul-bytes')?.error).toBe('decode/binary');
    expect(errorFor('image')?.error).toBe('decode/binary');
    expect(errorFor('huge')).toMatchObject({ error: 'input/too-large' });
    for (const id of ['empty', 'whitespace', 'nul-bytes', 'image', 'huge']) expect(errorFor(id)!.message).toContain(`${id}.txt`);
  });

  it('does not follow a symlink out of the input folder, and says so', () => {
    expect(docs.has('link')).toBe(false);
    expect(errorFor('link')).toMatchObject({ error: 'input/symlink' });
    expect(errorFor('link')!.message).toMatch(/symbolic link/);
    // The record names the file in its own field; the message does not repeat it (printers put the file first).
    expect(errorFor('link')!.message).not.toContain('link.txt');
  });

  it('every file is either a document or an error, never both, never lost', () => {
    const ids = ['good', 'empty', 'whitespace', 'nul-bytes', 'image', 'invalid-utf8', 'utf16le-bom', 'utf16le-nobom', 'huge', 'one-line', 'only-quotes', 'unbalanced', 'emoji', 'rtl-cjk', 'name with spaces é', 'x.txt/inner', 'link'];
    for (const id of ids) expect(Number(docs.has(id)) + Number(Boolean(errorFor(id))), id).toBe(1);
  });

  it('keeps offsets exact in UTF-16 code units with astral characters', () => {
    const doc = docs.get('emoji')!;
    expect(doc.text).toContain('🚀');
    for (const s of [...doc.sentences, ...doc.paragraphs]) {
      const surface = doc.text.slice(s.start, s.end);
      expect(surface.trim()).toBe(surface);
      expect(surface.length).toBeGreaterThan(0);
    }
  });

  it('decodes UTF-16 with a BOM to the same text as UTF-8', () => {
    expect(docs.get('utf16le-bom')!.text).toBe(docs.get('good')!.text);
  });
});
