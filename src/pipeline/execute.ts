/**
 * The execution core: one stage on one document, and one document's corpus rewrite. Workers
 * (task.ts, on artifact lines) and in-memory runs (inprocess.ts, on records) both go through here,
 * so a document is processed, its failures caught and its records ordered the same way on both
 * paths (tests/pipeline/execute.test.ts compares their bytes).
 */
import { diagnosticOf, type Diagnostic } from '../diagnostic.js';
import type { PipelineConfig } from '../config.js';
import type { ArtifactName } from '../schema.js';
import { sortDocumentRecords } from './bundle.js';
import type { CorpusPlan, Stage, StageInput, StageOutput } from './stage.js';

export type Executed =
  | { ok: true; output: StageOutput; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/** The document id of a stage input. */
function inputDocId(input: StageInput): string {
  return 'raw' in input ? input.raw.docId : input.docId;
}

/**
 * Runs `stage` on one document. Never throws: an exception (a DiagnosticError or a bug) comes back
 * as an error diagnostic and `ok: false`; what the stage reported comes back either way. Output
 * records are in contract order per artifact (by `start`).
 */
export function execute(stage: Stage, input: StageInput, config: PipelineConfig): Executed {
  const docId = inputDocId(input);
  const diagnostics: Diagnostic[] = [];
  try {
    const output = stage.run(input, config, (d) => diagnostics.push({ ...d, source: stage.name, docId: d.docId ?? docId }));
    const sorted: StageOutput = {};
    for (const name of Object.keys(output) as ArtifactName[]) {
      const records: unknown[] | undefined = output[name];
      if (records) (sorted as Record<string, unknown[]>)[name] = sortDocumentRecords(records);
    }
    return { ok: true, output: sorted, diagnostics };
  } catch (error) {
    diagnostics.push(diagnosticOf(error, stage.name, docId));
    return { ok: false, diagnostics };
  }
}

/** One document's records after a corpus step's plan: rewritten, in contract order. */
export function rewriteDocument(plan: CorpusPlan, docId: string, records: unknown[]): unknown[] {
  return plan.rewrite ? sortDocumentRecords(plan.rewrite(docId, records)) : records;
}
