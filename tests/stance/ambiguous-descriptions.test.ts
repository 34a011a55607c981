/**
 * "The union said" when the text has spoken of several unions (fresh-user trial on a new topic,
 * invented text): unresolved, not the one union whose name ends in "Union"; an apposition
 * ("the Ferry Guild, the pilots' union") makes its organization the candidate.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { runStance } from './helpers.js';

const config = parseConfig({ proposal: { name: 'harbour levy' } });
const guild = { id: 'ORG:ferry-guild', name: 'Ferry Guild', type: 'ORG', mentions: ['Ferry Guild'] };
const dockers = { id: 'ORG:dockers-union', name: 'Dockers Union', type: 'ORG', mentions: ['Dockers Union'] };
const unionSaid = { id: 'a:q1', kind: 'indirect' as const, text: 'the harbour levy was unworkable', speaker: null, speakerText: 'The union' };
const label = (run: ReturnType<typeof runStance>, id: string) => run.stances.find((s) => s.holder?.entityId === id)?.label;

describe('"the union" after the plural "unions"', () => {
  it('is no one when two organizations are named after the plural', () => {
    const text = 'Levy row\n\nTwo of the port\'s unions disagree about the harbour levy. The Ferry Guild met the Dockers Union on Monday.\n\nThe union said the harbour levy was unworkable.\n';
    const run = runStance({ a: text }, config, { a: [guild, dockers] }, { a: [unionSaid] });
    expect(label(run, 'ORG:dockers-union')).toBeUndefined();
    expect(label(run, 'ORG:ferry-guild')).toBeUndefined();
  });
  it('is the one union named when no plural was written (near miss)', () => {
    const text = 'Levy row\n\nThe Ferry Guild met the Dockers Union on Monday about the harbour levy.\n\nThe union said the harbour levy was unworkable.\n';
    const run = runStance({ a: text }, config, { a: [guild, dockers] }, { a: [unionSaid] });
    expect(label(run, 'ORG:dockers-union')).toBe('oppose');
  });
});

describe('an apposition with the head', () => {
  it('"the Ferry Guild, the pilots\' union, ... The union said" is the Guild', () => {
    const text = 'Levy row\n\nThe Ferry Guild, the main pilots\' union, met on Monday about the harbour levy.\n\nThe union said the harbour levy was unworkable.\n';
    const run = runStance({ a: text }, config, { a: [guild] }, { a: [unionSaid] });
    expect(label(run, 'ORG:ferry-guild')).toBe('oppose');
  });
});
