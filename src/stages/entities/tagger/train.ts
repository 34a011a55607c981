/**
 * Training of the entity tagger from character-span gold (CoNLL-2003's JSONL form): the project's
 * own wink pass tokenizes each text, gold spans are projected onto those tokens as BIO tags, and an
 * averaged perceptron is trained greedily over a seeded shuffle for a fixed number of epochs, so
 * the same data and options give the same weights file, byte for byte.
 */
import { analyze } from '../../../nlp/wink.js';
import { gazetteer } from '../gazetteer.js';
import { decode, decodeBeam, spansOf } from './decode.js';
import { tokenColumns, type TaggerInput, type TokenColumns } from './features.js';
import { TAGS, Trainer, TaggerModel } from './model.js';

/** A training or evaluation text: gold spans are UTF-16 offsets into `text`, `end` exclusive. */
export interface GoldDoc {
  text: string;
  entities: Array<{ start: number; end: number; type: string }>;
}

export interface TrainOptions {
  epochs: number;
  seed: number;
  /** Weights are stored as integers of 1/`scale`. */
  scale: number;
  /** Averaged weights smaller than this (absolute) are dropped. */
  minWeight: number;
  version: string;
  /** Extra header fields (data file, counts). */
  meta?: Record<string, unknown>;
  /** Called after each epoch with the token accuracy of the (not yet averaged) weights. */
  onEpoch?: (epoch: number, accuracy: number) => void;
}

export interface Example {
  input: TaggerInput;
  cols: TokenColumns;
  gold: Uint8Array;
}

export interface Projection {
  examples: Example[];
  tokens: number;
  spans: number;
  /** Gold spans whose edges fall inside a wink token (tagged on the tokens fully inside, if any). */
  misaligned: number;
  /** Gold spans with no token fully inside (not tagged). */
  lost: number;
}

/** Tokenize with wink and project gold spans onto tokens as BIO tags (types PER, ORG, LOC, MISC). */
export function project(docs: readonly GoldDoc[]): Projection {
  const g = gazetteer();
  const out: Projection = { examples: [], tokens: 0, spans: 0, misaligned: 0, lost: 0 };
  for (const doc of docs) {
    const a = analyze(doc.text);
    const input: TaggerInput = { text: doc.text, start: a.tokens.start, end: a.tokens.end, pos: a.tokens.pos, sentences: a.sentenceTokens };
    const n = a.tokens.start.length;
    const gold = new Uint8Array(n);
    for (const e of doc.entities) {
      const b = TAGS.indexOf(`B-${e.type}` as (typeof TAGS)[number]);
      if (b < 0) continue;
      out.spans++;
      let first = -1;
      let last = -1;
      let startHit = false;
      let endHit = false;
      for (let i = 0; i < n; i++) {
        if (a.tokens.start[i]! === e.start) startHit = true;
        if (a.tokens.end[i]! === e.end) endHit = true;
        if (a.tokens.start[i]! >= e.start && a.tokens.end[i]! <= e.end) {
          if (first < 0) first = i;
          last = i;
        }
        if (a.tokens.start[i]! >= e.end) break;
      }
      if (!startHit || !endHit) out.misaligned++;
      if (first < 0) {
        out.lost++;
        continue;
      }
      gold[first] = b;
      for (let i = first + 1; i <= last; i++) gold[i] = b + 1;
    }
    out.tokens += n;
    out.examples.push({ input, cols: tokenColumns(input, g), gold });
  }
  return out;
}

/** mulberry32: a small seeded PRNG (deterministic shuffles). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Train on projected examples; returns the weights file's bytes. */
export function train(examples: readonly Example[], options: TrainOptions): Uint8Array {
  const trainer = new Trainer();
  const random = rng(options.seed);
  const order = examples.map((_, i) => i);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let right = 0;
    let all = 0;
    for (const k of order) {
      const ex = examples[k]!;
      const tags = new Uint8Array(ex.cols.n);
      decode(ex.cols, trainer, tags, new Float32Array(ex.cols.n), { trainer, gold: ex.gold });
      for (let i = 0; i < tags.length; i++) if (tags[i] === ex.gold[i]) right++;
      all += tags.length;
    }
    options.onEpoch?.(epoch, all ? right / all : 1);
  }
  return trainer.serialize({ epochs: options.epochs, seed: options.seed, ...(options.meta ?? {}) }, options);
}

export interface SpanScores {
  [type: string]: { tp: number; fp: number; fn: number; p: number; r: number; f1: number };
}

/**
 * Exact character-span precision/recall/F1 of `model` on `examples` for PER, ORG, LOC (and
 * `overall` over the three); MISC is not scored, as in the CoNLL evaluator of the pipeline.
 */
export function scoreSpans(model: TaggerModel, examples: readonly Example[], beam = 1): SpanScores {
  const c: Record<string, { tp: number; fp: number; fn: number }> = {};
  for (const t of ['PER', 'ORG', 'LOC', 'overall']) c[t] = { tp: 0, fp: 0, fn: 0 };
  for (const ex of examples) {
    const tags = new Uint8Array(ex.cols.n);
    if (beam > 1) decodeBeam(ex.cols, model, tags, new Float32Array(ex.cols.n), beam);
    else decode(ex.cols, model, tags, new Float32Array(ex.cols.n));
    const key = (s: { first: number; last: number; type: string }) => `${s.type}:${ex.input.start[s.first]}:${ex.input.end[s.last]}`;
    const pred = new Set(spansOf(tags, null).filter((s) => s.type !== 'MISC').map(key));
    const gold = new Set(spansOf(ex.gold, null).filter((s) => s.type !== 'MISC').map(key));
    for (const k of pred) {
      const t = k.split(':')[0]!;
      const hit = gold.has(k);
      for (const x of [t, 'overall']) hit ? c[x]!.tp++ : c[x]!.fp++;
    }
    for (const k of gold) if (!pred.has(k)) for (const x of [k.split(':')[0]!, 'overall']) c[x]!.fn++;
  }
  const out: SpanScores = {};
  for (const [t, v] of Object.entries(c)) {
    const p = v.tp / Math.max(1, v.tp + v.fp);
    const r = v.tp / Math.max(1, v.tp + v.fn);
    out[t] = { ...v, p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
  }
  return out;
}
