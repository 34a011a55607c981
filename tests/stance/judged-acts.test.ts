/**
 * Issue 18, second round: constructions that carry a holder's stance through someone else's act
 * or through a descriptor that names the holder again. Texts written for the tests.
 */
import { describe, expect, it } from 'vitest';
import { isPersonDescriptor } from '../../src/stages/stance/descriptors.js';
import { runStance, simpleConfig, type EntityFixture, type QuoteFixture } from './helpers.js';

const config = simpleConfig('congestion charge', ['city congestion charge']);
const person = (name: string): EntityFixture => ({ id: `PERSON:${name.toLowerCase().replace(/\s+/g, '-')}`, name, type: 'PERSON', mentions: [name, name.split(' ').at(-1)!] });
const council: EntityFixture = { id: 'ORG:city-council', name: 'City Council', type: 'ORG', mentions: ['City Council', 'the council'] };
const oregon: EntityFixture = { id: 'GPE:oregon', name: 'Oregon', type: 'GPE', mentions: ['Oregon'] };
const PEOPLE = [person('Ilse Varga'), person('Omar Lind'), council, oregon];

function labels(text: string, quotes: QuoteFixture[] = []): Record<string, string> {
  const r = runStance({ d: text }, config, { d: PEOPLE }, { d: quotes });
  return Object.fromEntries(r.stances.filter((s) => s.holder).map((s) => [s.holder!.name, s.label]));
}

describe('a speaker judging an act on the proposal', () => {
  it('"good that X has rejected it": the act is X\'s, the speaker opposes too', () => {
    const text = 'Ilse Varga said: "While it is good that the City Council has rejected the congestion charge, buses are still late."';
    const l = labels(text, [{ id: 'q1', kind: 'direct', text: 'While it is good that the City Council has rejected the congestion charge, buses are still late.', speaker: 'PERSON:ilse-varga', speakerName: 'Ilse Varga' }]);
    expect(l['City Council']).toBe('oppose');
    expect(l['Ilse Varga']).toBe('oppose');
  });

  it('"a pity that X dropped it": a disapproved act against it is support', () => {
    const text = 'Omar Lind said: "It is a pity that the City Council dropped the congestion charge so early."';
    const l = labels(text, [{ id: 'q1', kind: 'direct', text: 'It is a pity that the City Council dropped the congestion charge so early.', speaker: 'PERSON:omar-lind', speakerName: 'Omar Lind' }]);
    expect(l['City Council']).toBe('oppose');
    expect(l['Omar Lind']).toBe('support');
  });

  it('"regret over Y\'s decision to impose it": the decision is Y\'s, the regret the speaker\'s', () => {
    const text = "While expressing regret over the City Council's decision to impose the congestion charge, Omar Lind said talks would continue.";
    const l = labels(text);
    expect(l['Omar Lind']).toBe('oppose');
    expect(l['City Council']).toBe('support');
  });
});

describe('a definite descriptor as speaker refers back to the person just named', () => {
  it('recognises "the <place> <party member>" and not an organization\'s name', () => {
    expect(isPersonDescriptor('the Oregon Democrat')).toBe(true);
    expect(isPersonDescriptor('The Green Party co-chairman')).toBe(true);
    expect(isPersonDescriptor('the Oregon government')).toBe(false);
    expect(isPersonDescriptor('Oregon')).toBe(false);
  });

  it('"..., the Oregon Democrat said" gives the quote to the senator named before, not to the state', () => {
    const text = 'Senator Ilse Varga told reporters, "The vote will be close." "The congestion charge must be applied," the Oregon Democrat said.';
    const l = labels(text, [
      { id: 'q1', kind: 'direct', text: 'The vote will be close.', speaker: 'PERSON:ilse-varga', speakerName: 'Ilse Varga', speakerText: 'Ilse Varga' },
      { id: 'q2', kind: 'direct', text: 'The congestion charge must be applied,', speaker: 'GPE:oregon', speakerName: 'Oregon', speakerText: 'the Oregon Democrat' },
    ]);
    expect(l['Ilse Varga']).toBe('support');
    expect(l['Oregon']).toBeUndefined();
  });

  it('another person named in between leaves the speaker as the quotes stage gave it', () => {
    const text = 'Senator Ilse Varga told reporters, "The vote will be close." Omar Lind disagreed. "The congestion charge must be applied," the Oregon Democrat said.';
    const l = labels(text, [
      { id: 'q1', kind: 'direct', text: 'The vote will be close.', speaker: 'PERSON:ilse-varga', speakerName: 'Ilse Varga', speakerText: 'Ilse Varga' },
      { id: 'q2', kind: 'direct', text: 'The congestion charge must be applied,', speaker: 'GPE:oregon', speakerName: 'Oregon', speakerText: 'the Oregon Democrat' },
    ]);
    expect(l['Ilse Varga']).toBeUndefined();
  });
});

describe('a person the entities stage did not list', () => {
  const union: EntityFixture = { id: 'ORG:riders-union', name: 'Riders Union', type: 'ORG', mentions: ['Riders Union'] };

  it('"<Organization> Chief Executive <Name> called it ...": the person and the organization both hold it', () => {
    const text = 'Riders Union Chief Executive Dana Moss called the congestion charge "reckless and unfair".';
    const r = runStance({ d: text }, config, { d: [union] }, {
      d: [{ id: 'q1', kind: 'indirect', text: 'the congestion charge "reckless and unfair', speaker: 'ORG:riders-union', speakerName: 'Riders Union', speakerText: 'Riders Union Chief Executive Dana Moss' }],
    });
    const l = Object.fromEntries(r.stances.filter((s) => s.holder).map((s) => [s.holder!.name, s.label]));
    expect(l['Dana Moss']).toBe('oppose');
    expect(l['Riders Union']).toBe('oppose');
  });

  it('"..., she warned" resolved to a named person with no entity gets a holder; a group name does not', () => {
    const text = 'The congestion charge would put small shops at risk, she warned. The congestion charge would drive shoppers away, analysts said.';
    const r = runStance({ d: text }, config, { d: [] }, {
      d: [
        { id: 'q1', kind: 'indirect', text: 'The congestion charge would put small shops at risk', speaker: null, speakerName: 'Dana Moss', resolution: 'pronoun' },
        { id: 'q2', kind: 'indirect', text: 'The congestion charge would drive shoppers away', speaker: null, speakerName: 'Analysts', resolution: 'explicit' },
      ],
    });
    const holders = r.stances.filter((s) => s.holder).map((s) => [s.holder!.name, s.label]);
    expect(holders).toEqual([['Dana Moss', 'oppose']]);
  });
});

describe('a countermeasure threatened for when the proposal goes ahead', () => {
  const town: EntityFixture = { id: 'GPE:eastport', name: 'Eastport', type: 'GPE', mentions: ['Eastport'] };
  const run = (text: string, quote: string) =>
    Object.fromEntries(
      runStance({ d: text }, config, { d: [...PEOPLE, town] }, { d: [{ id: 'q1', kind: 'indirect', text: quote, speaker: 'PERSON:omar-lind', speakerName: 'Omar Lind' }] })
        .stances.filter((s) => s.holder)
        .map((s) => [s.holder!.name, s.label]),
    );

  it('"X would take measures if the council imposes it" opposes it', () => {
    const q = 'Eastport was ready to take appropriate measures if the City Council imposed the congestion charge';
    expect(run(`Omar Lind said ${q}.`, q)['Omar Lind']).toBe('oppose');
  });

  it('"X was considering taking them to court if ..." opposes it', () => {
    const q = 'Eastport was considering taking the City Council to court if it imposed the congestion charge';
    expect(run(`Omar Lind said ${q}.`, q)['Omar Lind']).toBe('oppose');
  });

  it('the proposal itself as "these measures" in the main clause is no countermeasure', () => {
    const q = 'these measures would be popular if the City Council imposed the congestion charge';
    expect(run(`Omar Lind said ${q}.`, q)['Omar Lind']).toBeUndefined();
  });
});

describe('judgements of the proposal by what it goes against, and more anaphors', () => {
  const say = (text: string, quote: string) =>
    Object.fromEntries(
      runStance({ d: text }, config, { d: PEOPLE }, { d: [{ id: 'q1', kind: 'direct', text: quote, speaker: 'PERSON:omar-lind', speakerName: 'Omar Lind' }] })
        .stances.filter((s) => s.holder)
        .map((s) => [s.holder!.name, s.label]),
    );

  it('"the charge is against the spirit of the law" opposes it; "against the outer boroughs" (its aim) does not', () => {
    expect(say('The congestion charge starts in May. "The charge is against the spirit of the city charter," Omar Lind said.', 'The charge is against the spirit of the city charter,')['Omar Lind']).toBe('oppose');
    expect(say('The congestion charge starts in May. "The charge is against the outer boroughs," Omar Lind said.', 'The charge is against the outer boroughs,')['Omar Lind']).toBeUndefined();
  });

  it('"the decision", "the approach" refer back to the proposal once it is named', () => {
    const l = say('The City Council voted for the congestion charge on Monday.\n\n"The decision is unworkable and unfair," Omar Lind said.', 'The decision is unworkable and unfair,');
    expect(l['Omar Lind']).toBe('oppose');
    const m = say('The City Council voted for the congestion charge on Monday.\n\n"The council\'s approach is unworkable and unfair," Omar Lind said.', 'The council\'s approach is unworkable and unfair,');
    expect(m['Omar Lind']).toBeUndefined(); // "approach" is no proposal noun after a possessive: anyone's approach
    const n = say('The City Council voted for the congestion charge on Monday.\n\n"The approach is unworkable and unfair," Omar Lind said.', 'The approach is unworkable and unfair,');
    expect(n['Omar Lind']).toBe('oppose');
  });

  it('"the decision to close the bridge" (a complement that names something else) is no reference to it', () => {
    const l = say('The City Council voted for the congestion charge on Monday.\n\n"The decision to close the bridge is unworkable and unfair," Omar Lind said.', 'The decision to close the bridge is unworkable and unfair,');
    expect(l['Omar Lind']).toBeUndefined();
  });
});
