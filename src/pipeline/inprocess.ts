/**
 * The whole pipeline in one thread, in memory: for evaluation on dev sets and for tests of
 * stage logic. The production runner (runner.ts) does the same work streamed, on a worker pool,
 * with caching; both go through the same execution core (execute.ts) for every document and
 * every corpus rewrite, in the same order (tests/pipeline/execute.test.ts compares their bytes).
 */
import type { PipelineConfig } from '../config.js';
import { compareIds } from '../io/inputs.js';
import { toErrorRecord } from '../diagnostic.js';
import type { ArtifactName, ErrorRecord } from '../schema.js';
import { execute, rewriteDocument } from './execute.js';
import type { RawInput, RecordsByArtifact, Stage, StageOutput } from './stage.js';

export interface InProcessResult {
  /** Every artifact's records, in contract order. */
  artifacts: { [K in ArtifactName]?: unknown[] };
  /** The documents set aside, as errors.jsonl would list them. */
  errors: ErrorRecord[];
}

/**
 * Runs `stages` (in order) over `inputs`. A document a stage sets aside is dropped from the later
 * stages, as in a run. Diagnostics of severity `warning` are not kept (a run logs them).
 */
export function runInProcess(inputs: RawInput[], config: PipelineConfig, stages: readonly Stage[]): InProcessResult {
  const errors: ErrorRecord[] = [];
  const byDoc = new Map<string, RecordsByArtifact>();
  const ids = inputs.map((i) => i.docId).sort(compareIds);
  const inputById = new Map(inputs.map((i) => [i.docId, i]));
  const failed = new Set<string>();
  const corpusRecords: StageOutput = {};

  for (const stage of stages) {
    for (const docId of ids) {
      if (failed.has(docId)) continue;
      const slot = byDoc.get(docId) ?? {};
      const result = execute(stage, stage.reads === 'raw' ? { raw: inputById.get(docId)! } : { docId, records: slot }, config);
      for (const d of result.diagnostics) if (d.severity === 'error') errors.push(toErrorRecord(d));
      if (!result.ok) {
        failed.add(docId);
        byDoc.delete(docId);
        continue;
      }
      byDoc.set(docId, { ...slot, ...result.output });
    }
    const step = stage.corpus;
    if (step) {
      const run = step.start(config);
      for (const docId of ids) for (const r of byDoc.get(docId)?.[step.artifact] ?? []) run.add(r);
      const plan = run.plan();
      for (const docId of ids) {
        const slot = byDoc.get(docId);
        const records: unknown[] | undefined = slot?.[step.artifact];
        if (!slot || !records || !plan.touches(docId)) continue;
        (slot as Record<string, unknown[]>)[step.artifact] = rewriteDocument(plan, docId, records);
      }
      Object.assign(corpusRecords, plan.emit());
    }
  }

  const artifacts: InProcessResult['artifacts'] = {};
  for (const stage of stages) {
    for (const name of stage.writes) {
      const emitted: unknown[] | undefined = corpusRecords[name];
      artifacts[name] = emitted ?? ids.flatMap((id): unknown[] => byDoc.get(id)?.[name] ?? []);
    }
  }
  return { artifacts, errors };
}

/** Raw input from a string (tests, dev sets). */
export function rawInputFromText(docId: string, text: string): RawInput {
  const bytes = new TextEncoder().encode(text);
  return { docId, path: `${docId}.txt`, bytes, sha256: '' };
}
