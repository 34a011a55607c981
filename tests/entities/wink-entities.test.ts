import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { execute } from '../../src/pipeline/execute.js';
import { entitiesStage } from '../../src/stages/entities/index.js';
import { normalizeStage } from '../../src/stages/normalize/index.js';
import type { EntityRecord } from '../../src/schema.js';

/** wink's dates and numbers pass through, but not the pieces of a hyphenated modifier nor a lone time unit. */
function numericEntities(text: string): string[] {
  const config = parseConfig({ proposal: { name: 'p' } });
  const n = execute(normalizeStage, { raw: { docId: 'd', path: 'd.txt', bytes: new TextEncoder().encode(text), sha256: 'x' } }, config);
  if (!n.ok) throw new Error(JSON.stringify(n.diagnostics));
  const r = execute(entitiesStage, { docId: 'd', records: { documents: n.output.documents!, tokens: n.output.tokens! } }, config);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return (r.output.entities as EntityRecord[]).filter((e) => !['PERSON', 'ORG', 'GPE', 'LOC', 'NORP'].includes(e.type)).map((e) => `${e.type}:${e.name}`);
}

describe("wink's own entities", () => {
  const text = 'Pilot scheme\n\nThe council backed a four-day week for its staff last week. Workers would do 32 hours over four days, and the trial would run for two years from 3 March 2027.\n';
  const found = numericEntities(text);

  it('keeps dates, durations and numbers written as such', () => {
    expect(found).toEqual(expect.arrayContaining(['DATE:last week', 'DURATION:32 hours']));
    expect(found.some((e) => e.startsWith('DATE:') && e.includes('2027'))).toBe(true);
  });

  it('drops the pieces of a hyphenated modifier and a lone time unit', () => {
    expect(found.filter((e) => /:(four|day|week)$/.test(e))).toEqual([]);
  });
});
