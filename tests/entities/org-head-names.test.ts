import { describe, expect, it } from 'vitest';
import { typesOf as types } from './helpers.js';

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

  it('joins a common word the tagger took alone after "the" to "and <name> <head>" ("the Transport and General Workers Federation")', () => {
    const found = types('Toll survey\n\nGareth Pryce of the Transport and General Workers Federation said the toll was unfair.\n');
    expect(found['Transport and General Workers Federation']).toBe('ORG');
    expect(found['Transport']).toBeUndefined();
  });
});
