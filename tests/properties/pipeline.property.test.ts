/**
 * Property tests: random documents built from realistic pieces (sentences, quotes, names, chrome
 * lines, odd characters) go through every stage in process. No stage throws, every offset is exact,
 * and the output is deterministic. NUM_RUNS cases here; the bench docs describe a 10,000-case run
 * (PROPERTY_RUNS=10000 npx vitest run tests/properties).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { STAGES } from '../../src/stages/index.js';
import { runInProcess, rawInputFromText } from '../../src/pipeline/inprocess.js';

const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 1000);

const names = ['Maria Lopez', 'Prime Minister Kenji Sato', 'Dr Ahmed Khan', 'the Foreign Ministry', 'NATO', 'Japan', 'He', 'She', 'Chinese officials', 'Lai Ching-te'];
const verbs = ['said', 'told reporters', 'insisted', 'argued', 'claimed', 'pointed out', 'warned'];
const clauses = [
  'the plan would never work',
  'a four-day week is a good idea',
  'it is too early to talk about the proposal',
  'the alliance is not directed at any nation',
  'talks will resume in Geneva next week',
];
const odd = ['\u00a0', '\u200b', '\u00ad', '😀', '𝔘', 'مرحبا', '中文', '\t', '\r\n', '"', '“', '”', '‘', '’', "''", '«', '»', '„'];
// Contractions and clitics next to punctuation: wink gives some of them no lemma ("cannot,").
const clitics = ['cannot,', 'cannot.', 'Cannot', "can't,", "won't.", "shan't", "y'all", "ain't,", "gonna", "'s", "o'clock", "rock 'n' roll", "didn't?", "I'd've", "’tis", 'isn’t,'];
const chrome = ['Share on Facebook', 'Leave a comment', 'Previous', 'Next', 'Contact: someone@example.org', 'https://example.org/a/b', 'Skip to content'];

const piece = fc.oneof(
  fc.tuple(fc.constantFrom(...names), fc.constantFrom(...verbs), fc.constantFrom(...clauses)).map(([n, v, c]) => `${n} ${v} that ${c}.`),
  fc.tuple(fc.constantFrom(...clauses), fc.constantFrom(...names), fc.constantFrom(...verbs)).map(([c, n, v]) => `“${c},” ${n} ${v}.`),
  fc.tuple(fc.constantFrom(...clauses), fc.constantFrom(...names)).map(([c, n]) => `According to ${n}, ${c}.`),
  fc.constantFrom(...chrome),
  fc.tuple(fc.constantFrom(...names), fc.constantFrom(...clitics), fc.constantFrom(...clauses)).map(([n, c, cl]) => `“You ${c} ${cl},” ${n} said.`),
  fc.array(fc.constantFrom(...clitics), { minLength: 1, maxLength: 5 }).map((c) => c.join(' ')),
  fc.constantFrom(...odd),
  fc.string({ maxLength: 20 }),
);

const documentText = fc
  .array(fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join(' ')), { minLength: 0, maxLength: 8 })
  .map((paragraphs) => paragraphs.join('\n'));

const config = parseConfig({ proposal: { name: 'four-day week', aliases: ['the alliance', 'the proposal'] } });

interface Spanned {
  start: number;
  end: number;
  text?: string;
}

function checkSpan(text: string, span: Spanned | null | undefined, where: string): void {
  if (!span || typeof span.start !== 'number' || typeof span.end !== 'number') return;
  expect(span.start, where).toBeGreaterThanOrEqual(0);
  expect(span.end, where).toBeLessThanOrEqual(text.length);
  expect(span.start, where).toBeLessThanOrEqual(span.end);
  if (typeof span.text === 'string') expect(text.slice(span.start, span.end), where).toBe(span.text);
}

function checkOffsets(result: ReturnType<typeof runInProcess>): void {
  const texts = new Map<string, string>();
  for (const d of (result.artifacts.documents ?? []) as Array<{ id: string; text: string; paragraphs: Spanned[]; sentences: Spanned[] }>) {
    texts.set(d.id, d.text);
    for (const p of d.paragraphs) checkSpan(d.text, p, 'paragraph');
    for (const s of d.sentences) checkSpan(d.text, s, 'sentence');
  }
  for (const e of (result.artifacts.entities ?? []) as Array<{ docId: string; mentions: Spanned[] }>) {
    for (const m of e.mentions) checkSpan(texts.get(e.docId)!, m, 'entity mention');
  }
  for (const q of (result.artifacts.quotes ?? []) as Array<{ docId: string; start: number; end: number; text: string; cue: Spanned | null; speaker: Spanned & { text: string | null } }>) {
    const text = texts.get(q.docId)!;
    checkSpan(text, q, 'quote');
    checkSpan(text, q.cue, 'quote cue');
    if (q.speaker.text !== null && q.speaker.start !== null) checkSpan(text, q.speaker as Spanned, 'speaker');
  }
  for (const s of (result.artifacts.stances ?? []) as Array<{ docId: string; evidence: Spanned[] }>) {
    for (const e of s.evidence) checkSpan(texts.get(s.docId)!, e, 'stance evidence');
  }
}

describe('pipeline properties', () => {
  it(`never throws, keeps every offset exact, and is deterministic (${NUM_RUNS} documents)`, () => {
    fc.assert(
      fc.property(documentText, (text) => {
        const inputs = [rawInputFromText('doc', text)];
        const first = runInProcess(inputs, config, STAGES);
        // A document may be set aside (empty, say), but only with a known code, never an exception.
        for (const e of first.errors) expect(e.error, e.message).not.toBe('stage/exception');
        checkOffsets(first);
        const second = runInProcess(inputs, config, STAGES);
        expect(JSON.stringify(second)).toBe(JSON.stringify(first));
      }),
      { numRuns: NUM_RUNS, seed: 20261123 },
    );
  }, 240_000);
});
