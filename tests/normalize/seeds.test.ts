/** The five seed articles through the in-process pipeline (normalize only), against the seed gold. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { runInProcess } from '../../src/pipeline/inprocess.js';
import type { RawInput } from '../../src/pipeline/stage.js';
import type { DocumentRecord, TokensRecord } from '../../src/schema.js';
import { DocumentRecord as DocumentSchema, TokensRecord as TokensSchema } from '../../src/schema.js';
import { normalizeStage } from '../../src/stages/normalize/index.js';
import { evalNormalize, offsetProblems } from '../../src/eval/normalize.js';
import type { SeedGold } from '../../src/eval/types.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const gold = JSON.parse(readFileSync(path.join(root, 'tests/fixtures/seeds.gold.json'), 'utf8')) as SeedGold;
const config = parseConfig(JSON.parse(readFileSync(path.join(root, 'pipeline.config.json'), 'utf8')));
const inputs: RawInput[] = readdirSync(path.join(root, 'raw'))
  .filter((f) => f.endsWith('.txt'))
  .map((f) => {
    const bytes = new Uint8Array(readFileSync(path.join(root, 'raw', f)));
    return { docId: f.replace(/\.txt$/, ''), path: f, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
  });
const result = runInProcess(inputs, config, [normalizeStage]);
const documents = (result.artifacts.documents ?? []) as DocumentRecord[];
const tokens = (result.artifacts.tokens ?? []) as TokensRecord[];
const byId = new Map(documents.map((d) => [d.id, d]));

describe('normalize on the seed articles', () => {
  it('processes every seed without errors, one document and one token table each, schema-valid', () => {
    expect(result.errors).toEqual([]);
    expect(documents.map((d) => d.id).sort()).toEqual(gold.documents.map((g) => g.id).sort());
    expect(tokens.map((t) => t.docId).sort()).toEqual(gold.documents.map((g) => g.id).sort());
    for (const d of documents) expect(DocumentSchema.safeParse(d).success).toBe(true);
    for (const t of tokens) expect(TokensSchema.safeParse(t).success).toBe(true);
  });

  for (const g of gold.documents) {
    describe(g.id, () => {
      const doc = () => byId.get(g.id)!;
      it('title, author and date equal the gold', () => {
        expect({ title: doc().title, author: doc().author, published: doc().published }).toEqual({
          title: g.title,
          author: g.author,
          published: g.published,
        });
      });
      it('keeps every gold boilerplate line out of text and lists it in removed', () => {
        const paragraphs = doc().paragraphs.map((p) => doc().text.slice(p.start, p.end));
        for (const b of g.boilerplate) {
          expect(paragraphs.filter((p) => p.startsWith(b.trim()))).toEqual([]);
          expect(doc().removed.some((r) => r.text.trim().startsWith(b.trim()))).toBe(true);
        }
      });
      it('has the title first, then the body from its first to its last words', () => {
        const paragraphs = doc().paragraphs;
        if (g.title !== null) {
          expect(paragraphs[0]!.kind).toBe('title');
          expect(doc().text.startsWith(g.title + '\n\n')).toBe(true);
        } else {
          expect(paragraphs.every((p) => p.kind === 'body')).toBe(true);
        }
        const body = paragraphs.filter((p) => p.kind === 'body');
        expect(doc().text.slice(body[0]!.start, body[0]!.end).startsWith(g.bodyStartsWith)).toBe(true);
        expect(doc().text.endsWith(g.bodyEndsWith)).toBe(true);
      });
      it('has exact offsets, and removed[] holds raw lines with their numbers', () => {
        expect(offsetProblems(doc())).toEqual([]);
        const rawLines = new TextDecoder().decode(inputs.find((i) => i.docId === g.id)!.bytes).split('\n');
        for (const r of doc().removed) expect(r.text).toBe(rawLines[r.line - 1]);
        for (const p of doc().paragraphs) expect(rawLines[p.line - 1]!.replace(/\u00a0/g, ' ').trim()).toBe(doc().text.slice(p.start, p.end));
      });
    });
  }

  it('the evaluator reports the acceptance target', () => {
    const section = evalNormalize(gold, documents);
    const n = gold.documents.length;
    expect(section.lines.slice(0, 7)).toEqual([
      `documents ${n}/${n}`,
      `titles ${n}/${n}`,
      `authors ${n}/${n}`,
      `dates ${n}/${n}`,
      `boilerplate lines left 0 (of ${gold.documents.reduce((a, g) => a + g.boilerplate.length, 0)})`,
      `body starts ${n}/${n}, ends ${n}/${n}`,
      'inexact offsets 0',
    ]);
    expect(section.diffs).toEqual([]);
  });
});
