/**
 * Acts asked for (fresh-user trial on a new topic, invented text): the stance of "call for",
 * "urge", "call on" is the sign of the act asked for ("called for the levy to be scrapped"
 * opposes it), held by whoever asks, not by whoever is asked.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { runStance } from './helpers.js';

const config = parseConfig({ proposal: { name: 'harbour levy' } });

function labelOf(sentence: string, name: string, others: string[] = []): string | undefined {
  const id = (n: string) => `PERSON:${n.toLowerCase().replace(/ /g, '-')}`;
  const text = `Levy row\n\nThe harbour levy was debated on Tuesday.\n\n${sentence}\n`;
  const entities = [name, ...others].map((n) => ({ id: id(n), name: n, type: 'PERSON', mentions: [n] }));
  const run = runStance({ a: text }, config, { a: entities }, { a: [] });
  return run.stances.find((s) => s.holder?.entityId === id(name))?.label;
}

describe('an act asked for after the proposal', () => {
  it('"called for <proposal> to be scrapped" opposes it', () => {
    expect(labelOf('Councillor Odile Varn called for the harbour levy to be scrapped.', 'Odile Varn')).toBe('oppose');
  });
  it('"called for the levy to be withdrawn altogether" (an anaphor) opposes it', () => {
    expect(labelOf('Bram Tolle called for the levy to be withdrawn altogether.', 'Bram Tolle')).toBe('oppose');
  });
  it('"called for <proposal> to be introduced" supports it', () => {
    expect(labelOf('Rhea Quill called for the harbour levy to be introduced next spring.', 'Rhea Quill')).toBe('support');
  });
  it('"called for <proposal> to be reviewed" (no act on it) is no stance', () => {
    expect(labelOf('Tamsin Oakes called for the harbour levy to be reviewed.', 'Tamsin Oakes')).toBeUndefined();
  });
  it('"called for <proposal>" alone still supports it', () => {
    expect(labelOf('Ansel Pike called for the harbour levy in his speech.', 'Ansel Pike')).toBe('support');
  });
});

describe('someone asked to act on the proposal', () => {
  it('"X urged the port board to ditch <proposal>": X opposes it', () => {
    expect(labelOf('Dov Ambry urged the port board to ditch the harbour levy.', 'Dov Ambry')).toBe('oppose');
  });
  it('"X called on ministers to axe <proposal>": X opposes it', () => {
    expect(labelOf('Ines Harrow called on ministers to axe the harbour levy.', 'Ines Harrow')).toBe('oppose');
  });
  it('the one asked holds nothing ("X urged Y to drop it")', () => {
    expect(labelOf('Dov Ambry urged Cato Renn to drop the harbour levy.', 'Cato Renn', ['Dov Ambry'])).toBeUndefined();
  });
  it('"X urged the board to adopt <proposal>": X supports it', () => {
    expect(labelOf('Mira Solt urged the port board to adopt the harbour levy.', 'Mira Solt')).toBe('support');
  });
});

describe('"it" as the object of an act', () => {
  it('"X said <proposal> was rushed and called on the board to scrap it": X opposes it', () => {
    expect(labelOf('Ines Harrow said the harbour levy was rushed "by people who never sail," and called on the board to scrap it.', 'Ines Harrow')).toBe('oppose');
  });
  it('"it" with another noun in between is not the proposal ("... the ferry, and the board should keep it")', () => {
    expect(labelOf('Nia Bell said the harbour levy would pay for the ferry, and the board should keep it.', 'Nia Bell')).toBeUndefined();
  });
});
