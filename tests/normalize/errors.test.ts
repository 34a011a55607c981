/** Files that are not documents: set aside with a DiagnosticError whose code says why and message names the file. */
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../src/pipeline/inprocess.js';
import { DiagnosticError } from '../../src/diagnostic.js';
import { normalizeDocument, normalizeStage } from '../../src/stages/normalize/index.js';
import { configWith, rawInput } from './helpers.js';

const config = configWith();

function errorOf(bytes: Uint8Array | string, path = 'dir/file.txt'): DiagnosticError {
  try {
    normalizeDocument(rawInput(path, bytes), config);
  } catch (error) {
    if (error instanceof DiagnosticError) return error;
    throw error;
  }
  throw new Error('no error thrown');
}

const utf16le = (s: string) => new Uint8Array([0xff, 0xfe, ...Buffer.from(s, 'utf16le')]);

describe('document errors', () => {
  it.each([
    ['empty file', new Uint8Array(0), 'input/empty'],
    ['blank lines and spaces', ' \n\n   \n', 'input/empty'],
    ['only NBSP, zero-width space, soft hyphen, BOM', '\u00a0\u200b\u00ad\n\ufeff\n', 'input/empty'],
    ['UTF-16 LE with BOM, only spaces', utf16le('  \r\n  '), 'input/empty'],
    ['PNG header', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'decode/binary'],
    ['JPEG header', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), 'decode/binary'],
    ['GIF header', new Uint8Array([...Buffer.from('GIF89a'), 1, 0, 1, 0, 0x80, 0]), 'decode/binary'],
    ['PDF header', new Uint8Array(Buffer.from('%PDF-1.7\n%\xe2\xe3\n1 0 obj')), 'decode/binary'],
    ['text with NUL bytes', 'A line of text\u0000\u0000\u0000 and more text after it, long enough.\n', 'decode/binary'],
    ['UTF-16 LE BOM with an odd byte count', new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42]), 'decode/undecodable'],
    ['UTF-16 LE BOM with a lone surrogate', new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8, 0x42, 0x00]), 'decode/undecodable'],
    ['UTF-8 BOM then invalid UTF-8', new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xc3, 0x28, 0x42]), 'decode/undecodable'],
    ['control codes, no text', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 0x0e, 0x0f, 0x10, 0x11, 0x1b, 0x1c]), 'decode/undecodable'],
  ])('%s -> %s', (_what, bytes, code) => {
    const error = errorOf(bytes);
    expect(error.code).toBe(code);
    expect(error.message).toContain('dir/file.txt');
  });

  it('a file of nothing but chrome gives an empty text with a warning, not an error', () => {
    const { document } = normalizeDocument(rawInput('chrome.txt', 'Share\nNext\nLeave a comment\n'), config);
    expect(document.text).toBe('');
    expect(document.removed.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(document.warnings).toEqual([expect.stringContaining('no sentence-shaped line'), expect.stringContaining('text is empty')]);
  });

  it('the in-process pipeline sets the document aside and goes on with the others', () => {
    const result = runInProcess([rawInput('bad.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0])), rawInput('good.txt', 'A short article that is fine.\n')], config, [normalizeStage]);
    expect(result.errors).toEqual([expect.objectContaining({ stage: 'normalize', docId: 'bad', error: 'decode/binary' })]);
    expect((result.artifacts.documents as Array<{ id: string }>).map((d) => d.id)).toEqual(['good']);
  });
});
