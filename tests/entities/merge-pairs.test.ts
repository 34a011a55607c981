import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidatePairs, personMergeReason } from '../../src/stages/entities/corpus.js';

const person = (name: string, titles: string[] = []) => ({
  id: `PERSON:${name}`,
  name,
  tokens: name.split(' '),
  titles: new Set(titles),
  docs: new Set<string>(),
  alone: new Map<string, number>(),
});

// Small alphabets so that collisions (same surname, one-letter spellings, swapped order) are common.
const given = fc.constantFrom('Anna', 'Daniel', 'Daniel', 'Lee', 'Wu', 'A.', 'D', 'Maria');
const surname = fc.constantFrom('Kritenbrink', 'Krittenbrink', 'Kritenbrinks', 'Lee', 'Qian', 'Ishiba', 'Ishida', 'Jaishankar', 'Anna');
const name = fc.tuple(given, fc.option(fc.constantFrom('J', 'J.', 'Maria'), { nil: undefined }), surname).map(([g, m, s]) => [g, m, s].filter(Boolean).join(' '));
const titles = fc.subarray(['Prime Minister', 'Assistant Secretary of State', 'Secretary of State']);

describe('cross-document person merge candidates', () => {
  it('contain every pair a full pairwise scan would merge (so the blocked scan decides the same)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(name, titles), { minLength: 2, maxLength: 25 }), (specs) => {
        const people = specs.map(([n, t]) => person(n, t));
        const candidates = new Set(candidatePairs(people));
        for (let i = 0; i < people.length; i++) {
          for (let j = i + 1; j < people.length; j++) {
            if (personMergeReason(people[i]!, people[j]!)) expect(candidates.has(i * people.length + j), `${people[i]!.name} / ${people[j]!.name}`).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('are ascending and unique, and skip names that share nothing', () => {
    const people = ['Daniel Kritenbrink', 'Anna Qian', 'Daniel Krittenbrink', 'Kritenbrink Daniel', 'D Kritenbrink'].map((n) => person(n));
    const pairs = candidatePairs(people);
    expect(pairs).toEqual([...new Set(pairs)].sort((a, b) => a - b));
    const n = people.length;
    expect(pairs.some((p) => Math.floor(p / n) === 1 || p % n === 1)).toBe(false); // Anna Qian
    expect(pairs).toContain(0 * n + 2); // one-letter spelling, same given name
    expect(pairs).toContain(0 * n + 3); // other order
    expect(pairs).toContain(0 * n + 4); // initial
  });
});
