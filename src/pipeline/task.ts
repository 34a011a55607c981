/**
 * One stage on one document, as a worker runs it (and the runner itself, in-band, when a run has
 * only a few documents to process): read the document's lines of each input artifact (the caller
 * only says where they are), parse them, run the stage, and return the output already serialized
 * and hashed. Failures come back as data, so a bad document never takes the pool down.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { PipelineConfig } from '../config.js';
import { readRange } from '../io/lines.js';
import type { ArtifactName } from '../schema.js';
import type { Diagnostic } from '../diagnostic.js';
import { execute } from './execute.js';
import { perDocumentArtifacts, type RawInput, type RecordsByArtifact, type Stage, type StageInput, type StageOutput } from './stage.js';

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
  /** The lines themselves, already read (a job from another machine: see bullmq.ts); `file` then only names them. */
  text?: string;
}

export interface WorkerTask {
  stage: string;
  docId: string;
  /** normalize: the raw file. */
  raw?: RawInput;
  /** Later stages: the document's lines in each artifact the stage reads. */
  parts?: ArtifactPart[];
}

/** One artifact's lines for the document, ready to append: UTF-8 bytes, each line ending with a newline. */
export interface SerializedRecords {
  bytes: Uint8Array;
  lines: number;
  sha256: string;
}

/**
 * What a task gives back: the output serialized, or the reason the document was set aside; with
 * the diagnostics the stage reported either way.
 */
export type WorkerResult = (
  | { ok: true; output: Partial<Record<ArtifactName, SerializedRecords>>; diagnostics: Diagnostic[]; ms: number }
  | { ok: false; diagnostics: Diagnostic[]; ms: number }
) & {
  /** V8 heap bytes the task allocated, when measured (worker threads with NEWSSTANCE_ALLOC_STATS=1: memory.ts AllocationProbe). */
  allocated?: number;
};

/** Runs one task (see the module comment). Never throws. */
export function runStageTask(stages: readonly Stage[], task: WorkerTask, cfg: PipelineConfig): WorkerResult {
  const started = performance.now();
  const stage = stages.find((s) => s.name === task.stage);
  if (!stage) return { ok: false, diagnostics: [{ severity: 'error', code: 'stage/unknown', source: task.stage, docId: task.docId, message: `unknown stage ${task.stage}` }], ms: 0 };
  let input: StageInput;
  if (task.raw) input = { raw: task.raw };
  else {
    const read = readParts(task.parts ?? []);
    if ('bad' in read) return { ok: false, diagnostics: [{ ...read.bad, source: stage.name, docId: task.docId }], ms: performance.now() - started };
    input = { docId: task.docId, records: read.records };
  }
  const result = execute(stage, input, cfg);
  const ms = performance.now() - started;
  return result.ok ? { ok: true, output: serialize(stage, result.output), diagnostics: result.diagnostics, ms } : { ok: false, diagnostics: result.diagnostics, ms };
}

/** The records of each part, or the first line that is not JSON (file absolute, line 1-based). */
function readParts(parts: ArtifactPart[]): { records: RecordsByArtifact } | { bad: Omit<Diagnostic, 'source' | 'docId'> } {
  const byArtifact: Record<string, unknown[]> = {};
  for (const part of parts) {
    const records: unknown[] = (byArtifact[part.artifact] ??= []);
    if (part.length === 0) continue;
    const lines = (part.text ?? readRange(part.file, part.offset, part.length).toString('utf8')).split('\n');
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!;
      const lineNo = part.line + i;
      if (text.trim() === '' || part.skip?.includes(lineNo)) continue;
      try {
        records.push(JSON.parse(text));
      } catch (error) {
        const message = `${path.basename(part.file)} line ${lineNo}: not valid JSON: ${(error as Error).message}`;
        return { bad: { severity: 'error', code: 'jsonl/malformed', file: part.file, line: lineNo, message } };
      }
    }
  }
  // Parsed artifact lines: the pipeline wrote them with these records' schemas.
  return { records: byArtifact as RecordsByArtifact };
}

function serialize(stage: Stage, output: StageOutput): Partial<Record<ArtifactName, SerializedRecords>> {
  const texts: Array<[ArtifactName, string, number]> = [];
  for (const name of perDocumentArtifacts(stage)) {
    const records: unknown[] = output[name] ?? [];
    let text = '';
    for (const r of records) text += JSON.stringify(r) + '\n';
    texts.push([name, text, records.length]);
  }
  // One buffer for all artifacts, so a worker can hand it to the main thread without a copy.
  // allocUnsafeSlow: a buffer of its own, never a slice of Node's shared pool (which must not be transferred).
  const all = texts.map(([, text]) => text).join('');
  const buffer = Buffer.allocUnsafeSlow(Buffer.byteLength(all, 'utf8'));
  buffer.write(all, 'utf8');
  const out: Partial<Record<ArtifactName, SerializedRecords>> = {};
  let at = 0;
  for (const [name, text, lines] of texts) {
    const length = Buffer.byteLength(text, 'utf8');
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset + at, length);
    out[name] = { bytes, lines, sha256: createHash('sha256').update(bytes).digest('hex') };
    at += length;
  }
  return out;
}

/** The ArrayBuffer holding a result's serialized records (to transfer rather than copy), if any. */
export function resultBuffer(result: WorkerResult): ArrayBuffer | undefined {
  if (!result.ok) return undefined;
  for (const out of Object.values(result.output)) if (out) return out.bytes.buffer as ArrayBuffer;
  return undefined;
}
