import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, readLines, runCli, ROOT } from './helpers.js';

const ARTIFACTS = ['documents.jsonl', 'tokens.jsonl', 'entities.jsonl', 'quotes.jsonl', 'stances.jsonl', 'actors.jsonl'];

describe('newsstance run (end to end)', () => {
  it('writes every artifact for the five seeds, a manifest and a log, and exits 0', () => {
    const p = makeProject({ seeds: true });
    const r = runCli(['run'], p.dir);
    expect(r.stderr).toMatch(/done: 5 document\(s\)/);
    expect(r.status).toBe(0);
    for (const file of ARTIFACTS) expect(existsSync(path.join(p.out, file)), file).toBe(true);
    const docs = readLines(path.join(p.out, 'documents.jsonl')) as Array<{ id: string; text: string; sentences: Array<{ start: number; end: number }> }>;
    expect(docs.map((d) => d.id)).toEqual(readdirSync(path.join(ROOT, 'raw')).map((f) => f.replace(/\.txt$/, '')).sort());
    const manifest = JSON.parse(readFileSync(path.join(p.out, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stages)).toEqual(['normalize', 'entities', 'quotes', 'stance']);
    expect(Object.keys(manifest.stages.normalize.documents)).toHaveLength(5);
    expect(manifest.stages.normalize.documents[docs[0]!.id].key).toMatch(/^[0-9a-f]{64}$/);
    expect(readdirSync(path.join(p.out, 'logs')).some((f) => f.endsWith('.log'))).toBe(true);
    expect(readFileSync(path.join(p.out, 'errors.jsonl'), 'utf8')).toBe('');
    // No temp files left behind.
    expect(readdirSync(p.out).filter((f) => f.includes('.tmp-') || f.endsWith('.perdoc'))).toEqual([]);
    // The human side: the actor summary and the report.
    expect(r.stderr).toMatch(/Stance toward "Asian NATO"/);
    expect(existsSync(path.join(p.out, 'report.html'))).toBe(true);

    // audit traces a document to its raw file, and says clearly when an id is unknown.
    const audited = runCli(['audit', docs[0]!.id, '--json'], p.dir);
    expect(audited.status).toBe(0);
    expect(JSON.parse(audited.stdout)).toMatchObject({ found: true, items: [{ docId: docs[0]!.id, rawFile: `${docs[0]!.id}.txt` }] });
    const unknown = runCli(['audit', 'no-such-doc#q9'], p.dir);
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toMatch(/no-such-doc#q9/);
  });

  it('gives byte-identical artifacts whatever the concurrency', () => {
    const p = makeProject({ seeds: true });
    expect(runCli(['run', '--concurrency', '1'], p.dir).status).toBe(0);
    const first = ARTIFACTS.map((f) => readFileSync(path.join(p.out, f)));
    expect(runCli(['run', '--concurrency', '4', '--force', '--output', 'output2'], p.dir).status).toBe(0);
    ARTIFACTS.forEach((f, i) => expect(readFileSync(path.join(p.dir, 'output2', f)).equals(first[i]!), f).toBe(true));
  });

  it('sets aside an empty, a binary and an undecodable file, finishes the others, exits 1', () => {
    const p = makeProject();
    writeFileSync(path.join(p.raw, 'good.txt'), 'A headline\n\nThe minister said the plan was sound. Critics disagreed.\n');
    writeFileSync(path.join(p.raw, 'empty.txt'), '');
    writeFileSync(path.join(p.raw, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]));
    // Lone UTF-16 surrogates in a UTF-16LE file with BOM: no valid decoding.
    writeFileSync(path.join(p.raw, 'undecodable.txt'), Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00, 0x00, 0xdc, 0x00, 0xd8]));
    const r = runCli(['run'], p.dir);
    expect(r.status).toBe(1);
    const errors = readLines(path.join(p.out, 'errors.jsonl')) as Array<{ docId: string; stage: string; error: string; message: string }>;
    expect(errors.map((e) => e.docId).sort()).toEqual(['binary', 'empty', 'undecodable']);
    for (const e of errors) {
      expect(e.stage).toBe('normalize');
      expect(e.message).toContain(`${e.docId}.txt`);
    }
    expect(errors.find((e) => e.docId === 'empty')!.error).toBe('input/empty');
    expect(errors.find((e) => e.docId === 'binary')!.error).toBe('decode/binary');
    const docs = readLines(path.join(p.out, 'documents.jsonl')) as Array<{ id: string }>;
    expect(docs.map((d) => d.id)).toEqual(['good']);
    expect(r.stderr).toMatch(/3 item\(s\) set aside/);
  });

  it('caps the warnings a stage prints on stderr, keeping every error record', () => {
    const p = makeProject();
    for (let i = 0; i < 25; i++) writeFileSync(path.join(p.raw, `empty-${String(i).padStart(2, '0')}.txt`), '  \n');
    const r = runCli(['run'], p.dir);
    expect(r.status).toBe(1);
    expect(readLines(path.join(p.out, 'errors.jsonl'))).toHaveLength(25);
    const perDocument = r.stderr.split('\n').filter((l) => /^warn: \[normalize\] empty-\d+/.test(l));
    expect(perDocument).toHaveLength(20);
    expect(r.stderr).toMatch(/\[normalize\] more warnings; the rest are only in .*\.log/);
  });

  it('reports a malformed artifact line with file and line, and goes on', () => {
    const p = makeProject({ seeds: true });
    expect(runCli(['run', '--only', 'normalize'], p.dir).status).toBe(0);
    const file = path.join(p.out, 'documents.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[1] = lines[1]!.slice(0, 40); // a torn line
    writeFileSync(file, lines.join('\n'));
    const r = runCli(['run', '--from', 'entities'], p.dir);
    expect(r.status).toBe(1);
    const errors = readLines(path.join(p.out, 'errors.jsonl')) as Array<{ stage: string; path: string; line: number; error: string }>;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ stage: 'entities', path: 'documents.jsonl', line: 2, error: 'jsonl/malformed' });
    expect(r.stderr).toMatch(/documents\.jsonl line 2/);
  });
});

describe('config errors', () => {
  it('names the bad field and exits 2', () => {
    const p = makeProject({ config: { proposal: { name: 'four-day week' }, stages: { normalize: { removeChrom: false } } } });
    const r = runCli(['run'], p.dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('stages.normalize.removeChrom');
    expect(r.stderr).toMatch(/unknown key/);
  });

  it('names a field of the wrong type and what was expected', () => {
    const p = makeProject({ config: { proposal: { name: 'four-day week' }, concurrency: 'many' } });
    const r = runCli(['run'], p.dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/"concurrency".*expected number/);
  });

  it('warns, once and without stopping the run, about an alias that is one common word', () => {
    const p = makeProject({ config: { proposal: { name: 'vape ban', aliases: ['ban', 'Brexit', 'ban on vapes'] }, stages: { quotes: {}, stance: {} } } });
    writeFileSync(path.join(p.raw, 'a.txt'), 'Ministers back the vape ban.\n\nThe ban starts in May, the health secretary said.\n');
    const r = runCli(['run', '-q', '--no-report'], p.dir);
    expect(r.status).toBe(0);
    const warned = r.stderr.split('\n').filter((l) => l.startsWith('warning: proposal'));
    expect(warned).toEqual([expect.stringContaining('alias "ban" is one common word')]);
    expect(warned[0]).toMatch(/move it to "related"/);
    // A run with nothing to do does not repeat it.
    const again = runCli(['run', '-q', '--no-report'], p.dir);
    expect(again.status).toBe(0);
    expect(again.stderr).not.toMatch(/common word/);
  });

  it('init says it too, where the alias is chosen', () => {
    const p = makeProject();
    const r = runCli(['init', '--force', '--proposal', 'vape ban', '--alias', 'ban', '--alias', 'ban on vapes'], p.dir);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('warning: proposal'))).toEqual([expect.stringContaining('alias "ban" is one common word')]);
  });

  it('does not warn about a bad alias before a config error: one line, exit 2', () => {
    const p = makeProject({ config: { proposal: { name: 'vape ban', aliases: ['ban'] }, concurrency: 'many' } });
    const r = runCli(['run'], p.dir);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/common word/);
  });

  it('exits 2 on an unknown stage name', () => {
    const p = makeProject({ seeds: true });
    const r = runCli(['run', '--only', 'sentiment'], p.dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown stage "sentiment"/);
  });
});
