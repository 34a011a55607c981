/** Nominal attributions (`X's claim that C`, `X's support for C`) on short texts written for these tests. */
import { describe, expect, it } from 'vitest';
import { indirectQuotesOf as indirect } from './helpers.js';


describe('noun cues', () => {
  it('takes the possessor as source and the complement as content', () => {
    const qs = indirect("The mayor's support for the tax plan is waning. Ana Ruiz's decision to run surprised the party.");
    expect(qs.map((q) => [q.speaker.text, q.cue?.text, q.text])).toEqual([
      ['The mayor', 'support', 'the tax plan'],
      ['Ana Ruiz', 'decision', 'to run'],
    ]);
  });
  it('ends a that-clause in subject position before the main verb', () => {
    const qs = indirect("Senator Ana Ruiz's claim that the bridge was unsafe drew criticism.");
    expect(qs.map((q) => q.text)).toEqual(['the bridge was unsafe']);
  });
  it('takes a possessive pronoun as the source, and leaves nouns that are not cues alone', () => {
    const qs = indirect('Her decision to run for the seat surprised the party. The mayor’s car for the parade was red.');
    expect(qs.map((q) => [q.speaker.text, q.cue?.text, q.text])).toEqual([['Her', 'decision', 'to run for the seat']]);
  });
});
