/**
 * The real-world evaluation (src/eval/realworld*.ts) on a small invented set
 * (tests/fixtures/realworld-mini: gold.json + an output folder written by hand, no corpus text),
 * with expected counts worked out by hand; and, when ../shared is present, the same counts as the
 * reference scorer score.mjs on the fixture and on any real-world output folders present.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { devsetDir } from '../../src/eval/devset.js';
import { evalRealworldSet, oppositePolarity, readOutputFolder, realworldEvaluators, realworldSets } from '../../src/eval/realworld.js';
import { scoreRealworld, type RealworldResult, type RwGold } from '../../src/eval/realworld-score.js';

const fixture = path.resolve('tests/fixtures/realworld-mini');
const gold = (): RwGold => JSON.parse(readFileSync(path.join(fixture, 'gold.json'), 'utf8')) as RwGold;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ns-rw-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('real-world scoring on the invented fixture', () => {
  it('counts entities strictly and leniently, with spurious, duplicate and wrong-type records as false positives', async () => {
    const r = scoreRealworld(gold(), await readOutputFolder(path.join(fixture, 'output')));
    // PERSON: Ortiz (strict, twice), Bell by surname only (lenient), Ann Lee strict; the guild typed PERSON and a duplicate "Lee" are fp
    expect(r.entities.PERSON).toEqual({ tpS: 3, tpL: 4, fp: 2, gold: 4, sys: 6 });
    // ORG: the guild has the wrong type, the board is missed in one document, "Road toll" is spurious
    expect(r.entities.ORG).toEqual({ tpS: 1, tpL: 1, fp: 1, gold: 3, sys: 2 });
    // 10 maximal gold name occurrences; "Transit" (a GPE) sits on one, "the board" has no mention
    expect(r.variants).toEqual({ total: 10, found: 8, misassigned: 1 });
    expect(r.crossDoc.entities).toBe(2);
    expect(r.crossDoc.oneId).toBe(1);
  });

  it('counts quote recall by coverage, speakers by alignment, and system quotes that match no gold item', async () => {
    const r = scoreRealworld(gold(), await readOutputFolder(path.join(fixture, 'output')));
    expect(r.quotes.direct).toEqual({ gold: 2, found: 2, foundStrict: 2, partial: 0, speakerOk: 1, kindMismatch: 0 });
    // the fragment is found inside a reported-speech record: found, under the other kind
    expect(r.quotes.fragment).toEqual({ gold: 1, found: 1, foundStrict: 1, partial: 0, speakerOk: 1, kindMismatch: 1 });
    // 30 of 41 characters covered is found but not strict; the duplicate "Lee" still aligns to Ann Lee
    expect(r.quotes.indirect).toEqual({ gold: 3, found: 2, foundStrict: 1, partial: 0, speakerOk: 2, kindMismatch: 0 });
    expect(r.quotes.system).toEqual({ direct: 3, indirect: 3, other: 0 });
    expect(r.quotes.systemOk).toEqual({ direct: 2, indirect: 2, other: 0 });
    expect(r.errors.spurious.map((e) => e.verdict).sort()).toEqual(['not speech', 'scare/term quote given a speaker']);
  });

  it('counts a missing actor record as wrong, polarity flips, extra holders and document stances', async () => {
    const r = scoreRealworld(gold(), await readOutputFolder(path.join(fixture, 'output')));
    expect(r.stance).toEqual({
      clear: 4, clearCovered: 3, clearOk: 2, arguable: 2, arguableCovered: 1, arguableOk: 0, unsupported: 1, docClear: 2, docOk: 1,
      confusion: { 'support→support': 2, 'oppose→support': 1, 'support→none': 1 },
    });
    expect(oppositePolarity(r)).toBe(1);
    expect(r.actors.map((a) => [a.name, a.gold, a.ok])).toEqual([
      ['Jane Ortiz', 'support', true],
      ['Tom Bell', 'oppose', false],
      ['Drivers Guild', 'oppose', false],
      ['Transit Board', 'support', true],
      ['Ann Lee', 'support', false],
    ]);
  });
});

describe('real-world eval sections', () => {
  const setsDir = path.join(tmp, 'realworld');
  cpSync(path.join(fixture, 'gold.json'), path.join(setsDir, 'mini', 'gold.json'));
  cpSync(path.join(fixture, 'output'), path.join(tmp, 'out', 'rw-mini'), { recursive: true });

  it('finds set folders by their gold.json and scores <output>/rw-<set>', async () => {
    expect(realworldSets(setsDir)).toEqual(['mini']);
    expect(realworldEvaluators(setsDir).map((e) => e.name)).toEqual(['realworld/mini']);
    expect(realworldEvaluators(path.join(tmp, 'nowhere')).map((e) => e.name)).toEqual(['realworld']);
    const section = await evalRealworldSet(path.join(setsDir, 'mini'), { outputDir: path.join(tmp, 'out') });
    expect(section.skipped).toBeUndefined();
    expect(section.name).toBe('realworld/mini');
    expect(section.lines).toContain('clear actor stances right 50.0% (2/4; no record counts as wrong)');
    expect(section.lines).toContain('document stances (clear) right 1/2');
    expect(section.metrics.clearActorsLabelled).toEqual({ right: 2, total: 3, rate: 2 / 3 });
    expect(section.metrics.oppositePolarity).toEqual({ count: 1, total: 4, rate: 0.25 });
    expect(section.diffs.filter((d) => d.kind === 'stance/extra-holder')).toHaveLength(1);
    expect(section.diffs.filter((d) => d.kind === 'stance/document')).toEqual([expect.objectContaining({ docId: 'city/toll-2' })]);
  });

  it('takes --realworld-output with {set}, and reports a folder missing a gold document as skipped', async () => {
    const section = await evalRealworldSet(path.join(setsDir, 'mini'), { outputDir: tmp, realworld: { output: path.join(tmp, 'out', 'rw-{set}') } });
    expect(section.metrics.documents).toEqual({ right: 1, total: 2, rate: 0.5 });
    cpSync(path.join(fixture, 'output'), path.join(tmp, 'partial'), { recursive: true });
    const firstDocument = readFileSync(path.join(tmp, 'partial', 'documents.jsonl'), 'utf8').split('\n')[0] + '\n';
    writeFileSync(path.join(tmp, 'partial', 'documents.jsonl'), firstDocument);
    const partial = await evalRealworldSet(path.join(setsDir, 'mini'), { outputDir: tmp, realworld: { output: path.join(tmp, 'partial') } });
    expect(partial.skipped).toMatch(/no system document city\/toll-2/);
    const absent = await evalRealworldSet(path.join(setsDir, 'mini'), { outputDir: tmp, realworld: { output: path.join(tmp, 'absent') } });
    expect(absent.skipped).toMatch(/no documents\.jsonl/);
  });
});

// ------------------------------------------------------------------------------------------------
// Agreement with the reference scorer (needs ../shared/eval/realworld/score.mjs)

const scorer = path.join(devsetDir(), 'realworld', 'score.mjs');
const comparable = (r: RealworldResult | Record<string, unknown>) => {
  const x = r as RealworldResult;
  return {
    entities: x.entities,
    variants: x.variants,
    crossDoc: { entities: x.crossDoc.entities, oneId: x.crossDoc.oneId, split: x.crossDoc.split },
    quotes: x.quotes,
    stance: x.stance,
    actors: x.actors,
    errors: { entities: x.errors.entities, quotes: x.errors.quotes, spurious: x.errors.spurious, stances: x.errors.stances },
  };
};
function reference(goldFile: string, outDir: string): Record<string, unknown> {
  const json = path.join(tmp, `ref-${Math.random().toString(36).slice(2)}.json`);
  execFileSync(process.execPath, [scorer, '--gold', goldFile, '--output', outDir, '--json', json], { stdio: 'ignore' });
  return JSON.parse(readFileSync(json, 'utf8')) as Record<string, unknown>;
}

describe.skipIf(!existsSync(scorer))('same figures as score.mjs', () => {
  it('on the invented fixture', async () => {
    const ours = scoreRealworld(gold(), await readOutputFolder(path.join(fixture, 'output')));
    expect(comparable(ours)).toEqual(comparable(reference(path.join(fixture, 'gold.json'), path.join(fixture, 'output'))));
  });

  it('on every real-world set whose output folder output/rw-<set> is present', async () => {
    for (const set of realworldSets()) {
      const out = path.resolve('output', `rw-${set}`);
      if (!existsSync(path.join(out, 'documents.jsonl'))) continue;
      const goldFile = path.join(devsetDir(), 'realworld', set, 'gold.json');
      const ours = scoreRealworld(JSON.parse(readFileSync(goldFile, 'utf8')) as RwGold, await readOutputFolder(out));
      expect(comparable(ours), set).toEqual(comparable(reference(goldFile, out)));
    }
  });
});
