/**
 * The units of work of a stage, one per document, in document id order: raw files for normalize,
 * and for later stages the location of the document's lines in each artifact read (from the
 * artifacts' indexes). The main thread reads raw files (I/O) but never upstream records: each
 * unit's input hash comes from the index, and the worker reads the lines itself.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { PipelineConfig } from '../config.js';
import type { InputFile } from '../io/inputs.js';
import type { BadLine } from '../io/jsonl.js';
import type { Diagnostic } from '../diagnostic.js';
import { ARTIFACTS, type ArtifactName } from '../schema.js';
import { combineHashes, loadIndex, type ArtifactIndex, type DocSpan } from './artifact-index.js';
import { sha256 } from './cache.js';
import type { FileStamp } from './manifest.js';
import type { RawInput } from './stage.js';
import type { ArtifactPart, WorkerTask } from './task.js';

export interface Unit {
  docId: string;
  /** Hash of the input as the stage sees it (raw bytes, or the upstream lines' hashes). */
  inputHash: string;
  task: WorkerTask;
  /** Raw files: the size and mtime the hash belongs to (recorded in the manifest). */
  source?: FileStamp;
}

/**
 * Raw-file hashes from the previous run, trusted like git's index trusts a file's stat: same size,
 * same mtime, and an mtime older than that run's start by more than a coarse file system's clock
 * tick (so a file rewritten while it was being hashed is hashed again).
 */
export interface StatCache {
  entries: Record<string, { input: string; source?: FileStamp }>;
  startedAtMs: number;
}

/** mtime granularity of the coarsest common file systems (FAT: 2 s). */
const MTIME_TICK_MS = 2000;

export function trustedHash(cache: StatCache | undefined, docId: string, stamp: FileStamp): string | undefined {
  const entry = cache?.entries[docId];
  if (!entry?.source || !cache) return undefined;
  const same = entry.source.size === stamp.size && entry.source.mtimeMs === stamp.mtimeMs;
  return same && stamp.mtimeMs < cache.startedAtMs - MTIME_TICK_MS ? entry.input : undefined;
}

/**
 * Raw files as normalize units: size-checked, read, hashed (I/O here, CPU in the workers). A file
 * whose stamp matches the previous run's is not read: its recorded hash stands (the bytes are read
 * when the document is dispatched, and checked against that hash).
 */
export async function* rawUnits(stage: string, files: InputFile[], config: PipelineConfig, fail: (d: Diagnostic) => void, statCache?: StatCache): AsyncGenerator<Unit> {
  for (const file of files) {
    let bytes: Uint8Array;
    let stamp: FileStamp;
    try {
      // Sync: one stat per file, 20,000 of them in an incremental run; a thread-pool round trip
      // each (the async API) cost more than the stat itself.
      const stat = statSync(file.absPath);
      stamp = { size: stat.size, mtimeMs: stat.mtimeMs };
      if (stat.size > config.input.maxBytes) {
        fail({
          severity: 'error',
          code: 'input/too-large',
          source: stage,
          docId: file.docId,
          file: file.relPath,
          message: `${file.relPath} is ${stat.size} bytes, over input.maxBytes (${config.input.maxBytes}); set aside`,
        });
        continue;
      }
      const known = trustedHash(statCache, file.docId, stamp);
      if (known) {
        const raw: RawInput = { docId: file.docId, path: file.relPath, bytes: new Uint8Array(0), sha256: known, absPath: file.absPath };
        yield { docId: file.docId, inputHash: known, task: { stage, docId: file.docId, raw }, source: stamp };
        continue;
      }
      bytes = readFileSync(file.absPath);
    } catch (error) {
      fail({ severity: 'error', code: 'input/unreadable', source: stage, docId: file.docId, file: file.relPath, message: `cannot read ${file.relPath}: ${(error as Error).message}` });
      continue;
    }
    const hash = sha256(bytes);
    const raw: RawInput = { docId: file.docId, path: file.relPath, bytes, sha256: hash, absPath: file.absPath };
    yield { docId: file.docId, inputHash: hash, task: { stage, docId: file.docId, raw }, source: stamp };
  }
}

/** The indexes of the artifacts a stage reads (scanning any that are stale), by artifact. */
export async function upstreamIndexes(reads: readonly ArtifactName[], outputDir: string, onBadLine: (bad: BadLine) => void): Promise<Map<ArtifactName, ArtifactIndex>> {
  const indexes = new Map<ArtifactName, ArtifactIndex>();
  for (const name of reads) indexes.set(name, await loadIndex(outputDir, ARTIFACTS[name].file, name, { onBadLine }));
  return indexes;
}

/**
 * One unit per document of the first artifact read (documents decide which documents exist); the
 * other artifacts contribute their lines, or none. The input hash combines the lines' hashes
 * (kept in `inputHashes` by document id, when given, for the next pass over the same indexes).
 */
export function* bundleUnits(stage: string, reads: readonly ArtifactName[], outputDir: string, indexes: Map<ArtifactName, ArtifactIndex>, inputHashes?: Map<string, string>): Generator<Unit> {
  const [primary, ...others] = reads;
  // One path string per artifact, shared by every unit.
  const files = new Map(reads.map((name) => [name, path.join(outputDir, ARTIFACTS[name].file)]));
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
    let inputHash = inputHashes?.get(docId);
    if (inputHash === undefined) {
      inputHash = combineHashes(hashes);
      inputHashes?.set(docId, inputHash);
    }
    yield { docId, inputHash, task: { stage, docId, parts } };
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
