/** Folding statement-level contributions into stance records per (document, holder, target). */
import type { StanceLabel, StanceRecord } from '../../schema.js';
import type { Holder } from './holders.js';

/** One cue's (or rule's) contribution to one holder's stance, in one sentence. */
export interface Contribution {
  holder: Holder | null;
  target: string;
  /** The statement (sentence) span. */
  start: number;
  end: number;
  score: number;
  quoteId?: string;
}

export function labelOf(score: number, threshold: number): StanceLabel {
  return score >= threshold && score > 0 ? 'support' : score <= -threshold && score < 0 ? 'oppose' : 'neutral';
}

const clamp = (x: number) => Math.max(-1, Math.min(1, x));
const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Stance records of one document: one per target with holder null (the author's own), then one
 * per (holder, target). Evidence: one entry per statement, strongest first.
 */
export function aggregate(docId: string, text: string, targets: readonly string[], contributions: Contribution[], threshold: number): StanceRecord[] {
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
    } else g.statements.set(sk, { ...c });
  }
  const out: StanceRecord[] = [];
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
      evidence: statements
        .sort((a, b) => Math.abs(b.score) - Math.abs(a.score) || a.start - b.start)
        .map((s) => ({
          start: s.start,
          end: s.end,
          text: text.slice(s.start, s.end),
          score: round(s.score),
          ...(s.quoteId ? { quoteId: s.quoteId } : {}),
        })),
    });
  }
  return out.sort((a, b) =>
    a.target !== b.target ? (a.target < b.target ? -1 : 1) : (a.holder?.entityId ?? '') < (b.holder?.entityId ?? '') ? -1 : 1,
  );
}
