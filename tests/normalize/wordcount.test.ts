import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordCount } from '../../src/stages/normalize/chrome.js';

/** The definition: whitespace-separated words that contain a letter or a digit. */
const reference = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

describe('wordCount', () => {
  it('agrees with its definition on any text (letters of any script, digits, spaces of any kind, astral characters)', () => {
    const pieces = fc.constantFrom('a', 'Z', '7', 'é', 'Ж', '中', '٣', '😀', '𝐀', ' ', '\u00a0', '\t', '\n', '\u2003', '\ufeff', '-', '’', '.', ',', '—');
    fc.assert(fc.property(fc.array(pieces, { maxLength: 40 }).map((xs) => xs.join('')), (text) => {
      expect(wordCount(text)).toBe(reference(text));
    }), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
      expect(wordCount(text)).toBe(reference(text));
    }), { numRuns: 1000 });
  });

  it('counts what a reader would', () => {
    expect(wordCount('  By Jane Doe — 3 min read ')).toBe(6);
    expect(wordCount('— • —')).toBe(0);
  });
});
