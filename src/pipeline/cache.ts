/**
 * Cache keys: a document's result for a stage depends only on the stage's version, the part of the
 * config the stage reads, and the document's input (raw bytes or upstream records). Hashing the
 * three gives a key that changes exactly when the result may change.
 */
import { createHash } from 'node:crypto';

/** JSON with sorted object keys, so equal values hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

export function configHash(slice: unknown): string {
  return sha256(canonicalJson(slice ?? null));
}

export function cacheKey(stage: string, version: string, sliceHash: string, inputHash: string): string {
  return sha256(`${stage}\n${version}\n${sliceHash}\n${inputHash}`);
}
