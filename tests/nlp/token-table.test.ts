import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyze } from '../../src/nlp/wink.js';
import { packTokens, unpackTokens } from '../../src/nlp/token-table.js';
import { PackedTokenTable, type TokenTable } from '../../src/schema.js';

const TEXT = 'Shigeru Ishiba didn\'t say "no" to the U.S. plan.\nIt’s a “hard” call, said 3 analysts on 4 March 2024.';

describe('packed token table', () => {
  it('round-trips a real wink analysis exactly, in fewer JSON bytes', () => {
    const table = analyze(TEXT).tokens;
    const packed = packTokens(table);
    expect(PackedTokenTable.safeParse(packed).success).toBe(true);
    expect(unpackTokens(packed)).toEqual(table);
    expect(typeof packed.pos).toBe('string');
    expect((packed.lemma as string).split(' ')).toContain('say');
    expect(packed.negated.length).toBeGreaterThan(0);
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(table).length * 0.7);
  });

  it('keeps a column as an array when a value holds a space, and packs an empty table', () => {
    const text = 'a b';
    const table: TokenTable = { start: [0], end: [3], pos: ['X'], lemma: ['a b'], type: ['odd type'], negated: [true] };
    const packed = packTokens(table);
    expect(packed.type).toEqual(['odd type']);
    expect(unpackTokens(packed)).toEqual(table);
    const empty: TokenTable = { start: [], end: [], pos: [], lemma: [], type: [], negated: [] };
    expect(unpackTokens(packTokens(empty))).toEqual(empty);
  });

  it('refuses a table whose columns do not match its count', () => {
    const packed = packTokens({ start: [0, 1], end: [1, 2], pos: ['X', 'Y'], lemma: ['a', 'b'], type: ['word', 'word'], negated: [false, false] });
    expect(() => unpackTokens({ ...packed, pos: 'X' })).toThrow(/pos has 1 values for 2 tokens/);
  });

  it('round-trips any ordered, non-overlapping token table (property)', () => {
    const token = fc.record({
      gap: fc.nat(3),
      length: fc.integer({ min: 1, max: 6 }),
      pos: fc.constantFrom('NOUN', 'VERB', 'PROPN', 'PUNCT'),
      lemma: fc.option(fc.string({ maxLength: 5 }), { nil: undefined }),
      type: fc.constantFrom('word', 'punctuation', 'number'),
      negated: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(token, { maxLength: 30 }), fc.string({ minLength: 1, maxLength: 1 }), (tokens, fill) => {
        let text = '';
        const table: TokenTable = { start: [], end: [], pos: [], lemma: [], type: [], negated: [] };
        for (const t of tokens) {
          text += ' '.repeat(t.gap);
          const start = text.length;
          text += fill.repeat(t.length);
          table.start.push(start);
          table.end.push(text.length);
          table.pos.push(t.pos);
          table.lemma.push(t.lemma ?? text.slice(start).toLowerCase());
          table.type.push(t.type);
          table.negated.push(t.negated);
        }
        expect(unpackTokens(packTokens(table))).toEqual(table);
      }),
    );
  });
});
