/**
 * The shared definite-description rules (src/nlp/definite-descriptions.ts), on hand-built tokens
 * and records: the head an organization gives itself, the one-candidate condition, the 400-token
 * reach, and the descriptor that refers back to the person who just spoke.
 */
import { describe, expect, it } from 'vitest';
import { DEFINITE_REACH, definiteOrganizations, isPersonDescriptor, resolveDescriptorSpeakers, type OrgMention } from '../../src/nlp/definite-descriptions.js';
import type { EntityRecord, QuoteRecord } from '../../src/schema.js';

/** Tokens from `word/POS` pairs; filler tokens `x/X` pad the distance. */
function tokens(spec: string[]): { count: number; key: (i: number) => string; pos: (i: number) => string } {
  const words = spec.map((s) => s.split('/')[0]!.toLowerCase());
  const pos = spec.map((s) => s.split('/')[1]!);
  return { count: spec.length, key: (i) => words[i]!, pos: (i) => pos[i]! };
}
const filler = (n: number) => Array.from({ length: n }, () => 'x/X');
const never = () => false;

describe('definiteOrganizations', () => {
  // 0 budget 1 airline 2 Skyvane ... then "the airline"
  const intro = ['budget/ADJ', 'airline/NOUN', 'Skyvane/PROPN'];
  const skyvane: OrgMention = { first: 2, last: 2, entityId: 'ORG:skyvane' };

  it('resolves "the <noun>" to the organization introduced with that noun', () => {
    const toks = tokens([...intro, ...filler(5), 'the/DET', 'airline/NOUN']);
    const out = definiteOrganizations(toks, [skyvane], never);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ first: 8, last: 9, head: 'airline', rule: 'definite-org-head' });
    expect(out[0]!.antecedent.entityId).toBe('ORG:skyvane');
  });
  it('resolves "the union" to an organization whose name ends in the head word', () => {
    const toks = tokens(['Dockers/PROPN', 'Union/PROPN', ...filler(3), 'the/DET', 'union/NOUN']);
    const out = definiteOrganizations(toks, [{ first: 0, last: 1, entityId: 'ORG:dockers-union' }], never);
    expect(out.map((d) => d.antecedent.entityId)).toEqual(['ORG:dockers-union']);
  });
  it('resolves nothing when two organizations with the head are in reach', () => {
    const toks = tokens([...intro, 'rival/ADJ', 'airline/NOUN', 'Northwing/PROPN', 'the/DET', 'airline/NOUN']);
    expect(definiteOrganizations(toks, [skyvane, { first: 5, last: 5, entityId: 'ORG:northwing' }], never)).toEqual([]);
  });
  it('reaches exactly DEFINITE_REACH (400) tokens back, not one more', () => {
    expect(DEFINITE_REACH).toBe(400);
    // "the" at index 2 + gap: distance from the name's last token (2) to "the" = gap + 1.
    const at = (gap: number) => definiteOrganizations(tokens([...intro, ...filler(gap), 'the/DET', 'airline/NOUN']), [skyvane], never);
    expect(at(399)).toHaveLength(1);
    expect(at(400)).toHaveLength(0);
  });
  it('resolves nothing past an unnamed organization with the same head ("the defence ministry")', () => {
    const foreign: OrgMention = { first: 1, last: 3, entityId: 'ORG:ruritanian-foreign-ministry' };
    const named = ['the/DET', 'Ruritanian/PROPN', 'Foreign/PROPN', 'Ministry/PROPN', 'said/VERB'];
    const rival = tokens([...named, ...filler(3), 'the/DET', 'defence/NOUN', 'ministry/NOUN', 'said/VERB', 'the/DET', 'ministry/NOUN']);
    expect(definiteOrganizations(rival, [foreign], never)).toEqual([]);
    // The same organization described with a word of its name is no rival.
    const same = tokens([...named, ...filler(3), 'the/DET', 'foreign/ADJ', 'ministry/NOUN', 'said/VERB', 'the/DET', 'ministry/NOUN']);
    expect(definiteOrganizations(same, [foreign], never).map((d) => d.first)).toEqual([12]);
  });
  // "Two unions ... the Ferry Guild ... the Dockers Union ... the union said"
  const twoUnions = ['two/NUM', 'unions/NOUN', 'clashed/VERB', 'the/DET', 'Ferry/PROPN', 'Guild/PROPN', 'and/CCONJ', 'the/DET', 'Dockers/PROPN', 'Union/PROPN', 'met/VERB', 'the/DET', 'union/NOUN', 'said/VERB'];
  const guild: OrgMention = { first: 4, last: 5, entityId: 'ORG:ferry-guild' };
  const dockers: OrgMention = { first: 8, last: 9, entityId: 'ORG:dockers-union' };
  it('resolves nothing when the plural of the head ("unions") comes before and another organization is named after it', () => {
    expect(definiteOrganizations(tokens(twoUnions), [guild, dockers], never)).toEqual([]);
  });
  it('still resolves when the plural comes before but only one organization is named after it', () => {
    const spec = ['unions/NOUN', 'met/VERB', 'the/DET', 'Dockers/PROPN', 'Union/PROPN', 'said/VERB', 'the/DET', 'union/NOUN', 'said/VERB'];
    expect(definiteOrganizations(tokens(spec), [{ first: 3, last: 4, entityId: 'ORG:dockers-union' }], never).map((d) => d.antecedent.entityId)).toEqual(['ORG:dockers-union']);
  });
  it('without the plural, the one organization named with the head is still the antecedent', () => {
    const spec = twoUnions.slice(3);
    expect(definiteOrganizations(tokens(spec), [{ ...guild, first: 1, last: 2 }, { ...dockers, first: 5, last: 6 }], never).map((d) => d.antecedent.entityId)).toEqual(['ORG:dockers-union']);
  });
  it('gives an organization the head of its apposition ("the Ferry Guild, the main pilots\' union, ... the union")', () => {
    const spec = ['the/DET', 'Ferry/PROPN', 'Guild/PROPN', ',/PUNCT', 'the/DET', 'main/ADJ', 'pilots/NOUN', "'/PART", 'union/NOUN', ',/PUNCT', 'objects/VERB', './PUNCT', 'the/DET', 'union/NOUN', 'said/VERB'];
    expect(definiteOrganizations(tokens(spec), [{ first: 1, last: 2, entityId: 'ORG:ferry-guild' }], never).map((d) => [d.first, d.antecedent.entityId])).toEqual([[12, 'ORG:ferry-guild']]);
  });
  it('an apposition that gives a second organization the head makes the description ambiguous', () => {
    const spec = ['the/DET', 'Ferry/PROPN', 'Guild/PROPN', ',/PUNCT', 'a/DET', 'small/ADJ', 'union/NOUN', ',/PUNCT', 'met/VERB', 'the/DET', 'Dockers/PROPN', 'Union/PROPN', './PUNCT', 'the/DET', 'union/NOUN', 'said/VERB'];
    expect(definiteOrganizations(tokens(spec), [{ first: 1, last: 2, entityId: 'ORG:ferry-guild' }, { first: 10, last: 11, entityId: 'ORG:dockers-union' }], never)).toEqual([]);
  });
  it('a head word inside a longer apposition phrase is no apposition head ("the Guild, a union rival of ...")', () => {
    const spec = ['the/DET', 'Ferry/PROPN', 'Guild/PROPN', ',/PUNCT', 'the/DET', 'union/NOUN', 'rival/NOUN', 'of/ADP', 'x/X', './PUNCT', 'the/DET', 'union/NOUN', 'said/VERB'];
    expect(definiteOrganizations(tokens(spec), [{ first: 1, last: 2, entityId: 'ORG:ferry-guild' }], never)).toEqual([]);
  });
  it('needs the organization before the description, the head as a noun, and no veto', () => {
    expect(definiteOrganizations(tokens(['the/DET', 'airline/NOUN', ...intro]), [{ ...skyvane, first: 4, last: 4 }], never)).toEqual([]);
    expect(definiteOrganizations(tokens([...intro, 'the/DET', 'airline/ADJ']), [skyvane], never)).toEqual([]);
    expect(definiteOrganizations(tokens([...intro, 'the/DET', 'airline/NOUN']), [skyvane], () => true)).toEqual([]);
  });
});

describe('resolveDescriptorSpeakers', () => {
  const entities: EntityRecord[] = [
    { docId: 'd', id: 'PERSON:ada-moss', name: 'Ada Moss', type: 'PERSON', mentions: [{ start: 0, end: 8, text: 'Ada Moss' }], titles: [] },
    { docId: 'd', id: 'GPE:ruritania', name: 'Ruritania', type: 'GPE', mentions: [{ start: 104, end: 113, text: 'Ruritania' }], titles: [] },
  ] as EntityRecord[];
  const quote = (id: string, start: number, entityId: string, name: string, text: string): QuoteRecord => ({
    docId: 'd', id, kind: 'direct', text: 'x', start: start + 30, end: start + 40, cue: null, confidence: 0.9,
    speaker: { name, entityId, text, start, end: start + text.length, resolution: 'explicit', rule: 'entity-link' },
  });
  it('gives "the Ruritania Liberal" to the person who spoke just before, keeping the span', () => {
    const quotes = [quote('d#q1', 0, 'PERSON:ada-moss', 'Ada Moss', 'Ada Moss'), quote('d#q2', 100, 'GPE:ruritania', 'Ruritania', 'the Ruritania Liberal')];
    const out = resolveDescriptorSpeakers(quotes, entities);
    expect(out[0]).toBe(quotes[0]);
    expect(out[1]!.speaker).toEqual({ name: 'Ada Moss', entityId: 'PERSON:ada-moss', text: 'the Ruritania Liberal', start: 100, end: 121, resolution: 'descriptor', rule: 'descriptor-previous-speaker' });
  });
  it('leaves it when the person spoke beyond the reach or another person is named between', () => {
    const far = [quote('d#q1', 0, 'PERSON:ada-moss', 'Ada Moss', 'Ada Moss'), quote('d#q2', 600, 'GPE:ruritania', 'Ruritania', 'the Ruritania Liberal')];
    expect(resolveDescriptorSpeakers(far, entities)[1]!.speaker.entityId).toBe('GPE:ruritania');
    const other = [...entities, { docId: 'd', id: 'PERSON:tom-hale', name: 'Tom Hale', type: 'PERSON', mentions: [{ start: 50, end: 58, text: 'Tom Hale' }], titles: [] } as EntityRecord];
    const between = [quote('d#q1', 0, 'PERSON:ada-moss', 'Ada Moss', 'Ada Moss'), quote('d#q2', 100, 'GPE:ruritania', 'Ruritania', 'the Ruritania Liberal')];
    expect(resolveDescriptorSpeakers(between, other)[1]!.speaker.entityId).toBe('GPE:ruritania');
  });
  it('knows a person descriptor by its head noun', () => {
    expect(isPersonDescriptor('the Ruritania Liberal')).toBe(true);
    expect(isPersonDescriptor('The Harbour Party co-chairman')).toBe(true);
    expect(isPersonDescriptor('the Ruritania government')).toBe(false);
  });
});
