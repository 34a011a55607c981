// Scoring of the PolNeAR attribution dev set (read from ../shared/eval at run time; no corpus text here).
/**
 * Quotes against PolNeAR (../shared/eval/polnear_dev.jsonl; skipped when absent). The dev texts
 * are run through normalize -> entities -> quotes in process, gold offsets mapped onto the
 * normalized text.
 *
 * Protocol: character overlap over the gold content span (fragments merged), at 0.3 and 0.8;
 * greedy one-to-one matching (best overlap first); reported for direct, mixed, indirect and
 * direct+mixed. Our records are put into PolNeAR's kinds: a group of direct fragments is
 * `direct`; an indirect record that contains one of our direct quotes is `mixed` (the direct
 * quotes inside it are folded into it); other indirect records are `indirect`. Speaker accuracy
 * on matched attributions compares our `speaker` span with the gold source span (PolNeAR's source
 * is the literal mention: a pronoun matches a pronoun): correct when they overlap.
 */
import { devsetConfig, devsetFile, readDevset, runDevset, type OffsetMapper } from './devset.js';
import type { EvalContext } from './types.js';
import { formatPrf, prf, type EvalDiff, type EvalSection, type Prf } from './types.js';
import type { QuoteRecord } from '../schema.js';
import { normalizeStage } from '../stages/normalize/index.js';
import { entitiesStage } from '../stages/entities/index.js';
import { quotesStage } from '../stages/quotes/index.js';

export interface PolnearSpan {
  start: number;
  end: number;
  text: string;
}
export interface PolnearAttribution {
  id: string;
  type: 'direct' | 'mixed' | 'indirect' | 'none';
  source: PolnearSpan[];
  cue: PolnearSpan[];
  content: PolnearSpan[];
}
export interface PolnearDoc {
  doc_id: string;
  publisher: string;
  text: string;
  attributions: PolnearAttribution[];
}

export type Kind = 'direct' | 'mixed' | 'indirect';
type Range = { start: number; end: number };

/** One side of the comparison: content fragments, a source span, a kind. */
export interface Item {
  kind: Kind;
  fragments: Range[];
  source: Range | null;
  sourceText: string | null;
  text: string;
  ref: string;
}

export const KINDS = ['direct', 'mixed', 'indirect', 'direct+mixed'] as const;
export const THRESHOLDS = [0.3, 0.8] as const;

const length = (rs: Range[]): number => rs.reduce((n, r) => n + Math.max(0, r.end - r.start), 0);
function overlap(a: Range[], b: Range[]): number {
  let n = 0;
  for (const x of a) for (const y of b) n += Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));
  return n;
}

/** Our records as PolNeAR-kind items (fragments merged by group, partial quotes folded into mixed). */
export function predictedItems(quotes: QuoteRecord[]): Item[] {
  const directGroups = new Map<string, QuoteRecord[]>();
  for (const q of quotes) {
    if (q.kind !== 'direct') continue;
    const key = q.group ?? q.id;
    (directGroups.get(key) ?? directGroups.set(key, []).get(key)!).push(q);
  }
  const folded = new Set<string>();
  const items: Item[] = [];
  for (const q of quotes) {
    if (q.kind !== 'indirect') continue;
    // Reported content with quoted words in it is PolNeAR's `mixed`, whether or not the quoted
    // words were also reported as a direct quote (scare-quote terms are not).
    let mixed = /[“”"«»]|''/.test(q.text);
    for (const [key, group] of directGroups) {
      if (group.some((d) => Math.min(d.end, q.end) - Math.max(d.start, q.start) >= 0.5 * (d.end - d.start))) {
        mixed = true;
        folded.add(key);
      }
    }
    items.push(toItem(mixed ? 'mixed' : 'indirect', [q]));
  }
  for (const [key, group] of directGroups) if (!folded.has(key)) items.push(toItem('direct', group));
  return items;
}

function toItem(kind: Kind, records: QuoteRecord[]): Item {
  const first = records[0]!;
  const s = first.speaker;
  return {
    kind,
    fragments: records.map((r) => ({ start: r.start, end: r.end })),
    source: s.start !== null && s.end !== null ? { start: s.start, end: s.end } : null,
    sourceText: s.text,
    text: records.map((r) => r.text).join(' … '),
    ref: first.id,
  };
}

/**
 * The kind of a gold attribution. PolNeAR's own label, except that NYT quotations written with two
 * apostrophes ('' ... '') are labelled `indirect` in the corpus (its typing only knows “ ” and ");
 * with `derive`, such content is re-typed the way the labels treat the other publishers: wholly
 * quoted -> direct, partly quoted -> mixed.
 */
export function goldKind(a: PolnearAttribution, derive: boolean): Kind {
  const type = a.type as Kind;
  if (!derive || type !== 'indirect') return type;
  const text = a.content.map((c) => c.text).join(' ').trim();
  if (!text.includes("''")) return type;
  if (/^''/.test(text) && /''[.,!?]?$/.test(text)) return 'direct';
  return 'mixed';
}

/** Gold attributions mapped onto the normalized text (unmappable fragments dropped). */
export function goldItems(doc: PolnearDoc, mapper: OffsetMapper | undefined, derive = false): { items: Item[]; unmapped: number } {
  const items: Item[] = [];
  let unmapped = 0;
  const mapRange = (r: PolnearSpan): Range | null => {
    if (!mapper) return { start: r.start, end: r.end };
    const exact = mapper.mapSpan(r.start, r.end);
    if (exact) return exact;
    const s = mapper.map(r.start);
    const e = mapper.map(Math.max(r.start, r.end - 1));
    return s !== null && e !== null && e >= s ? { start: s, end: e + 1 } : null;
  };
  for (const a of doc.attributions) {
    if (a.type === 'none') continue;
    const fragments = a.content.map(mapRange).filter((r): r is Range => r !== null);
    if (fragments.length === 0) {
      unmapped++;
      continue;
    }
    const src = a.source[0] ? mapRange(a.source[0]) : null;
    items.push({ kind: goldKind(a, derive), fragments, source: src, sourceText: a.source.map((s) => s.text).join(' ') || null, text: a.content.map((c) => c.text).join(' … '), ref: a.id });
  }
  return { items, unmapped };
}

export interface Match {
  gold: Item;
  pred: Item;
  score: number;
}

/** Greedy one-to-one matching by overlap over the gold span, at `threshold`. */
export function match(golds: Item[], preds: Item[], threshold: number): { matches: Match[]; missed: Item[]; spurious: Item[] } {
  const pairs: Array<{ g: number; p: number; score: number; fit: number }> = [];
  golds.forEach((g, gi) => {
    const gl = length(g.fragments);
    if (gl === 0) return;
    preds.forEach((p, pi) => {
      const o = overlap(g.fragments, p.fragments);
      const score = o / gl;
      // `fit` (overlap over the predicted span) breaks ties: when a short gold lies inside both a
      // short and a long prediction (nested attributions), it pairs with the short one instead of
      // whichever comes first in document order.
      if (score >= threshold) pairs.push({ g: gi, p: pi, score, fit: o / Math.max(1, length(p.fragments)) });
    });
  });
  pairs.sort((a, b) => b.score - a.score || b.fit - a.fit || a.g - b.g || a.p - b.p);
  const gUsed = new Set<number>();
  const pUsed = new Set<number>();
  const matches: Match[] = [];
  for (const { g, p, score } of pairs) {
    if (gUsed.has(g) || pUsed.has(p)) continue;
    gUsed.add(g);
    pUsed.add(p);
    matches.push({ gold: golds[g]!, pred: preds[p]!, score });
  }
  return { matches, missed: golds.filter((_, i) => !gUsed.has(i)), spurious: preds.filter((_, i) => !pUsed.has(i)) };
}

/** Is the predicted speaker the gold source (span overlap; both absent counts as right)? */
export function speakerRight(m: Match): boolean {
  const g = m.gold.source;
  const p = m.pred.source;
  if (!g) return p === null;
  if (!p) return false;
  return Math.min(g.end, p.end) > Math.max(g.start, p.start);
}

const inKind = (kind: (typeof KINDS)[number], item: Item): boolean => (kind === 'direct+mixed' ? item.kind === 'direct' || item.kind === 'mixed' : item.kind === kind);

export interface PolnearScores {
  prf: Record<string, Prf>;
  speaker: Record<string, { right: number; matched: number; accuracy: number }>;
  diffs: EvalDiff[];
  unmapped: number;
  documents: number;
}

/** Score documents whose quotes were extracted (`quotesOf`) against their gold. */
export function scorePolnear(
  docs: PolnearDoc[],
  quotesOf: (docId: string) => QuoteRecord[],
  mapperOf: (docId: string) => OffsetMapper | undefined,
  derive = true,
): PolnearScores {
  const counts: Record<string, { tp: number; fp: number; fn: number; right: number }> = {};
  const diffs: EvalDiff[] = [];
  let unmapped = 0;
  for (const doc of docs) {
    const { items: golds, unmapped: u } = goldItems(doc, mapperOf(doc.doc_id), derive);
    unmapped += u;
    const preds = predictedItems(quotesOf(doc.doc_id));
    for (const kind of KINDS) {
      const g = golds.filter((x) => inKind(kind, x));
      const p = preds.filter((x) => inKind(kind, x));
      for (const t of THRESHOLDS) {
        const key = `${kind}@${t}`;
        const c = (counts[key] ??= { tp: 0, fp: 0, fn: 0, right: 0 });
        const r = match(g, p, t);
        c.tp += r.matches.length;
        c.fn += r.missed.length;
        c.fp += r.spurious.length;
        for (const m of r.matches) {
          if (speakerRight(m)) c.right++;
          else if (t === 0.3 && kind !== 'direct+mixed')
            diffs.push({ kind: `wrong-speaker-${kind}`, docId: doc.doc_id, expected: { ref: m.gold.ref, source: m.gold.sourceText }, actual: { ref: m.pred.ref, source: m.pred.sourceText } });
        }
        if (t === 0.3 && kind !== 'direct+mixed') {
          for (const x of r.missed) diffs.push({ kind: `missed-${kind}`, docId: doc.doc_id, expected: { ref: x.ref, source: x.sourceText, text: x.text.slice(0, 160) } });
          for (const x of r.spurious) diffs.push({ kind: `spurious-${kind}`, docId: doc.doc_id, actual: { ref: x.ref, source: x.sourceText, text: x.text.slice(0, 160) } });
        }
      }
    }
  }
  const out: PolnearScores = { prf: {}, speaker: {}, diffs, unmapped, documents: docs.length };
  for (const [key, c] of Object.entries(counts)) {
    out.prf[key] = prf(c.tp, c.fp, c.fn);
    out.speaker[key] = { right: c.right, matched: c.tp, accuracy: c.tp === 0 ? 1 : c.right / c.tp };
  }
  return out;
}

/** Run the pipeline on PolNeAR documents and score them (gold kinds derived, and as labelled). */
export function runPolnear(docs: PolnearDoc[]): PolnearScores & { labelled: PolnearScores } {
  const run = runDevset(
    docs.map((d) => ({ id: d.doc_id, text: d.text })),
    devsetConfig(),
    [normalizeStage, entitiesStage, quotesStage],
  );
  const byDoc = new Map<string, QuoteRecord[]>();
  for (const q of (run.result.artifacts.quotes ?? []) as QuoteRecord[]) (byDoc.get(q.docId) ?? byDoc.set(q.docId, []).get(q.docId)!).push(q);
  const derived = scorePolnear(docs, (id) => byDoc.get(id) ?? [], (id) => run.mapper(id), true);
  const labelled = scorePolnear(docs, (id) => byDoc.get(id) ?? [], (id) => run.mapper(id), false);
  return { ...derived, labelled };
}

export function formatPolnear(scores: PolnearScores): string[] {
  const lines: string[] = [];
  for (const t of THRESHOLDS) {
    for (const kind of KINDS) {
      const key = `${kind}@${t}`;
      const m = scores.prf[key];
      const s = scores.speaker[key];
      if (!m || !s) continue;
      lines.push(`${formatPrf(key, m)}  speaker ${s.matched === 0 ? 'n/a' : s.accuracy.toFixed(3)} (${s.right}/${s.matched})`);
    }
  }
  lines.push(`(gold kinds: NYT '' quotations re-typed direct/mixed, see goldKind)`);
  lines.push(`(${scores.documents} documents; ${scores.unmapped} gold attributions not mappable onto the normalized text; published anchor: GGT extractor 83.7 F1)`);
  return lines;
}

export async function evalPolnear(ctx: EvalContext): Promise<EvalSection> {
  void ctx;
  const split = process.env.NEWSSTANCE_POLNEAR_SPLIT === 'train' ? 'train' : 'dev';
  const file = devsetFile(`polnear_${split}.jsonl`);
  if (!file) return { name: 'quotes/polnear', lines: [], metrics: {}, diffs: [], skipped: `polnear_${split}.jsonl not found` };
  const docs = await readDevset<PolnearDoc>(file);
  const scores = runPolnear(docs);
  const metrics: EvalSection['metrics'] = {};
  for (const [key, m] of Object.entries(scores.prf)) metrics[key] = m;
  for (const [key, s] of Object.entries(scores.speaker)) metrics[`speaker:${key}`] = s.accuracy;
  metrics.unmapped = scores.unmapped;
  for (const [key, m] of Object.entries(scores.labelled.prf)) metrics[`labelled:${key}`] = m;
  const labelledLines = KINDS.map((k) => scores.labelled.prf[`${k}@0.3`]).map((m, i) => (m ? formatPrf(`as labelled ${KINDS[i]}@0.3`, m) : ''));
  return { name: 'quotes/polnear', lines: [`split: ${split}`, ...formatPolnear(scores), ...labelledLines.filter(Boolean)], metrics, diffs: scores.diffs };
}
