import { describe, expect, it } from 'vitest';
import { isCapitalized, makeView } from '../../src/nlp/doc-view.js';
import { analyze } from '../../src/nlp/wink.js';
import { packTokens, unpackTokens } from '../../src/nlp/token-table.js';
import type { AnalysisRecord, DocumentRecord, TokenTable } from '../../src/schema.js';

// Texts written for these tests. makeView lower-cases the whole text once and slices it; each
// text here holds something that makes that differ from lower-casing each token on its own.
const document = (text: string): DocumentRecord => ({
  schema: 1,
  id: 'view-test',
  source: { path: 'view-test.txt', sha256: '', bytes: text.length, encoding: 'utf-8' },
  title: null,
  author: null,
  published: null,
  text,
  paragraphs: [{ start: 0, end: text.length, line: 1, kind: 'body' }],
  sentences: [{ start: 0, end: text.length }],
});

/** One token per run of non-space characters, or the given [start, end) spans. */
function tableOf(text: string, spans?: Array<[number, number]>): TokenTable {
  const found = spans ?? [...text.matchAll(/\S+/gu)].map((m): [number, number] => [m.index!, m.index! + m[0].length]);
  return {
    start: found.map(([s]) => s),
    end: found.map(([, e]) => e),
    pos: found.map(() => 'X'),
    lemma: found.map(([s, e]) => text.slice(s, e).toLowerCase()),
    type: found.map(() => 'word'),
    negated: found.map(() => false),
  };
}

const analysisOf = (tokens: TokenTable): AnalysisRecord => ({ schema: 1, docId: 'view-test', sentenceTokens: [[0, tokens.start.length - 1]], winkEntities: [], tokens });

/** What each token's columns must be: its surface, lower-cased on its own, curly apostrophes made straight. */
function expectColumns(text: string, tokens: TokenTable): void {
  const v = makeView(document(text), analysisOf(tokens));
  const words = tokens.start.map((s, i) => text.slice(s, tokens.end[i]));
  expect(v.word).toEqual(words);
  expect(v.lower).toEqual(words.map((w) => w.toLowerCase()));
  expect(v.key).toEqual(words.map((w) => w.toLowerCase().replace(/[\u2018\u2019]/g, "'")));
}

describe('the document view', () => {
  it('gives each token its own lower case and lookup key on a plain text with curly apostrophes', () => {
    const text = 'The Mayor’s plan ‘works’, she said; IT DOESN’T, said the Council.';
    expectColumns(text, tableOf(text));
    // Also on the real wink tokens, which split the possessive off.
    expectColumns(text, analyze(text).tokens);
  });

  it('keeps a final capital sigma right where the whole text would end a word elsewhere', () => {
    // "ΟΔΟΣX" split inside: Σ is not word-final in the text, but it ends its token.
    const text = 'ΟΔΟΣX and ΟΔΟΣ went on';
    expectColumns(text, tableOf(text, [[0, 4], [4, 5], [6, 9], [10, 14], [15, 19], [20, 22]]));
  });

  it('handles a letter whose lower case is longer, and surrogate pairs', () => {
    const text = 'İSTANBUL said 𐐀bc and 😀 Done';
    expectColumns(text, tableOf(text));
    // A token boundary inside a surrogate pair.
    const pair = 'A𐐀B';
    expectColumns(pair, tableOf(pair, [[0, 2], [2, 4]]));
  });

  it('finds curly apostrophes at token edges, in empty tokens and next to each other', () => {
    const text = '’tis ‘x’ don’t’ ’’ end’';
    const spans: Array<[number, number]> = [[0, 4], [5, 6], [6, 7], [7, 8], [9, 15], [16, 16], [16, 18], [19, 23]];
    expectColumns(text, tableOf(text, spans));
  });

  it('reads the token type through to the table, which unpacks it on first read', () => {
    const text = 'He said “no” to 3 plans.';
    const table = analyze(text).tokens;
    const unpacked = unpackTokens(packTokens(table));
    const v = makeView(document(text), analysisOf(unpacked));
    expect(v.type).toEqual(table.type);
    expect(Object.keys(v)).toContain('type');
    expect({ ...v }.type).toEqual(table.type);
    // A bad type column fails when read.
    const bad = unpackTokens({ ...packTokens(table), type: 'word' });
    expect(() => bad.type).toThrow(/type has 1 values/);
  });

  it('tells capitalized words, ASCII and not', () => {
    expect(['Mayor', 'Élise', 'Ωmega', 'mayor', 'élise', '3rd', '', '“Quote'].map(isCapitalized)).toEqual([true, true, true, false, false, false, false, false]);
  });
});
