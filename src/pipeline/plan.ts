/**
 * Step 1 of a stage's run: the plan. What the cache key is made of (stage version, code and data
 * digest, options), which previous results may be reused, where their lines are, the units of work
 * (raw files hashed once, or upstream artifacts' indexes), and how many documents need processing
 * (a handful runs in this thread: see dispatch.ts).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { listInputs } from '../io/inputs.js';
import { ARTIFACTS, type ArtifactName } from '../schema.js';
import { freshIndex, loadIndex, type ArtifactIndex, type DocSpan } from './artifact-index.js';
import { cacheKey, configHash } from './cache.js';
import { stageCode } from './fingerprint.js';
import type { StageEntry } from './manifest.js';
import { CACHE_DIR, type RunOptions, type StageReporter } from './run-options.js';
import { perDocumentArtifacts, type Stage } from './stage.js';
import { bundleUnits, rawUnits, upstreamIndexes, type Unit } from './units.js';

/** Up to this many documents to process, a stage runs them in the runner's own thread. */
export const IN_BAND_MAX_DOCUMENTS = 4;

export interface StagePlan {
  stage: Stage;
  /** When the stage started (ms since the epoch). */
  started: number;
  /** Stage code fingerprint and data digest (stageCode), and the hash of its parsed options. */
  code: string;
  optionsHash: string;
  /** The artifacts written per document, and where (relative to the output folder). */
  perDocArtifacts: ArtifactName[];
  perDocRel: Map<ArtifactName, string>;
  /** The previous run's per-document entries, when the stage, its code and options are unchanged. */
  reusable: StageEntry['documents'];
  /** Documents the previous run set aside for a lasting reason (same rule as `reusable`). */
  setAside: NonNullable<StageEntry['setAside']>;
  /** Where the previous run's lines of each document are, per artifact. */
  previous: Map<ArtifactName, Map<string, DocSpan>>;
  /**
   * The index of each per-document artifact as it is on disk (fresh, or scanned when cached
   * results are reusable), for writing in place what changed (io/artifact-writer.ts); none with --force.
   */
  baseIndexes: Map<ArtifactName, ArtifactIndex>;
  /** Content hashes of the upstream artifacts read (manifest `inputs`). */
  inputHashes: StageEntry['inputs'];
  /** Documents in the stage's input (for progress), when known. */
  total: number | undefined;
  /** The units of work, in document order (can be gone through more than once). */
  units(): Iterable<Unit>;
  keyOf(unit: Unit): string;
  /** Documents whose key is not the previous run's (to process). */
  toProcess: number;
  /** Few enough to process in this thread, without a worker pool. */
  inBand: boolean;
}

/**
 * Where a stage's per-document records live between runs, relative to the output folder: the
 * artifact itself, or for the artifact a corpus step rewrites corpus-wide,
 * `cache/<artifact>.perdoc.jsonl` (the stage's other per-document artifacts, such as normalize's
 * tokens, are written in place).
 */
export function perDocFile(stage: Stage, name: ArtifactName): string {
  return stage.corpus?.artifact === name ? `${CACHE_DIR}/${name}.perdoc.jsonl` : ARTIFACTS[name].file;
}

/**
 * Plans one stage (see the module comment). Reads the input folder's listing and raw files (for a
 * stage reading `'raw'`) or the upstream artifacts' indexes; reports set-aside inputs and bad
 * upstream lines through `reporter`. Throws only on I/O failures of the output folder.
 */
export async function planStage(stage: Stage, options: RunOptions, reporter: StageReporter, prior: StageEntry | undefined): Promise<StagePlan> {
  const started = Date.now();
  const { config, outputDir } = options;
  const log = reporter.log;
  const optionsHash = configHash(stage.options(config));
  const code = stageCode(stage);
  const perDocArtifacts = perDocumentArtifacts(stage);
  const perDocRel = new Map(perDocArtifacts.map((name) => [name, perDocFile(stage, name)]));
  mkdirSync(path.join(outputDir, CACHE_DIR), { recursive: true });
  // Cached results are reusable only when the stage and the options it reads are unchanged.
  const reusable =
    !options.force && prior && prior.version === stage.version && prior.code === code && prior.configHash === optionsHash ? prior.documents : {};
  // Where the previous run's per-document lines are. A damaged line there is not an error of this
  // run: its document no longer matches its recorded hash and is processed again. Say where it was.
  const previous = new Map<ArtifactName, Map<string, DocSpan>>();
  const baseIndexes = new Map<ArtifactName, ArtifactIndex>();
  if (Object.keys(reusable).length) {
    for (const [name, rel] of perDocRel) {
      const index = await loadIndex(outputDir, rel, name, {
        onBadLine: (bad) => log.warn({ path: rel, line: bad.line }, `${path.basename(rel)} line ${bad.line}: ${bad.message}; its document will be processed again`),
      });
      previous.set(name, new Map(index.docs.map((d) => [d.docId, d])));
      if (!index.badLines) baseIndexes.set(name, index);
    }
  } else if (!options.force) {
    for (const [name, rel] of perDocRel) {
      const index = freshIndex(outputDir, rel);
      if (index) baseIndexes.set(name, index);
    }
  }

  // The stage's units are gone through twice: first to count how many documents need work (a
  // handful is done in this thread, quicker than starting a pool and loading its models: an
  // incremental run adding one article), then to do it. Raw files are listed once (hashed, their
  // bytes dropped and re-read on dispatch); later stages' units are cheap to generate again.
  // Set aside last time for a lasting reason: kept under the same rule as cached results.
  const unchanged = !options.force && prior && prior.version === stage.version && prior.code === code && prior.configHash === optionsHash;
  const setAside = unchanged ? (prior.setAside ?? {}) : {};
  // The key hashes the stage's identity and the unit's input hash: with the identity unchanged
  // (what `reusable` and `setAside` require), the same input hash gives the key recorded last time.
  const keys = new Map<string, string>();
  const keyOf = (unit: Unit) => {
    let key = keys.get(unit.docId);
    if (key === undefined) {
      const before = reusable[unit.docId] ?? setAside[unit.docId];
      key = before && before.input === unit.inputHash ? before.key : cacheKey(stage.name, `${stage.version}+${code}`, optionsHash, unit.inputHash);
      keys.set(unit.docId, key);
    }
    return key;
  };
  const inputHashes: StageEntry['inputs'] = {};
  let units: () => Iterable<Unit>;
  let total: number | undefined;
  if (stage.reads === 'raw') {
    const { files, skipped } = await listInputs(options.inputDir, config.input.patterns);
    for (const s of skipped) reporter.report(s);
    total = files.length;
    const raw: Unit[] = [];
    // The previous run's file hashes hold whatever changed in the stage (a file's hash does not
    // depend on it); --force reads every file again.
    const statCache = !options.force && prior?.startedAtMs !== undefined ? { entries: { ...prior.setAside, ...prior.documents }, startedAtMs: prior.startedAtMs } : undefined;
    for await (const unit of rawUnits(stage.name, files, config, reporter.report, statCache)) {
      raw.push({ ...unit, task: { ...unit.task, raw: { ...unit.task.raw!, bytes: new Uint8Array(0) } } });
    }
    units = () => raw;
  } else {
    const reads = stage.reads;
    const indexes = await upstreamIndexes(reads, outputDir, (bad) =>
      reporter.report({ ...bad, source: stage.name, message: `${path.basename(bad.file)} line ${bad.line}: ${bad.message}` }),
    );
    for (const [name, index] of indexes) inputHashes[ARTIFACTS[name].file] = index.size || index.records ? index.sha256 : null;
    total = indexes.get(reads[0]!)!.docs.length;
    // Generated on each pass (a unit array would stay alive through the corpus step), each
    // unit's input hash (a hash of its upstream line hashes) computed once.
    const unitHashes = new Map<string, string>();
    units = () => bundleUnits(stage.name, reads, outputDir, indexes, unitHashes);
  }
  let toProcess = 0;
  for (const unit of units()) {
    const key = keyOf(unit);
    if (reusable[unit.docId]?.key !== key && setAside[unit.docId]?.key !== key) toProcess++;
  }
  return {
    stage,
    started,
    code,
    optionsHash,
    perDocArtifacts,
    perDocRel,
    reusable,
    setAside,
    previous,
    baseIndexes,
    inputHashes,
    total,
    units,
    keyOf,
    toProcess,
    inBand: toProcess <= IN_BAND_MAX_DOCUMENTS,
  };
}
