/**
 * The staged runner. For each stage in order: stream its inputs (raw files, or the artifacts of
 * earlier stages joined by document id), run `process` per document on the worker pool with a
 * bounded window, write the records in document order to temp files, run the stage's corpus step,
 * publish the artifacts atomically, and record hashes and cache keys in manifest.json.
 *
 * A document that fails is set aside (errors.jsonl) and the run goes on; so does a malformed
 * artifact line. The run's exit status is derived from the error count.
 */
import { mkdirSync, promises as fs } from 'node:fs';
import path from 'node:path';
import PQueue from 'p-queue';
import type { PipelineConfig } from '../config.js';
import { ArtifactWriter } from '../io/artifact-writer.js';
import { compareIds, listInputs } from '../io/inputs.js';
import { AtomicJsonlWriter, readJsonl, removeStaleTempFiles } from '../io/jsonl.js';
import { ARTIFACTS, type ArtifactName, type ErrorRecord } from '../schema.js';
import { STAGES } from '../stages/index.js';
import { TOOL } from '../version.js';
import { combineHashes, EMPTY_SHA256, loadIndex, writeIndex, type ArtifactIndex, type DocSpan } from './artifact-index.js';
import { cacheKey, configHash, sha256 } from './cache.js';
import { runCorpusStep } from './corpus-step.js';
import type { Logger } from './logger.js';
import { readManifest, writeManifest, type Manifest, type StageEntry } from './manifest.js';
import { HeapGuard } from './memory.js';
import { Interrupted, UsageError } from './errors.js';
import { stageFingerprint } from './fingerprint.js';
import { WorkerPool, workerCount } from './pool.js';
import { DocumentError, perDocumentArtifacts, type AnyStage, type StageName } from './stage.js';
import { bundleUnits, rawUnits, upstreamIndexes, type Unit } from './units.js';
import { runStageTask, type WorkerResult, type WorkerTask } from './task.js';

export interface RunOptions {
  config: PipelineConfig;
  inputDir: string;
  outputDir: string;
  logger: Logger;
  runId: string;
  /** Run only this stage (its inputs must exist). */
  only?: StageName;
  /** Run this stage and the ones after it. */
  from?: StageName;
  /** Redo all work, ignoring cached results. */
  force?: boolean;
  /** Aborted (SIGINT/SIGTERM): stop dispatching, leave published artifacts as they are, throw Interrupted. */
  signal?: AbortSignal;
  /** Called after each document (progress display). */
  onProgress?: (stage: string, done: number, total: number | undefined) => void;
}

export interface RunSummary {
  documents: number;
  records: Record<string, number>;
  errors: number;
  ms: number;
  stages: Array<{ name: string; processed: number; reused: number; errors: number; ms: number }>;
}

export const ERRORS_FILE = 'errors.jsonl';

/** The stages a run executes, in order. */
export function selectStages(only?: string, from?: string): AnyStage[] {
  const names = STAGES.map((s) => s.name);
  for (const name of [only, from]) {
    if (name !== undefined && !names.includes(name as StageName)) {
      throw new UsageError(`unknown stage "${name}" (expected one of ${names.join(', ')})`);
    }
  }
  if (only && from) throw new UsageError(`--only and --from cannot be used together (--only ${only} runs one stage, --from ${from} runs it and the ones after it)`);
  if (only) return STAGES.filter((s) => s.name === only);
  if (from) return STAGES.slice(names.indexOf(from as StageName));
  return [...STAGES];
}

export { UsageError } from './errors.js';

export async function runPipeline(options: RunOptions): Promise<RunSummary> {
  const started = Date.now();
  const { config, outputDir, logger } = options;
  mkdirSync(outputDir, { recursive: true });
  const stale = [...(await removeStaleTempFiles(outputDir)), ...(await removeStaleTempFiles(path.join(outputDir, CACHE_DIR)))];
  if (stale.length) logger.warn({ files: stale }, `removed ${stale.length} temp file(s) left by an interrupted run`);

  const stages = selectStages(options.only, options.from);
  const errors: ErrorRecord[] = [];
  const reportedLines = new Set<string>();
  const heap = new HeapGuard();
  const previousErrors = await carriedErrors(outputDir, stages);
  const manifest: Manifest = {
    schema: 1,
    tool: { ...TOOL },
    configHash: configHash(config),
    runId: options.runId,
    stages: {},
  };
  const prior = readManifest(outputDir);
  if (prior) for (const [name, entry] of Object.entries(prior.stages)) if (!stages.some((s) => s.name === name)) manifest.stages[name] = entry;

  const summary: RunSummary = { documents: 0, records: {}, errors: 0, ms: 0, stages: [] };
  for (const stage of stages) {
    throwIfInterrupted(options.signal);
    const stageLog = logger.child({ stage: stage.name });
    const entry = await runStage(stage, options, stageLog, errors, reportedLines, prior?.stages[stage.name], heap);
    if (prior) delete prior.stages[stage.name]; // done with it: let its per-document entries go
    manifest.stages[stage.name] = entry;
    for (const [file, out] of Object.entries(entry.outputs)) summary.records[file] = out.records;
    summary.stages.push({ name: stage.name, processed: entry.counts.processed, reused: entry.counts.reused, errors: entry.counts.errors, ms: entry.timingMs });
    if (stage.name === 'normalize') summary.documents = entry.counts.documents;
    await writeManifest(outputDir, manifest);
    heap.check();
  }
  if (!stages.some((s) => s.name === 'normalize')) summary.documents = manifest.stages.normalize?.counts.documents ?? 0;
  const allErrors = [...previousErrors, ...errors];
  await writeErrors(outputDir, allErrors);
  summary.errors = allErrors.length;
  summary.ms = Date.now() - started;
  return summary;
}

/** Errors recorded earlier by stages this run does not execute stay in errors.jsonl. */
async function carriedErrors(outputDir: string, stages: AnyStage[]): Promise<ErrorRecord[]> {
  const running = new Set<string>(stages.map((s) => s.name));
  if (stages.some((s) => s.name === 'normalize')) running.add('input');
  const kept: ErrorRecord[] = [];
  for await (const r of readJsonl<ErrorRecord>(path.join(outputDir, ERRORS_FILE))) if (!running.has(r.stage)) kept.push(r);
  return kept;
}

async function writeErrors(outputDir: string, errors: ErrorRecord[]): Promise<void> {
  const order = STAGES.map((s) => s.name as string);
  const rank = (stage: string) => (stage === 'input' ? -1 : order.indexOf(stage));
  const sorted = [...errors].sort(
    (a, b) =>
      compareIds(a.docId ?? a.path ?? '', b.docId ?? b.path ?? '') ||
      rank(a.stage) - rank(b.stage) ||
      (a.line ?? 0) - (b.line ?? 0),
  );
  const writer = new AtomicJsonlWriter(path.join(outputDir, ERRORS_FILE));
  for (const e of sorted) await writer.write(e);
  await writer.commit();
}

async function runStage(
  stage: AnyStage,
  options: RunOptions,
  log: Logger,
  errors: ErrorRecord[],
  reportedLines: Set<string>,
  prior: StageEntry | undefined,
  heap: HeapGuard,
): Promise<StageEntry> {
  const started = Date.now();
  const { config, outputDir } = options;
  const sliceHash = configHash(stage.configSlice(config));
  const code = stageFingerprint(stage.name);
  const perDocArtifacts = perDocumentArtifacts(stage);
  const perDocRel = new Map(perDocArtifacts.map((name) => [name, perDocFile(stage, name)]));
  mkdirSync(path.join(outputDir, CACHE_DIR), { recursive: true });
  // Cached results are reusable only when the stage and the config it reads are unchanged.
  const reusable =
    !options.force && prior && prior.version === stage.version && prior.code === code && prior.configHash === sliceHash ? prior.documents : {};
  // Where the previous run's per-document lines are. A damaged line there is not an error of this
  // run: its document no longer matches its recorded hash and is processed again. Say where it was.
  const previous = new Map<ArtifactName, Map<string, DocSpan>>();
  if (Object.keys(reusable).length) {
    for (const [name, rel] of perDocRel) {
      const index = await loadIndex(outputDir, rel, name, {
        onBadLine: (bad) => log.warn({ path: rel, line: bad.line }, `${path.basename(rel)} line ${bad.line}: ${bad.message}; its document will be processed again`),
      });
      previous.set(name, new Map(index.docs.map((d) => [d.docId, d])));
    }
  }
  const documents: StageEntry['documents'] = {};
  const inputHashes: StageEntry['inputs'] = {};
  let processed = 0;
  let reused = 0;
  let failed = 0;
  let total: number | undefined;

  const fail = (record: ErrorRecord) => {
    errors.push(record);
    failed++;
    log.warn({ docId: record.docId, path: record.path, line: record.line, error: record.error }, record.message);
  };
  // Several stages read the same artifact: report each bad line once per run.
  const badLine = (file: string, line: number, error: string, message: string, docId?: string) => {
    const rel = path.relative(outputDir, file) || file;
    const where = `${rel}:${line}`;
    if (reportedLines.has(where)) {
      failed++;
      return;
    }
    reportedLines.add(where);
    fail({ stage: stage.name, ...(docId ? { docId } : {}), path: rel, line, error, message });
  };

  // The stage's units are gone through twice: first to count how many documents need work (a
  // handful is done in this thread, quicker than starting a pool and loading its models: an
  // incremental run adding one article), then to do it. Raw files are listed once (hashed, their
  // bytes dropped and re-read on dispatch); later stages' units are cheap to generate again.
  const keyOf = (unit: Unit) => cacheKey(stage.name, `${stage.version}+${code}`, sliceHash, unit.inputHash);
  let units: () => Iterable<Unit>;
  if (stage.reads.length === 0) {
    const { files, skipped } = await listInputs(options.inputDir, config.input.patterns);
    for (const s of skipped) fail({ stage: 'input', path: s.relPath, error: s.error, message: s.message });
    total = files.length;
    const raw: Unit[] = [];
    // The previous run's file hashes hold whatever changed in the stage (a file's hash does not
    // depend on it); --force reads every file again.
    const statCache = !options.force && prior?.startedAtMs !== undefined ? { entries: prior.documents, startedAtMs: prior.startedAtMs } : undefined;
    for await (const unit of rawUnits(stage, files, config, fail, statCache)) {
      raw.push({ ...unit, task: { ...unit.task, raw: { ...unit.task.raw!, bytes: new Uint8Array(0) } } });
    }
    units = () => raw;
  } else {
    const indexes = await upstreamIndexes(stage, outputDir, (bad) => badLine(bad.file, bad.line, bad.error, `${path.basename(bad.file)} line ${bad.line}: ${bad.message}`));
    for (const [name, index] of indexes) inputHashes[ARTIFACTS[name].file] = index.size || index.records ? index.sha256 : null;
    total = indexes.get(stage.reads[0]!)!.docs.length;
    units = () => bundleUnits(stage, outputDir, indexes);
  }

  const writers = new Map(perDocArtifacts.map((name) => [name, new ArtifactWriter(path.join(outputDir, perDocRel.get(name)!), perDocRel.get(name)!)]));
  let toProcess = 0;
  for (const unit of units()) if (reusable[unit.docId]?.key !== keyOf(unit)) toProcess++;
  const inBand = toProcess <= IN_BAND_MAX_DOCUMENTS;
  const workers = inBand ? 1 : workerCount(config.concurrency, toProcess);
  // Tasks being prepared or run: two per worker, so that each worker finds its next task already
  // queued in the pool when it finishes one (with one per worker, every task waited for the main
  // thread to read its file and post it: workers sat idle 20-30 % of the time). The window of
  // results awaiting their turn to be written (document order) is wider, so one slow document
  // does not stall the others.
  const queue = new PQueue({ concurrency: inBand ? 1 : workers * 4 });
  const window = workers * 8;
  let pool: WorkerPool | undefined;
  const dispatch = async (unit: Unit): Promise<WorkerResult> => {
    let task: WorkerTask;
    try {
      task = unit.task.raw ? await withRawBytes(unit) : unit.task;
    } catch (error) {
      const code = error instanceof DocumentError ? error.code : 'input/unreadable';
      return { ok: false, code, message: (error as Error).message, ms: 0 };
    }
    if (inBand) return runStageTask(task, config);
    pool ??= new WorkerPool(config, stage.name, workers);
    return pool.run(task);
  };
  type Pending = { unit: Unit; key: string; result: Promise<WorkerResult> };
  const inFlight: Pending[] = [];
  const emit = async ({ unit, key, result }: Pending) => {
    const outcome = await result;
    if (!outcome.ok) {
      if (outcome.badLine) badLine(outcome.badLine.file, outcome.badLine.line, outcome.code, outcome.message, unit.docId);
      else fail({ stage: stage.name, docId: unit.docId, error: outcome.code, message: outcome.message });
      return;
    }
    const hashes: string[] = [];
    for (const name of perDocArtifacts) {
      const out = outcome.output[name] ?? { bytes: new Uint8Array(0), lines: 0, sha256: EMPTY_SHA256 };
      writers.get(name)!.writeDoc(unit.docId, out.bytes, out.lines, out.sha256);
      hashes.push(out.sha256);
    }
    for (const warning of outcome.warnings) log.warn({ docId: unit.docId }, warning);
    documents[unit.docId] = { input: unit.inputHash, key, output: combineHashes(hashes), ...(unit.source ? { source: unit.source } : {}) };
    processed++;
    options.onProgress?.(stage.name, processed + reused + failed, total);
  };
  /** Copy the document's previous lines when the key and their recorded hash match. */
  const reuse = (unit: Unit, key: string): boolean => {
    const entry = reusable[unit.docId];
    if (!entry || entry.key !== key) return false;
    const spans = perDocArtifacts.map((name) => previous.get(name)?.get(unit.docId) ?? emptySpan(unit.docId));
    if (spans.some((s) => s.skip) || combineHashes(spans.map((s) => s.sha256)) !== entry.output) {
      log.warn({ docId: unit.docId }, 'cached records missing or damaged; processing the document again');
      return false;
    }
    perDocArtifacts.forEach((name, i) => writers.get(name)!.copyDoc(path.join(outputDir, perDocRel.get(name)!), spans[i]!));
    documents[unit.docId] = { input: unit.inputHash, key, output: entry.output, ...(unit.source ? { source: unit.source } : {}) };
    reused++;
    options.onProgress?.(stage.name, processed + reused + failed, total);
    return true;
  };
  const perDocIndexes = new Map<ArtifactName, ArtifactIndex>();
  try {
    for (const unit of units()) {
      heap.tick();
      throwIfInterrupted(options.signal);
      const key = keyOf(unit);
      // Cached documents are written in order: everything in flight before them goes first.
      if (reusable[unit.docId]?.key === key) {
        while (inFlight.length) await emit(inFlight.shift()!);
        if (reuse(unit, key)) continue;
      }
      inFlight.push({ unit, key, result: queue.add(() => dispatch(unit)) as Promise<WorkerResult> });
      if (inFlight.length >= window) await emit(inFlight.shift()!);
    }
    while (inFlight.length) await emit(inFlight.shift()!);
    for (const [name, writer] of writers) perDocIndexes.set(name, writer.commit());
  } catch (error) {
    // Interrupted or failed: tasks not started are dropped, the results of those running are
    // ignored (closing the pool rejects them), and no temp file is left.
    queue.clear();
    for (const pending of inFlight) pending.result.catch(() => undefined);
    for (const writer of writers.values()) writer.abort();
    throw error;
  } finally {
    await pool?.close();
  }
  for (const index of perDocIndexes.values()) await writeIndex(outputDir, index);

  const written = new Map(perDocIndexes);
  if (stage.corpus) {
    const artifact = stage.corpus.artifact;
    heap.check();
    for (const [name, index] of runCorpusStep(stage, outputDir, perDocRel.get(artifact)!, perDocIndexes.get(artifact)!, config, log, heap)) {
      written.set(name, index);
      await writeIndex(outputDir, index);
    }
  }
  const outputs: StageEntry['outputs'] = {};
  for (const name of stage.writes) {
    const index = written.get(name)!;
    outputs[ARTIFACTS[name].file] = { sha256: index.sha256, records: index.records };
  }
  const ms = Date.now() - started;
  log.info({ processed, reused, failed, ms }, `${stage.name}: ${processed} document(s) processed, ${reused} reused from cache, ${failed} set aside`);
  return {
    version: stage.version,
    code,
    configHash: sliceHash,
    inputs: inputHashes,
    outputs,
    documents,
    counts: { documents: processed + reused, processed, reused, errors: failed },
    ...(stage.reads.length === 0 ? { startedAtMs: started } : {}),
    timingMs: ms,
  };
}

export const CACHE_DIR = 'cache';

function throwIfInterrupted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Interrupted(typeof signal.reason === 'string' ? signal.reason : 'SIGINT');
}

/** Up to this many documents to process, a stage runs them in the runner's own thread. */
export const IN_BAND_MAX_DOCUMENTS = 4;

/** A raw unit's bytes, read again at dispatch; a file edited since it was hashed is an error. */
async function withRawBytes(unit: Unit): Promise<WorkerTask> {
  const raw = unit.task.raw!;
  const bytes = await fs.readFile(raw.absPath ?? '');
  if (sha256(bytes) !== raw.sha256) {
    throw new DocumentError('input/changed', `${raw.path} changed while the run was reading it, or was edited without a new modification time; run again (with --force if this repeats)`);
  }
  return { ...unit.task, raw: { ...raw, bytes } };
}

function emptySpan(docId: string): DocSpan {
  return { docId, offset: 0, length: 0, line: 0, lines: 0, sha256: EMPTY_SHA256 };
}

/**
 * Where a stage's per-document records live between runs, relative to the output folder: the
 * artifact itself, or for a stage with a corpus step (whose artifact is rewritten corpus-wide),
 * `cache/<artifact>.perdoc.jsonl`.
 */
function perDocFile(stage: AnyStage, name: ArtifactName): string {
  return stage.corpus ? `${CACHE_DIR}/${name}.perdoc.jsonl` : ARTIFACTS[name].file;
}
