/** Test helpers: run normalize + hand-built entities/quotes fixtures + the stance stage in process. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseConfig, type PipelineConfig } from '../../src/config.js';
import { runInProcess, rawInputFromText } from '../../src/pipeline/inprocess.js';
import { z } from 'zod';
import { defineStage, type Stage } from '../../src/pipeline/stage.js';
import type { ActorRecord, EntityRecord, QuoteRecord, StanceRecord } from '../../src/schema.js';
import { normalizeStage } from '../../src/stages/normalize/index.js';
import { stanceStage } from '../../src/stages/stance/index.js';

export interface EntityFixture {
  id: string;
  name: string;
  type: string;
  /** Surfaces; every occurrence in the normalized text becomes a mention. */
  mentions: string[];
  country?: string;
  /** Titles the entities stage would have found ("correspondent"). */
  titles?: string[];
}
export interface QuoteFixture {
  id: string;
  kind: 'direct' | 'indirect';
  /** Exact surface of the quote in the text. */
  text: string;
  speaker: string | null;
  speakerName?: string;
  /** The speaker's surface in the text, when the test needs it ("the Oregon Democrat"). */
  speakerText?: string;
  /** How the quotes stage resolved the speaker; default explicit when `speaker` is set, else none. */
  resolution?: 'explicit' | 'pronoun' | 'descriptor' | 'none';
}

function occurrences(text: string, surface: string): Array<{ start: number; end: number; text: string }> {
  const out = [];
  const re = new RegExp(`(?<![A-Za-z])${surface.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z])`, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, end: m.index + surface.length, text: surface });
  return out;
}

const noOptions = { schema: z.null(), from: () => null };

function fixtureEntities(byDoc: Record<string, EntityFixture[]>): Stage {
  return defineStage({
    name: 'entities',
    version: 'fixture',
    reads: ['documents'],
    writes: ['entities'],
    options: noOptions,
    data: [],
    load: () => ({}),
    process: (b) => ({
      entities: (byDoc[b.docId] ?? []).map(
        (e): EntityRecord => ({
          docId: b.docId,
          id: e.id,
          name: e.name,
          type: e.type,
          mentions: e.mentions.flatMap((m) => occurrences(b.document.text, m)),
          titles: e.titles ?? [],
          ...(e.country ? { country: e.country } : {}),
        }),
      ),
    }),
  });
}

/** The speaker's span from its surface (first occurrence), or nulls. */
function speakerSpan(text: string, surface: string | undefined): { text: string | null; start: number | null; end: number | null } {
  const start = surface ? text.indexOf(surface) : -1;
  if (!surface || start < 0) return { text: null, start: null, end: null };
  return { text: surface, start, end: start + surface.length };
}

function fixtureQuotes(byDoc: Record<string, QuoteFixture[]>): Stage {
  return defineStage({
    name: 'quotes',
    version: 'fixture',
    reads: ['documents'],
    writes: ['quotes'],
    options: noOptions,
    data: [],
    load: () => ({}),
    process: (b) => ({
      quotes: (byDoc[b.docId] ?? []).map((q): QuoteRecord => {
        const start = b.document.text.indexOf(q.text);
        if (start < 0) throw new Error(`quote fixture not found: ${q.text}`);
        return {
          docId: b.docId,
          id: q.id,
          kind: q.kind,
          text: q.text,
          start,
          end: start + q.text.length,
          cue: null,
          speaker: { name: q.speakerName ?? null, entityId: q.speaker, ...speakerSpan(b.document.text, q.speakerText), resolution: q.resolution ?? (q.speaker ? 'explicit' : 'none') },
          confidence: 1,
        };
      }),
    }),
  });
}

export interface StanceRun {
  stances: StanceRecord[];
  actors: ActorRecord[];
  documents: Array<{ id: string; text: string }>;
}

export function runStance(
  docs: Record<string, string>,
  config: PipelineConfig,
  entities: Record<string, EntityFixture[]> = {},
  quotes: Record<string, QuoteFixture[]> = {},
): StanceRun {
  const { artifacts, errors } = runInProcess(
    Object.entries(docs).map(([id, text]) => rawInputFromText(id, text)),
    config,
    [normalizeStage, fixtureEntities(entities), fixtureQuotes(quotes), stanceStage],
  );
  if (errors.length) throw new Error(JSON.stringify(errors));
  return {
    stances: artifacts.stances as StanceRecord[],
    actors: artifacts.actors as ActorRecord[],
    documents: artifacts.documents as Array<{ id: string; text: string }>,
  };
}

/** Load tests/fixtures/stance-<name>/: *.txt articles, config.json, entities.json, quotes.json, expected.json. */
export function loadFixture(name: string) {
  const dir = path.resolve(import.meta.dirname, '..', 'fixtures', `stance-${name}`);
  const read = (f: string, fallback: unknown) => {
    try {
      return JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
    } catch {
      return fallback;
    }
  };
  const docs: Record<string, string> = {};
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt'))) docs[f.replace(/\.txt$/, '')] = readFileSync(path.join(dir, f), 'utf8');
  return {
    docs,
    config: parseConfig(read('config.json', {})),
    entities: read('entities.json', {}) as Record<string, EntityFixture[]>,
    quotes: read('quotes.json', {}) as Record<string, QuoteFixture[]>,
    expected: read('expected.json', {}) as Record<string, { document?: string; holders: Record<string, string> }>,
  };
}

export function simpleConfig(name: string, aliases: string[] = [], extra: Record<string, unknown> = {}): PipelineConfig {
  return parseConfig({ proposal: { name, aliases }, stages: { normalize: { removeChrome: false, detectMetadata: false } }, ...extra });
}
