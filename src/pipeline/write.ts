/**
 * Step 3 of a stage's run: write. Goes through the plan's units in document order: a document
 * whose key and recorded lines match the previous run's has its lines copied as bytes; the others
 * are dispatched, and their serialized records written in document order as results arrive (a
 * window of results in flight, so one slow document does not stall the others). Artifacts are
 * published atomically with their indexes; on failure, no temp file is left.
 */
import path from 'node:path';
import { ArtifactWriter } from '../io/artifact-writer.js';
import type { ArtifactName } from '../schema.js';
import { combineHashes, EMPTY_SHA256, writeIndex, type ArtifactIndex, type DocSpan } from './artifact-index.js';
import type { Dispatcher } from './dispatch.js';
import { throwIfInterrupted } from './errors.js';
import type { StageEntry } from './manifest.js';
import type { HeapGuard } from './memory.js';
import type { StagePlan } from './plan.js';
import { CACHE_DIR, type RunOptions, type StageReporter } from './run-options.js';
import type { WorkerResult } from './task.js';
import type { Unit } from './units.js';

export interface Written {
  /** The index of each per-document artifact written. */
  indexes: Map<ArtifactName, ArtifactIndex>;
  /** Manifest entries of the documents written (processed or reused). */
  documents: StageEntry['documents'];
  /** Documents set aside for a lasting reason (kept for the next run). */
  setAside: NonNullable<StageEntry['setAside']>;
  processed: number;
  reused: number;
  /** What the tasks of the documents processed cost, as they reported it (see StageWork). */
  work: StageWork;
}

/**
 * The work of one stage's tasks: summed in-task time (ms, as each task measured itself: a
 * worker's own time, so it counts CPU contention, not queueing) and, when measured (worker
 * threads with NEWSSTANCE_ALLOC_STATS=1), V8 heap bytes allocated, with how many tasks reported it.
 */
export interface StageWork {
  tasks: number;
  taskMs: number;
  allocatedBytes: number;
  allocationTasks: number;
}

/**
 * Writes one stage's per-document artifacts (see the module comment) and publishes them with
 * their indexes. Throws what the dispatcher or the file system throws (Interrupted on a signal),
 * after dropping pending tasks and removing the temp files.
 */
export async function writeStage(plan: StagePlan, dispatcher: Dispatcher, options: RunOptions, reporter: StageReporter, heap: HeapGuard): Promise<Written> {
  const { stage, perDocArtifacts, perDocRel, reusable, previous, baseIndexes, total } = plan;
  const { outputDir } = options;
  const journalDir = path.join(outputDir, CACHE_DIR);
  const writers = new Map(
    perDocArtifacts.map((name) => [name, new ArtifactWriter(path.join(outputDir, perDocRel.get(name)!), perDocRel.get(name)!, { base: baseIndexes.get(name), journalDir })]),
  );
  const documents: StageEntry['documents'] = {};
  const setAside: NonNullable<StageEntry['setAside']> = {};
  let processed = 0;
  let reused = 0;
  const work: StageWork = { tasks: 0, taskMs: 0, allocatedBytes: 0, allocationTasks: 0 };
  const progress = () => options.onProgress?.(stage.name, processed + reused + reporter.failed, total);

  type Pending = { unit: Unit; key: string; result: Promise<WorkerResult> };
  const inFlight: Pending[] = [];
  const window = dispatcher.workers * 8;
  const emit = async ({ unit, key, result }: Pending) => {
    const outcome = await result;
    work.tasks++;
    work.taskMs += outcome.ms;
    if (outcome.allocated !== undefined) {
      work.allocatedBytes += outcome.allocated;
      work.allocationTasks++;
    }
    for (const d of outcome.diagnostics) reporter.report(d);
    if (!outcome.ok) {
      const errors = outcome.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length && errors.every((d) => !PASSING_CODES.has(d.code))) {
        setAside[unit.docId] = { input: unit.inputHash, key, diagnostics: errors, ...(unit.source ? { source: unit.source } : {}) };
      }
      return;
    }
    const hashes: string[] = [];
    for (const name of perDocArtifacts) {
      const out = outcome.output[name] ?? { bytes: new Uint8Array(0), lines: 0, sha256: EMPTY_SHA256 };
      writers.get(name)!.writeDoc(unit.docId, out.bytes, out.lines, out.sha256);
      hashes.push(out.sha256);
    }
    documents[unit.docId] = { input: unit.inputHash, key, output: combineHashes(hashes), ...(unit.source ? { source: unit.source } : {}) };
    processed++;
    progress();
  };
  /** Copy the document's previous lines when the key and their recorded hash match. */
  const reuse = (unit: Unit, key: string): boolean => {
    const entry = reusable[unit.docId];
    if (!entry || entry.key !== key) return false;
    const spans = perDocArtifacts.map((name) => previous.get(name)?.get(unit.docId) ?? emptySpan(unit.docId));
    if (spans.some((s) => s.skip) || combineHashes(spans.map((s) => s.sha256)) !== entry.output) {
      reporter.log.warn({ docId: unit.docId }, 'cached records missing or damaged; processing the document again');
      return false;
    }
    perDocArtifacts.forEach((name, i) => writers.get(name)!.copyDoc(path.join(outputDir, perDocRel.get(name)!), spans[i]!));
    documents[unit.docId] = { input: unit.inputHash, key, output: entry.output, ...(unit.source ? { source: unit.source } : {}) };
    reused++;
    progress();
    return true;
  };

  const indexes = new Map<ArtifactName, ArtifactIndex>();
  try {
    for (const unit of plan.units()) {
      throwIfInterrupted(options.signal);
      heap.tick();
      const key = plan.keyOf(unit);
      // Set aside last time for a lasting reason, and nothing changed: say so again, do not redo it.
      const before = plan.setAside[unit.docId];
      if (before?.key === key) {
        for (const d of before.diagnostics) reporter.report(d);
        setAside[unit.docId] = before;
        progress();
        continue;
      }
      // Cached documents are written in order: everything in flight before them goes first.
      if (reusable[unit.docId]?.key === key) {
        while (inFlight.length) await emit(inFlight.shift()!);
        if (reuse(unit, key)) continue;
      }
      inFlight.push({ unit, key, result: dispatcher.dispatch(unit) });
      if (inFlight.length >= window) await emit(inFlight.shift()!);
    }
    while (inFlight.length) await emit(inFlight.shift()!);
    for (const [name, writer] of writers) indexes.set(name, writer.commit());
  } catch (error) {
    // Interrupted or failed: tasks not started are dropped, the results of those running are
    // ignored (closing the pool rejects them), and no temp file is left.
    dispatcher.clear();
    for (const pending of inFlight) pending.result.catch(() => undefined);
    for (const writer of writers.values()) writer.abort();
    throw error;
  } finally {
    await dispatcher.close();
  }
  for (const index of indexes.values()) await writeIndex(outputDir, index, true);
  return { indexes, documents, setAside, processed, reused, work };
}

/** Failures that may pass on their own (I/O, a file edited mid-run, the queue): retried every run. */
const PASSING_CODES = new Set(['input/unreadable', 'input/changed', 'executor/failed']);

function emptySpan(docId: string): DocSpan {
  return { docId, offset: 0, length: 0, line: 0, lines: 0, sha256: EMPTY_SHA256 };
}
