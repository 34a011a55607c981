/**
 * Step 5 of a stage's run, and the run's own records: the stage's manifest entry (cache keys,
 * hashes, counts), its diagnostics (one reporter per stage, counting what was set aside), and
 * errors.jsonl (this run's errors plus those of stages it did not run).
 */
import path from 'node:path';
import { DiagnosticSink, fromErrorRecord, toErrorRecord, type Diagnostic } from '../diagnostic.js';
import { AtomicJsonlWriter, readJsonl } from '../io/jsonl.js';
import { ARTIFACTS, type ArtifactName, type ErrorRecord } from '../schema.js';
import type { ArtifactIndex } from './artifact-index.js';
import type { Logger } from './logger.js';
import type { StageEntry } from './manifest.js';
import type { StagePlan } from './plan.js';
import type { StageReporter } from './run-options.js';
import type { Stage } from './stage.js';

export const ERRORS_FILE = 'errors.jsonl';

/**
 * A stage's reporter. Artifact files are named relative to the output folder; a line several
 * stages read is listed (and logged) once per run, but counted by each stage that had to skip it.
 */
export function stageReporter(sink: DiagnosticSink, log: Logger, outputDir: string): StageReporter {
  let failed = 0;
  return {
    log,
    get failed() {
      return failed;
    },
    report(d) {
      const diagnostic = d.line !== undefined && d.file !== undefined && path.isAbsolute(d.file) ? { ...d, file: path.relative(outputDir, d.file) || d.file } : d;
      if (diagnostic.severity === 'error') failed++;
      if (!sink.add(diagnostic)) return;
      if (diagnostic.severity === 'warning') log.warn({ docId: diagnostic.docId }, diagnostic.message);
      else log.warn({ docId: diagnostic.docId, path: diagnostic.file, line: diagnostic.line, error: diagnostic.code }, diagnostic.message);
    },
  };
}

/** The stage's manifest entry, from its plan, what was written and the counts; logs one line. */
export function recordStage(
  plan: StagePlan,
  written: Map<ArtifactName, ArtifactIndex>,
  documents: StageEntry['documents'],
  setAside: NonNullable<StageEntry['setAside']>,
  counts: { processed: number; reused: number; failed: number },
  log: Logger,
): StageEntry {
  const { stage } = plan;
  const outputs: StageEntry['outputs'] = {};
  for (const name of stage.writes) {
    const index = written.get(name)!;
    outputs[ARTIFACTS[name].file] = { sha256: index.sha256, records: index.records };
  }
  const { processed, reused, failed } = counts;
  const ms = Date.now() - plan.started;
  log.info({ processed, reused, failed, ms }, `${stage.name}: ${processed} document(s) processed, ${reused} reused from cache, ${failed} set aside`);
  return {
    version: stage.version,
    code: plan.code,
    configHash: plan.optionsHash,
    inputs: plan.inputHashes,
    outputs,
    documents,
    ...(Object.keys(setAside).length ? { setAside } : {}),
    counts: { documents: processed + reused, processed, reused, errors: failed },
    ...(stage.reads === 'raw' ? { startedAtMs: plan.started } : {}),
    timingMs: ms,
  };
}

/** Errors recorded earlier by stages this run does not execute: they stay in errors.jsonl. */
export async function carriedErrors(outputDir: string, stages: readonly Stage[]): Promise<Diagnostic[]> {
  const running = new Set<string>(stages.map((s) => s.name));
  if (stages.some((s) => s.reads === 'raw')) running.add('input');
  const kept: Diagnostic[] = [];
  for await (const r of readJsonl<ErrorRecord>(path.join(outputDir, ERRORS_FILE))) if (!running.has(r.stage)) kept.push(fromErrorRecord(r));
  return kept;
}

/** errors.jsonl: the run's error diagnostics, already sorted (DiagnosticSink.sorted). */
export async function writeErrors(outputDir: string, errors: readonly Diagnostic[]): Promise<void> {
  const writer = new AtomicJsonlWriter(path.join(outputDir, ERRORS_FILE));
  for (const e of errors) await writer.write(toErrorRecord(e));
  await writer.commit();
}
