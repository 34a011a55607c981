import { readFileSync, readdirSync, rmSync, statSync, writeFileSync, cpSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, runCli } from './helpers.js';

const ARTIFACTS = ['documents.jsonl', 'tokens.jsonl', 'entities.jsonl', 'quotes.jsonl', 'stances.jsonl', 'actors.jsonl'];
const NEW_ARTICLE = 'Ministers weigh a four-day week\n\nThe labour minister said the four-day week would lift output. Unions welcomed it.\n';

function counts(out: string): Record<string, { processed: number; reused: number }> {
  const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
  return Object.fromEntries(Object.entries(m.stages).map(([k, v]) => [k, { processed: (v as any).counts.processed, reused: (v as any).counts.reused }]));
}

/** Artifacts of the project equal those of a from-scratch run over the same input and config. */
function expectSameAsFromScratch(p: { dir: string; raw: string; out: string }): void {
  const fresh = makeProject();
  rmSync(fresh.raw, { recursive: true });
  cpSync(p.raw, fresh.raw, { recursive: true });
  cpSync(path.join(p.dir, 'pipeline.config.json'), path.join(fresh.dir, 'pipeline.config.json'));
  expect(runCli(['run'], fresh.dir).status).toBe(0);
  for (const f of ARTIFACTS) expect(readFileSync(path.join(p.out, f), 'utf8'), f).toBe(readFileSync(path.join(fresh.out, f), 'utf8'));
}

/** Every file under `dir` with its size and mtime (what "writes nothing" must leave as it is). */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }).map(String).sort()) {
    const stat = statSync(path.join(dir, name));
    if (stat.isFile()) out[name] = `${stat.size}@${stat.mtimeMs}`;
  }
  return out;
}

// Invented people and wording: a full name, the surname alone later, and a surname alone that only
// a later document's full name explains (so adding that document rewrites an earlier one's entities).
const FIRST = [
  'Defence ministers meet over the Asian NATO plan',
  '',
  'Defence minister Maria Okonkwo said on Monday that an Asian NATO would make the region safer. "We back the Asian NATO without reservation," Okonkwo told reporters.',
  '',
  'Brandt, who chairs the committee, said the Asian NATO plan was reckless and would raise tensions.',
  '',
].join('\n');
const SECOND = [
  'Committee chair questions Asian NATO',
  '',
  'Committee chair Lukas Brandt said the Asian NATO would drag the country into conflicts. Brandt said he opposed the Asian NATO.',
  '',
  'Maria Okonkwo said the Asian NATO was the right answer to the threats the region faces.',
  '',
].join('\n');
const THIRD = ['Analysts weigh the Asian NATO', '', 'Security analyst Ingrid Solberg said the Asian NATO would deter aggression. "It is overdue," Solberg said.', ''].join('\n');

/** The run logs' "corpus step fold" lines of the newest run: documents restored from the saved fold, and folded. */
function folds(out: string): Array<{ stage: string; foldedBefore: number; folded: number }> {
  const logs = readdirSync(path.join(out, 'logs')).sort();
  const lines = readFileSync(path.join(out, 'logs', logs[logs.length - 1]!), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  return lines.filter((l) => l.msg === 'corpus step fold').map((l) => ({ stage: l.stage, foldedBefore: l.foldedBefore, folded: l.folded }));
}

describe('incremental runs', () => {
  it('documents added at the end: corpus steps fold only them and artifacts are written in place, byte for byte a clean run', () => {
    const p = makeProject({ seeds: true });
    writeFileSync(path.join(p.raw, 'zz-1.txt'), FIRST);
    expect(runCli(['run', '--no-report'], p.dir).status).toBe(0);

    writeFileSync(path.join(p.raw, 'zz-2.txt'), SECOND);
    expect(runCli(['run', '--no-report'], p.dir).status).toBe(0);
    // zz-1's lone "Brandt" now merges with the full name zz-2 brings: an earlier document's
    // entities are rewritten, so quotes and stance redo it too (its stance lines come out the
    // same, so the stance fold still only adds zz-2).
    const c2 = counts(p.out);
    expect([c2.normalize, c2.entities, c2.quotes, c2.stance]).toEqual([
      { processed: 1, reused: 6 },
      { processed: 1, reused: 6 },
      { processed: 2, reused: 5 },
      { processed: 2, reused: 5 },
    ]);
    expect(folds(p.out)).toEqual([
      { stage: 'normalize', foldedBefore: 6, folded: 1 },
      { stage: 'entities', foldedBefore: 6, folded: 1 },
      { stage: 'stance', foldedBefore: 6, folded: 1 },
    ]);
    const entities = readFileSync(path.join(p.out, 'entities.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(entities.filter((e) => e.docId === 'zz-1' && e.id === 'PERSON:lukas-brandt')).toHaveLength(1);
    expect(readdirSync(path.join(p.out, 'cache')).filter((f) => /journal|\.tail$/.test(f))).toEqual([]);
    expectSameAsFromScratch(p);

    // A document that changes no earlier one: every stage does it alone, both folds only add it,
    // and the artifacts are appended to in place (the same files, not copies renamed into place).
    const inodes = Object.fromEntries(ARTIFACTS.filter((f) => f !== 'actors.jsonl').map((f) => [f, statSync(path.join(p.out, f)).ino]));
    writeFileSync(path.join(p.raw, 'zz-3.txt'), THIRD);
    expect(runCli(['run', '--no-report'], p.dir).status).toBe(0);
    for (const c of Object.values(counts(p.out))) expect(c).toEqual({ processed: 1, reused: 7 });
    expect(folds(p.out)).toEqual([
      { stage: 'normalize', foldedBefore: 7, folded: 1 },
      { stage: 'entities', foldedBefore: 7, folded: 1 },
      { stage: 'stance', foldedBefore: 7, folded: 1 },
    ]);
    for (const f of Object.keys(inodes)) expect(statSync(path.join(p.out, f)).ino, f).toBe(inodes[f]);
    expectSameAsFromScratch(p);

    // A document's entities changed before the last one folded: that fold starts over, same bytes.
    writeFileSync(path.join(p.raw, 'zz-1.txt'), FIRST.replace('Brandt, who', 'Dahl, who'));
    expect(runCli(['run', '--no-report'], p.dir).status).toBe(0);
    expect(folds(p.out)[1]).toEqual({ stage: 'entities', foldedBefore: 0, folded: 8 });
    expectSameAsFromScratch(p);
  });


  it('a rerun with nothing changed writes nothing and says "up to date"', () => {
    const p = makeProject({ seeds: true });
    expect(runCli(['run'], p.dir).status).toBe(0);
    const before = snapshot(p.out);
    const r = runCli(['run'], p.dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^up to date: 5 document\(s\) in output; nothing to do/);
    expect(snapshot(p.out)).toEqual(before);
    // A deleted artifact is work to do again (that stage only; its records are the same).
    const quotes = readFileSync(path.join(p.out, 'quotes.jsonl'));
    rmSync(path.join(p.out, 'quotes.jsonl'));
    const again = runCli(['run'], p.dir);
    expect(again.stderr).toMatch(/normalize 0\+5 cached, entities 0\+5 cached, quotes 5/);
    expect(readFileSync(path.join(p.out, 'quotes.jsonl')).equals(quotes)).toBe(true);
  });

  it('adding, editing and deleting one file processes that file only, and equals a fresh run', () => {
    const p = makeProject({ seeds: true });
    expect(runCli(['run'], p.dir).status).toBe(0);

    writeFileSync(path.join(p.raw, 'zz-new.txt'), NEW_ARTICLE);
    expect(runCli(['run'], p.dir).status).toBe(0);
    for (const c of Object.values(counts(p.out))) expect(c).toEqual({ processed: 1, reused: 5 });
    expectSameAsFromScratch(p);

    writeFileSync(path.join(p.raw, 'zz-new.txt'), NEW_ARTICLE.replace('lift output', 'cut costs'));
    expect(runCli(['run'], p.dir).status).toBe(0);
    expect(counts(p.out).normalize).toEqual({ processed: 1, reused: 5 });
    expectSameAsFromScratch(p);

    rmSync(path.join(p.raw, 'zz-new.txt'));
    expect(runCli(['run'], p.dir).status).toBe(0);
    for (const c of Object.values(counts(p.out))) expect(c).toEqual({ processed: 0, reused: 5 });
    expect(readFileSync(path.join(p.out, 'documents.jsonl'), 'utf8')).not.toContain('zz-new');
    expectSameAsFromScratch(p);
  });

  it('trusts an unchanged file stamp (size, old mtime) instead of reading the file again; --force reads it', () => {
    const p = makeProject({ seeds: true });
    const file = path.join(p.raw, 'zz-new.txt');
    const anHourAgo = new Date(Date.now() - 3600_000);
    writeFileSync(file, NEW_ARTICLE);
    utimesSync(file, anHourAgo, anHourAgo);
    expect(runCli(['run'], p.dir).status).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(p.out, 'manifest.json'), 'utf8'));
    const stamp = manifest.stages.normalize.documents['zz-new'].source;
    expect(stamp.size).toBe(NEW_ARTICLE.length);
    // utimes goes through seconds as a float: the mtime read back may differ in the last digit.
    expect(Math.abs(stamp.mtimeMs - anHourAgo.getTime())).toBeLessThan(1);

    // Same size, same (old) mtime: the stamp says unchanged, so the file is not read (as git's index).
    const edited = NEW_ARTICLE.replace('lift', 'sink');
    writeFileSync(file, edited);
    utimesSync(file, anHourAgo, anHourAgo);
    const trusted = runCli(['run'], p.dir);
    expect(trusted.status).toBe(0);
    expect(trusted.stderr).toMatch(/^up to date: 6 document/);
    expect(readFileSync(path.join(p.out, 'documents.jsonl'), 'utf8')).toContain('would lift output');

    expect(runCli(['run', '--force'], p.dir).status).toBe(0);
    expect(readFileSync(path.join(p.out, 'documents.jsonl'), 'utf8')).toContain('would sink output');
  });

  it('reads a file again when its mtime moved, even at the same size', () => {
    const p = makeProject({ seeds: true });
    const file = path.join(p.raw, 'zz-new.txt');
    writeFileSync(file, NEW_ARTICLE);
    utimesSync(file, new Date(Date.now() - 3600_000), new Date(Date.now() - 3600_000));
    expect(runCli(['run'], p.dir).status).toBe(0);
    writeFileSync(file, NEW_ARTICLE.replace('lift', 'sink'));
    expect(runCli(['run'], p.dir).status).toBe(0);
    expect(counts(p.out).normalize).toEqual({ processed: 1, reused: 5 });
    expectSameAsFromScratch(p);
  });

  it("changing one stage's config reruns that stage and the ones after it, not the ones before", () => {
    const p = makeProject({ seeds: true });
    expect(runCli(['run'], p.dir).status).toBe(0);
    const configFile = path.join(p.dir, 'pipeline.config.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    config.stages.stance = { ...(config.stages.stance ?? {}), neutralThreshold: 0.3 };
    writeFileSync(configFile, JSON.stringify(config));
    expect(runCli(['run'], p.dir).status).toBe(0);
    const c = counts(p.out);
    expect(c.normalize).toEqual({ processed: 0, reused: 5 });
    expect(c.quotes).toEqual({ processed: 0, reused: 5 });
    expect(c.stance).toEqual({ processed: 5, reused: 0 });
    expectSameAsFromScratch(p);
  });

  it('--force redoes everything', () => {
    const p = makeProject({ seeds: true });
    expect(runCli(['run'], p.dir).status).toBe(0);
    expect(runCli(['run', '--force'], p.dir).status).toBe(0);
    for (const c of Object.values(counts(p.out))) expect(c).toEqual({ processed: 5, reused: 0 });
  });

  it('a damaged or torn cached line makes that document be processed again, not the run fail', () => {
    const p = makeProject({ seeds: true });
    expect(runCli(['run'], p.dir).status).toBe(0);
    const before = readFileSync(path.join(p.out, 'documents.jsonl'), 'utf8');
    // normalize's cached lines are cache/documents.perdoc.jsonl (documents.jsonl is its corpus
    // step's output, with `duplicateOf` marks): an edited documents.jsonl is written again from them.
    let lines = before.split('\n');
    lines[2] = lines[2]!.replace('"schema":1', '"schema":1,"edited":true');
    writeFileSync(path.join(p.out, 'documents.jsonl'), lines.join('\n'));
    expect(runCli(['run', '--only', 'normalize'], p.dir).status).toBe(0);
    expect(readFileSync(path.join(p.out, 'documents.jsonl'), 'utf8')).toBe(before);

    const cached = path.join(p.out, 'cache', 'documents.perdoc.jsonl');
    const cachedBefore = readFileSync(cached, 'utf8');
    lines = cachedBefore.split('\n');
    lines[2] = lines[2]!.replace('"schema":1', '"schema":1,"edited":true');
    writeFileSync(cached, lines.join('\n'));
    expect(runCli(['run', '--only', 'normalize'], p.dir).status).toBe(0);
    expect(counts(p.out).normalize).toEqual({ processed: 1, reused: 4 });
    expect(readFileSync(cached, 'utf8')).toBe(cachedBefore);
    expect(readFileSync(path.join(p.out, 'documents.jsonl'), 'utf8')).toBe(before);

    // A torn line (a hand edit, a disk problem): reported with file and line, its document redone.
    lines[3] = lines[3]!.slice(0, 50);
    writeFileSync(cached, cachedBefore.split('\n').map((l, i) => (i === 3 ? lines[3] : l)).join('\n'));
    const r = runCli(['run'], p.dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/documents\.perdoc\.jsonl line 4: not valid JSON.*processed again/);
    expect(counts(p.out).normalize).toEqual({ processed: 1, reused: 4 });
    expect(readFileSync(path.join(p.out, 'documents.jsonl'), 'utf8')).toBe(before);
    expectSameAsFromScratch(p);
  });
});
