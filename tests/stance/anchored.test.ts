/**
 * Stance on a proposal that holds on news text (issue 18): one test per construction, each on a
 * few sentences written for the test. Stance must apply to a reference to the proposal; acts on
 * it count; the proposer supports it; titles, phrasal verbs and subject-matter words never cue;
 * reporters hold none; a straight report is neutral as a document; every record and evidence
 * statement carries a confidence.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { analyze } from '../../src/nlp/wink.js';
import type { AnalysisRecord, DocumentRecord } from '../../src/schema.js';
import { notACue } from '../../src/stages/stance/acts.js';
import { actorsFrom } from '../../src/stages/stance/actors.js';
import { isProposition } from '../../src/stages/stance/anchor.js';
import { findTargetMentions } from '../../src/stages/stance/targets.js';
import { tokensOf } from '../../src/stages/stance/tokens.js';
import { makeView } from '../../src/nlp/doc-view.js';
import { runStance, simpleConfig, type EntityFixture, type QuoteFixture } from './helpers.js';

const config = simpleConfig('congestion charge', ['city congestion charge', 'charge on drivers entering the centre']);
const person = (name: string, extra: Partial<EntityFixture> = {}): EntityFixture => ({
  id: `PERSON:${name.toLowerCase().replace(/\s+/g, '-')}`,
  name,
  type: 'PERSON',
  mentions: [name, name.split(' ').at(-1)!],
  ...extra,
});
const PEOPLE = [person('Ilse Varga'), person('Omar Lind'), person('Petra Hale'), person('Jon Okafor')];

/** The stage's token view of a text (one wink pass). */
function toksOf(text: string) {
  const a = analyze(text);
  const analysis = { schema: 1, docId: 'x', tokens: a.tokens, sentenceTokens: a.sentenceTokens, winkEntities: a.winkEntities } as AnalysisRecord;
  return tokensOf(makeView({ text, paragraphs: [{ start: 0, end: text.length }] } as DocumentRecord, analysis));
}

/** Label of each holder (by name) and of the document, for one text. */
function labels(text: string, quotes: QuoteFixture[] = [], entities: EntityFixture[] = PEOPLE) {
  const r = runStance({ d: text }, config, { d: entities }, { d: quotes });
  const out: Record<string, string> = {};
  for (const s of r.stances) out[s.holder?.name ?? '(document)'] = s.label;
  return { labels: out, run: r };
}

describe('anchoring: stance applies to a reference to the proposal', () => {
  it('an evaluation of something else in a sentence that names the proposal bears no stance', () => {
    const { labels: l } = labels('The congestion charge starts in May. Ilse Varga said the storm last week had been dangerous for cyclists on the ring road.');
    expect(l['Ilse Varga']).toBeUndefined();
  });

  it('the same evaluation applied to the proposal does', () => {
    const { labels: l } = labels('Ilse Varga said the congestion charge was dangerous and unfair.');
    expect(l['Ilse Varga']).toBe('oppose');
  });

  it('subject-matter (related) words alone carry no stance', () => {
    const cfg = parseConfig({ proposal: { name: 'congestion charge', related: ['traffic', 'air quality'] }, stages: { normalize: { removeChrome: false, detectMetadata: false } } });
    const r = runStance({ d: 'The congestion charge was debated. Later, Omar Lind praised the air quality in the suburbs and welcomed lighter traffic.' }, cfg, { d: PEOPLE });
    expect(r.stances.find((s) => s.holder?.name === 'Omar Lind')).toBeUndefined();
  });

  it('the configured name\'s head noun refers back to it ("the charges")', () => {
    const { labels: l } = labels('The city congestion charge was announced on Monday. Petra Hale attacked the charges in a speech.');
    expect(l['Petra Hale']).toBe('oppose');
  });

  it('a partial name (head noun with another word of a configured name) is a reference', () => {
    const text = 'A charge on drivers in the old centre will start in May.';
    const toks = toksOf(text);
    const ms = findTargetMentions(toks, [{ name: 'congestion charge', aliases: ['charge on drivers entering the centre'], related: [] }], undefined, new Set(), true);
    expect(ms.map((m) => text.slice(m.start, m.end))).toEqual(['charge on drivers']);
  });

  it('a partial name owned by someone else is not the target ("the port\'s drivers charge")', () => {
    const text = 'The port\'s drivers charge will rise.';
    const ms = findTargetMentions(toksOf(text), [{ name: 'congestion charge', aliases: ['charge on drivers entering the centre'], related: [] }], undefined, new Set(), true);
    expect(ms).toEqual([]);
  });
});

describe('a plain config (a name only) on a short article', () => {
  it('ordinary argument takes sides: "is good for workers", "would be unaffordable", "a tax on"', () => {
    const cfg = simpleConfig('four-day week');
    const r = runStance(
      { d: 'Omar Lind said the four-day week is good for workers. Petra Hale said it would be unaffordable for small firms. Jon Okafor called the four-day week a tax on employers.' },
      cfg,
      { d: PEOPLE },
    );
    const got = Object.fromEntries(r.stances.filter((x) => x.holder).map((x) => [x.holder!.name, x.label]));
    expect(got).toEqual({ 'Omar Lind': 'support', 'Petra Hale': 'oppose', 'Jon Okafor': 'oppose' });
  });
});

describe('cues that are not attitudes', () => {
  it('a title never cues: "opposition leader", "film critic"', () => {
    const { labels: l } = labels('Opposition leader Omar Lind spoke about the congestion charge on Tuesday. Film critic Ilse Varga wrote about the congestion charge too.');
    expect(l['Omar Lind']).toBeUndefined();
    expect(l['Ilse Varga']).toBeUndefined();
  });

  it('a phrasal verb does not cue its particle ("holds back")', () => {
    const { labels: l } = labels('Petra Hale holds back her view of the congestion charge until the vote.');
    expect(l['Petra Hale']).toBeUndefined();
  });

  it('a verb cue read as a noun ("shares") or "call for" a date is no attitude', () => {
    const toks = toksOf('Shares in the congestion charge operator rose. A vote on the congestion charge was called for 5 May.');
    const shares = toks.findIndex((t) => t.lower === 'shares');
    expect(notACue(toks, shares, shares, 'share')).toBe(true);
    const called = toks.findIndex((t) => t.lower === 'called');
    expect(notACue(toks, called, called + 1, 'call for')).toBe(true);
  });
});

describe('acts on the proposal', () => {
  it('"vote against the bill" in a speaker\'s own words: the speaker opposes', () => {
    const text = 'The congestion charge goes to a vote next week. "We will vote against the charge," said Jon Okafor.';
    const { labels: l } = labels(text, [{ id: 'd#q1', kind: 'direct', text: '"We will vote against the charge,"', speaker: 'PERSON:jon-okafor' }]);
    expect(l['Jon Okafor']).toBe('oppose');
  });

  it('introduce / defend: support; scrap / water down / delay: oppose', () => {
    const { labels: l } = labels(
      'Ilse Varga introduced the congestion charge in March. Omar Lind defended the congestion charge. Petra Hale wants to scrap the congestion charge. Jon Okafor tried to water down the congestion charge.',
    );
    expect(l).toMatchObject({ 'Ilse Varga': 'support', 'Omar Lind': 'support', 'Petra Hale': 'oppose', 'Jon Okafor': 'oppose' });
  });

  it('a passive act goes to its agent: "announced on Monday by Mayor X"', () => {
    const { labels: l } = labels('The congestion charge, announced on Monday by Mayor Ilse Varga, starts in May.');
    expect(l['Ilse Varga']).toBe('support');
  });

  it('a reported act belongs to its own subject, not to the reporter', () => {
    const { labels: l } = labels('Omar Lind said that Petra Hale would scrap the congestion charge.');
    expect(l['Petra Hale']).toBe('oppose');
    expect(l['Omar Lind']).toBeUndefined();
  });

  it('a negated act is no stance ("did not oppose"), nor is one under a condition ("would lift it once ...")', () => {
    const { labels: l } = labels('Omar Lind did not oppose the congestion charge. Ilse Varga said she would lift the congestion charge once traffic fell.');
    expect(l['Omar Lind']).toBeUndefined();
    expect(l['Ilse Varga']).toBeUndefined();
  });

  it('judging an act judges the proposal: "right to reject the charge"', () => {
    const { labels: l } = labels('Petra Hale said the council was right to reject the congestion charge.');
    expect(l['Petra Hale']).toBe('oppose');
  });

  it('an attributive participle describes, it does not act ("the proposed charge")', () => {
    const { labels: l } = labels('Jon Okafor will join the debate on the proposed congestion charge.');
    expect(l['Jon Okafor']).toBeUndefined();
  });
});

describe('holders', () => {
  it('the proposer supports his own plan: "X\'s congestion charge", "his congestion charge"', () => {
    const { labels: l } = labels('Ilse Varga\'s congestion charge starts in May. Omar Lind spoke at length. Critics wrote to his congestion charge office.');
    expect(l['Ilse Varga']).toBe('support');
    expect(l['Omar Lind']).toBe('support');
  });

  it('the proposal as subject with a judging predicate: "<charge> to ... would not work, argued X"', () => {
    const { labels: l } = labels('Congestion charge plans to tax every car entering the old town and its suburbs would not work, argued Jon Okafor.');
    expect(l['Jon Okafor']).toBe('oppose');
  });

  it('a subjectless frame takes the speaker of the clause after it: "While expressing regret over ..., X said"', () => {
    const { labels: l } = labels('While expressing regret over the decision to impose the congestion charge, Jon Okafor said talks would go on.');
    expect(l['Jon Okafor']).toBe('oppose');
  });

  it('a reporting clause after the content gives its speaker: "..., X has said."', () => {
    const { labels: l } = labels('The congestion charge is unworkable and unfair, Petra Hale has said.');
    expect(l['Petra Hale']).toBe('oppose');
  });

  it('a correspondent or analyst reporting others holds no stance of his own', () => {
    const reporter = person('Omar Lind', { titles: ['political correspondent'] });
    const { labels: l } = labels('Political correspondent Omar Lind said the congestion charge was unworkable.', [], [reporter, person('Ilse Varga')]);
    expect(l['Omar Lind']).toBeUndefined();
  });
});

describe('more references and holders', () => {
  const chargeCfg = simpleConfig('city congestion charges', ['congestion charges']);
  const run = (text: string, quotes: QuoteFixture[] = [], entities: EntityFixture[] = PEOPLE) => {
    const r = runStance({ d: text }, chargeCfg, { d: entities }, { d: quotes });
    return Object.fromEntries(r.stances.filter((s) => s.holder).map((s) => [s.holder!.name, s.label]));
  };

  it('"X\'s proposals for charges" refers to the proposal even before it is named, and X proposed it', () => {
    expect(run('Omar Lind spent the day attacking Ilse Varga\'s proposals for charges on drivers.')).toMatchObject({ 'Ilse Varga': 'support', 'Omar Lind': 'oppose' });
  });

  it('a bare head noun is the object of an act ("want charges")', () => {
    expect(run('The congestion charges were debated. Petra Hale wants charges for every lorry.')).toMatchObject({ 'Petra Hale': 'support' });
  });

  it('"must be applied" in a speaker\'s quote is the speaker\'s advocacy', () => {
    const text = 'The congestion charges are due in May. "We think the charges must be applied," Jon Okafor told reporters.';
    expect(run(text, [{ id: 'd#q1', kind: 'direct', text: '"We think the charges must be applied,"', speaker: 'PERSON:jon-okafor' }])).toMatchObject({ 'Jon Okafor': 'support' });
  });

  it('a document that uses the name\'s head noun again and again is about the target even if it never names it', () => {
    const text = 'Charges for lorries are coming. Drivers fear the charges. Petra Hale said she would scrap the charges.';
    expect(run(text)).toMatchObject({ 'Petra Hale': 'oppose' });
  });

  it('the head of a related term names that other thing, not the target ("the pact")', () => {
    const cfg = parseConfig({ proposal: { name: 'city congestion charges', related: ['transport pact'] }, stages: { normalize: { removeChrome: false, detectMetadata: false } } });
    const r = runStance({ d: 'The city congestion charges start in May. Omar Lind said he would scrap the pact.' }, cfg, { d: PEOPLE });
    expect(r.stances.find((x) => x.holder?.name === 'Omar Lind')).toBeUndefined();
  });

  it('"he" is the most salient man named nearby, not a woman named last', () => {
    const text = 'Omar Lind spoke in the morning. Lind greeted Petra Hale at the door. He will scrap the congestion charges.';
    expect(run(text)).toMatchObject({ 'Omar Lind': 'oppose' });
    expect(run(text)['Petra Hale']).toBeUndefined();
  });
});

describe('the document\'s own stance', () => {
  const reported = [
    '"The congestion charge is unfair," Ilse Varga said.',
    '"It is unworkable," Omar Lind said.',
    '"We oppose the congestion charge," Petra Hale said.',
    'The council meets on Friday.',
  ].join('\n');
  const quotes: QuoteFixture[] = [
    { id: 'd#q1', kind: 'direct', text: '"The congestion charge is unfair,"', speaker: 'PERSON:ilse-varga' },
    { id: 'd#q2', kind: 'direct', text: '"It is unworkable,"', speaker: 'PERSON:omar-lind' },
    { id: 'd#q3', kind: 'direct', text: '"We oppose the congestion charge,"', speaker: 'PERSON:petra-hale' },
  ];

  it('a straight news report (mostly others\' words) is neutral, whatever its sources say', () => {
    const { run } = labels(reported, quotes);
    const own = run.stances.find((s) => s.holder === null)! as (typeof run.stances)[number] & { voice?: string };
    expect(own.label).toBe('neutral');
    expect(own.voice).toBe('report');
    expect(run.stances.find((s) => s.holder?.name === 'Ilse Varga')?.label).toBe('oppose');
  });

  it('an opinion piece in its own voice keeps its label', () => {
    const { run } = labels('The congestion charge is unfair and unworkable.\nThe congestion charge is a costly mistake.\nThe council meets on Friday.');
    expect(run.stances.find((s) => s.holder === null)!.label).toBe('oppose');
  });
});

describe('confidence', () => {
  it('every record and every evidence statement has a confidence in [0, 1]; evidence keeps its own sign', () => {
    const { run } = labels('Ilse Varga defended the congestion charge. But Ilse Varga said the congestion charge was costly.');
    const rec = run.stances.find((s) => s.holder?.name === 'Ilse Varga')! as (typeof run.stances)[number] & { confidence: number; evidence: Array<{ score: number; confidence: number }> };
    expect(rec.confidence).toBeGreaterThan(0);
    expect(rec.confidence).toBeLessThanOrEqual(1);
    for (const e of rec.evidence) expect(e.confidence).toBeGreaterThan(0);
    expect(rec.evidence.some((e) => e.score > 0)).toBe(true);
    expect(rec.evidence.some((e) => e.score < 0)).toBe(true);
  });

  it('stages.stance.minConfidence keeps unsure records out of the actor table', () => {
    const rec = (name: string, confidence: number) => ({ docId: 'a', holder: { entityId: `PERSON:${name}`, name }, target: 't', label: 'support' as const, score: 0.5, confidence, evidence: [] });
    expect(actorsFrom([rec('sure', 0.8), rec('unsure', 0.3)], 0.15, 0.5).map((a) => a.name)).toEqual(['sure']);
    expect(actorsFrom([rec('sure', 0.8), rec('unsure', 0.3)], 0.15).map((a) => a.name)).toEqual(['sure', 'unsure']);
  });
});

describe('proposal or proposition', () => {
  it('a target written as a clause is a proposition, a noun phrase a proposal; the option overrides', () => {
    const p = (name: string) => ({ name, aliases: [], related: [] });
    expect(isProposition(p('climate change is a serious concern'), { targetKind: 'auto' })).toBe(true);
    expect(isProposition(p('four-day week'), { targetKind: 'auto' })).toBe(false);
    expect(isProposition(p('four-day week'), { targetKind: 'proposition' })).toBe(true);
    expect(isProposition(p('sea levels will rise'), { targetKind: 'proposal' })).toBe(false);
  });

  it('a proposition takes statements about its topic without an alias; a proposal does not', () => {
    const prop = parseConfig({ proposal: { name: 'rents are too high', aliases: ['high rents'] }, stages: { normalize: { removeChrome: false, detectMetadata: false } } });
    const own = (cfg: ReturnType<typeof parseConfig>, text: string) => runStance({ d: text }, cfg).stances.find((s) => s.holder === null)!;
    expect(own(prop, 'This is a serious crisis and an emergency.').label).toBe('support');
    const plain = simpleConfig('rent cap');
    expect(own(plain, 'This is a serious crisis and an emergency.').label).toBe('neutral');
  });
});
