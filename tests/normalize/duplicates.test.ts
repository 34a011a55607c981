/**
 * Duplicate documents: the body fingerprint (stages/normalize/fingerprint.ts), normalize's corpus
 * step marking later copies `duplicateOf` (duplicates.ts), and the stance actor table counting an
 * article once. Golden folder: tests/fixtures/dedupe-corpus (invented articles; expected.json).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { runInProcess } from '../../src/pipeline/inprocess.js';
import type { RawInput } from '../../src/pipeline/stage.js';
import type { ActorRecord, DocumentRecord, StanceRecord } from '../../src/schema.js';
import { STAGES } from '../../src/stages/index.js';
import { findDuplicates } from '../../src/stages/normalize/duplicates.js';
import { contentFingerprint, MIN_FINGERPRINT_CHARS } from '../../src/stages/normalize/fingerprint.js';
import { normalizeDocument } from '../../src/stages/normalize/index.js';
import { actorsFrom } from '../../src/stages/stance/actors.js';
import { configWith, rawInput } from './helpers.js';

const DIR = path.resolve(import.meta.dirname, '..', 'fixtures', 'dedupe-corpus');
const expected = JSON.parse(readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as {
  duplicateOf: Record<string, string>;
  sameFingerprint: string[];
  noFingerprint: string[];
  actors: Record<string, Pick<ActorRecord, 'documents' | 'label' | 'counts'>>;
};
const inputs: RawInput[] = readdirSync(path.join(DIR, 'raw'))
  .sort()
  .map((f) => rawInput(f, new Uint8Array(readFileSync(path.join(DIR, 'raw', f)))));
const config = parseConfig(JSON.parse(readFileSync(path.join(DIR, 'pipeline.config.json'), 'utf8')));

const BODY =
  'The district council approved a plan on Monday to plant four thousand trees along the ring road. ' +
  'Supporters said the trees would cut noise for the estates beside the road, while drivers asked how long the verges would be closed. ' +
  'Work is due to start in the autumn.';
/** A document's text and paragraphs: a title paragraph, then body paragraphs. */
function doc(title: string, body: string[]): { text: string; paragraphs: DocumentRecord['paragraphs'] } {
  const parts = [title, ...body];
  const paragraphs: DocumentRecord['paragraphs'] = [];
  let text = '';
  parts.forEach((p, i) => {
    if (text) text += '\n\n';
    paragraphs.push({ start: text.length, end: text.length + p.length, line: i + 1, kind: i === 0 ? 'title' : 'body' });
    text += p;
  });
  return { text, paragraphs };
}
const fp = (title: string, body: string[]) => {
  const d = doc(title, body);
  return contentFingerprint(d.text, d.paragraphs);
};

describe('contentFingerprint', () => {
  it('ignores case, spacing, paragraph breaks, punctuation, quote style and accents, and the title', () => {
    const base = fp('Trees for the ring road', [BODY]);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(fp('TREES FOR THE RING ROAD | Local News', [BODY.toUpperCase()])).toBe(base);
    expect(fp('Trees', [BODY.replace(/ /g, '  ').replace(/, /g, ' - ')])).toBe(base);
    const [first, ...rest] = BODY.split('. ');
    expect(fp('Trees', [first + '.', rest.join('. ')])).toBe(base);
    expect(fp('Trees', [BODY.replace('autumn', 'autumn\u00a0')])).toBe(base);
    // Composed and decomposed accents, straight and curly quotes.
    expect(fp('x', [`${BODY} The caf\u00e9 owner said \u201cfine\u201d.`])).toBe(fp('x', [`${BODY} The cafe\u0301 owner said "fine".`]));
  });

  it('changes with one word or one number of the body', () => {
    const base = fp('Trees', [BODY]);
    expect(fp('Trees', [BODY.replace('four thousand', 'five thousand')])).not.toBe(base);
    expect(fp('Trees', [BODY.replace('Monday', 'Tuesday')])).not.toBe(base);
    expect(fp('Trees', [BODY, 'A spokesman declined to comment.'])).not.toBe(base);
    expect(fp('Trees', [`${BODY} 4000`])).not.toBe(fp('Trees', [`${BODY} 400`]));
  });

  it(`is null for a body under ${MIN_FINGERPRINT_CHARS} letters and digits (a stub), and for a title alone`, () => {
    expect(fp('Subscribe', ['Subscribe to keep reading this story.'])).toBeNull();
    expect(fp('A long headline that says a great deal about the ring road trees and the council plan for them', [])).toBeNull();
    const justEnough = 'a'.repeat(MIN_FINGERPRINT_CHARS);
    expect(fp('t', [justEnough])).not.toBeNull();
    expect(fp('t', [justEnough.slice(1) + ' . , ; !'])).toBeNull();
  });
});

describe('normalize: the fixture corpus', () => {
  const documents = inputs.map((i) => normalizeDocument(i, config).document);
  const byId = new Map(documents.map((d) => [d.id, d]));

  it('gives the same fingerprint to the UTF-8, Windows-1252 and re-wrapped copies, and another to the same headline over another article', () => {
    expect(byId.get('b-cp1252')!.source.encoding).toBe('windows-1252');
    expect(byId.get('c-rewrapped')!.title).not.toBe(byId.get('a-original')!.title);
    const [first, ...copies] = expected.sameFingerprint.map((id) => byId.get(id)!.fingerprint);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    for (const c of copies) expect(c).toBe(first);
    const other = byId.get('d-same-headline')!;
    expect(other.title).toBe(byId.get('a-original')!.title);
    expect(other.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(other.fingerprint).not.toBe(first);
    for (const id of expected.noFingerprint) expect(byId.get(id)!.fingerprint, id).toBeNull();
  });

  it('findDuplicates: later copies point at the first in document order', () => {
    expect(Object.fromEntries(findDuplicates(documents))).toEqual(expected.duplicateOf);
    // Order decides: the Windows-1252 copy first makes it the original.
    const reordered = [byId.get('c-rewrapped')!, byId.get('b-cp1252')!, byId.get('a-original')!];
    expect(Object.fromEntries(findDuplicates(reordered))).toEqual({ 'b-cp1252': 'c-rewrapped', 'a-original': 'c-rewrapped' });
  });
});

describe('the pipeline on the fixture corpus', () => {
  const { artifacts, errors } = runInProcess(inputs, config, STAGES);
  const documents = artifacts.documents as DocumentRecord[];
  const stances = artifacts.stances as StanceRecord[];
  const actors = artifacts.actors as ActorRecord[];

  it('marks the copies in documents.jsonl and keeps every document', () => {
    expect(errors).toEqual([]);
    expect(documents.map((d) => d.id)).toEqual(inputs.map((i) => i.docId));
    expect(Object.fromEntries(documents.filter((d) => d.duplicateOf).map((d) => [d.id, d.duplicateOf]))).toEqual(expected.duplicateOf);
  });

  it("keeps a copy's stance records, marked, with the original's labels", () => {
    const holders = (docId: string) => stances.filter((s) => s.docId === docId).map((s) => `${s.holder?.entityId ?? '-'} ${s.label} ${s.score}`);
    for (const [copy, original] of Object.entries(expected.duplicateOf)) {
      expect(holders(copy), copy).toEqual(holders(original));
      expect(holders(copy).length).toBeGreaterThan(1);
      for (const s of stances.filter((r) => r.docId === copy)) expect(s.duplicateOf).toBe(original);
    }
    for (const s of stances.filter((r) => !(r.docId in expected.duplicateOf))) expect(s.duplicateOf).toBeUndefined();
  });

  it('counts each article once in actors.jsonl', () => {
    const got = Object.fromEntries(actors.map((a) => [a.entityId, { documents: a.documents, label: a.label, counts: a.counts }]));
    expect(got).toEqual(expected.actors);
    // The same records without the marks: the copies would count three times.
    const unmarked = actorsFrom(stances.map(({ duplicateOf: _, ...s }) => s), 0.15);
    expect(unmarked.find((a) => a.entityId === 'PERSON:tomas-ferreira')!.documents).toBe(3);
  });
});

describe('the fingerprint with removeChrome off', () => {
  it('still ignores line wrapping (every raw line is its own paragraph)', () => {
    const a = normalizeDocument(rawInput('a.txt', `Title line\n\n${BODY}\n`), configWith({ removeChrome: false })).document;
    const wrapped = BODY.replace(/(.{50,60}) /g, '$1\n');
    const b = normalizeDocument(rawInput('b.txt', `Title line\n\n${wrapped}\n`), configWith({ removeChrome: false })).document;
    expect(b.paragraphs.length).toBeGreaterThan(a.paragraphs.length);
    expect(b.fingerprint).toBe(a.fingerprint);
  });
});
