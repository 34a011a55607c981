import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { execute } from '../../src/pipeline/execute.js';
import { entitiesStage } from '../../src/stages/entities/index.js';
import { normalizeStage } from '../../src/stages/normalize/index.js';
import type { EntityRecord } from '../../src/schema.js';

/** Persons of an invented text, as name -> the surfaces of their mentions. */
function persons(text: string): Record<string, string[]> {
  const config = parseConfig({ proposal: { name: 'p' } });
  const n = execute(normalizeStage, { raw: { docId: 'd', path: 'd.txt', bytes: new TextEncoder().encode(text), sha256: 'x' } }, config);
  if (!n.ok) throw new Error(JSON.stringify(n.diagnostics));
  const r = execute(entitiesStage, { docId: 'd', records: { documents: n.output.documents!, tokens: n.output.tokens! } }, config);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return Object.fromEntries((r.output.entities as EntityRecord[]).filter((e) => e.type === 'PERSON').map((e) => [e.name, e.mentions.map((m) => m.text)]));
}

describe('names with particles', () => {
  const found = persons('Harbour vote\n\n“This levy will empty our hotels,” said Joost van Wely, who runs a hotel group. Van Wely added that bookings had fallen.\n\nInes de la Fuente also spoke. Karim bin Rashid did not comment.\n');

  it('keep their particles in the canonical name', () => {
    expect(Object.keys(found)).toEqual(expect.arrayContaining(['Joost van Wely', 'Ines de la Fuente', 'Karim bin Rashid']));
  });

  it('join the surname used alone with a capitalized particle ("Van Wely") to the full name', () => {
    expect(found['Joost van Wely']).toEqual(['Joost van Wely', 'Van Wely']);
    expect(Object.keys(found)).not.toContain('Van Wely');
  });
});

describe('a party and a role fused with a name', () => {
  const found = persons('Levy vote\n\nGreen MP Halvard Quist said he would vote against the levy. Quist has long criticised the council.\n\nLabour councillor Idris Penhallow backed it.\n');

  it('splits "<party> MP <name>" at the role: the name is a person, with the role as title', () => {
    expect(Object.keys(found)).toContain('Halvard Quist');
  });

  it('gives the surname used alone to that person, not to an organization', () => {
    expect(found['Halvard Quist']).toEqual(['Halvard Quist', 'Quist']);
  });
});

describe('named plans, laws and agreements', () => {
  it('are no organization or place (no actor can hold a stance as one)', () => {
    const config = parseConfig({ proposal: { name: 'p' } });
    const text = 'Harbour Pact: The Prospect of a Coastal Shipping Proposal\n\nThe Coastal Shipping Proposal and the Harbour Safety Act were debated by the Port Authority of Velmar.\n';
    const n = execute(normalizeStage, { raw: { docId: 'd', path: 'd.txt', bytes: new TextEncoder().encode(text), sha256: 'x' } }, config);
    if (!n.ok) throw new Error('normalize');
    const r = execute(entitiesStage, { docId: 'd', records: { documents: n.output.documents!, tokens: n.output.tokens! } }, config);
    if (!r.ok) throw new Error('entities');
    const names = (r.output.entities as EntityRecord[]).filter((e) => e.type === 'ORG' || e.type === 'LOC' || e.type === 'GPE').map((e) => e.name);
    expect(names.filter((x) => /Proposal|Act$/.test(x))).toEqual([]);
  });
});
