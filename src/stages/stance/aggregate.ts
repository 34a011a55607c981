/** Folding statement-level contributions into stance records per (document, holder, target). */
import type { StanceLabel, StanceRecord } from '../../schema.js';
import type { Holder } from './holders.js';

/**
 * A stance record with the fields this stage adds to the contract: the record's `confidence` and,
 * per evidence statement, its own `confidence` and the `rule` that made it.
 */
export type StanceOut = StanceRecord & {
  confidence: number;
  evidence: Array<StanceRecord['evidence'][number] & { confidence: number; rule?: string }>;
  /** The document's own record only: `report` = straight news (its own stance is neutral). */
  voice?: 'report' | 'own';
};

/** One cue's (or rule's) contribution to one holder's stance, in one sentence. */
export interface Contribution {
  holder: Holder | null;
  target: string;
  /** The statement (sentence) span. */
  start: number;
  end: number;
  score: number;
  quoteId?: string;
  /**
   * How sure the tie to the target and the holder is, in [0, 1] (anchor.ts: an act on the
   * target 0.85, a cue in the target's clause 0.8, elsewhere in its sentence 0.55, ...). Default 0.6.
   */
  confidence?: number;
  /** The rule that made it: `cue`, `act`, `owner`, `proposer`. */
  rule?: string;
}

export function labelOf(score: number, threshold: number): StanceLabel {
  return score >= threshold && score > 0 ? 'support' : score <= -threshold && score < 0 ? 'oppose' : 'neutral';
}

const clamp = (x: number) => Math.max(-1, Math.min(1, x));
const DEFAULT_CONFIDENCE = 0.6;

/**
 * A record's confidence: the confidence of its surest statement on the side of its score, times the
 * share of the statements' weight on that side (mixed evidence is less sure). 0 with no evidence.
 */
export function recordConfidence(statements: ReadonlyArray<{ score: number; confidence?: number }>, score: number): number {
  if (!statements.length) return 0;
  const sign = Math.sign(score);
  const total = statements.reduce((acc, s) => acc + Math.abs(s.score), 0);
  const agreeing = statements.filter((s) => Math.sign(s.score) === sign || sign === 0);
  const mass = agreeing.reduce((acc, s) => acc + Math.abs(s.score), 0);
  const best = Math.max(0, ...agreeing.map((s) => s.confidence ?? DEFAULT_CONFIDENCE));
  return round(best * (total ? mass / total : 0));
}
const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Stance records of one document: one per target with holder null (the author's own), then one
 * per (holder, target). Evidence: one entry per statement, strongest first.
 */
export function aggregate(docId: string, text: string, targets: readonly string[], contributions: Contribution[], threshold: number): StanceOut[] {
  const groups = new Map<string, { holder: Holder | null; target: string; statements: Map<string, Contribution> }>();
  for (const t of targets) groups.set(`${t}\u0000`, { holder: null, target: t, statements: new Map() });
  for (const c of contributions) {
    const key = `${c.target}\u0000${c.holder?.entityId ?? ''}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { holder: c.holder, target: c.target, statements: new Map() }));
    const sk = `${c.start}:${c.end}`;
    const s = g.statements.get(sk);
    if (s) {
      s.score += c.score;
      s.quoteId ??= c.quoteId;
      s.confidence = Math.max(s.confidence ?? DEFAULT_CONFIDENCE, c.confidence ?? DEFAULT_CONFIDENCE);
      if (c.rule && !(s.rule ?? '').split('+').includes(c.rule)) s.rule = s.rule ? `${s.rule}+${c.rule}` : c.rule;
    } else g.statements.set(sk, { ...c });
  }
  const out: StanceOut[] = [];
  for (const g of groups.values()) {
    const statements = [...g.statements.values()].map((s) => ({ ...s, score: clamp(s.score) })).filter((s) => Math.abs(s.score) >= 0.01);
    if (g.holder && statements.length === 0) continue;
    const sum = statements.reduce((acc, s) => acc + s.score, 0);
    // Sum of statements, damped by their number so long documents do not saturate on volume alone.
    const score = round(Math.tanh((1.3 * sum) / Math.sqrt(Math.max(1, statements.length))));
    out.push({
      docId,
      holder: g.holder ? { entityId: g.holder.entityId, name: g.holder.name } : null,
      target: g.target,
      label: labelOf(score, threshold),
      score,
      confidence: recordConfidence(statements, score),
      evidence: statements
        .sort((a, b) => Math.abs(b.score) - Math.abs(a.score) || a.start - b.start)
        .map((s) => ({
          start: s.start,
          end: s.end,
          text: text.slice(s.start, s.end),
          score: round(s.score),
          confidence: round(s.confidence ?? DEFAULT_CONFIDENCE),
          ...(s.rule ? { rule: s.rule } : {}),
          ...(s.quoteId ? { quoteId: s.quoteId } : {}),
        })),
    });
  }
  return out.sort((a, b) =>
    a.target !== b.target ? (a.target < b.target ? -1 : 1) : (a.holder?.entityId ?? '') < (b.holder?.entityId ?? '') ? -1 : 1,
  );
}
