/**
 * The whole pipeline in one thread, in memory: for evaluation on dev sets and for tests of
 * stage logic. The production runner (runner.ts) does the same work streamed, on a worker pool,
 * with caching; both call the same stage functions in the same order.
 */
import type { PipelineConfig } from '../config.js';
import type { ArtifactName, ErrorRecord } from '../schema.js';
import { STAGES } from '../stages/index.js';
import { makeBundle, sortDocumentRecords, type RecordsByArtifact } from './bundle.js';
import { DocumentError, type AnyStage, type DocumentBundle, type RawInput, type StageOutput } from './stage.js';

export interface InProcessResult {
  /** Every artifact's records, in contract order. */
  artifacts: { [K in ArtifactName]?: unknown[] };
  errors: ErrorRecord[];
}

function push(target: Map<string, RecordsByArtifact>, docId: string, output: StageOutput): void {
  const slot = target.get(docId) ?? {};
  for (const [name, records] of Object.entries(output)) {
    (slot as Record<string, unknown[]>)[name] = sortDocumentRecords(records as unknown[]);
  }
  target.set(docId, slot);
}

export function runInProcess(inputs: RawInput[], config: PipelineConfig, stages: readonly AnyStage[] = STAGES): InProcessResult {
  const errors: ErrorRecord[] = [];
  const byDoc = new Map<string, RecordsByArtifact>();
  const ids = [...inputs].map((i) => i.docId).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const inputById = new Map(inputs.map((i) => [i.docId, i]));
  const failed = new Set<string>();
  const corpusRecords: { [K in ArtifactName]?: unknown[] } = {};

  for (const stage of stages) {
    for (const docId of ids) {
      if (failed.has(docId)) continue;
      try {
        const output =
          stage.reads.length === 0
            ? (stage as { process(i: RawInput, c: PipelineConfig): StageOutput }).process(inputById.get(docId)!, config)
            : (stage as { process(i: DocumentBundle, c: PipelineConfig): StageOutput }).process(
                makeBundle(docId, pick(byDoc.get(docId) ?? {}, stage.reads)),
                config,
              );
        push(byDoc, docId, output);
      } catch (error) {
        failed.add(docId);
        byDoc.delete(docId);
        const code = error instanceof DocumentError ? error.code : 'stage/exception';
        errors.push({ stage: stage.name, docId, error: code, message: (error as Error).message });
      }
    }
    const step = stage.corpus;
    if (step) {
      const state = step.init();
      for (const docId of ids) for (const r of (byDoc.get(docId)?.[step.artifact] as unknown[] | undefined) ?? []) step.add(state, r);
      const plan = step.plan(state, config);
      if (step.rewrite) {
        for (const docId of ids) {
          const slot = byDoc.get(docId);
          if (!slot || !slot[step.artifact]) continue;
          (slot as Record<string, unknown[]>)[step.artifact] = sortDocumentRecords(step.rewrite(plan, docId, slot[step.artifact] as unknown[]));
        }
      }
      if (step.emit) Object.assign(corpusRecords, step.emit(plan));
    }
  }

  const artifacts: InProcessResult['artifacts'] = {};
  for (const stage of stages) {
    for (const name of stage.writes) {
      if (corpusRecords[name]) artifacts[name] = corpusRecords[name];
      else artifacts[name] = ids.flatMap((id) => (byDoc.get(id)?.[name] as unknown[] | undefined) ?? []);
    }
  }
  return { artifacts, errors };
}

function pick(records: RecordsByArtifact, names: readonly ArtifactName[]): RecordsByArtifact {
  const out: RecordsByArtifact = {};
  for (const n of names) (out as Record<string, unknown>)[n] = records[n] ?? [];
  return out;
}

/** Raw input from a string (tests, dev sets). */
export function rawInputFromText(docId: string, text: string): RawInput {
  const bytes = new TextEncoder().encode(text);
  return { docId, path: `${docId}.txt`, bytes, sha256: '' };
}
