/**
 * What the runner checks before it writes anything, from the manifest and the input folder
 * (`newsstance status`'s figures): a run that would drop most of the documents the output holds
 * (a mistyped or emptied input folder), `--only`/`--from` on stale upstream work, and a run with
 * nothing to do (it writes nothing and says "up to date").
 */
import path from 'node:path';
import type { PipelineConfig } from '../config.js';

import { interruptedWrites } from '../io/artifact-writer.js';
import { freshIndex } from './artifact-index.js';
import { perDocFile } from './plan.js';
import { CACHE_DIR } from './run-options.js';
import { UsageError } from './errors.js';
import type { Manifest } from './manifest.js';
import type { Stage } from './stage.js';
import { computeStatus, type StageStatus } from './status.js';
import { shownPath } from '../io/shown.js';

export interface PreflightOptions {
  config: PipelineConfig;
  inputDir: string;
  outputDir: string;
  manifest: Manifest | null;
  /** Names of the stages the run executes, in pipeline order. */
  selected: readonly string[];
  /** All the stages, in pipeline order (src/stages/index.ts). */
  stages: readonly Stage[];
  force?: boolean;
  /** Allow removing more than `output.maxRemovedShare` of the documents the output holds. */
  prune?: boolean;
  /** Run `--only`/`--from` stages even when the stages before them are out of date. */
  allowStale?: boolean;
}

export interface Preflight {
  status: StageStatus[];
  /** Nothing to do: every selected stage is up to date and its artifacts are as recorded. */
  upToDate: boolean;
  /** Documents in the output now. */
  documents: number;
  /** Documents the last run set aside for a lasting reason (errors.jsonl lists them). */
  setAside: number;
  /**
   * One line per thing the user should know before the run goes on (printed as warnings): with
   * `allowStale`, the out-of-date stages before the selected ones and what the run leaves out.
   */
  warnings: string[];
}

function pending(s: StageStatus): boolean {
  return s.new + s.changed + s.removed > 0 || s.reasons.length > 0;
}

/**
 * Decide whether the run may go on, and whether it has anything to do.
 * @throws UsageError (nothing written) when the run would remove all, or more than
 *   `config.output.maxRemovedShare`, of the documents in the manifest without `prune`; or when a
 *   stage before the first selected one is out of date without `allowStale`.
 */
export async function preflight(options: PreflightOptions): Promise<Preflight> {
  const { manifest, selected, config } = options;
  const allStages: string[] = options.stages.map((s) => s.name);
  const status = await computeStatus(options.stages, config, options.inputDir, manifest);
  const byName = new Map(status.map((s) => [s.stage, s]));
  const first = allStages[0]!;
  const known = Object.keys(manifest?.stages[first]?.documents ?? {}).length;
  const shownOut = shownPath(options.outputDir);

  const removed = byName.get(first)?.removed ?? 0;
  if (selected.includes(first) && removed > 0 && !options.prune) {
    const share = config.output.maxRemovedShare;
    if (removed === known || removed / known > share) {
      throw new UsageError(
        `this run would remove ${removed} of the ${known} documents in ${shownOut} (their raw files are not in the input folder; ` +
          `output.maxRemovedShare is ${share}): check --input, or pass --prune to remove them`,
      );
    }
  }

  const firstSelected = allStages.indexOf(selected[0]!);
  const warnings: string[] = [];
  if (firstSelected > 0) {
    const stale = allStages.slice(0, firstSelected).map((n) => byName.get(n)!).filter(pending);
    if (stale.length) {
      const what = stale.map((s) => `${s.stage} (${staleness(s)})`).join(', ');
      if (!options.allowStale) throw new UsageError(`the stages before ${selected[0]} are out of date: ${what}; run without --only/--from, or pass --allow-stale to run on what is there`);
      // Running on what is there: new and changed inputs are not in the upstream artifacts yet.
      const firstStale = stale[0]!;
      const left = firstStale.new + firstStale.changed;
      const parts = [`${selected[0]} runs on the artifacts as they are, while ${what} ${stale.length > 1 ? 'are' : 'is'} out of date`];
      if (left > 0) parts.push(`${left} new or changed document(s) left out`);
      if (firstStale.removed > 0) parts.push(`${firstStale.removed} removed document(s) kept`);
      warnings.push(`--allow-stale: ${parts.join('; ')} (until a run without --only/--from)`);
    }
  }

  let upToDate = !options.force && selected.every((n) => !pending(byName.get(n)!));
  if (upToDate && manifest) {
    // The artifacts must still be what the manifest recorded (not deleted or edited since).
    for (const name of selected) {
      const entry = manifest.stages[name];
      for (const file of Object.keys(entry?.outputs ?? {})) {
        if (!freshIndex(options.outputDir, file)) upToDate = false;
      }
      // So must a corpus step's per-document cache (cache/<artifact>.perdoc.jsonl), which the next
      // run copies from: an edited line there is a document to process again.
      const stage = options.stages.find((s) => s.name === name);
      if (stage?.corpus && !freshIndex(options.outputDir, perDocFile(stage, stage.corpus.artifact))) upToDate = false;
    }
  } else upToDate = false;
  // A run killed mid-rewrite left an artifact to put back: only a run does that.
  if (interruptedWrites(path.join(options.outputDir, CACHE_DIR)).length) upToDate = false;
  const setAside = Object.values(manifest?.stages ?? {}).reduce((n, entry) => n + Object.keys(entry.setAside ?? {}).length, 0);
  return { status, upToDate, documents: known - (byName.get(first)?.removed ?? 0) + (byName.get(first)?.new ?? 0), setAside, warnings };
}

/** What makes a stage out of date, in words: its reasons, or its document counts. */
function staleness(s: StageStatus): string {
  if (s.reasons.length) return s.reasons.join('; ');
  const parts = [s.new && `${s.new} new`, s.changed && `${s.changed} changed`, s.removed && `${s.removed} removed`].filter(Boolean);
  return `${parts.join(', ')} document(s)`;
}
