/** manifest.json: what produced the artifacts (see docs in README, "Artifacts"). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostic.js';
import { writeFileAtomic } from '../io/jsonl.js';

export interface DocumentEntry {
  /** Hash of what the stage read for this document (raw bytes, or upstream records). */
  input: string;
  /** Cache key: stage version + config slice + input. */
  key: string;
  /** Hash of the document's per-document output lines (checked before cached records are reused). */
  output?: string;
  /** normalize: the raw file's size and modification time when `input` (its hash) was computed. */
  source?: FileStamp;
}

/** A document set aside by a previous run (see StageEntry.setAside). */
export interface SetAsideEntry {
  input: string;
  key: string;
  diagnostics: Diagnostic[];
  source?: FileStamp;
}

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export interface StageEntry {
  version: string;
  /** Fingerprint of the stage's code and data files (see fingerprint.ts). */
  code: string;
  /** Hash of the config slice the stage reads. */
  configHash: string;
  inputs: Record<string, string | null>;
  outputs: Record<string, { sha256: string; records: number }>;
  documents: Record<string, DocumentEntry>;
  counts: { documents: number; processed: number; reused: number; errors: number };
  /**
   * Documents set aside for a reason that does not change while their input, the stage and its
   * options stay the same (an empty or undecodable file, a stage exception): their cache key and
   * diagnostics. The next run reports them again without reading or processing them, so a corpus
   * with a bad file can be "up to date". I/O failures are not kept (they may pass).
   */
  setAside?: Record<string, SetAsideEntry>;
  /** When the stage started (ms since 1970): raw-file stamps are trusted only if older (see units.ts). */
  startedAtMs?: number;
  timingMs: number;
}

export interface Manifest {
  schema: 1;
  tool: { name: string; version: string };
  configHash: string;
  runId: string;
  stages: Record<string, StageEntry>;
}

export const MANIFEST_FILE = 'manifest.json';

export function readManifest(outputDir: string): Manifest | null {
  const file = path.join(outputDir, MANIFEST_FILE);
  if (!existsSync(file)) return null;
  try {
    const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    return m && m.schema === 1 && m.stages ? m : null;
  } catch {
    return null;
  }
}

export async function writeManifest(outputDir: string, manifest: Manifest): Promise<void> {
  await writeFileAtomic(path.join(outputDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
}
