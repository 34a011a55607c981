import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { runInProcess, rawInputFromText } from '../../src/pipeline/inprocess.js';
import { normalizeStage } from '../../src/stages/normalize/index.js';
import { entitiesStage } from '../../src/stages/entities/index.js';
import { evalEntities } from '../../src/eval/entities.js';
import type { DocumentRecord, EntityRecord } from '../../src/schema.js';

const config = parseConfig({ proposal: { name: 'test' } });
const fixtures = path.resolve(__dirname, '..', 'fixtures', 'entities-names');

function run(files: Record<string, string>) {
  const inputs = Object.entries(files).map(([id, text]) => rawInputFromText(id, text));
  const { artifacts, errors } = runInProcess(inputs, config, [normalizeStage, entitiesStage]);
  expect(errors).toEqual([]);
  return { docs: artifacts.documents as DocumentRecord[], ents: artifacts.entities as EntityRecord[] };
}
const fixtureFiles = Object.fromEntries(readdirSync(fixtures).sort().map((f) => [f.replace(/\.txt$/, ''), readFileSync(path.join(fixtures, f), 'utf8')]));
const { docs, ents } = run(fixtureFiles);
const inDoc = (doc: string) => ents.filter((e) => e.docId === doc);
const byName = (doc: string, name: string) => inDoc(doc).find((e) => e.name === name);
const texts = (e: EntityRecord | undefined) => (e ? e.mentions.map((m) => m.text) : []);

describe('entities stage', () => {
  it('every mention offset is exact and records are sorted by first mention', () => {
    for (const e of ents) {
      const doc = docs.find((d) => d.id === e.docId)!;
      for (const m of e.mentions) expect(doc.text.slice(m.start, m.end)).toBe(m.text);
    }
    for (const d of docs) {
      const firsts = inDoc(d.id).map((e) => e.mentions[0]!.start);
      expect(firsts).toEqual([...firsts].sort((x, y) => x - y));
    }
  });

  it('strips titles, keeps them in `titles`, and joins a lone surname to the full name', () => {
    const tanaka = inDoc('a').find((e) => e.type === 'PERSON' && texts(e).includes('Tanaka Hiroshi'));
    expect(tanaka).toBeDefined();
    expect(texts(tanaka)).toEqual(['Tanaka Hiroshi', 'Tanaka']);
    expect(tanaka!.titles).toContain('Finance Minister');
    // the surname used alone goes last: given name first
    expect(tanaka!.name).toBe('Hiroshi Tanaka');
    const verma = inDoc('a').find((e) => e.type === 'PERSON' && texts(e).includes('Rajesh Kumar Verma'));
    expect(texts(verma)).toEqual(['Rajesh Kumar Verma', 'Verma']);
    expect(verma!.titles).toEqual(['External Affairs Minister']); // "Dr" is an honorific, not a title
  });

  it('types demonyms as NORP linked to their country, and org acronyms and head words as ORG', () => {
    expect(byName('a', 'Kenyan')).toMatchObject({ type: 'NORP', country: 'GPE:kenya' });
    expect(byName('a', 'South Korean')).toMatchObject({ type: 'NORP', country: 'GPE:south-korea' });
    expect(byName('a', 'Meridian Institute')?.type).toBe('ORG');
    expect(byName('a', 'Northern Trade Association of Pacific Nations')?.type).toBe('ORG');
    expect(byName('a', 'NATO')?.id).toBe('ORG:nato');
    // the acronym defined in parentheses is a mention of the organization itself
    expect(texts(byName('a', 'Northern Trade Association of Pacific Nations'))).toEqual(['Northern Trade Association of Pacific Nations', 'NTAPN']);
  });

  it('unifies country aliases and reads an acting capital as its country', () => {
    const us = inDoc('a').find((e) => e.id === 'GPE:united-states');
    expect(texts(us)).toEqual(['U.S.', 'America']);
    expect(texts(inDoc('a').find((e) => e.id === 'GPE:china'))).toEqual(['Beijing']);
    expect(byName('a', 'Oslo')?.type).toBe('GPE');
    expect(inDoc('b').find((e) => e.id === 'GPE:united-states')?.mentions.map((m) => m.text)).toEqual(['US']);
  });

  it('gives each person one id across documents: name order, initials, spelling variant with a shared title', () => {
    const tanakaIds = new Set(ents.filter((e) => e.type === 'PERSON' && e.mentions.some((m) => /Tanaka/.test(m.text))).map((e) => e.id));
    expect([...tanakaIds]).toEqual(['PERSON:hiroshi-tanaka']);
    const vermaIds = new Set(ents.filter((e) => e.type === 'PERSON' && e.mentions.some((m) => /Verma/.test(m.text))).map((e) => e.id));
    expect([...vermaIds]).toEqual(['PERSON:rajesh-kumar-verma']);
    const hollowell = ents.filter((e) => e.type === 'PERSON' && e.mentions.some((m) => /Hol+owell/.test(m.text)));
    expect(new Set(hollowell.map((e) => e.id)).size).toBe(1);
    const merged = hollowell.find((e) => e.docId === 'c')!;
    expect(merged.mergedFrom?.length).toBeGreaterThan(0);
    expect(merged.mergedFrom!.map((m) => m.reason).join(' ')).toMatch(/edit/);
    expect(texts(merged)).toEqual(['Marcus Holowell', 'Holowell']);
  });

  it('passes wink dates through with their type', () => {
    expect(inDoc('a').some((e) => e.type === 'DATE' && texts(e).includes('Monday'))).toBe(true);
  });

  it('keeps people apart when only the surname matches across documents', () => {
    const r = run({ x: 'Anna Berg spoke in Oslo.', y: 'Lars Berg replied from Bergen.' });
    const ids = (r.ents as EntityRecord[]).filter((e) => e.type === 'PERSON').map((e) => e.id).sort();
    expect(ids).toEqual(['PERSON:anna-berg', 'PERSON:lars-berg']);
  });
});

describe('entities on the seed articles', () => {
  it('meets the seed gold (P and R >= 0.95 per type, variants mapped, one id per person)', async () => {
    const raw = path.resolve(__dirname, '..', '..', 'raw');
    const files = Object.fromEntries(readdirSync(raw).filter((f) => f.endsWith('.txt')).sort().map((f) => [f.replace(/\.txt$/, ''), readFileSync(path.join(raw, f), 'utf8')]));
    const r = run(files);
    const gold = JSON.parse(readFileSync(path.resolve(__dirname, '..', 'fixtures', 'seeds.gold.json'), 'utf8'));
    const section = await evalEntities({ gold, outputDir: '', documents: r.docs, entities: r.ents, quotes: [], stances: [], actors: [], devsets: false });
    for (const t of ['PERSON', 'ORG', 'GPE', 'LOC']) {
      const m = section.metrics[t] as { precision: number; recall: number };
      expect(m.precision, `${t} precision`).toBeGreaterThanOrEqual(0.95);
      expect(m.recall, `${t} recall`).toBeGreaterThanOrEqual(0.95);
    }
    expect(section.metrics.variantsMapped).toBe(1);
    expect(section.metrics.personsWithOneId).toBe(1);
  });
});

describe('capitals', () => {
  it('a capital that acts or owns a decision stands for its country; a capital as a place stays a city', () => {
    const { ents: e } = run({
      cap: 'Officials met in Canberra on Monday. Canberra\u2019s proposal drew criticism, and Canberra later insisted it would go ahead.\n',
    });
    const australia = e.find((x) => x.id === 'GPE:australia');
    expect(texts(australia)).toEqual(['Canberra', 'Canberra']);
    expect(texts(e.find((x) => x.name === 'Canberra'))).toEqual(['Canberra']);
  });
});
