/** The stance evaluators' pure parts: sentence labels, the classification report, seed matching. */
import { describe, expect, it } from 'vitest';
import { classificationReport, sentenceLabel } from '../../src/eval/gwsd.js';
import { evalStance } from '../../src/eval/stance.js';
import type { StanceRecord } from '../../src/schema.js';

const rec = (holder: string | null, label: StanceRecord['label'], score: number): StanceRecord => ({
  docId: 'd',
  holder: holder ? { entityId: `PERSON:${holder.toLowerCase()}`, name: holder } : null,
  target: 't',
  label,
  score,
  evidence: [],
});

describe('GWSD mapping', () => {
  it("takes the document's own stance unless neutral, else the strongest holder's", () => {
    expect(sentenceLabel([rec(null, 'oppose', -0.5), rec('A', 'support', 0.9)])).toBe('disagree');
    expect(sentenceLabel([rec(null, 'neutral', 0), rec('A', 'support', 0.4), rec('B', 'oppose', -0.7)])).toBe('disagree');
    expect(sentenceLabel([rec(null, 'neutral', 0)])).toBe('neutral');
    expect(sentenceLabel([])).toBe('neutral');
  });

  it('computes macro-F1, accuracy and the confusion matrix', () => {
    const r = classificationReport(['a', 'a', 'b', 'c'], ['a', 'b', 'b', 'c'], ['a', 'b', 'c']);
    expect(r.accuracy).toBe(0.75);
    expect(r.confusion.a).toEqual({ a: 1, b: 1, c: 0 });
    expect(r.perClass.b!.precision).toBe(0.5);
    expect(r.macroF1).toBeCloseTo((2 / 3 + 2 / 3 + 1) / 3, 6);
  });
});

describe('seed stance evaluator', () => {
  it('matches gold actors by canonical name or mention variant and tallies clear vs arguable', async () => {
    const gold = {
      version: 1,
      proposal: { name: 't', aliases: [] },
      documents: [
        {
          id: 'd', title: null, published: null, author: null, boilerplate: [], bodyStartsWith: '', bodyEndsWith: '', quotes: [], optionalEntities: [],
          entities: [{ name: 'Ann Lee', type: 'PERSON', mentions: ['Ann Lee', 'Lee'] }],
          stances: [
            { actor: 'Ann Lee', label: 'oppose' as const, certainty: 'clear' as const },
            { actor: 'Bo Ray', label: 'support' as const, certainty: 'arguable' as const },
          ],
          documentStance: { label: 'neutral' as const, certainty: 'clear' as const },
        },
      ],
    };
    const section = await evalStance({
      gold,
      outputDir: '',
      documents: [{ id: 'd' } as never],
      entities: [],
      quotes: [],
      stances: [rec(null, 'neutral', 0), { ...rec('Lee', 'oppose', -0.6) }],
      actors: [],
      devsets: false,
    });
    expect(section.metrics['actors/clear']).toEqual({ right: 1, total: 1 });
    expect(section.metrics['actors/arguable']).toEqual({ right: 0, total: 1 });
    expect(section.metrics['documents/clear']).toEqual({ right: 1, total: 1 });
    expect(section.diffs.map((d) => d.kind)).toEqual(['missed']);
  });
});
