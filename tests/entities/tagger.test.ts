import { describe, expect, it } from 'vitest';
import { gazetteer } from '../../src/stages/entities/gazetteer.js';
import { decode, decodeBeam, spansOf } from '../../src/stages/entities/tagger/decode.js';
import { STATIC_FEATURES, tokenColumns, type TaggerInput } from '../../src/stages/entities/tagger/features.js';
import { allowed, NT, TAGS, TaggerModel } from '../../src/stages/entities/tagger/model.js';
import { project, scoreSpans, train, type GoldDoc } from '../../src/stages/entities/tagger/train.js';
import { analyze } from '../../src/nlp/wink.js';

/** Invented names and places: a tiny corpus whose patterns a tagger must learn. */
const GIVEN = ['Orsolya', 'Tamsin', 'Keiran', 'Bartol', 'Ysolde', 'Dmitar', 'Rhosyn', 'Fenwick'];
const FAMILY = ['Quellbrook', 'Vardimon', 'Ashgrove', 'Tellerin', 'Moravec', 'Pellow', 'Strand', 'Oakhurst'];
const TOWNS = ['Vantor', 'Eskerby', 'Mirrowdale', 'Caldris', 'Ostrava', 'Brenlow'];
const FIRMS = ['Halvane Mutual', 'Corvel Systems', 'Drennick Freight', 'Sallow Provident'];

function corpus(seed: number, docs: number): GoldDoc[] {
  const out: GoldDoc[] = [];
  let s = seed;
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor((s = (s * 1103515245 + 12345) % 2147483648) / 65536) % xs.length]!;
  for (let d = 0; d < docs; d++) {
    let text = '';
    const entities: GoldDoc['entities'] = [];
    const add = (surface: string, type: string) => {
      entities.push({ start: text.length, end: text.length + surface.length, type });
      text += surface;
    };
    for (let k = 0; k < 3; k++) {
      add(`${pick(GIVEN)} ${pick(FAMILY)}`, 'PER');
      text += ' , who works for ';
      add(pick(FIRMS), 'ORG');
      text += ' , flew to ';
      add(pick(TOWNS), 'LOC');
      text += ' on Monday .\n';
    }
    out.push({ text, entities });
  }
  return out;
}

const OPTIONS = { epochs: 4, seed: 7, scale: 1000, minWeight: 0, version: 'test' };

describe('tagger training', () => {
  const data = project(corpus(1, 30));

  it('projects character spans onto wink tokens, counting what does not align', () => {
    expect(data.spans).toBe(30 * 9);
    expect(data.misaligned).toBe(0);
    const ex = data.examples[0]!;
    const spans = spansOf(ex.gold, null).map((s) => `${s.type}:${ex.input.text.slice(ex.input.start[s.first]!, ex.input.end[s.last]!)}`);
    expect(spans).toHaveLength(9);
    expect(spans[0]).toMatch(/^PER:\S+ \S+$/);
    // A gold span ending inside a token is counted, not silently shifted.
    const odd = project([{ text: 'Visit Eskerby now .', entities: [{ start: 6, end: 10, type: 'LOC' }] }]);
    expect(odd.misaligned).toBe(1);
  });

  it('learns a tiny corpus and tags unseen names in the same patterns', () => {
    const model = TaggerModel.fromBytes(train(data.examples, OPTIONS));
    expect(scoreSpans(model, data.examples).overall!.f1).toBe(1);
    const held = project([{ text: 'Tamsin Moravec , who works for Drennick Freight , flew to Caldris on Monday .\n', entities: [] }]).examples[0]!;
    const tags = new Uint8Array(held.cols.n);
    decode(held.cols, model, tags, new Float32Array(held.cols.n));
    const got = spansOf(tags, null).map((s) => `${s.type}:${held.input.text.slice(held.input.start[s.first]!, held.input.end[s.last]!)}`);
    expect(got).toEqual(['PER:Tamsin Moravec', 'ORG:Drennick Freight', 'LOC:Caldris']);
  });

  it('writes the same bytes for the same data and options, other bytes for another seed', () => {
    const a = train(data.examples, OPTIONS);
    const b = train(data.examples, OPTIONS);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const c = train(data.examples, { ...OPTIONS, seed: 8 });
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
    // The file round-trips and says what made it.
    const m = TaggerModel.fromBytes(a);
    expect(m.header).toMatchObject({ version: 'test', epochs: 4, seed: 7, tags: [...TAGS] });
    expect(m.size).toBeGreaterThan(0);
  });

  it('rejects a damaged weights file', () => {
    const bytes = train(data.examples, OPTIONS);
    expect(() => TaggerModel.fromBytes(bytes.subarray(0, bytes.length - 3))).toThrow(/truncated|after the last row/);
    const bad = Uint8Array.from(bytes);
    bad[0] = 0x58;
    expect(() => TaggerModel.fromBytes(bad)).toThrow(/not an NSTG file/);
  });

  it('beam decoding keeps BIO well formed and tags the training corpus as well as greedy does', () => {
    const model = TaggerModel.fromBytes(train(data.examples, OPTIONS));
    expect(scoreSpans(model, data.examples, 4).overall!.f1).toBeGreaterThanOrEqual(scoreSpans(model, data.examples, 1).overall!.f1 - 0.05);
    for (const ex of data.examples.slice(0, 5)) {
      const b = new Uint8Array(ex.cols.n);
      decodeBeam(ex.cols, model, b, new Float32Array(ex.cols.n), 4);
      for (let i = 1; i < b.length; i++) expect(allowed(b[i - 1]!, b[i]!)).toBe(true);
    }
    expect(allowed(TAGS.indexOf('B-PER'), TAGS.indexOf('I-ORG'))).toBe(false);
    expect(allowed(TAGS.indexOf('O'), TAGS.indexOf('I-PER'))).toBe(false);
    expect(allowed(TAGS.indexOf('I-PER'), TAGS.indexOf('I-PER'))).toBe(true);
    expect(NT).toBe(9);
  });

  it('reads spans from BIO tags', () => {
    const t = (...names: string[]) => Uint8Array.from(names.map((n) => TAGS.indexOf(n as (typeof TAGS)[number])));
    const spans = spansOf(t('B-PER', 'I-PER', 'O', 'B-ORG', 'B-ORG', 'I-ORG', 'B-MISC'), Float32Array.from([3, 1, 0, 5, 2, 4, 9]));
    expect(spans).toEqual([
      { first: 0, last: 1, type: 'PER', margin: 1 },
      { first: 3, last: 3, type: 'ORG', margin: 5 },
      { first: 4, last: 5, type: 'ORG', margin: 2 },
      { first: 6, last: 6, type: 'MISC', margin: 9 },
    ]);
  });
});

describe('tagger features', () => {
  const text = 'Mr Ostrowski flew from New Zealand to Paris.\nHe met IBM staff in Paris.';
  const a = analyze(text);
  const inp: TaggerInput = { text, start: a.tokens.start, end: a.tokens.end, pos: a.tokens.pos, sentences: a.sentenceTokens };
  const cols = tokenColumns(inp, gazetteer());
  const at = (surface: string, nth = 0) => {
    let seen = 0;
    for (let i = 0; i < cols.n; i++) if (text.slice(inp.start[i]!, inp.end[i]!) === surface && seen++ === nth) return i;
    throw new Error(`no token ${surface}`);
  };

  it('fills every static slot of every token with a non-zero hash, deterministically', () => {
    expect(cols.features.length).toBe(cols.n * STATIC_FEATURES);
    expect(cols.features.every((h) => h !== 0)).toBe(true);
    const again = tokenColumns(inp, gazetteer());
    expect([...again.features]).toEqual([...cols.features]);
  });

  it('gives a word the same identity in every context and case, and separates shapes', () => {
    expect(cols.word[at('Paris')]).toBe(cols.word[at('Paris', 1)]);
    // Context features differ between the two Paris tokens (different neighbours).
    const f = (i: number) => [...cols.features.subarray(i * STATIC_FEATURES, (i + 1) * STATIC_FEATURES)];
    expect(f(at('Paris'))).not.toEqual(f(at('Paris', 1)));
    expect(cols.shape[at('IBM')]).not.toBe(cols.shape[at('Paris')]);
    expect(cols.shape[at('Ostrowski')]).toBe(cols.shape[at('Paris')]);
  });

  it('marks gazetteer hits as begin/inside of their category, and word lists', () => {
    const nz = at('New');
    expect(cols.gz[nz]).toBeGreaterThan(0);
    expect(cols.gz[nz + 1]).toBe(cols.gz[nz]! + 1); // "Zealand": inside the same entry
    expect(cols.gz[at('flew')]).toBe(0);
    expect(cols.lists[at('Mr')]! & 32).toBe(32); // honorific
    expect(cols.sentenceOf[at('He')]).toBe(1);
  });
});
