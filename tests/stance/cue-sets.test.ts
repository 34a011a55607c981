/**
 * Cue sets on a proposal: adding the concern cues (which affirm a threat: "disaster" +0.6) must not
 * turn a judgement of the proposal ("the plan would be a disaster") into support.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { cueSetOrder } from '../../src/stages/stance/analyze.js';
import { runStance } from './helpers.js';

const text = 'Harbour levy criticised\n\nCouncillor Wren Aldous said the harbour levy would be a disaster for the fishing fleet.\n';
const entities = { a: [{ id: 'PERSON:wren-aldous', name: 'Wren Aldous', type: 'PERSON', mentions: ['Wren Aldous'] }] };
const quotes = { a: [{ id: 'a:q1', kind: 'indirect' as const, text: 'the harbour levy would be a disaster for the fishing fleet', speaker: 'PERSON:wren-aldous', speakerName: 'Wren Aldous' }] };

function labelWith(cueSets?: string[]): string | undefined {
  const config = parseConfig({ proposal: { name: 'harbour levy' }, stages: { stance: cueSets ? { cueSets } : {} } });
  const run = runStance({ a: text }, config, entities, quotes);
  return run.stances.find((s) => s.holder?.entityId === 'PERSON:wren-aldous')?.label;
}

describe('cue sets on a proposal', () => {
  it('reads "would be a disaster" as opposition with the policy cues', () => {
    expect(labelWith()).toBe('oppose');
  });

  it('keeps that reading when the concern cues are added, in either order', () => {
    expect(labelWith(['policy', 'concern'])).toBe('oppose');
    expect(labelWith(['concern', 'policy'])).toBe('oppose');
  });

  it('lets the concern cues win for a proposition, as configured', () => {
    expect(cueSetOrder(['policy', 'concern'], true)).toEqual(['policy', 'concern']);
    expect(cueSetOrder(['policy', 'concern'], false)).toEqual(['concern', 'policy']);
  });
});
