/**
 * The one wink pass tolerates missing values: wink gives no lemma for "cannot" before a comma, and
 * one missing value used to set the whole document aside (`stage/exception` in packColumn).
 */
import { describe, expect, it } from 'vitest';
import { analyze, orFallback } from '../../src/nlp/wink.js';
import { packTokens, unpackTokens } from '../../src/nlp/token-table.js';

describe('wink pass fallbacks', () => {
  it('gives "cannot" before a comma a lemma (its lower-cased surface) and packs the table', () => {
    const text = '"You cannot, in all fairness, ask that," she said.';
    const { tokens } = analyze(text);
    const i = tokens.start.findIndex((s, k) => text.slice(s, tokens.end[k]) === 'cannot');
    expect(i).toBeGreaterThan(0);
    expect(typeof tokens.lemma[i]).toBe('string');
    expect(tokens.lemma[i]!.length).toBeGreaterThan(0);
    for (const column of [tokens.lemma, tokens.pos, tokens.type]) for (const v of column) expect(typeof v).toBe('string');
    expect(unpackTokens(packTokens(tokens))).toEqual(tokens);
  });

  it('states its fallbacks', () => {
    expect(orFallback(undefined, 'X')).toBe('X');
    expect(orFallback(null, 'word')).toBe('word');
    expect(orFallback('', 'x')).toBe('x');
    expect(orFallback(3, 'x')).toBe('x');
    expect(orFallback('NOUN', 'X')).toBe('NOUN');
  });
});
