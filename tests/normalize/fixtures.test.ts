/**
 * Golden tests: each tests/fixtures/normalize-<case>/ holds input.txt (raw bytes) and
 * expected.json. Only the keys present in expected.json are compared; offsets are always checked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagnosticError } from '../../src/diagnostic.js';
import { normalizeDocument } from '../../src/stages/normalize/index.js';
import { offsetProblems } from '../../src/eval/normalize.js';
import { configWith, rawInput } from './helpers.js';

interface Expected {
  description: string;
  options?: { removeChrome?: boolean; detectMetadata?: boolean };
  error?: string;
  encoding?: string;
  title?: string | null;
  author?: string | null;
  published?: string | null;
  authors?: Array<{ name: string; role: string | null }>;
  updated?: string | null;
  site?: string | null;
  dateline?: { place: string; date: string | null; text?: string; line?: number } | null;
  text?: string;
  paragraphs?: Array<[number, 'title' | 'body', string]>;
  removed?: Array<[number, string]>;
  sentences?: string[];
  warnings?: string[];
  warningsMatch?: string[];
}

const fixturesDir = path.resolve(import.meta.dirname, '..', 'fixtures');
const cases = readdirSync(fixturesDir).filter((d) => d.startsWith('normalize-')).sort();

describe('normalize fixtures', () => {
  it('has fixtures', () => expect(cases.length).toBeGreaterThan(15));

  for (const name of cases) {
    const dir = path.join(fixturesDir, name);
    const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
    const bytes = new Uint8Array(readFileSync(path.join(dir, 'input.txt')));
    const input = rawInput(`${name}/input.txt`, bytes);
    const config = configWith(expected.options);

    it(`${name}: ${expected.description}`, () => {
      if (expected.error) {
        let caught: unknown;
        try {
          normalizeDocument(input, config);
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(DiagnosticError);
        expect((caught as DiagnosticError).code).toBe(expected.error);
        expect((caught as DiagnosticError).message).toContain(input.path);
        return;
      }
      const { document: doc, analysis } = normalizeDocument(input, config);
      if (expected.encoding !== undefined) expect(doc.source.encoding).toBe(expected.encoding);
      if (expected.title !== undefined) expect(doc.title).toBe(expected.title);
      if (expected.author !== undefined) expect(doc.author).toBe(expected.author);
      if (expected.published !== undefined) expect(doc.published).toBe(expected.published);
      if (expected.authors !== undefined) expect(doc.authors).toEqual(expected.authors);
      if (expected.updated !== undefined) expect(doc.updated).toBe(expected.updated);
      if (expected.site !== undefined) expect(doc.site).toBe(expected.site);
      if (expected.dateline !== undefined) {
        if (expected.dateline === null) expect(doc.dateline ?? null).toBeNull();
        else expect(doc.dateline).toMatchObject(expected.dateline);
      }
      if (expected.text !== undefined) expect(doc.text).toBe(expected.text);
      if (expected.paragraphs) {
        expect(doc.paragraphs.map((p) => [p.line, p.kind, doc.text.slice(p.start, p.end)])).toEqual(expected.paragraphs);
      }
      if (expected.removed) expect(doc.removed.map((r) => [r.line, r.reason])).toEqual(expected.removed);
      if (expected.sentences) expect(doc.sentences.map((s) => doc.text.slice(s.start, s.end))).toEqual(expected.sentences);
      if (expected.warnings) expect(doc.warnings).toEqual(expected.warnings);
      if (expected.warningsMatch) {
        expect(doc.warnings).toHaveLength(expected.warningsMatch.length);
        expected.warningsMatch.forEach((w, i) => expect(doc.warnings[i]).toContain(w));
      }
      // Always: exact offsets, raw lines in removed[], the title first when chrome is removed,
      // no invisible or CR characters left, and tokens inside the text.
      expect(offsetProblems(doc)).toEqual([]);
      if (doc.source.encoding === 'utf-8') {
        const rawLines = new TextDecoder().decode(bytes).split(/\r\n?|\n/);
        for (const r of doc.removed) expect(r.text).toBe(rawLines[r.line - 1]);
      }
      if (doc.title !== null && config.stages.normalize.removeChrome) expect(doc.paragraphs[0]!.kind).toBe('title');
      expect(doc.text).not.toMatch(/[\r\u00a0\u00ad\u200b\ufeff\u0000-\u0008]/);
      expect(analysis.docId).toBe(doc.id);
      analysis.tokens.end.forEach((e, i) => expect(e).toBeGreaterThan(analysis.tokens.start[i]!));
      expect(Math.max(0, ...analysis.tokens.end)).toBeLessThanOrEqual(doc.text.length);
    });
  }
});
