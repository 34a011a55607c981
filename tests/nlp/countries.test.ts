/**
 * The one country gazetteer (src/nlp/countries.ts): the quotes stage's case-insensitive lookups and
 * the entities stage's GPE/NORP entries come from the same surfaces, with the same precedence.
 */
import { describe, expect, it } from 'vitest';
import { countries, countryByDemonym, countryByName } from '../../src/nlp/countries.js';
import { gazetteer, slug, surfaceKey } from '../../src/stages/entities/gazetteer.js';

describe('shared country gazetteer', () => {
  it('reads names and aliases case-insensitively, to the common name', () => {
    expect(countryByName('U.S.')).toBe('United States');
    expect(countryByName('u.s')).toBe('United States');
    expect(countryByName('US')).toBe('United States');
    expect(countryByName('Britain')).toBe('United Kingdom');
    expect(countryByName('Burma')).toBe('Myanmar');
    expect(countryByName('SOUTH KOREA')).toBe('South Korea');
    // A former state is its own country.
    expect(countryByName('Yugoslavia')).toBe('Yugoslavia');
    // Single-word alternative spellings are left out: they collide with English words.
    expect(countryByName('Island')).toBeNull();
    expect(countryByName('Minister')).toBeNull();
  });

  it('reads demonyms, UN members before territories, and a name written as an adjective', () => {
    expect(countryByDemonym('New Zealander')).toBe('New Zealand');
    expect(countryByDemonym('American')).toBe('United States');
    expect(countryByDemonym('norwegian')).toBe('Norway');
    expect(countryByDemonym('Britons')).toBe('United Kingdom');
    expect(countryByDemonym('U.S.')).toBe('United States');
    expect(countryByDemonym('France')).toBeNull();
    expect(countryByName('American')).toBeNull();
  });

  it('gives the entities gazetteer the same countries', () => {
    const g = gazetteer();
    for (const surface of ['U.S.', 'Burma', 'Britain', 'Yugoslavia', 'South Korea']) {
      const entry = g.exact.get(surfaceKey(surface));
      expect(entry?.type).toBe('GPE');
      expect(entry?.name).toBe(countryByName(surface));
    }
    const norp = g.exact.get('New Zealander');
    expect(norp?.type).toBe('NORP');
    expect(norp?.country).toBe(g.exact.get('New Zealand')?.id);
    // Adjectival uses stay a GPE for the entities stage.
    expect(g.exact.get('US')?.type).toBe('GPE');
    const c = countries();
    expect(c.all.filter((x) => x.code === null).map((x) => x.name)).toContain('Soviet Union');
    for (const info of c.all) expect(g.countryById.get(`GPE:${slug(info.name)}`)?.name).toBe(info.name);
  });
});
