/** Speaker linking to the entities stage's records, with hand-built EntityRecord fixtures. */
import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../src/stages/quotes/extract.js';
import type { EntityRecord } from '../../src/schema.js';
import { quotesOf } from './helpers.js';

function mention(text: string, surface: string, nth = 0): { start: number; end: number; text: string } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(surface, at + 1);
  if (at < 0) throw new Error(`no ${surface}`);
  return { start: at, end: at + surface.length, text: surface };
}

describe('speaker linking', () => {
  const text = 'Dr Henrik Aalto, the Foreign Minister of Finland, has claimed that the pact is not aimed at anyone.\n\nHe added that talks would resume in June.\n\nFinnish officials said that the border stays open.';
  const { document, tokens } = quotesOf(text, 'link');
  const entities: EntityRecord[] = [
    { docId: 'link', id: 'PERSON:henrik-aalto-canonical', name: 'Henrik Aalto (canonical)', type: 'PERSON', mentions: [mention(document.text, 'Henrik Aalto')], titles: ['Foreign Minister'] },
    { docId: 'link', id: 'GPE:finland', name: 'Finland', type: 'GPE', mentions: [mention(document.text, 'Finland')], titles: [] },
    { docId: 'link', id: 'NORP:finnish', name: 'Finnish', type: 'NORP', mentions: [mention(document.text, 'Finnish')], titles: [], country: 'GPE:finland' },
  ];
  const quotes = extractQuotes(document, tokens, entities, { indirect: true });
  const byText = (t: string) => quotes.find((q) => q.text.startsWith(t))!;

  it('links an explicit mention by span overlap and takes the canonical name', () => {
    const q = byText('the pact');
    expect(q.speaker.entityId).toBe('PERSON:henrik-aalto-canonical');
    expect(q.speaker.name).toBe('Henrik Aalto (canonical)');
    expect(q.speaker.text).toBe('Dr Henrik Aalto');
    expect(q.speaker.resolution).toBe('explicit');
  });
  it('links a pronoun through its antecedent, with lower confidence', () => {
    const q = byText('talks would resume');
    expect(q.speaker.text).toBe('He');
    expect(q.speaker.resolution).toBe('pronoun');
    expect(q.speaker.entityId).toBe('PERSON:henrik-aalto-canonical');
    expect(q.confidence).toBeLessThan(byText('the pact').confidence);
  });
  it('links a group speaker to the country of its NORP entity', () => {
    const q = byText('the border stays open');
    expect(q.speaker.name).toBe('Finland');
    expect(q.speaker.entityId).toBe('GPE:finland');
  });
  it('leaves entityId null when no entity mention overlaps', () => {
    const bare = extractQuotes(document, tokens, [], { indirect: true });
    const q = bare.find((x) => x.text.startsWith('the pact'))!;
    expect(q.speaker.entityId).toBeNull();
    expect(q.speaker.name).toBe('Henrik Aalto');
  });
  it('does not link a person speaker to an overlapping organization', () => {
    const t2 = 'According to a statement by Harbour Ministry spokesman Omar Haddad, the ferries will run again in May.';
    const r = quotesOf(t2, 'org');
    const ents: EntityRecord[] = [
      { docId: 'org', id: 'ORG:harbour-ministry', name: 'Harbour Ministry', type: 'ORG', mentions: [mention(r.document.text, 'Harbour Ministry')], titles: [] },
      { docId: 'org', id: 'PERSON:omar-haddad', name: 'Omar Haddad', type: 'PERSON', mentions: [mention(r.document.text, 'Omar Haddad')], titles: ['spokesman'] },
    ];
    const q = extractQuotes(r.document, r.tokens, ents, { indirect: true })[0]!;
    expect(q.speaker.entityId).toBe('PERSON:omar-haddad');
    expect(q.speaker.text).toBe('Harbour Ministry spokesman Omar Haddad');
  });
  it('never guesses: an unresolvable pronoun has a null name', () => {
    const r = quotesOf('He said that the vote was rigged.', 'nobody');
    const q = r.quotes[0]!;
    expect(q.speaker.text).toBe('He');
    expect(q.speaker.name).toBeNull();
    expect(q.speaker.resolution).toBe('none');
  });
});

describe('speaker linking to dates and numbers', () => {
  it('never links a speaker phrase to a date or number entity ("according to a statement released on Wednesday")', () => {
    const text = 'The Tidewatch Trust backed the levy, according to a statement released on Wednesday.';
    const { document, tokens } = quotesOf(text, 'date');
    const entities: EntityRecord[] = [
      { docId: 'date', id: 'ORG:tidewatch-trust', name: 'Tidewatch Trust', type: 'ORG', mentions: [mention(document.text, 'Tidewatch Trust')], titles: [] },
      { docId: 'date', id: 'DATE:wednesday', name: 'Wednesday', type: 'DATE', mentions: [mention(document.text, 'Wednesday')], titles: [] },
    ];
    const quotes = extractQuotes(document, tokens, entities, { indirect: true });
    expect(quotes.length).toBeGreaterThan(0);
    for (const q of quotes) expect(q.speaker.entityId ?? '').not.toMatch(/^DATE:/);
  });
});
