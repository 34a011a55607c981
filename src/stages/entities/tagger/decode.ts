/**
 * Greedy left-to-right decoding of the entity tagger, per sentence: each token's tag is the best
 * under the BIO constraint, given the static features and the two tags before it. The same loop
 * trains (`learn`): a perceptron update whenever the chosen tag is not the gold one.
 */
import { CONTEXT_SLOTS, L, mix, STATIC_FEATURES, SURFACE_SLOTS, T, type SurfaceTable, type TokenColumns } from './features.js';
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
/** Context slots other than those the records hold (±2 words, ±1 shapes, lists, capsLineShape). */
const CONTEXT = Int32Array.from(CONTEXT_SLOTS.filter((k) => (k < 2 || k > 8) && k !== 24 && k !== 31));
const offsets = new Int32Array(CONTEXT.length + 1);

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
  m.add(mix(T.wm1, word), row(4));
  m.add(mix(T.shapeM1, sh), row(4));
  m.add(mix(T.wp1, word), row(5));
  m.add(mix(T.shapeP1, sh), row(5));
  m.add(mix(T.wm2, word), row(6));
  m.add(mix(T.wp2, word), row(7));
  s.have[id] = 1;
}

/** Add `sums[from, from + NT)` to `out`. */
function addRow(sums: Float64Array, from: number, out: Float64Array): void {
  for (let t = 0; t < NT; t++) out[t]! += sums[from + t]!;
}

/**
 * Static scores of token `i` (sentence `a..b`) into `out`: the surface's record, the neighbours'
 * records (or the sentence-boundary features), the other context features, the history feature.
 */
function staticScoresFast(m: TaggerModel, s: SurfaceSums, cols: TokenColumns, i: number, a: number, b: number, historyKey: number, out: Float64Array): void {
  const surface = cols.surface;
  const sums = s.sums;
  const have = s.have;
  const id = surface[i]!;
  if (!have[id]) fillRecord(m, s, id);
  const variant = cols.capsLine[cols.sentenceOf[i]!]! * 2 + (cols.lists[i]! & L.docLower ? 1 : 0);
  const so = id * RECORD + variant * NT;
  for (let t = 0; t < NT; t++) out[t] = sums[so + t]!;
  const f = cols.features;
  const o = i * STATIC_FEATURES;
  // Neighbours inside the sentence: their records; at the edges, the BOS/EOS features.
  if (i > a) {
    const n1 = surface[i - 1]!;
    if (!have[n1]) fillRecord(m, s, n1);
    addRow(sums, n1 * RECORD + AS_M1, out);
  } else {
    m.add(f[o + 2]!, out);
    m.add(f[o + 7]!, out);
  }
  if (i < b) {
    const n1 = surface[i + 1]!;
    if (!have[n1]) fillRecord(m, s, n1);
    addRow(sums, n1 * RECORD + AS_P1, out);
  } else {
    m.add(f[o + 3]!, out);
    m.add(f[o + 8]!, out);
  }
  if (i - 1 > a) {
    const n2 = surface[i - 2]!;
    if (!have[n2]) fillRecord(m, s, n2);
    addRow(sums, n2 * RECORD + AS_M2, out);
  } else m.add(f[o + 4]!, out);
  if (i + 1 < b) {
    const n2 = surface[i + 2]!;
    if (!have[n2]) fillRecord(m, s, n2);
    addRow(sums, n2 * RECORD + AS_P2, out);
  } else m.add(f[o + 5]!, out);
  // Probe every other feature first (independent loads overlap), then add the rows found.
  const nc = CONTEXT.length;
  for (let k = 0; k < nc; k++) offsets[k] = m.offset(f[o + CONTEXT[k]!]!);
  offsets[nc] = m.offset(historyKey);
  const w = m.weights;
  for (let k = 0; k <= nc; k++) {
    const r = offsets[k]!;
    if (r < 0) continue;
    for (let t = 0; t < NT; t++) out[t]! += w[r + t]!;
  }
}

/**
 * Beam-search decoding (width `k`, at most 16) under the same model: per sentence, the `k` best tag
 * sequences so far, recombined on their last two tags (what the features see). The prediction
 * history is fed from each finished sentence. `margins` get each token's local margin on the best path.
 */
export function decodeBeam(cols: TokenColumns, scorer: Scorer, tags: Uint8Array, margins: Float32Array, k: number): void {
  k = Math.max(1, Math.min(K_MAX, k));
  const f = cols.features;
  const history = new Map<number, number>();
  // Trained weights over this process's surface table: per-surface sums (see `SurfaceSums`), and
  // the history in an array by word id (values as in `history`; 0 = none), cleared after use.
  const fast = scorer instanceof TaggerModel ? sumsFor(scorer, cols) : null;
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
      if (fast) staticScoresFast(scorer as TaggerModel, fast, cols, i, a, b, historyKey, staticScores);
      else {
        staticScores.fill(0);
        const o = i * STATIC_FEATURES;
        for (let x = o; x < o + STATIC_FEATURES; x++) scorer.add(f[x]!, staticScores);
        scorer.add(historyKey, staticScores);
      }
      let nextSize = 0;
      for (let slot = 0; slot < size; slot++) {
        const prev = prevOf[slot]!;
        const prev2 = prev2Of[slot]!;
        const po = prev * NT;
        const p2o = (prev * NT + prev2) * NT;
        for (let t = 0; t < NT; t++) scores[t] = staticScores[t]! + prevVec[po + t]! + prev2Vec[p2o + t]!;
        scorer.add(mix(T.prevW, prev + 1, cols.word[i]!), scores);
        scorer.add(mix(T.prevShape, prev + 1, cols.shape[i]!), scores);
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
