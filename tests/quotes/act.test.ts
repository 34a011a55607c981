/** `act` on quote records: speech, thought, intention, action, state, question; headlines are not speech. */
import { describe, expect, it } from 'vitest';
import { indirectQuotesOf } from './helpers.js';

const actOf = (text: string, content: string) => indirectQuotesOf(text).find((q) => q.text.includes(content))?.act;

describe('act', () => {
  it('tells speech from thought, intention and action', () => {
    expect(actOf('Mr Pablo Ortiz said the toll was too high.', 'the toll was too high')).toBe('speech');
    expect(actOf('Mr Pablo Ortiz believes that the toll is too high.', 'the toll is too high')).toBe('thought');
    expect(actOf('Mr Pablo Ortiz wants to cut the toll by half.', 'cut the toll')).toBe('intention');
    expect(actOf('Mr Pablo Ortiz backs a lower toll for fishing boats.', 'lower toll')).toBe('action');
  });
  it('labels an ascription without a source as a state', () => {
    expect(actOf('The new toll is expected to pass the council next week.', 'toll')).toBe('state');
  });
});
