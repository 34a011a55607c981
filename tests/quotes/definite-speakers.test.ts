/**
 * Speakers named by a definite description (`the airline said`, `a spokesperson for the airline
 * said`, `the finance minister said`) resolve to the one entity they stand for, with the rule that
 * resolved them and the description's own span; two candidates in reach, or a description beyond
 * the reach (nlp/definite-descriptions.ts DEFINITE_REACH, 400 tokens), stay unresolved. Texts
 * written for these tests; the entities stage runs.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess, rawInputFromText } from '../../src/pipeline/inprocess.js';
import { normalizeStage } from '../../src/stages/normalize/index.js';
import { entitiesStage } from '../../src/stages/entities/index.js';
import { quotesStage } from '../../src/stages/quotes/index.js';
import { stanceStage } from '../../src/stages/stance/index.js';
import { parseConfig } from '../../src/config.js';
import type { DocumentRecord, QuoteRecord, StanceRecord } from '../../src/schema.js';
import { config } from './helpers.js';

function run(text: string): { quotes: QuoteRecord[]; text: string } {
  const { artifacts, errors } = runInProcess([rawInputFromText('doc', text)], config, [normalizeStage, entitiesStage, quotesStage]);
  if (errors.length) throw new Error(JSON.stringify(errors));
  return { quotes: artifacts.quotes as QuoteRecord[], text: (artifacts.documents as DocumentRecord[])[0]!.text };
}
const quoteWith = (quotes: QuoteRecord[], content: string): QuoteRecord => {
  const q = quotes.find((x) => x.text.includes(content));
  if (!q) throw new Error(`no quote with ${content}: ${JSON.stringify(quotes.map((x) => x.text))}`);
  return q;
};
/** The speaker's surface as the record's offsets give it. */
const surface = (text: string, q: QuoteRecord) => text.slice(q.speaker.start!, q.speaker.end!);

describe('organization by the head noun it was introduced with', () => {
  it('gives "the airline said" to the budget airline named before, the span staying the description', () => {
    const { quotes, text } = run('Budget airline Skyvane Airlines announced new fees for checked bags on Monday.\n\nThe airline said the change would cut queues at the gates.\n');
    const q = quoteWith(quotes, 'cut queues');
    expect(q.speaker).toMatchObject({ name: 'Skyvane Airlines', entityId: 'ORG:skyvane-airlines', resolution: 'descriptor', rule: 'descriptor-definite-org', text: 'The airline' });
    expect(surface(text, q)).toBe('The airline');
  });
  it('resolves a description after a direct quote ("...," the union said)', () => {
    const { quotes, text } = run('The Harbour Workers Union called a strike on Friday.\n\n"We will not go back," the union said.\n');
    const q = quoteWith(quotes, 'We will not go back');
    expect(q.speaker).toMatchObject({ entityId: 'ORG:harbour-workers-union', rule: 'descriptor-definite-org' });
    expect(surface(text, q)).toBe('the union');
  });
  it('gives "a spokesperson for the airline said" to the airline', () => {
    const { quotes, text } = run('Budget airline Skyvane Airlines announced new fees on Monday.\n\nA spokesperson for the airline said the change would cut queues at the gates.\n');
    const q = quoteWith(quotes, 'cut queues');
    // (The speaker mention of `a spokesperson for X said` is X, as for a name.)
    expect(q.speaker).toMatchObject({ entityId: 'ORG:skyvane-airlines', resolution: 'descriptor', rule: 'descriptor-definite-org' });
    expect(surface(text, q)).toBe('the airline');
  });
  it('leaves "the airline said" unresolved when two airlines are in reach', () => {
    const { quotes } = run('Budget airline Skyvane Airlines announced new fees on Monday. Rival airline Northwing Airways kept its old prices.\n\nThe airline said the change would cut queues at the gates.\n');
    const q = quoteWith(quotes, 'cut queues');
    expect(q.speaker.entityId).toBeNull();
    expect(q.speaker.name).toBeNull();
    expect(q.speaker.text).toBe('The airline');
  });
  it('leaves a spokesperson for "the airline" unresolved when two airlines are in reach', () => {
    const { quotes } = run('Budget airline Skyvane Airlines announced new fees on Monday. Rival airline Northwing Airways kept its old prices.\n\nA spokesperson for the airline said the change would cut queues at the gates.\n');
    expect(quoteWith(quotes, 'cut queues').speaker.entityId).toBeNull();
  });
  it('resolves across a paragraph break within reach, not beyond 400 tokens', () => {
    const filler = 'The port was quiet for most of the week and ships waited outside. ';
    const near = run(`The Harbour Workers Union called a strike on Friday.\n\n${filler.repeat(3)}\n\nThe union said its members would stay out for a week.\n`);
    expect(quoteWith(near.quotes, 'stay out').speaker.entityId).toBe('ORG:harbour-workers-union');
    const far = run(`The Harbour Workers Union called a strike on Friday.\n\n${filler.repeat(40)}\n\nThe union said its members would stay out for a week.\n`);
    const q = quoteWith(far.quotes, 'stay out');
    expect(q.speaker.entityId).toBeNull();
    expect(q.speaker.resolution).toBe('none');
  });
  it('does not resolve a description written before the organization is named', () => {
    const { quotes } = run('"We will not pay more," the airline said, before budget airline Skyvane Airlines raised its fees.\n');
    expect(quoteWith(quotes, 'We will not pay more').speaker.entityId).toBeNull();
  });
});

describe('person by the role held in the document', () => {
  it('gives "the prime minister said" to the one person written with that title', () => {
    const { quotes, text } = run('Prime Minister Oskar Lindqvist visited the harbour on Tuesday.\n\nThe prime minister said the new pier would open in spring.\n');
    const q = quoteWith(quotes, 'new pier');
    expect(q.speaker).toMatchObject({ name: 'Oskar Lindqvist', entityId: 'PERSON:oskar-lindqvist', resolution: 'descriptor', rule: 'descriptor-title' });
    expect(surface(text, q)).toBe('The prime minister');
  });
  it('leaves "the finance minister said" unresolved when two people hold the title', () => {
    const { quotes } = run('Finance Minister Oskar Lindqvist and Finance Minister Ruth Okafor met in Brussels.\n\nThe finance minister said the deal would hold.\n');
    const q = quoteWith(quotes, 'the deal would hold');
    expect(q.speaker.entityId).toBeNull();
    expect(q.speaker.name).toBeNull();
    expect(q.speaker.rule).toBe('descriptor-unresolved');
  });
});

describe('person referred back to by role or party ("the Oregon Democrat said")', () => {
  it('gives the descriptor to the person who spoke just before, not to the place inside it', () => {
    const { quotes, text } = run('"The tolls are a mistake," Sen. Dana Whitlock told reporters on Monday. "We will vote against them next week," the Oregon Democrat said.\n');
    const q = quoteWith(quotes, 'We will vote against them');
    expect(q.speaker).toMatchObject({ name: 'Dana Whitlock', entityId: 'PERSON:dana-whitlock', resolution: 'descriptor', rule: 'descriptor-previous-speaker' });
    expect(surface(text, q)).toBe('the Oregon Democrat');
  });
  it('leaves it when another person is named between', () => {
    const { quotes } = run('"The tolls are a mistake," Sen. Dana Whitlock told reporters on Monday after meeting Gov. Paul Renner. "We will vote against them next week," the Oregon Democrat said.\n');
    expect(quoteWith(quotes, 'We will vote against them').speaker.entityId).not.toBe('PERSON:dana-whitlock');
  });
});

describe('quotes and stance read one resolution', () => {
  it('the organization a description stands for in quotes.jsonl holds the stance of what it said', () => {
    const levy = parseConfig({ proposal: { name: 'harbour levy' }, stages: { normalize: { removeChrome: false, detectMetadata: false } } });
    const text = 'The Quayside Traders Union met on Monday.\n\nThe union said the harbour levy was unworkable and unfair.\n';
    const { artifacts, errors } = runInProcess([rawInputFromText('doc', text)], levy, [normalizeStage, entitiesStage, quotesStage, stanceStage]);
    expect(errors).toEqual([]);
    const q = quoteWith(artifacts.quotes as QuoteRecord[], 'unworkable');
    expect(q.speaker).toMatchObject({ entityId: 'ORG:quayside-traders-union', rule: 'descriptor-definite-org', text: 'The union' });
    const stance = (artifacts.stances as StanceRecord[]).find((r) => r.holder?.entityId === 'ORG:quayside-traders-union');
    expect(stance?.label).toBe('oppose');
    expect(stance?.evidence.some((e) => e.quoteId === q.id)).toBe(true);
  });
});
