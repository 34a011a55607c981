/** The quotation-mark scanner: styles, apostrophes, nesting, unbalanced marks. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findQuoteSpans, scanParagraph } from '../../src/stages/quotes/direct.js';

const spans = (text: string) => scanParagraph(text, 0, text.length, 0, false).map((q) => text.slice(q.start, q.end));

describe('direct quote scanner', () => {
  it('finds each quotation style with exact offsets', () => {
    expect(spans('He said “one” and left.')).toEqual(['one']);
    expect(spans('He said "two" and left.')).toEqual(['two']);
    expect(spans("He said ''three'' and left.")).toEqual(['three']);
    expect(spans('Il a dit «quatre» hier.')).toEqual(['quatre']);
    expect(spans('Er sagte „fünf“ gestern.')).toEqual(['fünf']);
    expect(spans('She wrote ‘six’ twice.')).toEqual(['six']);
    expect(spans("She wrote 'seven' twice.")).toEqual(['seven']);
  });
  it('does not take apostrophes inside words for marks', () => {
    expect(spans('The region’s plan and China’s view don’t matter.')).toEqual([]);
    expect(spans("The region's plan and China's view don't matter.")).toEqual([]);
  });
  it('keeps nested quotes inside the outer quote', () => {
    expect(spans('He said “they hyped the ‘China threat’ again” today.')).toEqual(['they hyped the ‘China threat’ again']);
    expect(spans("''We called it 'the plan,' '' she said.")).toHaveLength(1);
  });
  it('runs an unclosed quote to the end of its paragraph and continues it', () => {
    const text = 'She said: “First part.\n\n“Second part.\n\nNarration.';
    const paras = [
      { start: 0, end: 22 },
      { start: 24, end: 37 },
      { start: 39, end: 49 },
    ];
    const qs = findQuoteSpans(text, paras);
    expect(qs.map((q) => text.slice(q.start, q.end))).toEqual(['First part.', 'Second part.']);
    expect(qs.map((q) => q.unterminated)).toEqual([true, true]);
    expect(qs[1]!.continuation).toBe(true);
  });
  it('never throws on any count or mix of marks, and spans stay in range', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('“', '”', '"', "'", '‘', '’', '«', '»', '„', 'a', ' ', 'b.', '\n'), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        const qs = scanParagraph(text, 0, text.length, 0, false);
        for (const q of qs) {
          expect(q.start).toBeGreaterThanOrEqual(0);
          expect(q.end).toBeLessThanOrEqual(text.length);
          expect(q.start).toBeLessThanOrEqual(q.end);
        }
      }),
      { numRuns: 500 },
    );
  });
});
