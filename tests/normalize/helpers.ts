/** Shared helpers of the normalize tests. */
import { parseConfig, type PipelineConfig } from '../../src/config.js';
import type { RawInput } from '../../src/pipeline/stage.js';
import type { NormalizeOptions } from '../../src/stages/normalize/options.js';

export function configWith(normalize: Partial<NormalizeOptions> = {}): PipelineConfig {
  return parseConfig({ proposal: { name: 'test target' }, stages: { normalize } });
}

export function rawInput(path: string, bytes: Uint8Array | string): RawInput {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return { docId: path.replace(/\.[^.]+$/, ''), path, bytes: data, sha256: 'test' };
}
