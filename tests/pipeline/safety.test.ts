/**
 * Issue 14: input and config mistakes fail loudly (one line, exit 2) and write nothing; a run
 * never destroys a finished output folder unless asked. Spawned CLI throughout: these are about
 * exit codes and files.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pruneLogs } from '../../src/pipeline/logger.js';
import { maxWorkers, workerCount } from '../../src/pipeline/pool.js';
import { CLI, makeProject, runCli } from './helpers.js';

/** Every file under `dir` with its content hash and mtime: "unchanged" means byte for byte and untouched. */
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }).map(String).sort()) {
    const file = path.join(dir, name);
    const stat = statSync(file);
    if (stat.isFile()) out[name] = `${createHash('sha256').update(readFileSync(file)).digest('hex')}@${stat.mtimeMs}`;
  }
  return out;
}

/** A project whose output folder holds a finished run over the five seeds. */
function processed(): ReturnType<typeof makeProject> {
  const p = makeProject({ seeds: true });
  expect(runCli(['run', '--no-report'], p.dir).status).toBe(0);
  return p;
}

const oneLine = (stderr: string) => stderr.trim().split('\n');

describe('a bad input folder writes nothing', () => {
  it('a mistyped --input leaves every byte of a processed output folder unchanged', () => {
    const p = processed();
    const before = fingerprint(p.out);
    const r = runCli(['run', '--input', 'rwa'], p.dir);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toEqual([expect.stringMatching(/^usage error: input folder rwa does not exist .*\*\*\/\*\.txt/)]);
    expect(fingerprint(p.out)).toEqual(before);
    // status says the same, instead of "all new".
    const s = runCli(['status', '--input', 'rwa'], p.dir);
    expect(s.status).toBe(2);
    expect(s.stderr).toMatch(/input folder rwa does not exist/);
  });

  it('an empty folder, a folder of other files, and a file as --input: exit 2, no output folder created', () => {
    const p = makeProject();
    const empty = runCli(['run'], p.dir);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/no file in input folder raw matches \*\*\/\*\.txt: it is empty/);
    writeFileSync(path.join(p.raw, 'a.md'), '# A');
    mkdirSync(path.join(p.raw, 'sub'));
    writeFileSync(path.join(p.raw, 'sub', 'b.md'), '# B');
    writeFileSync(path.join(p.raw, 'c.html'), '<p>C</p>');
    const others = runCli(['run'], p.dir);
    expect(others.status).toBe(2);
    expect(others.stderr).toMatch(/it holds 3 other file\(s\) \(2 \.md, 1 \.html; e\.g\./);
    const file = runCli(['run', '--input', 'pipeline.config.json'], p.dir);
    expect(file.status).toBe(2);
    expect(file.stderr).toMatch(/is a file, not a folder/);
    expect(existsSync(p.out)).toBe(false);
  });

  it('an unknown option or a bad value: exit 2, the error and a pointer to --help, not the whole help', () => {
    const p = makeProject();
    for (const args of [['run', '--bogus'], ['run', '--concurrency', 'abc']]) {
      const r = runCli(args, p.dir);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(2);
      expect(r.stderr).toMatch(/\(add --help for the options\)/);
    }
  });

  it('a path outside the current folder is shown absolute, not as ../../', () => {
    const p = makeProject();
    const outside = path.join(os.tmpdir(), `ns-missing-${process.pid}`);
    const r = runCli(['run', '--input', outside], p.dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`input folder ${outside} does not exist`);
  });

  it('a file as --output, or under a file: exit 2 with one usage line, the file untouched', () => {
    const p = makeProject();
    writeFileSync(path.join(p.raw, 'a.txt'), 'A headline\n\nThe minister said the plan was sound.\n');
    writeFileSync(path.join(p.dir, 'notes.txt'), 'keep me');
    for (const out of ['notes.txt', 'notes.txt/sub']) {
      const r = runCli(['run', '--output', out], p.dir);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(out === 'notes.txt' ? /output notes\.txt is a file, not a folder/ : /cannot be made: notes\.txt is a file/);
    }
    expect(readFileSync(path.join(p.dir, 'notes.txt'), 'utf8')).toBe('keep me');
  });

  it('a run that would remove most documents stops unless --prune', () => {
    const p = processed();
    const before = fingerprint(p.out);
    for (const f of readdirSync(p.raw).slice(1)) rmSync(path.join(p.raw, f));
    const r = runCli(['run'], p.dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/would remove 4 of the 5 documents .*--prune/);
    expect(fingerprint(p.out)).toEqual(before);
    const pruned = runCli(['run', '--prune', '--no-report'], p.dir);
    expect(pruned.status).toBe(0);
    expect(pruned.stderr).toMatch(/done: 1 document\(s\), 4 removed \(their raw files are gone\)/);
    expect(readFileSync(path.join(p.out, 'documents.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('removing one document of five (under the share) goes ahead', () => {
    const p = processed();
    rmSync(path.join(p.raw, readdirSync(p.raw)[0]!));
    expect(runCli(['run', '--no-report'], p.dir).status).toBe(0);
  });
});

describe('a bad file settles', () => {
  it('an empty file set aside once is reported again without being redone, and the run is "up to date" until it changes', () => {
    const p = makeProject({ seeds: true });
    writeFileSync(path.join(p.raw, 'empty.txt'), '');
    const first = runCli(['run', '--no-report'], p.dir);
    expect(first.status).toBe(1);
    const errors = readFileSync(path.join(p.out, 'errors.jsonl'), 'utf8');
    expect(errors).toMatch(/"docId":"empty".*input\/empty/);
    const before = fingerprint(p.out);
    const again = runCli(['run', '--no-report'], p.dir);
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/^up to date: 5 document\(s\) in output \(1 set aside, unchanged since/);
    expect(fingerprint(p.out)).toEqual(before);
    const status = runCli(['status'], p.dir);
    expect(status.stdout).toMatch(/normalize\s+up to date 6, new 0, changed 0/);
    expect(status.stdout).toMatch(/entities\s+up to date 5, new 0/);
    // Once fixed, it is processed, and the error is gone.
    writeFileSync(path.join(p.raw, 'empty.txt'), 'A headline\n\nThe minister said the plan was sound.\n');
    const fixed = runCli(['run', '--no-report'], p.dir);
    expect(fixed.status).toBe(0);
    expect(readFileSync(path.join(p.out, 'errors.jsonl'), 'utf8')).toBe('');
  });
});

describe('config and flags are checked', () => {
  const configError = (config: Record<string, unknown>) => {
    const p = makeProject({ config });
    writeFileSync(path.join(p.raw, 'a.txt'), 'A headline\n\nThe minister said the plan was sound.\n');
    const r = runCli(['run'], p.dir);
    expect(r.status).toBe(2);
    expect(existsSync(p.out)).toBe(false);
    return r.stderr;
  };

  it('says what proposal expects, once', () => {
    const missing = configError({});
    expect(missing).toMatch(/invalid field "proposal": required: \{name, aliases\?, related\?\} or a list of them/);
    expect(missing.match(/proposal/g)).toHaveLength(1);
    expect(configError({ proposal: 'four-day week' })).toMatch(/"proposal": expected \{name, aliases\?, related\?\} or a list of them, got the string "four-day week"/);
    expect(configError({ proposal: { name: 'four-day week', aliases: 'x' } })).toMatch(/invalid field "proposal\.aliases": .*expected array/);
  });

  it('rejects a misspelled cue set, naming the known ones', () => {
    expect(configError({ proposal: { name: 'x' }, stages: { stance: { cueSets: ['politcy'] } } })).toMatch(/stages\.stance\.cueSets\.0": unknown cue set "politcy" \(known: .*policy/);
  });

  it('--only and --from together, and --only on stale upstream work, are exit 2', () => {
    const p = processed();
    const before = fingerprint(p.out);
    const both = runCli(['run', '--only', 'quotes', '--from', 'entities'], p.dir);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/--only and --from cannot be used together/);
    writeFileSync(path.join(p.raw, 'zz-new.txt'), 'A headline\n\nThe minister said the plan was sound.\n');
    const stale = runCli(['run', '--only', 'stance'], p.dir);
    expect(stale.status).toBe(2);
    expect(stale.stderr).toMatch(/the stages before stance are out of date: normalize \(1 new document\(s\)\)/);
    expect(fingerprint(p.out)).toEqual(before);
    const allowed = runCli(['run', '--only', 'stance', '--allow-stale', '--no-report'], p.dir);
    expect(allowed.status).toBe(0);
    // The new document is in no upstream artifact: the run says it is left out rather than drop it silently.
    expect(allowed.stderr).toMatch(/warning: --allow-stale: stance runs on the artifacts as they are, while normalize .* out of date; 1 new or changed document\(s\) left out/);
  });

  it('caps workers at 4 per core and at the documents to process, with a warning', () => {
    expect(workerCount(9999)).toBe(maxWorkers());
    expect(workerCount(16, 6)).toBe(Math.min(6, maxWorkers()));
    expect(workerCount(0, 0)).toBe(1);
    const p = makeProject();
    writeFileSync(path.join(p.raw, 'a.txt'), 'A headline\n\nThe minister said the plan was sound.\n');
    const r = runCli(['run', '--concurrency', '9999', '--no-report'], p.dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`concurrency 9999 is over 4 workers per core \\(${os.availableParallelism()} cores\\): using ${maxWorkers()}`));
  });
});

describe('eval checks what it is given', () => {
  it('a missing output folder or gold file, an unknown --only: exit 2, a message, nothing created, no stack trace', () => {
    const p = makeProject();
    const noOut = runCli(['eval', '--output', 'nothere', '--no-devsets'], p.dir);
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toMatch(/no artifacts in nothere/);
    expect(existsSync(path.join(p.dir, 'nothere'))).toBe(false);
    const q = processed();
    const bogus = runCli(['eval', '--only', 'bogus', '--no-devsets'], q.dir);
    expect(bogus.status).toBe(2);
    expect(bogus.stderr).toMatch(/unknown evaluator "bogus" for --only \(known: normalize, entities/);
    const noGold = runCli(['eval', '--gold', 'missing.json', '--no-devsets'], q.dir);
    expect(noGold.status).toBe(2);
    expect(noGold.stderr).toMatch(/gold file missing\.json not found/);
    for (const r of [noOut, bogus, noGold]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('one run per output folder', () => {
  it('a second run exits 2 naming the running one; a stale lock is taken over with a warning', () => {
    const p = processed();
    // Even with nothing to do, a run does not say "up to date" while another one holds the folder.
    writeFileSync(path.join(p.out, '.newsstance.lock'), JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z', command: 'run' }));
    const idle = runCli(['run', '--no-report'], p.dir);
    expect(idle.status).toBe(2);
    expect(idle.stderr).toMatch(/in use by another run/);
    writeFileSync(path.join(p.raw, 'zz-new.txt'), 'A headline\n\nThe minister said the plan was sound.\n');
    // A live process on this host holds the lock (this test's own process).
    const lock = path.join(p.out, '.newsstance.lock');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z', command: 'run' }));
    const busy = runCli(['run', '--no-report'], p.dir);
    expect(busy.status).toBe(2);
    expect(busy.stderr).toMatch(new RegExp(`in use by another run \\(pid ${process.pid} on .*started 2026-01-01`));
    // A process that has exited.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(lock, JSON.stringify({ pid: gone, host: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z', command: 'run' }));
    const taken = runCli(['run', '--no-report'], p.dir);
    expect(taken.status).toBe(0);
    expect(taken.stderr).toMatch(new RegExp(`took over the lock of a run that is gone \\(pid ${gone} `));
    expect(existsSync(lock)).toBe(false);
  });
});

describe('interruption', () => {
  it('SIGINT stops the run: "interrupted", exit 130, no temp files, no lock, the next run finishes', async () => {
    const p = makeProject();
    const seeds = path.join(CLI, '..', '..', 'raw');
    for (let i = 0; i < 40; i++) for (const f of readdirSync(seeds)) cpSync(path.join(seeds, f), path.join(p.raw, `${i}-${f}`));
    const child = spawn(process.execPath, [CLI, 'run', '--no-report', '--concurrency', '1'], { cwd: p.dir, env: { ...process.env, CI: 'true' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Once the run holds the lock and has started its first stage's work.
    const lock = path.join(p.out, '.newsstance.lock');
    const deadline = Date.now() + 30_000;
    while (!existsSync(lock) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 400));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect({ code, stderr }).toEqual({ code: 130, stderr: expect.stringMatching(/interrupted\n$/) });
    const leftovers = readdirSync(p.out, { recursive: true }).map(String).filter((f) => /\.tmp-\d+$|\.perdoc$/.test(f));
    expect(leftovers).toEqual([]);
    expect(existsSync(lock)).toBe(false);
    expect(runCli(['run', '--no-report'], p.dir).status).toBe(0);
  }, 120_000);
});

describe('a run killed while rewriting an artifact in place', () => {
  it('export and audit refuse the half-written folder; the next run puts the artifact back and finishes', () => {
    const p = makeProject({ seeds: true });
    expect(runCli(['run', '--no-report'], p.dir).status).toBe(0);
    const documents = path.join(p.out, 'documents.jsonl');
    const before = readFileSync(documents);
    // What a kill leaves: the journal and saved tail of the old bytes, and new bytes in the file.
    const from = before.length - 100;
    writeFileSync(path.join(p.out, 'cache', 'documents.jsonl.tail'), before.subarray(from));
    writeFileSync(path.join(p.out, 'cache', 'documents.jsonl.journal.json'), JSON.stringify({ schema: 1, file: 'documents.jsonl', from, size: before.length, tail: 'documents.jsonl.tail' }));
    writeFileSync(documents, Buffer.concat([before.subarray(0, from), Buffer.from('{"torn')]));
    for (const args of [['export', '--what', 'documents'], ['audit', 'PERSON:nobody'], ['eval', '--no-devsets']]) {
      const r = runCli(args, p.dir);
      expect(r.status, args[0]).toBe(2);
      expect(r.stderr).toMatch(/killed while rewriting documents\.jsonl.*run "newsstance run" first/);
    }
    const rerun = runCli(['run', '--no-report'], p.dir);
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(readFileSync(documents).equals(before)).toBe(true);
    expect(readdirSync(path.join(p.out, 'cache')).filter((f) => /journal|\.tail$/.test(f))).toEqual([]);
    expect(runCli(['export', '--what', 'documents'], p.dir).status).toBe(0);
  });
});

describe('logs', () => {
  it('keep the newest runs', () => {
    const dir = path.join(os.tmpdir(), `newsstance-logs-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 25; i++) writeFileSync(path.join(dir, `2026-01-01T00-00-${String(i).padStart(2, '0')}-000Z.log`), '');
    writeFileSync(path.join(dir, 'notes.txt'), '');
    const removed = pruneLogs(dir, 20);
    expect(removed).toHaveLength(5);
    expect(readdirSync(dir).filter((f) => f.endsWith('.log')).sort()[0]).toBe('2026-01-01T00-00-05-000Z.log');
    expect(existsSync(path.join(dir, 'notes.txt'))).toBe(true);
    rmSync(dir, { recursive: true });
  });
});
