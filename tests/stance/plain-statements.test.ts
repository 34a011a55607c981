/**
 * Plain statements of a position (fresh-user trial on a new topic, invented text): "we back
 * <proposal>", "<holder> is against <proposal>", "has come out against / in favour of <proposal>".
 * Near misses: the proposal as the subject of "is against"; "back" as an adverb.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { runStance } from './helpers.js';

const config = parseConfig({ proposal: { name: 'harbour levy' } });
const id = (n: string) => `${n.includes(' ') && /Guild|Board|Union/.test(n) ? 'ORG' : 'PERSON'}:${n.toLowerCase().replace(/ /g, '-')}`;

function labelOf(sentence: string, name: string, quote?: { kind: 'direct' | 'indirect'; text: string }): string | undefined {
  const text = `Levy row\n\nThe harbour levy was debated on Tuesday.\n\n${sentence}\n`;
  const entity = { id: id(name), name, type: id(name).split(':')[0]!, mentions: [name] };
  const quotes = quote ? [{ id: 'a:q1', ...quote, speaker: id(name), speakerName: name }] : [];
  const run = runStance({ a: text }, config, { a: [entity] }, { a: quotes });
  return run.stances.find((s) => s.holder?.entityId === id(name))?.label;
}

describe('a holder as the subject of "be against"', () => {
  it('"We are against <proposal>," said X: X opposes it', () => {
    expect(labelOf('“We are against the harbour levy,” said Petra Vool, a net maker.', 'Petra Vool', { kind: 'direct', text: 'We are against the harbour levy,' })).toBe('oppose');
  });
  it('"X said he was against <proposal>": X opposes it', () => {
    expect(labelOf('Oren Salt, a skipper, said he was against the harbour levy.', 'Oren Salt', { kind: 'indirect', text: 'he was against the harbour levy' })).toBe('oppose');
  });
  it('"<Org> is firmly against <proposal>": the organization opposes it', () => {
    expect(labelOf('The Quayside Guild is firmly against the harbour levy.', 'Quayside Guild')).toBe('oppose');
  });
  it('the proposal as the subject ("<proposal> is against the small boats, said X") is no stance of X', () => {
    expect(labelOf('The harbour levy is against the small boats, said Una Kell.', 'Una Kell')).toBeUndefined();
  });
});

describe('"come out against / in favour of"', () => {
  it('"X has come out against the proposed levy": X opposes it', () => {
    expect(labelOf('The Quayside Guild, which represents 400 traders on the docks, has come out against the proposed levy.', 'Quayside Guild')).toBe('oppose');
  });
  it('"X has come out in favour of <proposal>": X supports it', () => {
    expect(labelOf('Councillor Wren Adair has come out in favour of the harbour levy.', 'Wren Adair')).toBe('support');
  });
});

describe('"back" as a verb', () => {
  it('"We back <proposal>," said X: X supports it', () => {
    expect(labelOf('“We back the harbour levy,” said Juno Cray, a dock nurse.', 'Juno Cray', { kind: 'direct', text: 'We back the harbour levy,' })).toBe('support');
  });
  it('"pushed back against" is not backing', () => {
    expect(labelOf('Hale Morrin said the fishers pushed back against the harbour levy last year.', 'Hale Morrin', { kind: 'indirect', text: 'the fishers pushed back against the harbour levy last year' })).not.toBe('support');
  });
  it('"back to the drawing board" is not backing', () => {
    expect(labelOf('Isla Fenn said the planners went back to the drawing board on the harbour levy.', 'Isla Fenn', { kind: 'indirect', text: 'the planners went back to the drawing board on the harbour levy' })).not.toBe('support');
  });
});
