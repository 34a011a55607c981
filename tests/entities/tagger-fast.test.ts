import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gazetteer } from '../../src/stages/entities/gazetteer.js';
import { decodeBeam, type Scorer } from '../../src/stages/entities/tagger/decode.js';
import { gazetteerMatches, tokenColumns, type TaggerInput } from '../../src/stages/entities/tagger/features.js';
import { taggerModel } from '../../src/stages/entities/tagger/index.js';
import { NT } from '../../src/stages/entities/tagger/model.js';
import { analyze } from '../../src/nlp/wink.js';

/**
 * The optimized inference path (surface table, per-surface weight records, key filter, history by
 * word id) must give exactly the tags and margins of a straightforward reference: every feature
 * looked up one by one in a plain Map read from the weights file, history in a Map.
 */

/** The weights file parsed the plain way (format: model.ts module comment): key -> NT float32 weights. */
function referenceScorer(): Scorer {
  const bytes = readFileSync(new URL('../../src/data/entities/tagger.bin', import.meta.url));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hlen = view.getUint32(4, true);
  const header = JSON.parse(bytes.subarray(8, 8 + hlen).toString('utf8')) as { rows: number; scale: number };
  const rows = new Map<number, Float32Array>();
  let at = 8 + hlen;
  for (let r = 0; r < header.rows; r++) {
    const key = view.getUint32(at, true);
    const mask = view.getUint16(at + 4, true);
    at += 6;
    const w = new Float32Array(NT);
    for (let t = 0; t < NT; t++) {
      if (!(mask & (1 << t))) continue;
      w[t] = view.getInt16(at, true) / header.scale;
      at += 2;
    }
    rows.set(key, w);
  }
  return {
    add(key, scores) {
      const w = rows.get(key);
      if (w) for (let t = 0; t < NT; t++) scores[t]! += w[t]!;
    },
  };
}

/** Invented text: names repeated (history), a line in capitals, hyphens, digits, curly apostrophes, accents. */
const DOCS = [
  'Orsolya Vardimon, chair of the Halvane Mutual Society, met Keiran Ashgrove in Eskerby on Tuesday.\nVardimon said the deal was done. Ashgrove did not comment.',
  'TELLERIN WINS VOTE IN CALDRIS\nThe mayor of Caldris, Bartol Tellerin, said the vote was close. tellerin is also a word here? No.',
  'Dr Ysolde Pellow-Strand told the Brenlow Herald that 1,250 workers at Corvel Systems’ plant near Mirrowdale would keep their jobs until 2031.',
  'Ministers from France and Germany joined officials of the European Commission in Brussels; Zoë Oakhurst and Dmitar Moravec spoke for the Ostrava Chamber of Commerce.',
  'the quick fox. The Quick Fox Company said Fox was fine. fox, FOX and Fox again: Fox-Quick Ltd.',
];

describe('tagger fast inference path', () => {
  const m = taggerModel();
  const ref = referenceScorer();
  const inputs: TaggerInput[] = DOCS.map((text) => {
    const a = analyze(text);
    return { text, start: a.tokens.start, end: a.tokens.end, pos: a.tokens.pos, sentences: a.sentenceTokens };
  });

  for (const k of [1, 2, 4]) {
    it(`gives the reference tags and margins (beam ${k})`, () => {
      for (const inp of inputs) {
        // Twice: the second time every surface is already in the table and the records filled.
        for (let round = 0; round < 2; round++) {
          // Inference columns (no static features: the fast path sums per-surface and per-context tables).
          const inference = tokenColumns(inp, gazetteer(), true);
          const cols = tokenColumns(inp, gazetteer());
          const fast = { tags: new Uint8Array(cols.n), margins: new Float32Array(cols.n) };
          const slow = { tags: new Uint8Array(cols.n), margins: new Float32Array(cols.n) };
          decodeBeam(inference, m, fast.tags, fast.margins, k);
          expect(inference.hasFeatures).toBe(false);
          decodeBeam(cols, ref, slow.tags, slow.margins, k);
          expect([...fast.tags]).toEqual([...slow.tags]);
          expect([...fast.margins]).toEqual([...slow.margins]);
        }
      }
    });
  }

  it('finds entities in the invented text (the comparison is not between two empty outputs)', () => {
    const cols = tokenColumns(inputs[0]!, gazetteer());
    const tags = new Uint8Array(cols.n);
    decodeBeam(cols, m, tags, new Float32Array(cols.n), 2);
    expect(tags.filter((t) => t !== 0).length).toBeGreaterThan(4);
  });

  it('falls back to feature-by-feature scoring for columns of an earlier surface-table epoch, with the same result', () => {
    const inp = inputs[3]!;
    const cols = tokenColumns(inp, gazetteer());
    const a = new Uint8Array(cols.n);
    decodeBeam(cols, m, a, new Float32Array(cols.n), 2);
    cols.epoch = -1;
    const b = new Uint8Array(cols.n);
    decodeBeam(cols, m, b, new Float32Array(cols.n), 2);
    expect([...b]).toEqual([...a]);
  });

  it('sums the context tables right for every value the word-list flags and the gazetteer column can take', () => {
    // A gazetteer in which one invented word is a given name, a surname and an honorific: written
    // capitalized in a text that also has it in lower case, its flags are 1|2|32|64 = 99, the value
    // the features also use for "no token" at a sentence's edge. The gazetteer column is then
    // overwritten with every category (it is only read through the context tables).
    const g = gazetteer();
    const odd = { ...g, firstNames: new Set([...g.firstNames, 'quelm']), surnames: new Set([...g.surnames, 'quelm']), titles: new Map([...g.titles, ['quelm', true]]) };
    const text = 'Quelm Quelm met Quelm at the quelm. Then Quelm left Quelm Harbour Trust, and quelm Quelm said no.';
    const a = analyze(text);
    const inp: TaggerInput = { text, start: a.tokens.start, end: a.tokens.end, pos: a.tokens.pos, sentences: a.sentenceTokens };
    for (let round = 0; round < 3; round++) {
      const fastCols = tokenColumns(inp, odd, true);
      const refCols = tokenColumns(inp, odd, true);
      expect([...fastCols.lists]).toContain(99);
      for (const c of [fastCols, refCols]) for (let i = 0; i < c.n; i++) if (round > 0) c.gz[i] = (i * 3 + round) % 16;
      const fast = { tags: new Uint8Array(fastCols.n), margins: new Float32Array(fastCols.n) };
      const slow = { tags: new Uint8Array(refCols.n), margins: new Float32Array(refCols.n) };
      decodeBeam(fastCols, m, fast.tags, fast.margins, 2);
      decodeBeam(refCols, ref, slow.tags, slow.margins, 2);
      expect(refCols.hasFeatures).toBe(true);
      expect([...fast.margins]).toEqual([...slow.margins]);
      expect([...fast.tags]).toEqual([...slow.tags]);
    }
  });

  it('matches the gazetteer the same with the per-surface first-word flags as with the word lists', () => {
    for (const inp of inputs) {
      const cols = tokenColumns(inp, gazetteer());
      expect(cols.matches).toEqual(gazetteerMatches(inp, gazetteer(), cols.lower));
    }
  });
});
