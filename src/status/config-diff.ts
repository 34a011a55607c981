/**
 * Which config keys changed since the last run: `run` keeps the config it ran with (after defaults)
 * in `output/cache/config.json`, and `status` compares the current one with it key by key.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PipelineConfig } from '../config.js';
import { writeFileAtomic } from '../io/jsonl.js';

export const CONFIG_SNAPSHOT = path.join('cache', 'config.json');

/** Leaves of a JSON value by dotted path (`stages.stance.neutralThreshold`); arrays are leaves. */
export function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, JSON.stringify(value));
  return out;
}

/** Keep the config a run used (after defaults) for the next `status`. */
export async function saveConfigSnapshot(outputDir: string, config: PipelineConfig): Promise<void> {
  mkdirSync(path.join(outputDir, 'cache'), { recursive: true });
  await writeFileAtomic(path.join(outputDir, CONFIG_SNAPSHOT), JSON.stringify(config, null, 2) + '\n');
}

export interface ConfigChange {
  key: string;
  /** JSON of the value at the last run (undefined: the key was not there). */
  was?: string;
  /** JSON of the value now (undefined: removed). */
  now?: string;
}

/**
 * The keys whose value differs from the last run's, sorted; null when no run recorded its config.
 * `concurrency`, `input.dir` and `output.dir` are left out (they do not change results; the
 * folders are compared as resolved paths by the run itself).
 */
export function changedConfigKeys(outputDir: string, config: PipelineConfig): ConfigChange[] | null {
  const file = path.join(outputDir, CONFIG_SNAPSHOT);
  if (!existsSync(file)) return null;
  let before: unknown;
  try {
    before = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  const ignore = new Set(['concurrency', 'input.dir', 'output.dir']);
  const a = flatten(before);
  const b = flatten(JSON.parse(JSON.stringify(config)));
  const keys = [...new Set([...a.keys(), ...b.keys()])].filter((k) => !ignore.has(k)).sort();
  return keys.filter((k) => a.get(k) !== b.get(k)).map((k) => ({ key: k, ...(a.has(k) ? { was: a.get(k) } : {}), ...(b.has(k) ? { now: b.get(k) } : {}) }));
}
