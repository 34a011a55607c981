/**
 * The staged runner. For each stage in order (the stages are given, never imported), in five
 * steps, one module each (as unified-engine splits its file pipeline):
 *   plan (plan.ts)       cache keys, reusable results, the units of work;
 *   dispatch (dispatch.ts) each unit to the stage's worker pool, or in this thread when few;
 *   write (write.ts)     records in document order (cached ones copied as bytes), published atomically;
 *   corpus (corpus-step.ts) the stage's corpus step over what was written;
 *   record (record.ts)   the stage's manifest entry; at the end errors.jsonl.
 * A document that fails is set aside (errors.jsonl) and the run goes on; so does a malformed
 * artifact line. The run's exit status is derived from the error count.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DiagnosticSink } from '../diagnostic.js';
import { recoverInterruptedWrites } from '../io/artifact-writer.js';
import { removeStaleTempFiles } from '../io/jsonl.js';
import { TOOL } from '../version.js';
import { configHash } from './cache.js';
import { corpusStage } from './corpus-step.js';
import { createDispatcher } from './dispatch.js';
import { throwIfInterrupted, UsageError } from './errors.js';
import type { Logger } from './logger.js';
import { readManifest, writeManifest, type Manifest, type StageEntry } from './manifest.js';
import { HeapGuard } from './memory.js';
import { IN_BAND_MAX_DOCUMENTS, perDocFile, planStage } from './plan.js';
import { forgetIndexes } from './artifact-index.js';
import { ARTIFACTS } from '../schema.js';
import { carriedErrors, recordStage, stageReporter, writeErrors } from './record.js';
import { CACHE_DIR, type RunOptions } from './run-options.js';
import type { Stage } from './stage.js';
import { writeStage, type StageWork } from './write.js';

export interface RunSummary {
  documents: number;
  records: Record<string, number>;
  errors: number;
  ms: number;
  /**
   * Per stage: documents processed and reused, errors, wall time (ms, corpus step included), and
   * the work of its tasks (write.ts StageWork: summed in-task ms; V8 heap bytes allocated when measured).
   */
  stages: Array<{ name: string; processed: number; reused: number; errors: number; ms: number; work: StageWork }>;
}

/** The stages a run executes, in order. Throws UsageError for an unknown name or both flags. */
export function selectStages(stages: readonly Stage[], only?: string, from?: string): Stage[] {
  const names: string[] = stages.map((s) => s.name);
  for (const name of [only, from]) {
    if (name !== undefined && !names.includes(name)) {
      throw new UsageError(`unknown stage "${name}" (expected one of ${names.join(', ')})`);
    }
  }
  if (only && from) throw new UsageError(`--only and --from cannot be used together (--only ${only} runs one stage, --from ${from} runs it and the ones after it)`);
  if (only) return stages.filter((s) => s.name === only);
  if (from) return stages.slice(names.indexOf(from));
  return [...stages];
}

export async function runPipeline(options: RunOptions): Promise<RunSummary> {
  const started = Date.now();
  const { config, outputDir, logger } = options;
  mkdirSync(outputDir, { recursive: true });
  // A run killed while it rewrote an artifact in place: put the artifact back as it was.
  const restored = recoverInterruptedWrites(outputDir, path.join(outputDir, CACHE_DIR));
  if (restored.length) logger.warn({ files: restored }, `restored ${restored.length} artifact(s) an interrupted run had started to rewrite`);
  const stale = [...(await removeStaleTempFiles(outputDir)), ...(await removeStaleTempFiles(path.join(outputDir, CACHE_DIR)))];
  if (stale.length) logger.warn({ files: stale }, `removed ${stale.length} temp file(s) left by an interrupted run`);

  const stages = selectStages(options.stages, options.only, options.from);
  forgetIndexes(); // what an earlier run in this process kept (one that failed before its end)
  const sink = new DiagnosticSink(options.stages.map((s) => s.name));
  const heap = new HeapGuard();
  for (const d of await carriedErrors(outputDir, stages)) sink.add(d);
  const manifest: Manifest = {
    schema: 1,
    tool: { ...TOOL },
    // Where tasks ran (config.executor) changes no byte: it is left out of the hash.
    configHash: configHash({ ...config, executor: undefined }),
    runId: options.runId,
    stages: {},
  };
  const prior = options.manifest !== undefined ? options.manifest : readManifest(outputDir);
  if (prior) for (const [name, entry] of Object.entries(prior.stages)) if (!stages.some((s) => s.name === name)) manifest.stages[name] = entry;

  const summary: RunSummary = { documents: 0, records: {}, errors: 0, ms: 0, stages: [] };
  for (const [i, stage] of stages.entries()) {
    throwIfInterrupted(options.signal);
    const stageLog = logger.child({ stage: stage.name });
    const { entry, work } = await runStage(stage, options, stageLog, sink, prior?.stages[stage.name], heap);
    if (prior) delete prior.stages[stage.name]; // done with it: let its per-document entries go
    manifest.stages[stage.name] = entry;
    for (const [file, out] of Object.entries(entry.outputs)) summary.records[file] = out.records;
    summary.stages.push({ name: stage.name, processed: entry.counts.processed, reused: entry.counts.reused, errors: entry.counts.errors, ms: entry.timingMs, work });
    if (stage.reads === 'raw') summary.documents = entry.counts.documents;
    // Indexes kept in memory for the stages still to run: only those of the artifacts they read.
    const read = new Set<string>(stages.slice(i + 1).flatMap((s) => (s.reads === 'raw' ? [] : s.reads.map((name) => ARTIFACTS[name].file))));
    forgetIndexes(outputDir, [...Object.values(ARTIFACTS).map((a) => a.file), ...stages.flatMap((s) => s.writes.map((name) => perDocFile(s, name)))].filter((f) => !read.has(f)));
    // Recorded after each stage whose work would take long to redo, and after the last: a run
    // stopped in between redoes at most a few documents (their keys are not recorded yet; the
    // artifacts' content hashes keep the rest consistent). At 20,000 documents each write is an
    // 18 MB JSON text.
    if (entry.counts.processed > IN_BAND_MAX_DOCUMENTS || i === stages.length - 1) await writeManifest(outputDir, manifest);
    heap.check();
  }
  forgetIndexes();
  const rawStage = options.stages.find((s) => s.reads === 'raw');
  if (!stages.some((s) => s.reads === 'raw')) summary.documents = (rawStage && manifest.stages[rawStage.name]?.counts.documents) ?? 0;
  const errors = sink.sorted('error');
  await writeErrors(outputDir, errors);
  summary.errors = errors.length;
  summary.ms = Date.now() - started;
  return summary;
}

/** One stage: plan, dispatch and write, corpus step, record. */
async function runStage(stage: Stage, options: RunOptions, log: Logger, sink: DiagnosticSink, prior: StageEntry | undefined, heap: HeapGuard): Promise<{ entry: StageEntry; work: StageWork }> {
  const reporter = stageReporter(sink, log, options.outputDir);
  const plan = await planStage(stage, options, reporter, prior);
  const written = await writeStage(plan, createDispatcher(plan, options), options, reporter, heap);
  const indexes = await corpusStage(plan, written.indexes, options, log, heap);
  const entry = recordStage(plan, indexes, written.documents, written.setAside, { processed: written.processed, reused: written.reused, failed: reporter.failed }, log);
  return { entry, work: written.work };
}
