/** The normalize evaluator: counts and per-item differences on hand-made documents. */
import { describe, expect, it } from 'vitest';
import { evalNormalize, offsetProblems } from '../../src/eval/normalize.js';
import type { GoldDocument, SeedGold } from '../../src/eval/types.js';
import type { DocumentRecord } from '../../src/schema.js';

function goldDoc(over: Partial<GoldDocument>): GoldDocument {
  return {
    id: 'a',
    title: 'A headline',
    published: '2024-01-02',
    author: 'Jane Doe',
    boilerplate: ['Share on X', 'Next'],
    bodyStartsWith: 'First body',
    bodyEndsWith: 'last words.',
    entities: [],
    quotes: [],
    stances: [],
    documentStance: { label: 'neutral', certainty: 'clear' },
    optionalEntities: [],
    ...over,
  };
}

function doc(id: string, paragraphs: Array<[string, 'title' | 'body']>, over: Partial<DocumentRecord> = {}): DocumentRecord {
  let text = '';
  const spans: DocumentRecord['paragraphs'] = [];
  paragraphs.forEach(([t, kind], i) => {
    if (text) text += '\n\n';
    spans.push({ start: text.length, end: text.length + t.length, line: i + 1, kind });
    text += t;
  });
  return {
    schema: 1,
    id,
    source: { path: `${id}.txt`, sha256: '', bytes: 0, encoding: 'utf-8' },
    title: 'A headline',
    author: 'Jane Doe',
    published: '2024-01-02',
    text,
    paragraphs: spans,
    sentences: spans.map(({ start, end }) => ({ start, end })),
    removed: [{ line: 9, text: 'Share on X', reason: 'share or social' }, { line: 10, text: 'Next', reason: 'navigation' }],
    warnings: [],
    ...over,
  };
}

const gold = (docs: GoldDocument[]): SeedGold => ({ version: 1, proposal: { name: 'x', aliases: [] }, documents: docs });

describe('evalNormalize', () => {
  it('scores a perfect document', () => {
    const d = doc('a', [['A headline', 'title'], ['First body paragraph.', 'body'], ['The last words.', 'body']]);
    const section = evalNormalize(gold([goldDoc({})]), [d]);
    expect(section.lines).toEqual([
      'documents 1/1',
      'titles 1/1',
      'authors 1/1',
      'dates 1/1',
      'boilerplate lines left 0 (of 2)',
      'body starts 1/1, ends 1/1',
      'inexact offsets 0',
    ]);
    expect(section.diffs).toEqual([]);
  });

  it('reports each miss with a difference', () => {
    const d = doc('a', [['Next', 'body'], ['A headline', 'title'], ['Second body paragraph.', 'body'], ['Share on X and more', 'body']], {
      title: 'Wrong',
      author: null,
      published: '2024-01-03',
    });
    d.sentences.push({ start: 0, end: d.text.length + 5 });
    const section = evalNormalize(gold([goldDoc({}), goldDoc({ id: 'missing' })]), [d]);
    expect(section.metrics).toMatchObject({ titles: 0, authors: 0, dates: 0, boilerplateLeft: 4, bodyStarts: 0, bodyEnds: 0, missing: 1 });
    expect(section.lines).toContain('titles 0/2');
    expect(section.lines).toContain('boilerplate lines left 4 (of 4)');
    const kinds = section.diffs.map((x) => `${x.kind}:${x.note ?? ''}`);
    expect(kinds).toEqual(
      expect.arrayContaining(['wrong-value:title', 'wrong-value:author', 'wrong-value:published', 'boilerplate-left:', 'body-start:', 'body-end:', 'missing-document:']),
    );
    expect(section.diffs.some((x) => x.kind === 'inexact-offset')).toBe(true);
    expect(section.lines.some((l) => l.includes('wrong-value a title: expected "A headline", got "Wrong"'))).toBe(true);
  });

  it('flags spans with whitespace, sentences across paragraphs and a text that is not its paragraphs', () => {
    const d = doc('a', [['One.', 'body'], ['Two.', 'body']]);
    expect(offsetProblems(d)).toEqual([]);
    expect(offsetProblems({ ...d, sentences: [{ start: 0, end: 5 }] })).toHaveLength(2);
    expect(offsetProblems({ ...d, text: d.text + '\n\nThree.' })).toEqual(['text is not its paragraphs joined by a blank line']);
  });
});
