/**
 * Speaker resolution with the entities stage in the run (organizations, persons inside long titles,
 * stock tickers): texts written for these tests.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess, rawInputFromText } from '../../src/pipeline/inprocess.js';
import { normalizeStage } from '../../src/stages/normalize/index.js';
import { entitiesStage } from '../../src/stages/entities/index.js';
import { quotesStage } from '../../src/stages/quotes/index.js';
import type { QuoteRecord } from '../../src/schema.js';
import { config } from './helpers.js';

function quotesWithEntities(text: string): QuoteRecord[] {
  const { artifacts, errors } = runInProcess([rawInputFromText('doc', text)], config, [normalizeStage, entitiesStage, quotesStage]);
  if (errors.length) throw new Error(JSON.stringify(errors));
  return artifacts.quotes as QuoteRecord[];
}
const speakerOf = (quotes: QuoteRecord[], content: string) => quotes.find((q) => q.text.includes(content))?.speaker;

describe('speakers with entities', () => {
  it('gives a spokesman’s words to the company, not to its stock ticker', () => {
    const quotes = quotesWithEntities('A spokesman for Lumen Freight Corp <LFC>, a shipping firm, said the routes would change in June.\n');
    const s = speakerOf(quotes, 'the routes would change');
    expect(s?.name).not.toBe('LFC');
    expect(s?.name ?? '').toMatch(/Lumen Freight/);
  });
  it('never resolves he or she to something that is not a person', () => {
    const quotes = quotesWithEntities('The Tories published their plan on Monday.\n\nThe Harbour Trust rejected it. "It will ruin the port," he said.\n');
    const s = speakerOf(quotes, 'It will ruin the port');
    expect(s?.name ?? null).toBeNull();
  });
  it('finds the person after an organization and a title', () => {
    const quotes = quotesWithEntities('"The levy is unfair," Ministry of Ports and Shipping (MPS) deputy director general Kenji Arata told reporters.\n');
    expect(speakerOf(quotes, 'The levy is unfair')?.name).toBe('Kenji Arata');
  });
  it('carries the speaker rule and a calibrated confidence, explicit above pronoun', () => {
    const quotes = quotesWithEntities('Mrs Alma Pereira opened the session. "We will vote today," Mrs Alma Pereira said. "The fees stay," she said later.\n');
    const explicit = quotes.find((q) => q.text.includes('We will vote'))!;
    const pronoun = quotes.find((q) => q.text.includes('The fees stay'))!;
    expect(explicit.speaker.resolution).toBe('explicit');
    expect(pronoun.speaker.resolution).toBe('pronoun');
    expect(pronoun.speaker.rule).toMatch(/^pronoun-/);
    expect(explicit.confidence).toBeGreaterThan(pronoun.confidence);
  });
});
