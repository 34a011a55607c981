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
import { DiagnosticSink, fromErrorRecord, toErrorRecord, type Diagnostic } from '../diagnostic.js';
import { ARTIFACTS, type ArtifactName, type ErrorRecord } from '../schema.js';
import { TOOL } from '../version.js';
import { combineHashes, EMPTY_SHA256, loadIndex, writeIndex, type ArtifactIndex, type DocSpan } from './artifact-index.js';
import { cacheKey, configHash, sha256 } from './cache.js';
import { runCorpusStep } from './corpus-step.js';
import type { Logger } from './logger.js';
import { readManifest, writeManifest, type Manifest, type StageEntry } from './manifest.js';
import { HeapGuard } from './memory.js';
import { stageCode } from './fingerprint.js';
import { WorkerPool, workerCount } from './pool.js';
import { DiagnosticError } from '../diagnostic.js';
import { perDocumentArtifacts, type Stage, type StageName } from './stage.js';
import { bundleUnits, rawUnits, upstreamIndexes, type Unit } from './units.js';
import { runStageTask, type WorkerResult, type WorkerTask } from './task.js';

export interface RunOptions {
  config: PipelineConfig;
  /** The stages, in pipeline order (src/stages/index.ts: STAGES). */
  stages: readonly Stage[];
  /** URL of a module exporting the same list as `STAGES`, for the worker threads (STAGES_MODULE). */
  stagesModule: string;
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
export function selectStages(stages: readonly Stage[], only?: string, from?: string): Stage[] {
  const names: string[] = stages.map((s) => s.name);
  for (const name of [only, from]) {
    if (name !== undefined && !names.includes(name)) {
      throw new UsageError(`unknown stage "${name}" (expected one of ${names.join(', ')})`);
    }
  }
  if (only) return stages.filter((s) => s.name === only);
  if (from) return stages.slice(names.indexOf(from));
  return [...stages];
}

export class UsageError extends Error {
  override name = 'UsageError';
}


export async function runPipeline(options: RunOptions): Promise<RunSummary> {
  const started = Date.now();
  const { config, outputDir, logger } = options;
  mkdirSync(outputDir, { recursive: true });
  const stale = [...(await removeStaleTempFiles(outputDir)), ...(await removeStaleTempFiles(path.join(outputDir, CACHE_DIR)))];
  if (stale.length) logger.warn({ files: stale }, `removed ${stale.length} temp file(s) left by an interrupted run`);

  const stages = selectStages(options.stages, options.only, options.from);
  const sink = new DiagnosticSink(options.stages.map((s) => s.name));
  const heap = new HeapGuard();
  for (const d of await carriedErrors(outputDir, stages)) sink.add(d);
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
    const stageLog = logger.child({ stage: stage.name });
    const entry = await runStage(stage, options, stageLog, sink, prior?.stages[stage.name], heap);
    if (prior) delete prior.stages[stage.name]; // done with it: let its per-document entries go
    manifest.stages[stage.name] = entry;
    for (const [file, out] of Object.entries(entry.outputs)) summary.records[file] = out.records;
    summary.stages.push({ name: stage.name, processed: entry.counts.processed, reused: entry.counts.reused, errors: entry.counts.errors, ms: entry.timingMs });
    if (stage.name === 'normalize') summary.documents = entry.counts.documents;
    await writeManifest(outputDir, manifest);
    heap.check();
  }
  if (!stages.some((s) => s.name === 'normalize')) summary.documents = manifest.stages.normalize?.counts.documents ?? 0;
  const allErrors = sink.sorted('error');
  await writeErrors(outputDir, allErrors);
  summary.errors = allErrors.length;
  summary.ms = Date.now() - started;
  return summary;
}

/** Errors recorded earlier by stages this run does not execute stay in errors.jsonl. */
async function carriedErrors(outputDir: string, stages: Stage[]): Promise<Diagnostic[]> {
  const running = new Set<string>(stages.map((s) => s.name));
  if (stages.some((s) => s.reads === 'raw')) running.add('input');
  const kept: Diagnostic[] = [];
  for await (const r of readJsonl<ErrorRecord>(path.join(outputDir, ERRORS_FILE))) if (!running.has(r.stage)) kept.push(fromErrorRecord(r));
  return kept;
}

/** errors.jsonl: the run's error diagnostics, already sorted (DiagnosticSink.sorted). */
async function writeErrors(outputDir: string, errors: Diagnostic[]): Promise<void> {
  const writer = new AtomicJsonlWriter(path.join(outputDir, ERRORS_FILE));
  for (const e of errors) await writer.write(toErrorRecord(e));
  await writer.commit();
}

async function runStage(
  stage: Stage,
  options: RunOptions,
  log: Logger,
  sink: DiagnosticSink,
  prior: StageEntry | undefined,
  heap: HeapGuard,
): Promise<StageEntry> {
  const started = Date.now();
  const { config, outputDir } = options;
  const sliceHash = configHash(stage.options(config));
  const code = stageCode(stage);
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

  /** A diagnostic of this stage: errors count as documents (or lines) set aside. */
  const report = (d: Diagnostic) => {
    // Artifact lines are named relative to the output folder.
    const diagnostic = d.line !== undefined && d.file !== undefined && path.isAbsolute(d.file) ? { ...d, file: path.relative(outputDir, d.file) || d.file } : d;
    if (diagnostic.severity === 'error') failed++;
    // Several stages read the same artifact: each bad line is listed (and logged) once per run.
    if (!sink.add(diagnostic)) return;
    if (diagnostic.severity === 'warning') log.warn({ docId: diagnostic.docId }, diagnostic.message);
    else log.warn({ docId: diagnostic.docId, path: diagnostic.file, line: diagnostic.line, error: diagnostic.code }, diagnostic.message);
  };
  const fail = (d: Omit<Diagnostic, 'severity'>) => report({ severity: 'error', ...d });

  // The stage's units are gone through twice: first to count how many documents need work (a
  // handful is done in this thread, quicker than starting a pool and loading its models: an
  // incremental run adding one article), then to do it. Raw files are listed once (hashed, their
  // bytes dropped and re-read on dispatch); later stages' units are cheap to generate again.
  const keyOf = (unit: Unit) => cacheKey(stage.name, `${stage.version}+${code}`, sliceHash, unit.inputHash);
  let units: () => Iterable<Unit>;
  if (stage.reads === 'raw') {
    const { files, skipped } = await listInputs(options.inputDir, config.input.patterns);
    for (const s of skipped) report(s);
    total = files.length;
    const raw: Unit[] = [];
    // The previous run's file hashes hold whatever changed in the stage (a file's hash does not
    // depend on it); --force reads every file again.
    const statCache = !options.force && prior?.startedAtMs !== undefined ? { entries: prior.documents, startedAtMs: prior.startedAtMs } : undefined;
    for await (const unit of rawUnits(stage.name, files, config, report, statCache)) {
      raw.push({ ...unit, task: { ...unit.task, raw: { ...unit.task.raw!, bytes: new Uint8Array(0) } } });
    }
    units = () => raw;
  } else {
    const reads = stage.reads;
    const indexes = await upstreamIndexes(reads, outputDir, (bad) => fail({ ...bad, source: stage.name, message: `${path.basename(bad.file ?? '')} line ${bad.line}: ${bad.message}` }));
    for (const [name, index] of indexes) inputHashes[ARTIFACTS[name].file] = index.size || index.records ? index.sha256 : null;
    total = indexes.get(reads[0]!)!.docs.length;
    units = () => bundleUnits(stage.name, reads, outputDir, indexes);
  }

  const writers = new Map(perDocArtifacts.map((name) => [name, new ArtifactWriter(path.join(outputDir, perDocRel.get(name)!), perDocRel.get(name)!)]));
  let toProcess = 0;
  for (const unit of units()) if (reusable[unit.docId]?.key !== keyOf(unit)) toProcess++;
  const inBand = toProcess <= IN_BAND_MAX_DOCUMENTS;
  const workers = inBand ? 1 : workerCount(config.concurrency);
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
      const code = error instanceof DiagnosticError ? error.code : 'input/unreadable';
      return { ok: false, diagnostics: [{ severity: 'error', code, source: stage.name, docId: unit.docId, message: (error as Error).message }], ms: 0 };
    }
    if (inBand) return runStageTask(options.stages, task, config);
    pool ??= new WorkerPool(config, options.stagesModule, stage.name);
    return pool.run(task);
  };
  type Pending = { unit: Unit; key: string; result: Promise<WorkerResult> };
  const inFlight: Pending[] = [];
  const emit = async ({ unit, key, result }: Pending) => {
    const outcome = await result;
    for (const d of outcome.diagnostics) report(d);
    if (!outcome.ok) return;
    const hashes: string[] = [];
    for (const name of perDocArtifacts) {
      const out = outcome.output[name] ?? { bytes: new Uint8Array(0), lines: 0, sha256: EMPTY_SHA256 };
      writers.get(name)!.writeDoc(unit.docId, out.bytes, out.lines, out.sha256);
      hashes.push(out.sha256);
    }
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
    ...(stage.reads === 'raw' ? { startedAtMs: started } : {}),
    timingMs: ms,
  };
}

export const CACHE_DIR = 'cache';

/** Up to this many documents to process, a stage runs them in the runner's own thread. */
export const IN_BAND_MAX_DOCUMENTS = 4;

/** A raw unit's bytes, read again at dispatch; a file edited since it was hashed is an error. */
async function withRawBytes(unit: Unit): Promise<WorkerTask> {
  const raw = unit.task.raw!;
  const bytes = await fs.readFile(raw.absPath ?? '');
  if (sha256(bytes) !== raw.sha256) {
    throw new DiagnosticError('input/changed', `${raw.path} changed while the run was reading it, or was edited without a new modification time; run again (with --force if this repeats)`);
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
function perDocFile(stage: Stage, name: ArtifactName): string {
  return stage.corpus ? `${CACHE_DIR}/${name}.perdoc.jsonl` : ARTIFACTS[name].file;
}
