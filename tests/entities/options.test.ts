import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { configHash } from '../../src/pipeline/cache.js';
import { execute } from '../../src/pipeline/execute.js';
import { entitiesStage } from '../../src/stages/entities/index.js';
import { normalizeStage } from '../../src/stages/normalize/index.js';
import type { EntityRecord } from '../../src/schema.js';

/**
 * The finder's settings are stage options, so they are in the cache key (plan.ts hashes the parsed
 * options): a run with another beam or margin redoes the entities instead of reusing them.
 */
const config = (entities: unknown) => parseConfig({ proposal: { name: 'p' }, stages: { entities } });

describe('entities stage options', () => {
  it('default to the tagger with a beam of 2 and a margin of 1', () => {
    expect(entitiesStage.options(config({}))).toEqual({ crossDocumentMerge: true, finder: 'tagger', tagger: { beam: 2, minMargin: 1 } });
    expect(entitiesStage.options(config({ tagger: { beam: 1 } }))).toMatchObject({ tagger: { beam: 1, minMargin: 1 } });
  });

  it('change the cache key when the beam, the margin or the finder changes', () => {
    const hashes = [{}, { tagger: { beam: 1 } }, { tagger: { minMargin: 3 } }, { finder: 'rules' }].map((e) => configHash(entitiesStage.options(config(e))));
    expect(new Set(hashes).size).toBe(4);
  });

  it('are refused when out of range, with the field named', () => {
    expect(() => config({ tagger: { beam: 0 } })).toThrow(/beam/);
    expect(() => config({ finder: 'crf' })).toThrow(/finder/);
  });

  it('reach the finder: a margin no span reaches keeps only spans with other evidence', () => {
    // Invented text. With an impossible margin, unsure-looking spans must go; the output must differ.
    const text = 'Talvik Oremund, who runs the Brisel Canning Company, met Ardo Pemm in Varnholt on Monday.';
    const bytes = new TextEncoder().encode(text);
    const normalized = execute(normalizeStage, { raw: { docId: 'd', path: 'd.txt', bytes, sha256: 'x' } }, config({}));
    if (!normalized.ok) throw new Error(JSON.stringify(normalized.diagnostics));
    const records = { documents: normalized.output.documents!, tokens: normalized.output.tokens! };
    const run = (entities: unknown) => {
      const r = execute(entitiesStage, { docId: 'd', records }, config(entities));
      if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
      return (r.output.entities as EntityRecord[]).map((e) => `${e.type}:${e.name}`).sort();
    };
    const normal = run({});
    expect(normal).toContain('PERSON:Talvik Oremund');
    expect(run({ tagger: { minMargin: 1e9 } })).not.toEqual(normal);
  });
});
