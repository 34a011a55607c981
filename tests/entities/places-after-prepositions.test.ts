import { describe, expect, it } from 'vitest';
import { typesOf as types } from './helpers.js';

describe('an unknown one-word name after a locative preposition (extract.ts, after-locative)', () => {
  it('is a place, in every mention: "Residents of Harbourton ... in Harbourton ... to Harbourton"', () => {
    const found = types('Library vote\n\nResidents of Harbourton packed the town hall on Monday.\n\nThe meeting in Harbourton lasted three hours, said Mary Okafor.\n\nPeople from nearby villages also came to Harbourton.\n');
    expect(found['Harbourton']).toBe('GPE');
    expect(found['Mary Okafor']).toBe('PERSON');
  });

  it('stays a person when it is the surname of a person named in full in the document', () => {
    const found = types('Library vote\n\nCouncillor Edwin Harbourton proposed the closure on Monday.\n\nOpponents said they had lost confidence in Harbourton after the vote.\n');
    expect(found['Edwin Harbourton']).toBe('PERSON');
    expect(found['Harbourton']).toBeUndefined();
  });

  it('stays a person when the document gives it a title ("Dr Brackwell ... believed in Brackwell")', () => {
    const found = types('Clinic vote\n\nDr Brackwell said the plan would fail. Patients said they believed in Brackwell.\n');
    expect(found['Brackwell']).toBe('PERSON');
  });

  it('is a place when a locative preposition comes first and nothing makes it a person ("near Westmarch ... Westmarch voted")', () => {
    const found = types('Clinic vote\n\nOpponents gathered near Westmarch on Monday. Westmarch voted against the plan.\n');
    expect(found['Westmarch']).toBe('GPE');
  });
});
