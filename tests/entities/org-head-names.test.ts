import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { execute } from '../../src/pipeline/execute.js';
import { entitiesStage } from '../../src/stages/entities/index.js';
import { normalizeStage } from '../../src/stages/normalize/index.js';
import type { EntityRecord } from '../../src/schema.js';

/** Entities of an invented text, as name -> type. */
function types(text: string): Record<string, string> {
  const config = parseConfig({ proposal: { name: 'p' } });
  const n = execute(normalizeStage, { raw: { docId: 'd', path: 'd.txt', bytes: new TextEncoder().encode(text), sha256: 'x' } }, config);
  if (!n.ok) throw new Error(JSON.stringify(n.diagnostics));
  const r = execute(entitiesStage, { docId: 'd', records: { documents: n.output.documents!, tokens: n.output.tokens! } }, config);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return Object.fromEntries((r.output.entities as EntityRecord[]).map((e) => [e.name, e.type]));
}

describe('a capitalized name ending in an organization head word (mentions.ts, org-head-name)', () => {
  it('is one organization, its "of" tail included, the place inside it absorbed', () => {
    const found = types('Toll survey\n\nNearly two thirds of shops oppose the toll, according to a survey by the Brackley Chamber of Commerce.\n');
    expect(found['Brackley Chamber of Commerce']).toBe('ORG');
    expect(found['Brackley']).toBeUndefined();
  });

  it('needs two name words before the head when there is no tail', () => {
    const found = types('Toll survey\n\nMembers of the Millbrook Tenants Association voted on Monday.\n');
    expect(found['Millbrook Tenants Association']).toBe('ORG');
  });

  it('leaves a place the tagger found with the head word as it is ("West Bank")', () => {
    const found = types('Toll survey\n\nSettlers in the West Bank protested on Monday.\n');
    expect(found['West Bank']).toBe('LOC');
  });

  it('does not fire in a line in capitals (a headline or a table)', () => {
    const found = types('Toll survey\n\nBRACKLEY TENANTS ASSOCIATION WINS VOTE\n\nThe vote was close.\n');
    expect(found['BRACKLEY TENANTS ASSOCIATION']).toBeUndefined();
  });
});
