/** The seed articles against the seed gold: every direct quote with its speaker, reported speech, no scare quotes. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runInProcess, rawInputFromText } from '../../src/pipeline/inprocess.js';
import { normalizeStage } from '../../src/stages/normalize/index.js';
import { quotesStage } from '../../src/stages/quotes/index.js';
import { evalQuotes } from '../../src/eval/quotes.js';
import type { Prf, SeedGold } from '../../src/eval/types.js';
import type { DocumentRecord, QuoteRecord } from '../../src/schema.js';
import { parseConfig } from '../../src/config.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('seed gold', async () => {
  const gold = JSON.parse(readFileSync(path.join(root, 'tests/fixtures/seeds.gold.json'), 'utf8')) as SeedGold;
  const inputs = readdirSync(path.join(root, 'raw'))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => rawInputFromText(f.replace(/\.txt$/, ''), readFileSync(path.join(root, 'raw', f), 'utf8')));
  const { artifacts } = runInProcess(inputs, parseConfig({ proposal: { name: gold.proposal.name } }), [normalizeStage, quotesStage]);
  const section = await evalQuotes({
    gold,
    outputDir: '',
    documents: artifacts.documents as DocumentRecord[],
    entities: [],
    quotes: artifacts.quotes as QuoteRecord[],
    stances: [],
    actors: [],
    devsets: false,
  });
  const m = section.metrics as Record<string, Prf | number>;
  it('finds every direct quote with the right speaker', () => {
    expect((m.direct as Prf).recall).toBe(1);
    expect(m.directSpeakerAccuracy).toBe(1);
  });
  it('finds reported speech with the right speakers (recall >= 0.8)', () => {
    const ind = m.indirect as Prf;
    expect(((m.indirectSpeakerAccuracy as number) * ind.tp) / (ind.tp + ind.fn)).toBeGreaterThanOrEqual(0.8);
  });
  it('reports no scare quotes', () => {
    expect(m.scareQuotes).toBe(0);
  });
});
