/**
 * The clean-text contract the dev-set evaluators rely on (src/eval/devset.ts OffsetMapper): with
 * removeChrome and detectMetadata off, every non-blank raw line is exactly one paragraph with its
 * line number, and characters keep their columns apart from trimming.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OffsetMapper } from '../../src/eval/devset.js';
import { normalizeDocument } from '../../src/stages/normalize/index.js';
import { configWith, rawInput } from './helpers.js';

const clean = configWith({ removeChrome: false, detectMetadata: false });

/** Lines built from words, plain spaces (also runs), NBSPs, chrome-looking phrases and blanks. */
const word = fc.constantFrom('Share', 'Next', 'By', 'Jane', 'Doe', 'said', 'the', 'plan.', '“quoted”', 'Dec', '3,', '2024', '—', 'é', 'Photo:', 'Home', '42%', 'on', 'Facebook');
const sep = fc.constantFrom(' ', ' ', '  ', '\u00a0', '   ');
const line = fc.oneof(
  fc.constant(''),
  fc.constant('   '),
  fc.tuple(fc.constantFrom('', ' ', '  ', '\u00a0'), fc.array(fc.tuple(word, sep), { minLength: 1, maxLength: 12 }), fc.constantFrom('', ' ', '\u00a0 ')).map(
    ([lead, parts, trail]) => lead + parts.map(([w, s]) => w + s).join('').trimEnd() + trail,
  ),
);

describe('clean-text contract (removeChrome false, detectMetadata false)', () => {
  it('one paragraph per non-blank line, with its line number, columns kept', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), (lines) => {
        fc.pre(lines.some((l) => l.trim() !== ''));
        const original = lines.join('\n');
        const { document: doc } = normalizeDocument(rawInput('p.txt', original), clean);
        const expected = lines.map((l, i) => ({ line: i + 1, text: l.replace(/\u00a0/g, ' ').trim() })).filter((l) => l.text);
        expect(doc.paragraphs.map((p) => ({ line: p.line, text: doc.text.slice(p.start, p.end) }))).toEqual(expected);
        expect(doc.paragraphs.every((p) => p.kind === 'body')).toBe(true);
        expect(doc.removed).toEqual([]);
        expect([doc.title, doc.author, doc.published]).toEqual([null, null, null]);
        // Columns: after the leading whitespace, character k of the raw line is character k of
        // the paragraph (an NBSP as a plain space).
        for (const p of doc.paragraphs) {
          const raw = lines[p.line - 1]!;
          const lead = raw.length - raw.trimStart().length;
          for (let k = 0; k < p.end - p.start; k++) expect(doc.text[p.start + k]).toBe(raw[lead + k] === '\u00a0' ? ' ' : raw[lead + k]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('OffsetMapper maps every word of plain-spaced text back onto the same surface', () => {
    const plainLine = fc.oneof(
      fc.constant(''),
      fc.tuple(fc.constantFrom('', ' ', '   '), fc.array(fc.tuple(word, fc.constantFrom(' ', '  ')), { minLength: 1, maxLength: 12 })).map(
        ([lead, parts]) => lead + parts.map(([w, s]) => w + s).join(''),
      ),
    );
    fc.assert(
      fc.property(fc.array(plainLine, { minLength: 1, maxLength: 10 }), (lines) => {
        fc.pre(lines.some((l) => l.trim() !== ''));
        const original = lines.join('\n');
        const { document: doc } = normalizeDocument(rawInput('p.txt', original), clean);
        const mapper = new OffsetMapper(original, doc);
        const re = /\S+/g;
        for (let m = re.exec(original); m; m = re.exec(original)) {
          expect(mapper.mapSpan(m.index, m.index + m[0].length)).not.toBeNull();
        }
      }),
      { numRuns: 100 },
    );
  });

  it('maps a span that crosses a run of interior spaces', () => {
    const original = 'Header line\n\n  The   minister  said\u00a0it.\n';
    const { document: doc } = normalizeDocument(rawInput('p.txt', original), clean);
    const mapper = new OffsetMapper(original, doc);
    const start = original.indexOf('The');
    const end = original.indexOf('said') + 4;
    const span = mapper.mapSpan(start, end)!;
    expect(doc.text.slice(span.start, span.end)).toBe('The   minister  said');
  });

  it('chrome-looking lines are kept with removeChrome false', () => {
    const original = 'Skip to content\nDec 3, 2024, 3:23 AM\nBy Jane Doe\nShare on Facebook\nA sentence of the article itself.\nLeave a comment\n';
    const { document: doc } = normalizeDocument(rawInput('p.txt', original), clean);
    expect(doc.paragraphs.map((p) => p.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(doc.removed).toEqual([]);
  });
});
