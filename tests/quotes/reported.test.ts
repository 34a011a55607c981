/** Reported-speech frames on short texts written for these tests. */
import { describe, expect, it } from 'vitest';
import { indirectQuotesOf as indirect } from './helpers.js';


describe('reported speech', () => {
  it('gives a share of respondents its number as the speaker mention ("22 per cent said", "40 percent said")', () => {
    const q = indirect('Retailers were split.\n\nAsked about the plan, 22 per cent said they would move out of the zone, and 40 percent said they would stay.\n');
    const said = q.filter((x) => x.cue?.text === 'said');
    expect(said.map((x) => x.speaker.text)).toEqual(['22 per cent', '40 percent']);
    expect(said.every((x) => x.speaker.entityId === null)).toBe(true);
  });

  it('does not report the adjuncts after a cue', () => {
    const qs = indirect('The bridge will close in June, the engineer said in an interview on Saturday.');
    expect(qs.map((q) => q.text)).toEqual(['The bridge will close in June']);
    expect(qs[0]!.speaker.text).toBe('the engineer');
  });
  it('ends the content before a coordinated report', () => {
    const qs = indirect('Mira Tan said she welcomed the ruling and added that she would appeal the fine.');
    expect(qs.find((q) => q.cue?.text === 'said')?.text).toBe('she welcomed the ruling');
  });
  it('takes beliefs, intentions and views with their holder', () => {
    const qs = indirect('Farmers in the valley fear that the river will flood again. Jon Reyes plans to run for mayor next year.');
    expect(qs.map((q) => [q.speaker.text, q.text])).toEqual([
      ['Farmers', 'the river will flood again'],
      ['Jon Reyes', 'to run for mayor next year'],
    ]);
  });
  it('gives passives without an agent no source, and takes the agent after by', () => {
    const qs = indirect('The mayor was asked whether the tax would rise. The tax was criticized by the council as unfair to renters.');
    expect(qs[0]!.speaker.text).toBeNull();
    expect(qs[1]!.speaker.text).toBe('the council');
  });
  it('continues the content of an em-dash aside', () => {
    const qs = indirect('Ana Ruiz said the new line — the first in a decade — would open in May.');
    expect(qs[0]!.text).toBe('the new line — the first in a decade — would open in May');
  });
  it('takes the subject of the verb an infinitive cue depends on', () => {
    const qs = indirect('The senator has begun to rebut the claims of her rivals. The governor was quick to embrace the new budget.');
    expect(qs.map((q) => [q.speaker.text, q.cue?.text, q.text])).toEqual([
      ['The senator', 'has begun to rebut', 'the claims of her rivals'],
      ['The governor', 'was quick to embrace', 'the new budget'],
    ]);
  });
  it('finds the subject across adverbs that do not end in -ly', () => {
    const qs = indirect('Local officials have long worried about the state of the dam.');
    expect(qs.map((q) => [q.speaker.text, q.text])).toEqual([['Local officials', 'the state of the dam']]);
  });
  it('takes `who` as a source even when its antecedent is not a person noun', () => {
    const qs = indirect('The plan won over a bloc of members in May, who endorsed the tax cut after a long debate.');
    expect(qs.map((q) => [q.speaker.text, q.text])).toEqual([['who', 'the tax cut after a long debate']]);
  });
  it('keeps an attitude inside a report part of that report', () => {
    const qs = indirect('Mira Tan said she planned to vote for the measure. Jon Reyes said the mayor told him the bridge would close.');
    expect(qs.map((q) => [q.cue?.text, q.text])).toEqual([
      ['said', 'she planned to vote for the measure'],
      ['said', 'the mayor told him the bridge would close'],
      ['told', 'the bridge would close'],
    ]);
  });
  it('takes a group or a poll before a headline colon as the source, not a section label', () => {
    const qs = indirect('Historians: the race is closer than it looks\n\nBreaking: the bridge is closed\n\nVoters went to the polls on Tuesday.');
    expect(qs.map((q) => [q.speaker.text, q.text])).toEqual([['Historians', 'the race is closer than it looks']]);
  });
  it('takes the poll of `In the new poll, C` as the source', () => {
    const qs = indirect('Voters went to the polls on Tuesday. In the new Metro Daily poll, the mayor leads her rival by eight points.');
    expect(qs.map((q) => [q.speaker.text, q.cue?.text, q.text])).toEqual([['the new Metro Daily poll', 'In', 'the mayor leads her rival by eight points']]);
  });
  it('reads a cue tagged as a noun after a subject as a verb, not a compound noun', () => {
    const qs = indirect('The Daily Ledger claims the mayor lied. Three-quarters support a ban on the sale. The tax plan to cut rates failed.');
    expect(qs.map((q) => [q.speaker.text, q.cue?.text, q.text])).toEqual([
      ['The Daily Ledger', 'claims', 'the mayor lied'],
      ['Three-quarters', 'support', 'a ban on the sale'],
    ]);
  });
  it('lets records and figures be sources (`new filings show`)', () => {
    const qs = indirect('The campaign raised little money last month, new filings show.');
    expect(qs.map((q) => [q.speaker.text, q.text])).toEqual([['new filings', 'The campaign raised little money last month']]);
  });
  it('takes shares and surveyed people as subjects', () => {
    const qs = indirect('On taxes, 42% say the rates are too high. Those surveyed say the economy is weak. Her aides here said they have been working the state.');
    expect(qs.map((q) => [q.speaker.text, q.text])).toEqual([
      ['42%', 'the rates are too high'],
      ['Those surveyed', 'the economy is weak'],
      ['Her aides', 'they have been working the state'],
    ]);
  });
  it('takes the findings of a poll without `that`', () => {
    const qs = indirect('A June poll found the mayor trailing by ten points.');
    expect(qs.map((q) => [q.speaker.text, q.text])).toEqual([['A June poll', 'the mayor trailing by ten points']]);
  });
  it('keeps a participial phrase in the content unless it is a cue of its own', () => {
    const qs = indirect('Her boosters insisted it was a temporary dip, reflecting the mood of the state. Ana Ruiz said the line would open in May, adding that it would be free.');
    expect(qs.map((q) => [q.cue?.text, q.text])).toEqual([
      ['insisted', 'it was a temporary dip, reflecting the mood of the state'],
      ['said', 'the line would open in May'],
      ['adding', 'it would be free'],
    ]);
  });
  it('takes the preposition of `spoke about`, `referring to` into the cue', () => {
    const qs = indirect('The senator spoke about the budget at length. Ana Ruiz was referring to the new line.');
    expect(qs.map((q) => [q.cue?.text, q.text])).toEqual([
      ['spoke about', 'the budget at length'],
      ['was referring to', 'the new line'],
    ]);
  });
  it('takes a light verb and its noun as the cue (`made no mention of`, `expressed concern that`)', () => {
    const qs = indirect('The mayor made no mention of the court ruling on taxes. The senator expressed concern that the bridge was unsafe. She took a seat at the table.');
    expect(qs.map((q) => [q.speaker.text, q.cue?.text, q.text])).toEqual([
      ['The mayor', 'made no mention of', 'the court ruling on taxes'],
      ['The senator', 'expressed concern', 'the bridge was unsafe'],
    ]);
  });
  it('attributes a `reportedly` clause without a source', () => {
    const qs = indirect('The company has reportedly taken heat from a civil rights group.');
    expect(qs.map((q) => [q.speaker.text, q.cue?.text, q.text])).toEqual([[null, 'reportedly', 'The company has reportedly taken heat from a civil rights group']]);
  });
  it('gives a verb listed after a comma the subject of the sentence', () => {
    const qs = indirect('The agency obfuscated the facts, admitted it withheld the emails from the panel.');
    expect(qs.map((q) => [q.speaker.text, q.cue?.text, q.text])).toEqual([['The agency', 'admitted', 'it withheld the emails from the panel']]);
  });
  it('does not report the adjuncts of a verb of saying that hold a participle', () => {
    const qs = indirect('The bridge will close in June, Ana Ruiz told the station in an interview taped on Friday.');
    expect(qs.map((q) => [q.speaker.text, q.text])).toEqual([['Ana Ruiz', 'The bridge will close in June']]);
  });
});
