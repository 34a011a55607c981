/**
 * A stage's code fingerprint: a hash of the files its output depends on (its own modules and the
 * shared NLP wrappers), combined with its resources' digest (its data files, see stage.ts). It
 * goes into every cache key beside the stage's version, so an edited rule or lexicon invalidates
 * cached results even when nobody bumped the version.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from './cache.js';
import type { Stage } from './stage.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** dist/ or src/, whichever this module runs from. */
const codeRoot = path.resolve(here, '..');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full));
    else if (!name.endsWith('.map') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

const cache = new Map<string, string>();

/** The hash of a stage's modules and of the shared NLP modules (16 hex characters). */
export function stageFingerprint(stageName: string): string {
  let value = cache.get(stageName);
  if (value === undefined) {
    const files = [
      ...filesUnder(path.join(codeRoot, 'stages', stageName)),
      ...filesUnder(path.join(codeRoot, 'nlp')),
    ];
    const hash = files.map((f) => `${path.relative(codeRoot, f)}\n${sha256(readFileSync(f))}`).join('\n');
    value = sha256(hash).slice(0, 16);
    cache.set(stageName, value);
  }
  return value;
}

/** What the manifest records as a stage's `code`: its fingerprint and its resources' digest. */
export function stageCode(stage: Stage): string {
  return `${stageFingerprint(stage.name)}.${stage.digest()}`;
}
