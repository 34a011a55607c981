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
import { createHash } from 'node:crypto';
import path from 'node:path';
import PQueue from 'p-queue';
import type { PipelineConfig } from '../config.js';
import { compareIds, listInputs, type InputFile } from '../io/inputs.js';
import { AtomicJsonlWriter, hashFile, readJsonl, removeStaleTempFiles, toJsonLine, type BadLine } from '../io/jsonl.js';
import { ARTIFACTS, docIdOf, type ArtifactName, type ErrorRecord } from '../schema.js';
import { STAGES } from '../stages/index.js';
import { TOOL } from '../version.js';
import { makeBundle, sortDocumentRecords, type RecordsByArtifact } from './bundle.js';
import { cacheKey, canonicalJson, configHash, sha256 } from './cache.js';
import type { Logger } from './logger.js';
import { readManifest, writeManifest, type Manifest, type StageEntry } from './manifest.js';
import { stageFingerprint } from './fingerprint.js';
import { WorkerPool } from './pool.js';
import type { AnyStage, RawInput, StageName, StageOutput } from './stage.js';
import type { WorkerResult } from './worker.js';

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
  if (only) return STAGES.filter((s) => s.name === only);
  if (from) return STAGES.slice(names.indexOf(from as StageName));
  return [...STAGES];
}

export class UsageError extends Error {
  override name = 'UsageError';
}

interface Unit {
  docId: string;
  /** Hash of the input as the stage sees it. */
  inputHash: string;
  task: unknown;
}

export async function runPipeline(options: RunOptions): Promise<RunSummary> {
  const started = Date.now();
  const { config, outputDir, logger } = options;
  mkdirSync(outputDir, { recursive: true });
  const stale = [...(await removeStaleTempFiles(outputDir)), ...(await removeStaleTempFiles(path.join(outputDir, CACHE_DIR)))];
  if (stale.length) logger.warn({ files: stale }, `removed ${stale.length} temp file(s) left by an interrupted run`);

  const stages = selectStages(options.only, options.from);
  const errors: ErrorRecord[] = [];
  const reportedLines = new Set<string>();
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

  const pool = new WorkerPool(config);
  const summary: RunSummary = { documents: 0, records: {}, errors: 0, ms: 0, stages: [] };
  try {
    for (const stage of stages) {
      const stageLog = logger.child({ stage: stage.name });
      const entry = await runStage(stage, options, pool, stageLog, errors, reportedLines, prior?.stages[stage.name]);
      manifest.stages[stage.name] = entry;
      for (const [file, out] of Object.entries(entry.outputs)) summary.records[file] = out.records;
      summary.stages.push({ name: stage.name, processed: entry.counts.processed, reused: entry.counts.reused, errors: entry.counts.errors, ms: entry.timingMs });
      if (stage.name === 'normalize') summary.documents = entry.counts.documents;
      await writeManifest(outputDir, manifest);
    }
  } finally {
    await pool.close();
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
  pool: WorkerPool,
  log: Logger,
  errors: ErrorRecord[],
  reportedLines: Set<string>,
  prior: StageEntry | undefined,
): Promise<StageEntry> {
  const started = Date.now();
  const { config, outputDir } = options;
  const sliceHash = configHash(stage.configSlice(config));
  const code = stageFingerprint(stage.name);
  // With a corpus step that emits, the artifacts other than the one it folds over are written whole.
  const perDocArtifacts = stage.writes.filter((w) => !stage.corpus?.emit || w === stage.corpus.artifact);
  const perDocFiles = new Map(perDocArtifacts.map((name) => [name, perDocFile(stage, name, outputDir)]));
  mkdirSync(path.join(outputDir, CACHE_DIR), { recursive: true });
  const writers = new Map(perDocArtifacts.map((name) => [name, new AtomicJsonlWriter(perDocFiles.get(name)!)]));
  // Cached results are reusable only when the stage and the config it reads are unchanged.
  const reusable =
    !options.force && prior && prior.version === stage.version && prior.code === code && prior.configHash === sliceHash ? prior.documents : {};
  // A damaged line in a previous artifact is not an error of this run: the document it belonged
  // to no longer matches its recorded hash and is processed again. Say where it was.
  const cache = new CachedRecords(perDocArtifacts, perDocFiles, (bad) =>
    log.warn({ path: path.relative(outputDir, bad.file), line: bad.line }, `${path.basename(bad.file)} line ${bad.line}: ${bad.message}; its document will be processed again`),
  );
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

  let units: AsyncIterable<Unit>;
  if (stage.reads.length === 0) {
    const { files, skipped } = await listInputs(options.inputDir, config.input.patterns);
    for (const s of skipped) fail({ stage: 'input', path: s.relPath, error: s.error, message: s.message });
    total = files.length;
    units = rawUnits(files, config, fail);
  } else {
    for (const name of stage.reads) inputHashes[ARTIFACTS[name].file] = await hashFile(path.join(outputDir, ARTIFACTS[name].file));
    units = bundleUnits(stage, outputDir, (bad) => {
      // Several stages read the same artifact: report each bad line once per run.
      const where = `${bad.file}:${bad.line}`;
      if (reportedLines.has(where)) return;
      reportedLines.add(where);
      fail({ stage: stage.name, path: path.relative(outputDir, bad.file) || bad.file, line: bad.line, error: bad.error, message: `${path.basename(bad.file)} line ${bad.line}: ${bad.message}` });
    });
  }

  const queue = new PQueue({ concurrency: pool.size });
  const window = pool.size * 2;
  type Pending = { unit: Unit; key: string; result: Promise<WorkerResult>; cached: boolean };
  const inFlight: Pending[] = [];
  const emit = async ({ unit, key, result, cached }: Pending) => {
    const outcome = await result;
    if (!outcome.ok) {
      fail({ stage: stage.name, docId: unit.docId, error: outcome.code, message: outcome.message });
      return;
    }
    const hash = createHash('sha256');
    for (const name of perDocArtifacts) {
      const records = sortDocumentRecords((outcome.output[name] as unknown[] | undefined) ?? []);
      for (const record of records) {
        hash.update(toJsonLine(record));
        await writers.get(name)!.write(record);
      }
    }
    if (!cached) for (const warning of documentWarnings(outcome.output)) log.warn({ docId: unit.docId }, warning);
    documents[unit.docId] = { input: unit.inputHash, key, output: hash.digest('hex') };
    if (cached) reused++;
    else processed++;
    options.onProgress?.(stage.name, processed + reused + failed, total);
  };
  try {
    for await (const unit of units) {
      const key = cacheKey(stage.name, `${stage.version}+${code}`, sliceHash, unit.inputHash);
      const previous = reusable[unit.docId];
      const carried = previous && previous.key === key ? await cache.take(unit.docId, previous.output) : undefined;
      if (previous && previous.key === key && !carried) log.warn({ docId: unit.docId }, 'cached records missing or damaged; processing the document again');
      if (carried) inFlight.push({ unit, key, result: Promise.resolve({ ok: true, output: carried, ms: 0 }), cached: true });
      else inFlight.push({ unit, key, result: queue.add(() => pool.run({ stage: stage.name, input: unit.task })) as Promise<WorkerResult>, cached: false });
      if (inFlight.length >= window) await emit(inFlight.shift()!);
    }
    while (inFlight.length) await emit(inFlight.shift()!);
  } catch (error) {
    await Promise.all([...writers.values()].map((w) => w.abort()));
    throw error;
  }
  for (const writer of writers.values()) await writer.commit();

  const outputs: StageEntry['outputs'] = {};
  if (stage.corpus) await runCorpusStep(stage, perDocFiles.get(stage.corpus.artifact)!, outputDir, config, log);
  for (const name of stage.writes) {
    const file = path.join(outputDir, ARTIFACTS[name].file);
    outputs[ARTIFACTS[name].file] = { sha256: (await hashFile(file)) ?? '', records: await countLines(file) };
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
    timingMs: ms,
  };
}

export const CACHE_DIR = 'cache';

/**
 * Where a stage's per-document records live between runs: the artifact itself, or for a stage
 * with a corpus step (whose artifact is rewritten corpus-wide), `cache/<artifact>.perdoc.jsonl`.
 */
function perDocFile(stage: AnyStage, name: ArtifactName, outputDir: string): string {
  return stage.corpus ? path.join(outputDir, CACHE_DIR, `${name}.perdoc.jsonl`) : path.join(outputDir, ARTIFACTS[name].file);
}

/**
 * Cursors over the previous run's per-document records (sorted by document id), read forward
 * once; `take` returns a document's records only when they hash to what the manifest recorded,
 * so a torn or hand-edited line means the document is processed again.
 */
class CachedRecords {
  private readonly cursors;

  constructor(artifacts: ArtifactName[], files: Map<ArtifactName, string>, onBadLine: (bad: BadLine) => void) {
    this.cursors = artifacts.map((name) => ({
      name,
      iter: groupByDoc(readJsonl(files.get(name)!, { onBadLine }), name)[Symbol.asyncIterator](),
      head: undefined as { docId: string; records: unknown[] } | undefined,
      started: false,
      done: false,
    }));
  }

  async take(docId: string, expectedHash: string | undefined): Promise<StageOutput | undefined> {
    const output: Record<string, unknown[]> = {};
    const hash = createHash('sha256');
    for (const c of this.cursors) {
      if (!c.started) {
        c.started = true;
        await this.advance(c);
      }
      while (!c.done && c.head && compareIds(c.head.docId, docId) < 0) await this.advance(c);
      const records = c.head && c.head.docId === docId ? c.head.records : [];
      for (const r of records) hash.update(toJsonLine(r));
      output[c.name] = records;
    }
    return expectedHash !== undefined && hash.digest('hex') === expectedHash ? (output as StageOutput) : undefined;
  }

  private async advance(c: (typeof this.cursors)[number]): Promise<void> {
    const next = await c.iter.next();
    c.done = Boolean(next.done);
    c.head = next.done ? undefined : next.value;
  }
}

async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const _ of readJsonl(file)) n++;
  return n;
}

/**
 * Corpus step: fold over the per-document file, then (when the step rewrites) stream it again
 * document by document into the final artifact; emitted artifacts are written whole.
 */
async function runCorpusStep(stage: AnyStage, perDoc: string, outputDir: string, config: PipelineConfig, log: Logger): Promise<void> {
  const step = stage.corpus!;
  const state = step.init();
  for await (const record of readJsonl(perDoc)) step.add(state, record);
  const plan = step.plan(state, config);
  const finalWriter = new AtomicJsonlWriter(path.join(outputDir, ARTIFACTS[step.artifact].file));
  for await (const group of groupByDoc(readJsonl(perDoc), step.artifact)) {
    const records = step.rewrite ? sortDocumentRecords(step.rewrite(plan, group.docId, group.records)) : group.records;
    for (const record of records) await finalWriter.write(record);
  }
  await finalWriter.commit();
  const emitted = step.emit?.(plan) ?? {};
  for (const name of stage.writes) {
    if (name === step.artifact) continue;
    const writer = new AtomicJsonlWriter(path.join(outputDir, ARTIFACTS[name].file));
    for (const r of (emitted as Record<string, unknown[] | undefined>)[name] ?? []) await writer.write(r);
    await writer.commit();
  }
  log.debug({ artifact: step.artifact }, 'corpus step done');
}

function documentWarnings(output: StageOutput): string[] {
  return (output.documents ?? []).flatMap((d) => d.warnings);
}

/** Raw files as normalize units: size-checked, read, hashed (I/O here, CPU in the workers). */
async function* rawUnits(files: InputFile[], config: PipelineConfig, fail: (e: ErrorRecord) => void): AsyncGenerator<Unit> {
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      const stat = await fs.stat(file.absPath);
      if (stat.size > config.input.maxBytes) {
        fail({
          stage: 'normalize',
          docId: file.docId,
          path: file.relPath,
          error: 'input/too-large',
          message: `${file.relPath} is ${stat.size} bytes, over input.maxBytes (${config.input.maxBytes}); set aside`,
        });
        continue;
      }
      bytes = await fs.readFile(file.absPath);
    } catch (error) {
      fail({ stage: 'normalize', docId: file.docId, path: file.relPath, error: 'input/unreadable', message: `cannot read ${file.relPath}: ${(error as Error).message}` });
      continue;
    }
    const hash = sha256(bytes);
    const input: RawInput = { docId: file.docId, path: file.relPath, bytes, sha256: hash };
    yield { docId: file.docId, inputHash: hash, task: input };
  }
}

/** Consecutive records of one document, from a docId-sorted artifact stream. */
async function* groupByDoc(records: AsyncIterable<unknown>, artifact: ArtifactName): AsyncGenerator<{ docId: string; records: unknown[] }> {
  let current: { docId: string; records: unknown[] } | null = null;
  for await (const record of records) {
    const docId = docIdOf(artifact, record) ?? '';
    if (current && current.docId === docId) current.records.push(record);
    else {
      if (current) yield current;
      current = { docId, records: [record] };
    }
  }
  if (current) yield current;
}

/**
 * Merge-join of the artifacts a stage reads, all sorted by document id. The first artifact
 * (documents) decides which documents exist; the others contribute their records, or none.
 */
async function* bundleUnits(stage: AnyStage, outputDir: string, onBadLine: (bad: BadLine) => void): AsyncGenerator<Unit> {
  const [primary, ...others] = stage.reads;
  const open = (name: ArtifactName) =>
    groupByDoc(readJsonl(path.join(outputDir, ARTIFACTS[name].file), { schema: ARTIFACTS[name].schema as never, onBadLine }), name)[Symbol.asyncIterator]();
  const primaryIter = open(primary!);
  const cursors = others.map((name) => ({ name, iter: open(name), head: undefined as { docId: string; records: unknown[] } | undefined, done: false }));
  for (const c of cursors) {
    const next = await c.iter.next();
    c.done = Boolean(next.done);
    c.head = next.done ? undefined : next.value;
  }
  for (let next = await primaryIter.next(); !next.done; next = await primaryIter.next()) {
    const { docId, records } = next.value;
    const byArtifact: RecordsByArtifact = { [primary!]: records } as RecordsByArtifact;
    for (const c of cursors) {
      while (!c.done && c.head && compareIds(c.head.docId, docId) < 0) {
        const n = await c.iter.next();
        c.done = Boolean(n.done);
        c.head = n.done ? undefined : n.value;
      }
      (byArtifact as Record<string, unknown[]>)[c.name] = c.head && c.head.docId === docId ? c.head.records : [];
    }
    const bundle = makeBundle(docId, byArtifact);
    yield { docId, inputHash: sha256(canonicalJson(byArtifact)), task: bundle };
  }
}
