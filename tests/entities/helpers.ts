/** Shared by the entities tests: normalize then entities on one invented text, in memory. */
import { parseConfig } from '../../src/config.js';
import { execute } from '../../src/pipeline/execute.js';
import { entitiesStage } from '../../src/stages/entities/index.js';
import { normalizeStage } from '../../src/stages/normalize/index.js';
import type { EntityRecord } from '../../src/schema.js';

/** The entity records of `text` (one document). Throws when a stage sets the document aside. */
export function entitiesOf(text: string): EntityRecord[] {
  const config = parseConfig({ proposal: { name: 'p' } });
  const n = execute(normalizeStage, { raw: { docId: 'd', path: 'd.txt', bytes: new TextEncoder().encode(text), sha256: 'x' } }, config);
  if (!n.ok) throw new Error(JSON.stringify(n.diagnostics));
  const r = execute(entitiesStage, { docId: 'd', records: { documents: n.output.documents!, tokens: n.output.tokens! } }, config);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.output.entities as EntityRecord[];
}

/** Entities of `text` as name -> type. */
export function typesOf(text: string): Record<string, string> {
  return Object.fromEntries(entitiesOf(text).map((e) => [e.name, e.type]));
}
