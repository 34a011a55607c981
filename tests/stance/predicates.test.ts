/**
 * Judgements of a proposal found by a fresh-user trial on a new topic (invented text): the
 * proposal as the subject of a harm verb ("the levy will hurt families").
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { runStance } from './helpers.js';

const config = parseConfig({ proposal: { name: 'harbour levy' } });

function labelOf(text: string, name: string, quote: { kind: 'direct' | 'indirect'; text: string }): string | undefined {
  const id = `PERSON:${name.toLowerCase().replace(/ /g, '-')}`;
  const run = runStance({ a: text }, config, { a: [{ id, name, type: 'PERSON', mentions: [name] }] }, { a: [{ id: 'a:q1', ...quote, speaker: id, speakerName: name }] });
  return run.stances.find((s) => s.holder?.entityId === id)?.label;
}

describe('judgements of a proposal', () => {
  it('reads the proposal as the subject of a harm verb as opposition', () => {
    const text = 'Levy row\n\n“The harbour levy will hurt families like mine,” said Edda Morrow, a ferry worker.\n';
    expect(labelOf(text, 'Edda Morrow', { kind: 'direct', text: 'The harbour levy will hurt families like mine,' })).toBe('oppose');
  });

  it('does not read a harm verb whose subject is something else as a judgement of the proposal', () => {
    const text = 'Levy row\n\nCouncillor Ivo Brandt said the storms hurt the fleet, and that the harbour levy is on the agenda.\n';
    expect(labelOf(text, 'Ivo Brandt', { kind: 'indirect', text: 'the storms hurt the fleet, and that the harbour levy is on the agenda' }) ?? 'none').not.toBe('oppose');
  });
});

describe("the narration's own I", () => {
  it('gives an op-ed author\'s "I fully support <proposal>" to the document, in full', () => {
    const text = 'Why the harbour levy is right\n\nBy Nessa Orrin\n\nEvery summer the quays fill with cars.\n\nI fully support the harbour levy, and so should every resident.\n';
    const run = runStance({ a: text }, config, {}, { a: [{ id: 'a:q1', kind: 'indirect', text: 'the harbour levy, and so should every resident', speaker: null, speakerText: 'I' }] });
    expect(run.stances.find((s) => s.holder === null)?.label).toBe('support');
  });
});

describe('a definite description of an organization named before', () => {
  const text = 'Levy row\n\nThe Harbour Pilots Association met on Monday. The association strongly supports the harbour levy.\n\nThe Quayside Traders Union met too. The union said the harbour levy was unworkable.\n';
  const entities = {
    a: [
      { id: 'ORG:harbour-pilots-association', name: 'Harbour Pilots Association', type: 'ORG', mentions: ['Harbour Pilots Association'] },
      { id: 'ORG:quayside-traders-union', name: 'Quayside Traders Union', type: 'ORG', mentions: ['Quayside Traders Union'] },
    ],
  };
  const quotes = { a: [{ id: 'a:q1', kind: 'indirect' as const, text: 'the harbour levy was unworkable', speaker: null, speakerText: 'The union' }] };
  const run = runStance({ a: text }, config, entities, quotes);
  const label = (id: string) => run.stances.find((s) => s.holder?.entityId === id)?.label;

  it('holds the cue it is the subject of ("The association strongly supports ...")', () => {
    expect(label('ORG:harbour-pilots-association')).toBe('support');
  });

  it('is the source of what it said ("The union said ... unworkable")', () => {
    expect(label('ORG:quayside-traders-union')).toBe('oppose');
  });
});

describe('a definite description by the noun an organization was introduced with', () => {
  it('"ferry operator Skelda ... the operator said ..." is Skelda', () => {
    const text = 'Levy row\n\nFerry operator Skelda met the council on Monday. The operator said the harbour levy was unworkable.\n';
    const entities = { a: [{ id: 'ORG:skelda', name: 'Skelda', type: 'ORG', mentions: ['Skelda'] }] };
    const quotes = { a: [{ id: 'a:q1', kind: 'indirect' as const, text: 'the harbour levy was unworkable', speaker: null, speakerText: 'The operator' }] };
    const run = runStance({ a: text }, config, entities, quotes);
    expect(run.stances.find((s) => s.holder?.entityId === 'ORG:skelda')?.label).toBe('oppose');
  });
});
