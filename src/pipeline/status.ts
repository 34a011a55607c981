/**
 * `newsstance status`: what a run would do and why, per stage, from the manifest and the input
 * folder, without running anything. Raw files are hashed; later stages are judged by their
 * version and config, and by whether their upstream documents change.
 */
import { promises as fs, statSync } from 'node:fs';
import type { PipelineConfig } from '../config.js';
import { listInputs } from '../io/inputs.js';
import { configHash, sha256 } from './cache.js';
import { stageCode } from './fingerprint.js';
import type { Manifest } from './manifest.js';
import type { Stage } from './stage.js';
import { trustedHash, type StatCache } from './units.js';

export interface StageStatus {
  stage: string;
  upToDate: number;
  new: number;
  changed: number;
  removed: number;
  /** Why documents would be processed again (`config changed`, `stage version changed`, ...). */
  reasons: string[];
  /** The documents behind the counts, by id (sorted). */
  documents: { new: string[]; changed: string[]; removed: string[] };
}

/** `stages`: the pipeline's stages, in order (src/stages/index.ts). */
export async function computeStatus(stages: readonly Stage[], config: PipelineConfig, inputDir: string, manifest: Manifest | null): Promise<StageStatus[]> {
  const { files } = await listInputs(inputDir, config.input.patterns);
  const current = new Map<string, string>();
  // The run's own rule (units.ts): a file whose size and old-enough mtime match is not read again.
  const rawStage = stages.find((s) => s.reads === 'raw');
  const normalize = rawStage ? manifest?.stages[rawStage.name] : undefined;
  const statCache: StatCache | undefined = normalize?.startedAtMs !== undefined ? { entries: { ...normalize.setAside, ...normalize.documents }, startedAtMs: normalize.startedAtMs } : undefined;
  for (const f of files) {
    try {
      const stat = statSync(f.absPath);
      const known = trustedHash(statCache, f.docId, { size: stat.size, mtimeMs: stat.mtimeMs });
      current.set(f.docId, known ?? sha256(await fs.readFile(f.absPath)));
    } catch {
      current.set(f.docId, 'unreadable');
    }
  }
  const result: StageStatus[] = [];
  let upstreamChanged = new Set<string>();
  // Documents a stage set aside last time for a lasting reason, unchanged since: up to date there
  // (the run only reports them again), and never reaching the stages after it.
  const setAsideUpstream = new Set<string>();
  for (const stage of stages) {
    const entry = manifest?.stages[stage.name];
    const status: StageStatus = { stage: stage.name, upToDate: 0, new: 0, changed: 0, removed: 0, reasons: [], documents: { new: [], changed: [], removed: [] } };
    const known = entry?.documents ?? {};
    const code = stageCode(stage);
    const allStale = !entry || entry.version !== stage.version || entry.code !== code || entry.configHash !== configHash(stage.options(config));
    if (!entry) status.reasons.push('never run');
    else if (entry.version !== stage.version) status.reasons.push(`stage version changed (${entry.version} -> ${stage.version})`);
    else if (entry.code !== code) status.reasons.push('stage code or data files changed');
    else if (allStale) status.reasons.push('its config changed');
    const changedHere = new Set<string>();
    for (const [docId, hash] of current) {
      if (setAsideUpstream.has(docId)) continue;
      const prev = known[docId];
      const failed = entry?.setAside?.[docId];
      if (!prev && failed && !allStale && !upstreamChanged.has(docId) && (stage.reads !== 'raw' || failed.input === hash)) {
        status.upToDate++;
        setAsideUpstream.add(docId);
        continue;
      }
      if (!prev) {
        status.new++;
        status.documents.new.push(docId);
        changedHere.add(docId);
      } else if (allStale || upstreamChanged.has(docId) || (stage.reads === 'raw' && prev.input !== hash)) {
        status.changed++;
        status.documents.changed.push(docId);
        changedHere.add(docId);
      } else status.upToDate++;
    }
    status.documents.removed = Object.keys(known).filter((id) => !current.has(id));
    status.removed = status.documents.removed.length;
    for (const list of Object.values(status.documents)) list.sort();
    if (status.new) status.reasons.push(`${status.new} new document(s)`);
    if (status.changed && !allStale) status.reasons.push(stage.reads === 'raw' ? 'raw files edited' : 'upstream records changed');
    if (status.removed) status.reasons.push(`${status.removed} document(s) removed`);
    upstreamChanged = changedHere;
    result.push(status);
  }
  return result;
}
