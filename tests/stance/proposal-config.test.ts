/**
 * The proposal is configuration: a corpus about a different proposal (a four-day week), with its
 * own aliases in its own config, gets the right holders and labels with no code change.
 */
import { describe, expect, it } from 'vitest';
import { ActorRecord, StanceRecord } from '../../src/schema.js';
import { loadFixture, runStance } from './helpers.js';

describe('stance on a configured proposal (four-day week fixture)', () => {
  const fx = loadFixture('fourday');
  const run = runStance(fx.docs, fx.config, fx.entities, fx.quotes);

  it('writes valid records whose target is the configured name, with exact evidence spans', () => {
    const texts = new Map(run.documents.map((d) => [d.id, d.text]));
    for (const s of run.stances) {
      expect(() => StanceRecord.parse(s)).not.toThrow();
      expect(s.target).toBe('four-day week');
      for (const e of s.evidence) expect(texts.get(s.docId)!.slice(e.start, e.end)).toBe(e.text);
    }
    for (const a of run.actors) expect(() => ActorRecord.parse(a)).not.toThrow();
  });

  it('one document record (holder null) per document', () => {
    for (const id of Object.keys(fx.docs)) expect(run.stances.filter((s) => s.docId === id && s.holder === null)).toHaveLength(1);
  });

  for (const [docId, want] of Object.entries(fx.expected)) {
    it(`document ${docId}: holders and labels`, () => {
      const got = Object.fromEntries(
        run.stances.filter((s) => s.docId === docId && s.holder && s.label !== 'neutral').map((s) => [s.holder!.entityId, s.label]),
      );
      expect(got).toEqual(want.holders);
      if (want.document) expect(run.stances.find((s) => s.docId === docId && s.holder === null)!.label).toBe(want.document);
    });
  }

  it('a quote speaker holds the stance of the quote, with its quoteId in the evidence', () => {
    const reyes = run.stances.find((s) => s.holder?.entityId === 'PERSON:tom-reyes')!;
    expect(reyes.label).toBe('oppose');
    expect(reyes.evidence.some((e) => e.quoteId === 'a:q1')).toBe(true);
  });

  it('NORP holders resolve to their country', () => {
    const nl = run.stances.find((s) => s.holder?.entityId === 'GPE:netherlands')!;
    expect(nl.holder!.name).toBe('Netherlands');
  });

  it('actors aggregate a holder across documents', () => {
    const brandt = run.actors.find((a) => a.entityId === 'PERSON:alice-brandt')!;
    expect(brandt).toMatchObject({ documents: 2, label: 'support', type: 'PERSON', target: 'four-day week' });
    expect(brandt.counts.support).toBe(2);
    const chamber = run.actors.find((a) => a.entityId === 'ORG:chamber-of-commerce')!;
    expect(chamber).toMatchObject({ documents: 2, label: 'oppose' });
  });
});
