/**
 * Greedy left-to-right decoding of the entity tagger, per sentence: each token's tag is the best
 * under the BIO constraint, given the static features and the two tags before it. The same loop
 * trains (`learn`): a perceptron update whenever the chosen tag is not the gold one.
 */
import { mix, STATIC_FEATURES, T, type TokenColumns } from './features.js';
import { allowed, NT, TAGS, type Trainer } from './model.js';

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
 * Beam-search decoding (width `k`, at most 16) under the same model: per sentence, the `k` best tag
 * sequences so far, recombined on their last two tags (what the features see). The prediction
 * history is fed from each finished sentence. `margins` get each token's local margin on the best path.
 */
export function decodeBeam(cols: TokenColumns, scorer: Scorer, tags: Uint8Array, margins: Float32Array, k: number): void {
  k = Math.max(1, Math.min(K_MAX, k));
  const f = cols.features;
  const history = new Map<number, number>();
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
      staticScores.fill(0);
      const o = i * STATIC_FEATURES;
      for (let x = o; x < o + STATIC_FEATURES; x++) scorer.add(f[x]!, staticScores);
      scorer.add(mix(T.history, history.get(cols.word[i]!) ?? 0, cols.shape[i]!), staticScores);
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
      if (t !== 0) history.set(cols.word[i]!, ((t + 1) >> 1) + 1);
      else if (history.has(cols.word[i]!)) history.set(cols.word[i]!, 1);
    }
  }
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
