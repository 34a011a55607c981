/**
 * The units of work of a stage, one per document, in document id order: raw files for normalize,
 * and for later stages the location of the document's lines in each artifact read (from the
 * artifacts' indexes). The main thread reads raw files (I/O) but never upstream records: each
 * unit's input hash comes from the index, and the worker reads the lines itself.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { PipelineConfig } from '../config.js';
import type { InputFile } from '../io/inputs.js';
import type { BadLine } from '../io/jsonl.js';
import { ARTIFACTS, type ArtifactName, type ErrorRecord } from '../schema.js';
import { combineHashes, loadIndex, type ArtifactIndex, type DocSpan } from './artifact-index.js';
import { sha256 } from './cache.js';
import type { AnyStage, RawInput } from './stage.js';
import type { ArtifactPart, WorkerTask } from './worker.js';

export interface Unit {
  docId: string;
  /** Hash of the input as the stage sees it (raw bytes, or the upstream lines' hashes). */
  inputHash: string;
  task: WorkerTask;
}

/** Raw files as normalize units: size-checked, read, hashed (I/O here, CPU in the workers). */
export async function* rawUnits(stage: AnyStage, files: InputFile[], config: PipelineConfig, fail: (e: ErrorRecord) => void): AsyncGenerator<Unit> {
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      const stat = await fs.stat(file.absPath);
      if (stat.size > config.input.maxBytes) {
        fail({
          stage: stage.name,
          docId: file.docId,
          path: file.relPath,
          error: 'input/too-large',
          message: `${file.relPath} is ${stat.size} bytes, over input.maxBytes (${config.input.maxBytes}); set aside`,
        });
        continue;
      }
      bytes = await fs.readFile(file.absPath);
    } catch (error) {
      fail({ stage: stage.name, docId: file.docId, path: file.relPath, error: 'input/unreadable', message: `cannot read ${file.relPath}: ${(error as Error).message}` });
      continue;
    }
    const hash = sha256(bytes);
    const raw: RawInput = { docId: file.docId, path: file.relPath, bytes, sha256: hash, absPath: file.absPath };
    yield { docId: file.docId, inputHash: hash, task: { stage: stage.name, docId: file.docId, raw } };
  }
}

/** The indexes of the artifacts a stage reads (scanning any that are stale), by artifact. */
export async function upstreamIndexes(stage: AnyStage, outputDir: string, onBadLine: (bad: BadLine) => void): Promise<Map<ArtifactName, ArtifactIndex>> {
  const indexes = new Map<ArtifactName, ArtifactIndex>();
  for (const name of stage.reads) indexes.set(name, await loadIndex(outputDir, ARTIFACTS[name].file, name, { onBadLine }));
  return indexes;
}

/**
 * One unit per document of the first artifact read (documents decide which documents exist); the
 * other artifacts contribute their lines, or none. The input hash combines the lines' hashes.
 */
export function* bundleUnits(stage: AnyStage, outputDir: string, indexes: Map<ArtifactName, ArtifactIndex>): Generator<Unit> {
  const [primary, ...others] = stage.reads;
  // One path string per artifact, shared by every unit.
  const files = new Map(stage.reads.map((name) => [name, path.join(outputDir, ARTIFACTS[name].file)]));
  const byDoc = new Map(others.map((name) => [name, new Map(indexes.get(name)!.docs.map((d) => [d.docId, d]))]));
  for (const span of indexes.get(primary!)!.docs) {
    const docId = span.docId;
    const parts: ArtifactPart[] = [part(files.get(primary!)!, primary!, span)];
    const hashes = [span.sha256];
    for (const name of others) {
      const other = byDoc.get(name)!.get(docId);
      hashes.push(other?.sha256 ?? '-');
      if (other) parts.push(part(files.get(name)!, name, other));
    }
    yield { docId, inputHash: combineHashes(hashes), task: { stage: stage.name, docId, parts } };
  }
}

function part(file: string, artifact: ArtifactName, span: DocSpan): ArtifactPart {
  return {
    artifact,
    file,
    offset: span.offset,
    length: span.length,
    line: span.line,
    ...(span.skip ? { skip: span.skip } : {}),
  };
}
