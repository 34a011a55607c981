/** Shared shapes of the evaluation: seed gold, metrics, per-item differences. */
import type { RealworldOptions } from './realworld.js';
import type { ActorRecord, DocumentRecord, EntityRecord, QuoteRecord, StanceRecord } from '../schema.js';

export interface GoldEntity {
  name: string;
  type: string;
  mentions: string[];
}
export interface GoldQuote {
  kind: 'direct' | 'indirect';
  speaker: string | null;
  speakers?: string[];
  speakerText?: string;
  cue: string | null;
  text: string;
  unterminated?: boolean;
}
export interface GoldStance {
  actor: string;
  label: 'support' | 'oppose' | 'neutral';
  certainty: 'clear' | 'arguable';
  note?: string;
}
export interface GoldDocument {
  id: string;
  title: string | null;
  published: string | null;
  author: string | null;
  boilerplate: string[];
  bodyStartsWith: string;
  bodyEndsWith: string;
  entities: GoldEntity[];
  quotes: GoldQuote[];
  stances: GoldStance[];
  documentStance: { label: 'support' | 'oppose' | 'neutral'; certainty: 'clear' | 'arguable'; note?: string };
  optionalEntities: string[];
}
export interface SeedGold {
  version: number;
  proposal: { name: string; aliases: string[] };
  documents: GoldDocument[];
}

/** Precision / recall / F1 from counts. */
export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Precision, recall and F1 from counts. With nothing predicted precision is 1, with nothing to find
 * recall is 1 (the usual conventions, kept so sums and comparisons work); `formatPrf` prints such
 * a figure as `n/a`, never as a score.
 */
export function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

/**
 * One line: label, P, R, F1 and the counts. A figure with no items under it (P with nothing
 * predicted, R with no gold item, F1 with neither) is printed as `n/a`: 0 of 0 is not a score.
 */
export function formatPrf(label: string, m: Prf): string {
  const f = (x: number, items: number) => (items === 0 ? '  n/a' : x.toFixed(3));
  const counts = `(tp ${m.tp}, fp ${m.fp}, fn ${m.fn})`;
  if (m.tp + m.fp + m.fn === 0) return `${label.padEnd(28)} P   n/a  R   n/a  F1   n/a  ${counts}: no gold item and none found`;
  return `${label.padEnd(28)} P ${f(m.precision, m.tp + m.fp)}  R ${f(m.recall, m.tp + m.fn)}  F1 ${f(m.f1, m.tp + m.fp + m.fn)}  ${counts}`;
}

/** One per-item difference: what a reader needs to see a regression, not only count it. */
export interface EvalDiff {
  kind: string; // 'missed' | 'spurious' | 'wrong-speaker' | 'wrong-label' | 'wrong-value' | ...
  docId?: string;
  expected?: unknown;
  actual?: unknown;
  note?: string;
}

/** The result of one evaluator: printable lines, numbers for JSON, and differences. */
export interface EvalSection {
  /** `normalize`, `entities`, `entities/conll2003`, ... */
  name: string;
  lines: string[];
  metrics: Record<string, number | Prf | Record<string, unknown>>;
  diffs: EvalDiff[];
  /** Set when the evaluator could not run (dev set absent): printed, not a failure. */
  skipped?: string;
}

/** Per-type P/R/F1 lines and metrics plus a micro-averaged overall row, from per-type counts. */
export function perTypeTable(
  types: readonly string[],
  counts: Map<string, { tp: number; fp: number; fn: number }>,
  overallLabel: string,
): { lines: string[]; metrics: Record<string, Prf> } {
  const lines: string[] = [];
  const metrics: Record<string, Prf> = {};
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const type of types) {
    const c = counts.get(type) ?? { tp: 0, fp: 0, fn: 0 };
    metrics[type] = prf(c.tp, c.fp, c.fn);
    lines.push(formatPrf(type, metrics[type]));
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
  }
  metrics.overall = prf(tp, fp, fn);
  lines.push(formatPrf(overallLabel, metrics.overall));
  return { lines, metrics };
}

/** What every evaluator gets: the seed gold, the run's artifacts, and whether to run the dev sets. */
export interface EvalContext {
  gold: SeedGold;
  outputDir: string;
  documents: DocumentRecord[];
  entities: EntityRecord[];
  quotes: QuoteRecord[];
  stances: StanceRecord[];
  actors: ActorRecord[];
  /** Run the dev-set evaluations (slow-ish); false = seeds only. */
  devsets: boolean;
  /** What the real-world sections score (realworld.ts). */
  realworld?: RealworldOptions;
}

/** One section of `eval`: a name (what `--only` matches), whether it is a dev set, and how it scores. */
export interface Evaluator {
  name: string;
  /** True for dev-set evaluators (skipped with --no-devsets). */
  devset: boolean;
  run(ctx: EvalContext): Promise<EvalSection> | EvalSection;
}
