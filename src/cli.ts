#!/usr/bin/env node
/**
 * The command line: `newsstance run | status | eval | audit | export | init | worker`. Data goes to files; people read stderr.
 * Exit codes: 0 clean, 1 finished but something was set aside, 2 usage/config/fatal error.
 */
import { createWriteStream, existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig, proposalsOf, proposalWarnings } from './config.js';
import { runEval } from './eval/index.js';
import { createRunLogger } from './pipeline/logger.js';
import { MANIFEST_FILE, readManifest } from './pipeline/manifest.js';
import { runPipeline, selectStages, type RunSummary } from './pipeline/runner.js';
import { CACHE_DIR } from './pipeline/run-options.js';
import { interruptedWrites } from './io/artifact-writer.js';
import { Interrupted, UsageError } from './pipeline/errors.js';
import { acquireOutputLock, assertNotLocked } from './pipeline/lock.js';
import { checkRedis, EXECUTOR_DEFAULTS, RedisUnreachable, runQueueWorker } from './pipeline/bullmq.js';
import { preflight } from './pipeline/preflight.js';
import { maxWorkers } from './pipeline/pool.js';
import { checkInputFolder, checkOutputFolder } from './io/input-check.js';
import { removeStaleTempFiles } from './io/jsonl.js';
import { computeStatus } from './pipeline/status.js';
import { TOOL } from './version.js';
import { audit } from './audit/audit.js';
import { readJsonl } from './io/jsonl.js';
import { REPORT_FILE, reportIsCurrent, writeReport } from './report/report.js';
import { EXPORT_KINDS, exportRows, type ExportFormat, type ExportKind } from './export/export.js';
import { initProject } from './init/init.js';
import { changedConfigKeys, saveConfigSnapshot } from './status/config-diff.js';
import { createProgress } from './ui/progress.js';
import type { ActorRecord, StanceRecord } from './schema.js';
import { countDuplicates } from './io/duplicates.js';
import { formatActorSummary } from './stages/stance/summary.js';
import { STAGES, STAGES_MODULE } from './stages/index.js';
import { shownPath } from './io/shown.js';

export const EXIT = { ok: 0, setAside: 1, fatal: 2, interrupted: 130 } as const;

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return n;
}

function newRunId(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/** The run's summary line: `duplicates` = documents marked as later copies of another (counted once). */
function summaryLine(s: RunSummary, removed = 0, duplicates = 0): string {
  const records = Object.entries(s.records)
    // documents.jsonl and tokens.jsonl have one line per document: the line starts with that count
    // (and a token count is what "N tokens" would be read as).
    .filter(([file]) => file !== 'tokens.jsonl' && file !== 'documents.jsonl')
    .map(([file, n]) => `${n} ${file.replace('.jsonl', '')}`)
    .join(', ');
  const work = s.stages.map((st) => `${st.name} ${st.processed}${st.reused ? `+${st.reused} cached` : ''}`).join(', ');
  const dup = duplicates ? `, ${duplicates} duplicate(s) of earlier ones (counted once)` : '';
  return `done: ${s.documents} document(s)${dup}${removed ? `, ${removed} removed (their raw files are gone)` : ''} (${work}); ${records}; ${s.errors} error(s); ${(s.ms / 1000).toFixed(1)} s`;
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('newsstance')
    .description('Entities, quotes and stance toward a proposal, from news articles, every claim traced to its words.')
    .version(TOOL.version)
    .exitOverride()
    // One line for a mistake, and where to look (not the whole help after it).
    .showHelpAfterError('(add --help for the options)');

  program
    .command('run')
    .description('run the pipeline on the input folder (only new or changed work is redone)')
    .option('-c, --config <file>', 'pipeline config', 'pipeline.config.json')
    .option('-i, --input <dir>', 'input folder (overrides input.dir)')
    .option('-o, --output <dir>', 'output folder (overrides output.dir)')
    .option('--only <stage>', 'run only this stage')
    .option('--from <stage>', 'run this stage and the ones after it')
    .option('--force', 'redo all work, ignoring cached results', false)
    .option('--prune', 'allow removing more than output.maxRemovedShare of the documents in the output (their raw files are gone)', false)
    .option('--allow-stale', 'with --only/--from: run even though the stages before are out of date', false)
    .option('--concurrency <n>', 'worker threads (0 = one per core)', parseCount)
    .option('--no-report', 'do not write output/report.html nor print the actor summary')
    .option('--executor <kind>', 'where stage tasks run: local (worker threads) or bullmq (newsstance worker processes over Redis; overrides executor.kind)')
    .option('--redis <url>', 'with --executor bullmq: the Redis URL, e.g. redis://10.0.0.5:6379 (overrides executor.redis)')
    .option('-q, --quiet', 'print only warnings and errors (no progress, no actor summary, no summary line)', false)
    .option('--json', 'print the run summary as JSON on stdout', false)
    .action(async (opts: RunFlags) => {
      await runCommand(opts);
    });

  program
    .command('status')
    .description('what a run would do, and why')
    .option('-c, --config <file>', 'pipeline config', 'pipeline.config.json')
    .option('-i, --input <dir>', 'input folder')
    .option('-o, --output <dir>', 'output folder')
    .option('--json', 'print JSON', false)
    .action(async (opts: { config: string; input?: string; output?: string; json: boolean }) => {
      const loaded = loadConfig(opts.config, { input: opts.input, output: opts.output });
      await checkInputFolder(loaded.inputDir, loaded.config.input.patterns);
      const status = await computeStatus(STAGES, loaded.config, loaded.inputDir, readManifest(loaded.outputDir));
      const config = changedConfigKeys(loaded.outputDir, loaded.config);
      if (opts.json) {
        process.stdout.write(JSON.stringify({ stages: status, configChanges: config }, null, 2) + '\n');
        return;
      }
      process.stdout.write(statusText(status, config).join('\n') + '\n');
    });

  program
    .command('export')
    .description('the artifacts as flat rows (CSV or JSON Lines) for spreadsheets and data frames; each row\'s id is one `audit` accepts')
    .option('-o, --output <dir>', 'output folder holding the artifacts', 'output')
    .option('-f, --format <format>', 'csv or jsonl', 'csv')
    .option('-w, --what <kind>', `what to export: ${EXPORT_KINDS.join(', ')}`, 'actors')
    .option('--to <file>', 'write to this file instead of stdout')
    .option('--bom', 'start the CSV with a UTF-8 byte order mark (for spreadsheet programs)', false)
    .action(async (opts: { output: string; format: string; what: string; to?: string; bom: boolean }) => {
      if (opts.format !== 'csv' && opts.format !== 'jsonl') throw new UsageError(`--format must be csv or jsonl, not "${opts.format}"`);
      if (!(EXPORT_KINDS as readonly string[]).includes(opts.what)) throw new UsageError(`--what must be one of ${EXPORT_KINDS.join(', ')}, not "${opts.what}"`);
      const outputDir = path.resolve(opts.output);
      if (!existsSync(path.join(outputDir, 'documents.jsonl'))) throw new UsageError(`no artifacts in ${opts.output} (documents.jsonl is missing): run "newsstance run" first, or give the folder with --output`);
      assertNoInterruptedWrite(outputDir);
      // `export ... | head` closes the pipe early: that is the reader's choice, not an error.
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') process.exit(EXIT.ok);
        throw error;
      });
      const out = opts.to ? createWriteStream(opts.to) : process.stdout;
      const result = await exportRows(outputDir, { kind: opts.what as ExportKind, format: opts.format as ExportFormat, bom: opts.bom, out });
      if (opts.to) await new Promise<void>((resolve, reject) => (out as ReturnType<typeof createWriteStream>).end((e?: Error | null) => (e ? reject(e) : resolve())));
      process.stderr.write(`exported ${result.rows} ${opts.what} row(s), ${result.columns.length} columns${opts.to ? ` to ${opts.to}` : ''}\n`);
    });

  program
    .command('init')
    .description('start a config for a new proposal (and an input folder, and an empty gold template)')
    .requiredOption('-p, --proposal <name>', 'the proposal\'s name, e.g. "four-day week"')
    .option('-a, --alias <name>', 'another name for it (repeatable)', collect, [])
    .option('-r, --related <term>', 'a topical term that signals it without naming it (repeatable)', collect, [])
    .option('-c, --config <file>', 'config file to write', 'pipeline.config.json')
    .option('-i, --input <dir>', 'input folder, relative to the config file', 'raw')
    .option('-o, --output <dir>', 'output folder, relative to the config file', 'output')
    .option('--gold <file>', 'gold template to write, relative to the config file', 'gold.json')
    .option('--force', 'overwrite an existing config or gold file', false)
    .action(async (opts: { proposal: string; alias: string[]; related: string[]; config: string; input: string; output: string; gold: string; force: boolean }) => {
      const result = await initProject({ config: opts.config, proposal: opts.proposal, aliases: opts.alias, related: opts.related, input: opts.input, output: opts.output, gold: opts.gold, force: opts.force });
      process.stdout.write(result.explanation.join('\n') + '\n');
    });

  program
    .command('audit <id>')
    .description('trace one record to its words: a document id, an entity id (TYPE:slug, or <docId>#TYPE:slug for one document), a quote id (<docId>#qN) or a stance (<docId>@TYPE:slug, <docId>@document)')
    .option('-o, --output <dir>', 'output folder holding the artifacts', 'output')
    .option('--context <n>', 'characters of context each side of a span', parseCount)
    .option('--json', 'print JSON for machines', false)
    .action(async (id: string, opts: { output: string; context?: number; json: boolean }) => {
      assertNoInterruptedWrite(path.resolve(opts.output));
      const result = await audit(id, path.resolve(opts.output), { json: opts.json, context: opts.context });
      process.stdout.write(result.text);
      // An id that names nothing is a user mistake (exit 2), like any other usage error.
      if (!result.found) process.exitCode = EXIT.fatal;
    });

  program
    .command('eval')
    .description('score the output against gold annotations (seeds, and dev sets when present)')
    .option('-g, --gold <file>', 'seed gold file', 'tests/fixtures/seeds.gold.json')
    .option('-o, --output <dir>', 'output folder holding the artifacts', 'output')
    .option('--only <prefix...>', 'only these evaluators (normalize, entities, quotes/polnear, ...)')
    .option('--no-devsets', 'skip the dev sets in ../shared/eval')
    .option('--realworld-output <dir>', 'output folder scored against a real-world set ({set} = the set name; default <output>/rw-{set}, run in memory when absent)')
    .option('--realworld-run', 'run the pipeline in memory on each real-world set instead of reading an output folder', false)
    .action(async (opts: { gold: string; output: string; only?: string[]; devsets: boolean; realworldOutput?: string; realworldRun: boolean }) => {
      // Scores must not be read off artifacts a killed run left half-rewritten.
      assertNoInterruptedWrite(path.resolve(opts.output));
      await runEval({
        goldFile: opts.gold,
        outputDir: path.resolve(opts.output),
        devsets: opts.devsets,
        only: opts.only,
        realworld: { output: opts.realworldOutput, run: opts.realworldRun },
      });
    });

  program
    .command('worker')
    .description('run stage tasks from a BullMQ queue on Redis until stopped (SIGINT/SIGTERM): one process per core, on any machine with the same build')
    .requiredOption('--redis <url>', 'the Redis URL, e.g. redis://10.0.0.5:6379')
    .option('--concurrency <n>', 'jobs taken at once by this process (they share its one thread: start one process per core for more CPU)', parseCount, 1)
    .option('--queue <name>', 'the queue name (the run\'s executor.queue)', EXECUTOR_DEFAULTS.queue)
    .option('--lock-ms <ms>', 'job lock duration: a killed worker\'s jobs go to another after this long', parseCount, 30_000)
    .option('--quiet', 'no line per job on stderr', false)
    .action(async (opts: { redis: string; concurrency: number; queue: string; lockMs: number; quiet: boolean }) => {
      await workerCommand(opts);
    });

  return program;
}

/** `newsstance worker`: see runQueueWorker (pipeline/bullmq.ts). Resolves when stopped by a signal. */
async function workerCommand(opts: { redis: string; concurrency: number; queue: string; lockMs: number; quiet: boolean }): Promise<void> {
  const worker = await runQueueWorker({
    redis: opts.redis,
    concurrency: Math.max(1, opts.concurrency),
    queue: opts.queue,
    lockMs: Math.max(1000, opts.lockMs),
    stages: STAGES,
    onJob: (e) => {
      if (e.refused) process.stderr.write(`refused: ${e.refused}\n`);
      else if (!opts.quiet) process.stderr.write(`${e.stage} ${e.docId} ${e.ok ? 'ok' : 'set aside'} ${e.ms.toFixed(0)} ms\n`);
    },
  });
  process.stderr.write(`worker ${worker.name} ready: queue ${opts.queue} on ${opts.redis}, concurrency ${Math.max(1, opts.concurrency)}\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.stderr.write(`worker ${worker.name}: ${signal}, finishing the jobs in hand\n`);
      void worker.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

interface RunFlags {
  config: string;
  input?: string;
  output?: string;
  only?: string;
  from?: string;
  force: boolean;
  prune: boolean;
  allowStale: boolean;
  concurrency?: number;
  report: boolean;
  executor?: string;
  redis?: string;
  quiet: boolean;
  json: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `status` for people: per stage the counts and reasons, the first documents of each kind, the config keys that changed. */
function statusText(status: Awaited<ReturnType<typeof computeStatus>>, changes: ReturnType<typeof changedConfigKeys>): string[] {
  const SHOWN = 20;
  const lines: string[] = [];
  for (const s of status) {
    lines.push(`${s.stage.padEnd(10)} up to date ${s.upToDate}, new ${s.new}, changed ${s.changed}, removed ${s.removed}` + (s.reasons.length ? `  (${s.reasons.join('; ')})` : ''));
    for (const kind of ['new', 'changed', 'removed'] as const) {
      const ids = s.documents[kind];
      if (!ids.length) continue;
      lines.push(`  ${kind}: ${ids.slice(0, SHOWN).join(', ')}${ids.length > SHOWN ? ` … and ${ids.length - SHOWN} more (--json lists all)` : ''}`);
    }
  }
  if (changes === null) lines.push('config: no record of the last run\'s config (it is kept from the next run on)');
  else if (!changes.length) lines.push('config: unchanged since the last run');
  else lines.push(`config: ${changes.length} key(s) changed since the last run:`, ...changes.map((c) => `  ${c.key}: ${c.was ?? '(absent)'} -> ${c.now ?? '(absent)'}`));
  return lines;
}

/**
 * Refuse to read artifacts a killed run left half-rewritten (until the next run restores them).
 * @throws UsageError naming them.
 */
function assertNoInterruptedWrite(outputDir: string): void {
  const files = interruptedWrites(path.join(outputDir, CACHE_DIR));
  if (files.length) throw new UsageError(`a run was killed while rewriting ${files.join(', ')} in ${outputDir}: run "newsstance run" first (it puts the previous version back, then finishes)`);
}

/** The manifest file's modification time (ms), or null when there is none. */
function manifestMtime(outputDir: string): number | null {
  try {
    return statSync(path.join(outputDir, MANIFEST_FILE)).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * `newsstance run`. Everything that can be checked is checked before anything is written (config,
 * flags, the input folder, documents that would be removed, stale upstream work); then the output
 * folder is locked, and SIGINT/SIGTERM stop the run between documents (exit 130, published
 * artifacts untouched, temp files removed).
 */
async function runCommand(opts: RunFlags): Promise<void> {
  const loaded = loadConfig(opts.config, { input: opts.input, output: opts.output, concurrency: opts.concurrency });
  const { config, inputDir, outputDir } = loaded;
  const stages = selectStages(STAGES, opts.only, opts.from);
  if (opts.executor !== undefined || opts.redis !== undefined) {
    const kind = opts.executor ?? config.executor?.kind ?? 'local';
    if (kind !== 'local' && kind !== 'bullmq') throw new UsageError(`--executor ${kind}: expected local or bullmq`);
    config.executor = { ...EXECUTOR_DEFAULTS, ...config.executor, kind, ...(opts.redis ? { redis: opts.redis } : {}) };
  }
  if (config.executor?.kind === 'bullmq') {
    if (!config.executor.redis) throw new UsageError('the bullmq executor needs a Redis URL: --redis redis://HOST:PORT (or executor.redis in the config)');
    await checkRedis(config.executor.redis);
  }
  if (config.concurrency > maxWorkers()) {
    process.stderr.write(`warning: concurrency ${config.concurrency} is over 4 workers per core (${os.availableParallelism()} cores): using ${maxWorkers()}\n`);
    config.concurrency = maxWorkers();
  }
  await checkInputFolder(inputDir, config.input.patterns);
  checkOutputFolder(outputDir);
  // Read once for the checks and, unless another run rewrote it meanwhile, for the run itself.
  const manifestStamp = manifestMtime(outputDir);
  const manifest = readManifest(outputDir);
  const checked = await preflight({
    config,
    inputDir,
    outputDir,
    manifest,
    selected: stages.map((s) => s.name),
    stages: STAGES,
    force: opts.force,
    prune: opts.prune,
    allowStale: opts.allowStale,
  });
  // The proposal's wording matters to runs that compute something; an up-to-date run does not repeat it.
  for (const w of [...(checked.upToDate ? [] : proposalWarnings(proposalsOf(config))), ...checked.warnings]) process.stderr.write(`warning: ${w}\n`);
  const out = shownPath(outputDir);
  const removedDocuments = stages[0] === STAGES[0] ? (checked.status[0]?.removed ?? 0) : 0;
  // "Up to date" must not be said while another run is rewriting the folder.
  assertNotLocked(outputDir);
  const reportOptions = {
    proposals: proposalsOf(config).map((p) => ({ name: p.name, aliases: p.aliases })),
    topActors: config.report.topActors,
    topDocuments: config.report.topDocuments,
  };
  if (checked.upToDate && opts.report && existsSync(path.join(outputDir, REPORT_FILE)) && !(await reportIsCurrent(outputDir, reportOptions))) {
    // Only the report's own options (or its code) changed: rewrite it, nothing else.
    const lock = acquireOutputLock(outputDir);
    try {
      const report = await writeReport(outputDir, reportOptions);
      await saveConfigSnapshot(outputDir, config);
      if (!opts.quiet) process.stderr.write(`up to date: ${checked.documents} document(s) in ${out}; report rewritten (${shownPath(report.file)}, its options changed)\n`);
      if (opts.json) process.stdout.write(JSON.stringify({ upToDate: true, documents: checked.documents, output: outputDir, report: report.file }) + '\n');
    } finally {
      lock.release();
    }
    return;
  }
  if (checked.upToDate && (!opts.report || existsSync(path.join(outputDir, REPORT_FILE)))) {
    const aside = checked.setAside ? ` (${checked.setAside} set aside, unchanged since: see ${path.join(out, 'errors.jsonl')})` : '';
    if (!opts.quiet) process.stderr.write(`up to date: ${checked.documents} document(s) in ${out}${aside}; nothing to do (--force redoes everything)\n`);
    if (opts.json) process.stdout.write(JSON.stringify({ upToDate: true, documents: checked.documents, output: outputDir }) + '\n');
    return;
  }

  const lock = acquireOutputLock(outputDir);
  const runId = newRunId();
  const { logger, file, flush } = createRunLogger(outputDir, runId);
  const progress = createProgress({ quiet: opts.quiet });
  if (lock.tookOver) logger.warn(`took over the lock of a run that is gone (${lock.tookOver})`);
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted); // a second Ctrl-C: stop now
    controller.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    logger.info({ config: path.resolve(opts.config), input: inputDir, output: outputDir }, 'run started');
    const summary = await runPipeline({
      config,
      stages: STAGES,
      stagesModule: STAGES_MODULE,
      inputDir,
      outputDir,
      logger,
      runId,
      only: opts.only as never,
      from: opts.from as never,
      force: opts.force,
      ...(manifestMtime(outputDir) === manifestStamp ? { manifest } : {}),
      signal: controller.signal,
      onProgress: progress?.update,
    });
    progress?.stop();
    await saveConfigSnapshot(outputDir, config);
    let reportFile: string | null = null;
    if (opts.report) {
      if (!opts.quiet) for (const line of await actorSummary(outputDir)) process.stderr.write(line + '\n');
      const report = await writeReport(outputDir, reportOptions);
      reportFile = report.file;
      if (!opts.quiet) {
        const rel = shownPath(report.file);
        process.stderr.write(report.written ? `report: ${rel} (${report.docPages} document page(s) written, ${(report.ms / 1000).toFixed(1)} s)\n` : `report: ${rel} (unchanged)\n`);
      }
    }
    const duplicates = countDuplicates(outputDir);
    logger.info({ ...summary, duplicates }, 'run finished');
    flush();
    if (!opts.quiet) process.stderr.write(`${summaryLine(summary, removedDocuments, duplicates)}\nlog: ${shownPath(file)}\n`);
    if (opts.json) process.stdout.write(JSON.stringify({ upToDate: false, ...summary, duplicates, output: outputDir, report: reportFile, log: file }) + '\n');
    if (summary.errors > 0) {
      process.stderr.write(`${summary.errors} item(s) set aside: see ${shownPath(path.join(outputDir, 'errors.jsonl'))}\n`);
      process.exitCode = EXIT.setAside;
    }
  } catch (error) {
    progress?.stop();
    if (error instanceof Interrupted) {
      await removeStaleTempFiles(outputDir);
      await removeStaleTempFiles(path.join(outputDir, CACHE_DIR));
      logger.warn(`run interrupted by ${error.signal}; artifacts published before it are kept`);
    } else logger.error({ err: error }, 'run failed');
    flush();
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    lock.release();
  }
}

/**
 * The actor table printed after a run. Stances are streamed and reduced to what the table shows
 * (each record's strongest evidence; one record per holder), so memory stays bounded.
 */
async function actorSummary(outputDir: string): Promise<string[]> {
  const actors: ActorRecord[] = [];
  for await (const a of readJsonl<ActorRecord>(path.join(outputDir, 'actors.jsonl'))) actors.push(a);
  const strongest = new Map<string, StanceRecord>();
  const documentStances: StanceRecord[] = [];
  for await (const s of readJsonl<StanceRecord>(path.join(outputDir, 'stances.jsonl'))) {
    const best = [...s.evidence].sort((a, b) => Math.abs(b.score) - Math.abs(a.score))[0];
    const slim = { ...s, evidence: best ? [best] : [] };
    if (s.holder === null) {
      documentStances.push({ ...slim, evidence: [] });
      continue;
    }
    const key = `${s.target}\u0000${s.holder.entityId}`;
    const prev = strongest.get(key);
    if (!prev || Math.abs(slim.evidence[0]?.score ?? 0) > Math.abs(prev.evidence[0]?.score ?? 0)) strongest.set(key, slim);
  }
  return formatActorSummary(actors, [...documentStances, ...strongest.values()]);
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.fatal;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`config error: ${error.message}\n`);
      return EXIT.fatal;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`usage error: ${error.message}\n`);
      return EXIT.fatal;
    }
    if (error instanceof RedisUnreachable) {
      process.stderr.write(`error: ${error.message}\n`);
      return EXIT.fatal;
    }
    if (error instanceof Interrupted) {
      process.stderr.write('interrupted\n');
      return EXIT.interrupted;
    }
    // No stack traces for users: the message, and the stack only when asked for.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`fatal: ${message}${process.env.NEWSSTANCE_DEBUG && error instanceof Error ? `\n${error.stack}` : ' (set NEWSSTANCE_DEBUG=1 for details)'}\n`);
    return EXIT.fatal;
  }
}

// A reader that stops early (`newsstance eval | head`) closes the pipe: stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
    throw error;
  });
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
