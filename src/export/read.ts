/**
 * Artifact records as written, fields beyond the schema kept (`confidence`, `rule`, `act`... that
 * a stage adds), lines that are not JSON or fail the schema skipped (the pipeline already reports
 * them in errors.jsonl). zod's parse would strip the extra fields, so it only checks here.
 */
import path from 'node:path';
import { scanJsonl, type ScannedLine } from '../audit/stream.js';
import { freshIndex } from '../pipeline/artifact-index.js';
import { ARTIFACTS, type ArtifactName, type ArtifactRecords } from '../schema.js';
import type { BadLine } from '../io/jsonl.js';

/**
 * Records of one artifact in file order. Lines are checked against the schema unless the runner's
 * index of the file is fresh and found no bad line (the runner wrote or checked every line: the
 * rule it applies itself, see README "Developing"), which saves most of the time on large outputs.
 */
export async function* readRecords<N extends ArtifactName>(outputDir: string, artifact: N, onBadLine?: (bad: BadLine) => void): AsyncGenerator<ScannedLine<ArtifactRecords[N]>> {
  const schema = ARTIFACTS[artifact].schema;
  const index = freshIndex(outputDir, ARTIFACTS[artifact].file);
  const trusted = index !== null && !index.badLines && index.docs.every((d) => !d.skip?.length);
  const file = path.join(outputDir, ARTIFACTS[artifact].file);
  for await (const item of scanJsonl<unknown>(file, { onBadLine })) {
    if (trusted) {
      yield item as ScannedLine<ArtifactRecords[N]>;
      continue;
    }
    const checked = schema.safeParse(item.value);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      onBadLine?.({ severity: 'error', code: 'jsonl/schema', file, line: item.line, message: `field ${issue?.path.map(String).join('.') || '(record)'}: ${issue?.message ?? 'invalid'}` });
      continue;
    }
    yield item as ScannedLine<ArtifactRecords[N]>;
  }
}
