/**
 * Fixture cases (tests/fixtures/quotes-<case>/): synthetic texts for each quotation style and each
 * speaker pattern, with the quotes expected. Every expected quote must be found with exactly that
 * text, kind and speaker; with `exhaustiveDirect`, no other direct quote may be reported.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { QuoteRecord } from '../../src/schema.js';
import { quotesOf } from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../fixtures');
const cases = readdirSync(root).filter((d) => d.startsWith('quotes-'));

interface Expected {
  kind: 'direct' | 'indirect';
  text: string;
  speaker?: string | null;
  speakerText?: string | null;
  resolution?: string;
  cue?: string;
  group?: string;
  unterminated?: boolean;
  /** Attribution rule id (`rule`) and act (`act`) of the record. */
  rule?: string;
  act?: string;
}

describe('quotes fixtures', () => {
  it('has a fixture per quotation style and speaker pattern', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });
  for (const name of cases) {
    it(name, () => {
      const text = readFileSync(path.join(root, name, 'input.txt'), 'utf8');
      const expected = JSON.parse(readFileSync(path.join(root, name, 'expected.json'), 'utf8')) as { quotes: Expected[]; exhaustiveDirect?: boolean; notSpokenBy?: Record<string, string> };
      const { quotes, document } = quotesOf(text, name);
      for (const q of quotes) {
        expect(() => QuoteRecord.parse(q)).not.toThrow();
        expect(document.text.slice(q.start, q.end)).toBe(q.text);
        if (q.speaker.start !== null) expect(document.text.slice(q.speaker.start, q.speaker.end!)).toBe(q.speaker.text);
      }
      // ids stable and in order of start
      expect(quotes.map((q) => q.id)).toEqual(quotes.map((_, i) => `${name}#q${i + 1}`));
      expect([...quotes].sort((a, b) => a.start - b.start)).toEqual(quotes);
      const groups = new Map<string, string>();
      for (const e of expected.quotes) {
        const found = quotes.find((q) => q.kind === e.kind && q.text === e.text);
        expect(found, `${e.kind} quote "${e.text}" in ${JSON.stringify(quotes.map((q) => [q.kind, q.text]))}`).toBeDefined();
        const q = found!;
        if (e.speaker !== undefined) expect(q.speaker.name, `speaker of "${e.text}"`).toBe(e.speaker);
        if (e.speakerText !== undefined) expect(q.speaker.text, `speaker text of "${e.text}"`).toBe(e.speakerText);
        if (e.resolution !== undefined) expect(q.speaker.resolution).toBe(e.resolution);
        if (e.cue !== undefined) expect(q.cue?.text).toBe(e.cue);
        if (e.unterminated !== undefined) expect(q.unterminated ?? false).toBe(e.unterminated);
        if (e.rule !== undefined) expect(q.rule, `rule of "${e.text}"`).toBe(e.rule);
        if (e.act !== undefined) expect(q.act, `act of "${e.text}"`).toBe(e.act);
        if (e.group) {
          expect(q.group, `group of "${e.text}"`).toBeDefined();
          const seen = groups.get(e.group);
          if (seen) expect(q.group).toBe(seen);
          else groups.set(e.group, q.group!);
        }
      }
      // Words a named person must not be given (`notSpokenBy`: text -> speaker name).
      for (const [content, name] of Object.entries(expected.notSpokenBy ?? {})) {
        for (const q of quotes.filter((x) => x.text.includes(content))) expect(q.speaker.name, `speaker of "${q.text}"`).not.toBe(name);
      }
      if (expected.exhaustiveDirect) {
        const directs = quotes.filter((q) => q.kind === 'direct').map((q) => q.text);
        expect(directs.sort()).toEqual(expected.quotes.filter((e) => e.kind === 'direct').map((e) => e.text).sort());
      }
    });
  }
});
