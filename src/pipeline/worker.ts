/**
 * Worker-thread entry (piscina). Each worker loads the stages once (and the wink model on first
 * use), then runs one stage on one document per task: it reads the document's lines of each input
 * artifact itself (the main thread only says where they are), parses them, runs the stage, and
 * returns the output already serialized and hashed. The main thread never parses or re-serializes
 * per-document records, so it stays off the critical path. Failures come back as data, so a bad
 * document never takes the pool down.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { workerData } from 'node:worker_threads';
import type { PipelineConfig } from '../config.js';
import { readRange } from '../io/lines.js';
import type { ArtifactName } from '../schema.js';
import { STAGES, stageByName } from '../stages/index.js';
import { makeBundle, sortDocumentRecords, type RecordsByArtifact } from './bundle.js';
import { DocumentError, perDocumentArtifacts, type AnyStage, type RawInput, type StageOutput } from './stage.js';

/** Where one document's lines of one artifact are (see artifact-index.ts). */
export interface ArtifactPart {
  artifact: ArtifactName;
  /** Absolute path of the artifact file. */
  file: string;
  offset: number;
  length: number;
  /** 1-based number of the first line (for messages). */
  line: number;
  /** Line numbers already reported bad: skipped. */
  skip?: number[];
}

export interface WorkerTask {
  stage: string;
  docId: string;
  /** normalize: the raw file. */
  raw?: RawInput;
  /** Later stages: the document's lines in each artifact the stage reads. */
  parts?: ArtifactPart[];
}

/** One artifact's lines for the document, ready to append. */
export interface SerializedRecords {
  text: string;
  lines: number;
  sha256: string;
}

export type WorkerResult =
  | { ok: true; output: Partial<Record<ArtifactName, SerializedRecords>>; warnings: string[]; ms: number }
  | { ok: false; code: string; message: string; ms: number; badLine?: { file: string; line: number } };

const { config, loaded } = workerData as { config: PipelineConfig; loaded?: Int32Array };
// Tell the pool this worker's modules are loaded: it is now safe to terminate (see pool.ts close()).
if (loaded) Atomics.add(loaded, 0, 1);
// Build models and gazetteers now, while the main thread lists and hashes the inputs, rather than
// one stage at a time when its first document arrives (which serializes them in a short run).
setImmediate(() => {
  for (const stage of STAGES) stage.warm?.();
});

export default function runTask(task: WorkerTask): WorkerResult {
  return runStageTask(task, config);
}

class BadArtifactLine extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}


export function runStageTask(task: WorkerTask, cfg: PipelineConfig): WorkerResult {
  const started = performance.now();
  const stage = stageByName(task.stage);
  try {
    if (!stage) throw new Error(`unknown stage ${task.stage}`);
    const input = task.raw ?? makeBundle(task.docId, readParts(task.parts ?? []));
    const output = (stage.process as (input: unknown, c: PipelineConfig) => StageOutput)(input, cfg);
    return { ok: true, output: serialize(stage, output), warnings: (output.documents ?? []).flatMap((d) => d.warnings), ms: performance.now() - started };
  } catch (error) {
    const ms = performance.now() - started;
    if (error instanceof BadArtifactLine) {
      return { ok: false, code: 'jsonl/malformed', message: error.message, ms, badLine: { file: error.file, line: error.line } };
    }
    const code = error instanceof DocumentError ? error.code : 'stage/exception';
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, code, message, ms };
  }
}

function readParts(parts: ArtifactPart[]): RecordsByArtifact {
  const byArtifact: Record<string, unknown[]> = {};
  for (const part of parts) {
    const records: unknown[] = (byArtifact[part.artifact] ??= []);
    if (part.length === 0) continue;
    const lines = readRange(part.file, part.offset, part.length).toString('utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!;
      const lineNo = part.line + i;
      if (text.trim() === '' || part.skip?.includes(lineNo)) continue;
      try {
        records.push(JSON.parse(text));
      } catch (error) {
        throw new BadArtifactLine(part.file, lineNo, `${path.basename(part.file)} line ${lineNo}: not valid JSON: ${(error as Error).message}`);
      }
    }
  }
  return byArtifact as RecordsByArtifact;
}

function serialize(stage: AnyStage, output: StageOutput): Partial<Record<ArtifactName, SerializedRecords>> {
  const out: Partial<Record<ArtifactName, SerializedRecords>> = {};
  for (const name of perDocumentArtifacts(stage)) {
    const records = sortDocumentRecords((output[name] as unknown[] | undefined) ?? []);
    let text = '';
    for (const r of records) text += JSON.stringify(r) + '\n';
    out[name] = { text, lines: records.length, sha256: createHash('sha256').update(text).digest('hex') };
  }
  return out;
}
