/**
 * Greedy left-to-right decoding of the entity tagger, per sentence: each token's tag is the best
 * under the BIO constraint, given the static features and the two tags before it. The same loop
 * trains (`learn`): a perceptron update whenever the chosen tag is not the gold one.
 */
import { BOS, ensureStaticFeatures, EOS, fmix, L, mix, POS_IDS, posValues, STATIC_FEATURES, SURFACE_SLOTS, T, type SurfaceTable, type TokenColumns } from './features.js';
import { allowed, NT, TAGS, TaggerModel, type Trainer } from './model.js';

export interface Scorer {
  add(key: number, scores: Float64Array): void;
}

/** A tagged span: token indexes (inclusive), CoNLL type, and its smallest per-token margin (score units). */
export interface TaggedSpan {
  first: number;
  last: number;
  type: 'PER' | 'ORG' | 'LOC' | 'MISC';
  margin: number;
}

const scores = new Float64Array(NT);
/** Per previous tag, the current token's static scores plus that tag's features (decodeBeam). */
const withPrev = new Float64Array(NT * NT);
const withPrevRows = Array.from({ length: NT }, (_, p) => withPrev.subarray(p * NT, (p + 1) * NT));
const dyn = new Uint32Array(5);

/**
 * Tag every token of `cols` into `tags` (indexes into `TAGS`) and `margins` (best minus second-best
 * allowed score). With `learn`, update `learn.trainer` toward `learn.gold` as it goes.
 */
export function decode(
  cols: TokenColumns,
  scorer: Scorer,
  tags: Uint8Array,
  margins: Float32Array,
  learn?: { trainer: Trainer; gold: Uint8Array },
): void {
  ensureStaticFeatures(cols);
  const f = cols.features;
  // The type last given to each word in this document (a later, less clear use of a name follows
  // the clearer first one: Ratinov & Roth's prediction history).
  const history = new Map<number, number>();
  for (let s = 0; s < cols.first.length; s++) {
    const a = cols.first[s]!;
    const b = Math.min(cols.last[s]!, cols.n - 1);
    let prev = 0;
    let prev2 = 0;
    for (let i = a; i <= b; i++) {
      scores.fill(0);
      const o = i * STATIC_FEATURES;
      for (let k = o; k < o + STATIC_FEATURES; k++) scorer.add(f[k]!, scores);
      dyn[0] = mix(T.prev, prev + 1);
      dyn[1] = mix(T.prev2, prev + 1, prev2 + 1);
      dyn[2] = mix(T.prevW, prev + 1, cols.word[i]!);
      dyn[3] = mix(T.prevShape, prev + 1, cols.shape[i]!);
      dyn[4] = mix(T.history, history.get(cols.word[i]!) ?? 0, cols.shape[i]!);
      for (let k = 0; k < 5; k++) scorer.add(dyn[k]!, scores);
      let best = -1;
      let second = -Infinity;
      for (let t = 0; t < NT; t++) {
        if (!allowed(prev, t)) continue;
        if (best < 0 || scores[t]! > scores[best]!) {
          if (best >= 0) second = Math.max(second, scores[best]!);
          best = t;
        } else second = Math.max(second, scores[t]!);
      }
      if (learn) {
        learn.trainer.tick();
        let truth = learn.gold[i]!;
        // Gold I-X after a predicted tag that cannot precede it: the right move from here is B-X.
        if (!allowed(prev, truth)) truth -= 1;
        learn.trainer.update(f, o, o + STATIC_FEATURES, dyn, truth, best);
      }
      tags[i] = best;
      if (best !== 0) history.set(cols.word[i]!, ((best + 1) >> 1) + 1);
      else if (history.has(cols.word[i]!)) history.set(cols.word[i]!, 1);
      margins[i] = scores[best]! - second;
      prev2 = prev;
      prev = best;
    }
  }
}

const K_MAX = 16;
const staticScores = new Float64Array(NT);

/**
 * Per surface id under one model, `RECORD` float64: four rows of the summed weights of its
 * `SURFACE_SLOTS` features plus its `capsLineShape` and `lists` features (row = capsLine × 2 +
 * whether the document also writes the word in lower case), then the weights it adds to its
 * neighbours as their previous and next word (wm1 + shapeM1, wp1 + shapeP1), second previous and
 * second next word (wm2, wp2). Filled on first use; a token's neighbours were
 * just read for their own scores, so their records are in cache. Weights are multiples of 2^-28
 * (int16 / 1000 as float32, |w| >= 0.05) and sums stay far below 2^24, so float64 sums are exact
 * in any order: the same scores as adding the features one by one.
 */
interface SurfaceSums {
  table: SurfaceTable;
  epoch: number;
  sums: Float64Array;
  have: Uint8Array;
}
const RECORD = 8 * NT;
let historyArray = new Uint8Array(1024);
const touched: number[] = [];
/** Row of the neighbour parts in a record. */
const AS_M1 = 4 * NT;
const AS_P1 = 5 * NT;
const AS_M2 = 6 * NT;
const AS_P2 = 7 * NT;
const surfaceSums = new WeakMap<TaggerModel, SurfaceSums>();
function sumsFor(m: TaggerModel, cols: TokenColumns): SurfaceSums | null {
  const table = cols.surfaces;
  if (!table || cols.epoch !== table.epoch) return null;
  let s = surfaceSums.get(m);
  if (!s || s.table !== table || s.epoch !== table.epoch) {
    s = { table, epoch: table.epoch, sums: new Float64Array(table.word.length * RECORD), have: new Uint8Array(table.word.length) };
    surfaceSums.set(m, s);
  }
  if (s.have.length < table.word.length) {
    const sums = new Float64Array(table.word.length * RECORD);
    sums.set(s.sums);
    const have = new Uint8Array(table.word.length);
    have.set(s.have);
    s.sums = sums;
    s.have = have;
  }
  return s;
}

/** Values of the gazetteer column below this (0..15) and of the word-list flags (0..127) are summed from dense tables. */
const GZ_IDS = 17;
const LIST_IDS = 129;
/** The id of the sentence boundary's value (the features use 99) in the gazetteer and word-list tables. */
const GZ_EDGE = GZ_IDS - 1;
const LIST_EDGE = LIST_IDS - 1;

/**
 * Per model, the summed weights of the static features that depend on small values only, filled on
 * first use (`NT` float64 per entry, `have` marks the filled ones): the five POS templates per
 * (POS before, POS, POS after); the three gazetteer templates per (before, token, after); `listsM1`
 * per flags of the word before; `listsP1` and `listsP2` per (flags after, organization/common flags
 * two after). Plus the sentence-edge features (`edges`: wm1+shapeM1 of BOS, wp1+shapeP1 of EOS, wm2
 * of BOS, wp2 of EOS). Exact for the same reason as `SurfaceSums`.
 */
interface ContextSums {
  pos: Float64Array;
  posHave: Uint8Array;
  gz: Float64Array;
  gzHave: Uint8Array;
  lm: Float64Array;
  lmHave: Uint8Array;
  lp: Float64Array;
  lpHave: Uint8Array;
  edges: Float64Array;
}
const contextSums = new WeakMap<TaggerModel, ContextSums>();

function contextSumsFor(m: TaggerModel): ContextSums {
  let c = contextSums.get(m);
  if (c) return c;
  const edges = new Float64Array(4 * NT);
  const row = (r: number) => edges.subarray(r * NT, (r + 1) * NT);
  addNeighbourFeatures(m, BOS, BOS, EOS, EOS, row(0), row(1), row(2), row(3));
  const P3 = POS_IDS * POS_IDS * POS_IDS;
  const G3 = GZ_IDS * GZ_IDS * GZ_IDS;
  c = {
    pos: new Float64Array(P3 * NT),
    posHave: new Uint8Array(P3),
    gz: new Float64Array(G3 * NT),
    gzHave: new Uint8Array(G3),
    lm: new Float64Array(LIST_IDS * NT),
    lmHave: new Uint8Array(LIST_IDS),
    lp: new Float64Array(LIST_IDS * 5 * NT),
    lpHave: new Uint8Array(LIST_IDS * 5),
    edges,
  };
  contextSums.set(m, c);
  return c;
}

/** Add the five POS features of POS values `pm1`, `p`, `pp1` (hashes, or BOS/EOS) to `out`. */
function addPos(m: TaggerModel, pm1: number, p: number, pp1: number, out: Float64Array): void {
  m.add(mix(T.pos, p), out);
  m.add(mix(T.posM1, pm1), out);
  m.add(mix(T.posP1, pp1), out);
  m.add(mix(T.posM1Pos, pm1, p), out);
  m.add(mix(T.posPosP1, p, pp1), out);
}

/** Add the three gazetteer features (column values, 99 at the sentence's edges) to `out`. */
function addGz(m: TaggerModel, gm1: number, g: number, gp1: number, out: Float64Array): void {
  m.add(mix(T.gz, g), out);
  m.add(mix(T.gzM1, gm1), out);
  m.add(mix(T.gzP1, gp1), out);
}

/** Add `listsP1` and `listsP2` (flags of the token after and two after; `null` past the sentence's edge) to `out`. */
function addListsAfter(m: TaggerModel, lp1: number | null, lp2: number | null, out: Float64Array): void {
  m.add(mix(T.listsP1, lp1 ?? 99), out);
  m.add(mix(T.listsP2, lp2 === null ? 99 : lp2 & (L.orgHead | L.common), lp1 === null ? 99 : lp1 & L.orgHead), out);
}

/** Fill surface `id`'s record (see `SurfaceSums`). */
function fillRecord(m: TaggerModel, s: SurfaceSums, id: number): void {
  const sums = s.sums;
  const so = id * RECORD;
  for (let t = 0; t < RECORD; t++) sums[so + t] = 0;
  const table = s.table;
  const feats = table.feats;
  const fo = id * SURFACE_SLOTS.length;
  const row = (r: number) => sums.subarray(so + r * NT, so + (r + 1) * NT);
  const word = table.word[id]!;
  const sh = table.shape[id]!;
  const lists = table.lists[id]!;
  for (let v = 0; v < 4; v++) {
    const own = row(v);
    for (let k = 0; k < SURFACE_SLOTS.length; k++) m.add(feats[fo + k]!, own);
    const caps = v >> 1;
    m.add(mix(T.capsLineShape, caps, caps ? word : sh), own);
    m.add(mix(T.lists, v & 1 ? lists | L.docLower : lists, sh), own);
  }
  addNeighbourFeatures(m, word, sh, word, sh, row(4), row(5), row(6), row(7));
  s.have[id] = 1;
}

/**
 * The weights a word (or the sentence edge: BOS before, EOS after) adds to the tokens around it:
 * as the previous word and shape (`m1`), the next (`p1`), the second previous (`m2`) and the
 * second next (`p2`). Shared by the per-surface records and the sentence-edge rows.
 */
function addNeighbourFeatures(m: TaggerModel, before: number, beforeShape: number, after: number, afterShape: number, m1: Float64Array, p1: Float64Array, m2: Float64Array, p2: Float64Array): void {
  m.add(mix(T.wm1, before), m1);
  m.add(mix(T.shapeM1, beforeShape), m1);
  m.add(mix(T.wp1, after), p1);
  m.add(mix(T.shapeP1, afterShape), p1);
  m.add(mix(T.wm2, before), m2);
  m.add(mix(T.wp2, after), p2);
}

/** Add `sums[from, from + NT)` to `out`. */
function addRow(sums: Float64Array, from: number, out: Float64Array): void {
  for (let t = 0; t < NT; t++) out[t]! += sums[from + t]!;
}

/**
 * Static scores of token `i` (sentence `a..b`) into `out`: the surface's record, the neighbours'
 * records (or the sentence-boundary features), the other context features, the history feature.
 */
function staticScoresFast(m: TaggerModel, s: SurfaceSums, c: ContextSums, cols: TokenColumns, i: number, a: number, b: number, historyKey: number, out: Float64Array): void {
  const surface = cols.surface;
  const sums = s.sums;
  const have = s.have;
  const id = surface[i]!;
  if (!have[id]) fillRecord(m, s, id);
  const variant = cols.capsLine[cols.sentenceOf[i]!]! * 2 + (cols.lists[i]! & L.docLower ? 1 : 0);
  const so = id * RECORD + variant * NT;
  for (let t = 0; t < NT; t++) out[t] = sums[so + t]!;
  const edges = c.edges;
  // Neighbours inside the sentence: their records; at the edges, the BOS/EOS features.
  if (i > a) {
    const n1 = surface[i - 1]!;
    if (!have[n1]) fillRecord(m, s, n1);
    addRow(sums, n1 * RECORD + AS_M1, out);
  } else addRow(edges, 0, out);
  if (i < b) {
    const n1 = surface[i + 1]!;
    if (!have[n1]) fillRecord(m, s, n1);
    addRow(sums, n1 * RECORD + AS_P1, out);
  } else addRow(edges, NT, out);
  if (i - 1 > a) {
    const n2 = surface[i - 2]!;
    if (!have[n2]) fillRecord(m, s, n2);
    addRow(sums, n2 * RECORD + AS_M2, out);
  } else addRow(edges, 2 * NT, out);
  if (i + 1 < b) {
    const n2 = surface[i + 2]!;
    if (!have[n2]) fillRecord(m, s, n2);
    addRow(sums, n2 * RECORD + AS_P2, out);
  } else addRow(edges, 3 * NT, out);
  // POS, gazetteer and word-list context: dense tables (a value out of their range: looked up one by one).
  const posId = cols.posId;
  const pm1 = i > a ? posId[i - 1]! : 0;
  const p0 = posId[i]!;
  const pp1 = i < b ? posId[i + 1]! : 1;
  if (pm1 < POS_IDS && p0 < POS_IDS && pp1 < POS_IDS) {
    const e = (pm1 * POS_IDS + p0) * POS_IDS + pp1;
    if (!c.posHave[e]) {
      addPos(m, posValues[pm1]!, posValues[p0]!, posValues[pp1]!, c.pos.subarray(e * NT, e * NT + NT));
      c.posHave[e] = 1;
    }
    addRow(c.pos, e * NT, out);
  } else addPos(m, i > a ? cols.pos[i - 1]! : BOS, cols.pos[i]!, i < b ? cols.pos[i + 1]! : EOS, out);
  const gz = cols.gz;
  const gm1 = i > a ? gz[i - 1]! : GZ_EDGE;
  const g0 = gz[i]!;
  const gp1 = i < b ? gz[i + 1]! : GZ_EDGE;
  if ((gm1 < GZ_EDGE || i === a) && g0 < GZ_EDGE && (gp1 < GZ_EDGE || i === b)) {
    const e = (gm1 * GZ_IDS + g0) * GZ_IDS + gp1;
    if (!c.gzHave[e]) {
      addGz(m, i > a ? gm1 : 99, g0, i < b ? gp1 : 99, c.gz.subarray(e * NT, e * NT + NT));
      c.gzHave[e] = 1;
    }
    addRow(c.gz, e * NT, out);
  } else addGz(m, i > a ? gm1 : 99, g0, i < b ? gp1 : 99, out);
  const lists = cols.lists;
  const lm1 = i > a ? lists[i - 1]! : LIST_EDGE;
  if (lm1 < LIST_EDGE || i === a) {
    if (!c.lmHave[lm1]) {
      m.add(mix(T.listsM1, i > a ? lm1 : 99), c.lm.subarray(lm1 * NT, lm1 * NT + NT));
      c.lmHave[lm1] = 1;
    }
    addRow(c.lm, lm1 * NT, out);
  } else m.add(mix(T.listsM1, lm1), out);
  const lp1 = i < b ? lists[i + 1]! : LIST_EDGE;
  const lp2 = i + 1 < b ? (lists[i + 2]! & (L.orgHead | L.common)) >> 3 : 4;
  if (lp1 < LIST_EDGE || i === b) {
    const e = lp1 * 5 + lp2;
    if (!c.lpHave[e]) {
      addListsAfter(m, i < b ? lp1 : null, i + 1 < b ? lists[i + 2]! : null, c.lp.subarray(e * NT, e * NT + NT));
      c.lpHave[e] = 1;
    }
    addRow(c.lp, e * NT, out);
  } else addListsAfter(m, lp1, i + 1 < b ? lists[i + 2]! : null, out);
  // The features of word pairs, shape triples, sentence starts and the history: looked up.
  const word = cols.word;
  const shape = cols.shape;
  const w = word[i]!;
  const sh = shape[i]!;
  const atStart = cols.atStart[i]!;
  const li = lists[i]!;
  m.add(mix(T.startShape, atStart, sh ^ (li & L.common)), out);
  m.add(mix(T.wBigramM1, i > a ? word[i - 1]! : BOS, w), out);
  m.add(mix(T.wBigramP1, w, i < b ? word[i + 1]! : EOS), out);
  m.add(mix(T.shape3, (i > a ? shape[i - 1]! : BOS) ^ fmix(sh), fmix((i < b ? shape[i + 1]! : EOS) + 1)), out);
  m.add(mix(T.docLower, li & L.docLower, atStart ? sh : 0), out);
  m.add(historyKey, out);
}

/**
 * Beam-search decoding (width `k`, at most 16) under the same model: per sentence, the `k` best tag
 * sequences so far, recombined on their last two tags (what the features see). The prediction
 * history is fed from each finished sentence. `margins` get each token's local margin on the best path.
 */
export function decodeBeam(cols: TokenColumns, scorer: Scorer, tags: Uint8Array, margins: Float32Array, k: number): void {
  k = Math.max(1, Math.min(K_MAX, k));
  const history = new Map<number, number>();
  // Trained weights over this process's surface table: per-surface sums (see `SurfaceSums`), and
  // the history in an array by word id (values as in `history`; 0 = none), cleared after use.
  const fast = scorer instanceof TaggerModel ? sumsFor(scorer, cols) : null;
  const context = fast ? contextSumsFor(scorer as TaggerModel) : null;
  const wordOf = cols.surfaces?.wordId;
  if (fast && historyArray.length < cols.surfaces.words) historyArray = new Uint8Array(cols.surfaces.words * 2);
  const hist = historyArray;
  touched.length = 0;
  let maxLen = 1;
  for (let s = 0; s < cols.first.length; s++) maxLen = Math.max(maxLen, Math.min(cols.last[s]!, cols.n - 1) - cols.first[s]! + 1);
  // Per position and beam slot: tag, back-pointer, local margin. Per slot: score, prev, prev2.
  const tagAt = new Uint8Array(maxLen * k);
  const back = new Uint8Array(maxLen * k);
  const marginAt = new Float32Array(maxLen * k);
  let score = new Float64Array(k);
  let nextScore = new Float64Array(k);
  let prevOf = new Uint8Array(k);
  let nextPrev = new Uint8Array(k);
  let prev2Of = new Uint8Array(k);
  let nextPrev2 = new Uint8Array(k);
  // Weights of the features of the previous tags alone, the same at every token: looked up once.
  const prevVec = new Float64Array(NT * NT);
  const prev2Vec = new Float64Array(NT * NT * NT);
  for (let p = 0; p < NT; p++) {
    scorer.add(mix(T.prev, p + 1), prevVec.subarray(p * NT, p * NT + NT));
    for (let q = 0; q < NT; q++) scorer.add(mix(T.prev2, p + 1, q + 1), prev2Vec.subarray((p * NT + q) * NT, (p * NT + q + 1) * NT));
  }
  for (let s = 0; s < cols.first.length; s++) {
    const a = cols.first[s]!;
    const b = Math.min(cols.last[s]!, cols.n - 1);
    if (b < a) continue;
    let size = 1;
    score[0] = 0;
    prevOf[0] = 0;
    prev2Of[0] = 0;
    for (let i = a; i <= b; i++) {
      const pos = i - a;
      const historyKey = mix(T.history, fast ? hist[wordOf[cols.surface[i]!]!]! : (history.get(cols.word[i]!) ?? 0), cols.shape[i]!);
      if (fast) staticScoresFast(scorer as TaggerModel, fast, context!, cols, i, a, b, historyKey, staticScores);
      else {
        ensureStaticFeatures(cols);
        const f = cols.features;
        staticScores.fill(0);
        const o = i * STATIC_FEATURES;
        for (let x = o; x < o + STATIC_FEATURES; x++) scorer.add(f[x]!, staticScores);
        scorer.add(historyKey, staticScores);
      }
      let nextSize = 0;
      // Slots often share their previous tag: its features (tag, tag + word, tag + shape) are
      // summed once per token and tag (exact, as in `SurfaceSums`).
      let cached = 0;
      for (let slot = 0; slot < size; slot++) {
        const prev = prevOf[slot]!;
        const prev2 = prev2Of[slot]!;
        const po = prev * NT;
        if ((cached & (1 << prev)) === 0) {
          for (let t = 0; t < NT; t++) withPrev[po + t] = staticScores[t]! + prevVec[po + t]!;
          const row = withPrevRows[prev]!;
          scorer.add(mix(T.prevW, prev + 1, cols.word[i]!), row);
          scorer.add(mix(T.prevShape, prev + 1, cols.shape[i]!), row);
          cached |= 1 << prev;
        }
        const p2o = (prev * NT + prev2) * NT;
        for (let t = 0; t < NT; t++) scores[t] = withPrev[po + t]! + prev2Vec[p2o + t]!;
        let best = -Infinity;
        let second = -Infinity;
        for (let t = 0; t < NT; t++) {
          if (!allowed(prev, t)) continue;
          const v = scores[t]!;
          if (v > best) ((second = best), (best = v));
          else if (v > second) second = v;
        }
        for (let t = 0; t < NT; t++) {
          if (!allowed(prev, t)) continue;
          const total = score[slot]! + scores[t]!;
          const local = scores[t]! === best ? best - second : scores[t]! - best;
          // Recombine: one item per (prev, t) state.
          let at = -1;
          for (let z = 0; z < nextSize; z++) if (nextPrev[z] === t && nextPrev2[z] === prev) at = z;
          if (at < 0) {
            if (nextSize < k) at = nextSize++;
            else {
              let worst = 0;
              for (let z = 1; z < nextSize; z++) if (nextScore[z]! < nextScore[worst]!) worst = z;
              if (nextScore[worst]! >= total) continue;
              at = worst;
            }
          } else if (nextScore[at]! >= total) continue;
          nextScore[at] = total;
          nextPrev[at] = t;
          nextPrev2[at] = prev;
          tagAt[pos * k + at] = t;
          back[pos * k + at] = slot;
          marginAt[pos * k + at] = local;
        }
      }
      // Swap the buffers (no allocation per token).
      const s0 = score;
      score = nextScore;
      nextScore = s0;
      const p0 = prevOf;
      prevOf = nextPrev;
      nextPrev = p0;
      const q0 = prev2Of;
      prev2Of = nextPrev2;
      nextPrev2 = q0;
      size = nextSize;
    }
    let slot = 0;
    for (let z = 1; z < size; z++) if (score[z]! > score[slot]!) slot = z;
    for (let i = b; i >= a; i--) {
      const pos = i - a;
      tags[i] = tagAt[pos * k + slot]!;
      // Negative where the search overrode the token's locally best tag.
      margins[i] = marginAt[pos * k + slot]!;
      slot = back[pos * k + slot]!;
    }
    for (let i = a; i <= b; i++) {
      const t = tags[i]!;
      if (fast) {
        const w = wordOf[cols.surface[i]!]!;
        if (hist[w] === 0) touched.push(w);
        if (t !== 0) hist[w] = ((t + 1) >> 1) + 1;
        else if (hist[w] !== 0) hist[w] = 1;
      } else if (t !== 0) history.set(cols.word[i]!, ((t + 1) >> 1) + 1);
      else if (history.has(cols.word[i]!)) history.set(cols.word[i]!, 1);
    }
  }
  for (const w of touched) hist[w] = 0;
}

/** Spans of a BIO tag sequence (indexes into `TAGS`), in order. */
export function spansOf(tags: Uint8Array, margins: Float32Array | null, n = tags.length): TaggedSpan[] {
  const out: TaggedSpan[] = [];
  let i = 0;
  while (i < n) {
    const t = tags[i]!;
    if (t === 0) {
      i++;
      continue;
    }
    const b = t % 2 === 1 ? t : t - 1;
    let j = i;
    let margin = margins ? margins[i]! : 0;
    while (j + 1 < n && tags[j + 1] === b + 1) {
      j++;
      if (margins) margin = Math.min(margin, margins[j]!);
    }
    out.push({ first: i, last: j, type: TAGS[b]!.slice(2) as TaggedSpan['type'], margin });
    i = j + 1;
  }
  return out;
}
