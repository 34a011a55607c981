/** PolNeAR scoring logic on hand-made items (no PolNeAR text). */
import { describe, expect, it } from 'vitest';
import { match, predictedItems, speakerRight, type Item } from '../../src/eval/attribution-devset.js';
import type { QuoteRecord } from '../../src/schema.js';

const item = (kind: Item['kind'], fragments: Array<[number, number]>, source: [number, number] | null = null): Item => ({
  kind,
  fragments: fragments.map(([start, end]) => ({ start, end })),
  source: source ? { start: source[0], end: source[1] } : null,
  sourceText: null,
  text: '',
  ref: 'x',
});
const record = (id: string, kind: 'direct' | 'indirect', start: number, end: number, text: string, extra: Partial<QuoteRecord> = {}): QuoteRecord => ({
  docId: 'd',
  id,
  kind,
  text,
  start,
  end,
  cue: null,
  speaker: { name: null, entityId: null, text: 'she', start: 0, end: 3, resolution: 'none' },
  confidence: 0.5,
  ...extra,
});

describe('PolNeAR scoring', () => {
  it('matches by overlap over the gold span at a threshold, greedily one-to-one', () => {
    const gold = [item('direct', [[0, 100]])];
    expect(match(gold, [item('direct', [[0, 40]])], 0.3).matches).toHaveLength(1);
    expect(match(gold, [item('direct', [[0, 40]])], 0.8).matches).toHaveLength(0);
    const r = match(gold, [item('direct', [[0, 90]]), item('direct', [[0, 95]])], 0.3);
    expect(r.matches).toHaveLength(1);
    expect(r.spurious).toHaveLength(1);
  });
  it('breaks equal-overlap ties by the fit of the prediction (nested attributions pair up)', () => {
    // Outer gold [0,100) contains inner gold [50,100); the outer prediction covers both fully.
    const outer = item('indirect', [[0, 100]], [0, 5]);
    const inner = { ...item('indirect', [[50, 100]], [40, 45]), ref: 'inner' };
    const r = match([inner, outer], [item('indirect', [[0, 100]], [0, 5]), item('indirect', [[50, 100]], [40, 45])], 0.3);
    expect(r.matches).toHaveLength(2);
    for (const m of r.matches) expect(speakerRight(m)).toBe(true);
  });
  it('merges fragments of one group and folds partial quotes into mixed', () => {
    const items = predictedItems([
      record('d#q1', 'direct', 10, 20, 'A,', { group: 'd#q1' }),
      record('d#q2', 'direct', 40, 60, 'B.', { group: 'd#q1', continues: 'd#q1' }),
      record('d#q3', 'indirect', 100, 160, 'the plan would “fail” soon'),
      record('d#q4', 'direct', 115, 119, 'fail'),
      record('d#q5', 'indirect', 200, 230, 'taxes will rise'),
    ]);
    expect(items.map((i) => [i.kind, i.fragments.length])).toEqual([
      ['mixed', 1],
      ['indirect', 1],
      ['direct', 2],
    ]);
  });
  it('counts the speaker right when the spans overlap (a pronoun matches a pronoun)', () => {
    expect(speakerRight({ gold: item('direct', [[0, 1]], [5, 7]), pred: item('direct', [[0, 1]], [5, 7]), score: 1 })).toBe(true);
    expect(speakerRight({ gold: item('direct', [[0, 1]], [5, 7]), pred: item('direct', [[0, 1]], [20, 25]), score: 1 })).toBe(false);
    expect(speakerRight({ gold: item('direct', [[0, 1]], [5, 7]), pred: item('direct', [[0, 1]]), score: 1 })).toBe(false);
  });
});
