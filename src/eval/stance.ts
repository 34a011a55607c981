/**
 * Stance against the seed gold: every gold actor stance (by the actor's canonical name, matched
 * to a holder's name, its entity's name or the gold mention variants) and every document stance.
 * `clear` items are the score; `arguable` ones are reported beside it.
 */
import type { EntityRecord, StanceRecord } from '../schema.js';
import type { EvalContext } from './types.js';
import type { EvalDiff, EvalSection, GoldDocument } from './types.js';

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\u2018\u2019'`".]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Names under which a gold actor may appear: its canonical name and its gold mentions. */
function goldNames(doc: GoldDocument, actor: string): Set<string> {
  const names = new Set([norm(actor)]);
  for (const e of doc.entities) if (norm(e.name) === norm(actor)) for (const m of e.mentions) names.add(norm(m));
  return names;
}

/** The stance record of a gold actor in one document, if any. */
export function findActorStance(stances: StanceRecord[], entities: EntityRecord[], doc: GoldDocument, actor: string): StanceRecord | undefined {
  const names = goldNames(doc, actor);
  const byId = new Map(entities.filter((e) => e.docId === doc.id).map((e) => [e.id, e]));
  const matches = stances.filter((s) => {
    if (s.docId !== doc.id || !s.holder) return false;
    if (names.has(norm(s.holder.name))) return true;
    const e = byId.get(s.holder.entityId);
    return !!e && (names.has(norm(e.name)) || e.mentions.some((m) => names.has(norm(m.text))));
  });
  return matches.sort((a, b) => Math.abs(b.score) - Math.abs(a.score))[0];
}

interface Tally {
  right: number;
  total: number;
}

export async function evalStance(ctx: EvalContext): Promise<EvalSection> {
  const diffs: EvalDiff[] = [];
  const tallies: Record<string, Tally> = {
    'actors/clear': { right: 0, total: 0 },
    'actors/arguable': { right: 0, total: 0 },
    'documents/clear': { right: 0, total: 0 },
    'documents/arguable': { right: 0, total: 0 },
  };
  const target = ctx.gold.proposal.name;
  const docIds = new Set(ctx.documents.map((d) => d.id));
  for (const doc of ctx.gold.documents) {
    if (!docIds.has(doc.id)) {
      diffs.push({ kind: 'missing-document', docId: doc.id });
      continue;
    }
    const stances = ctx.stances.filter((s) => s.docId === doc.id && s.target === target);
    for (const g of doc.stances) {
      const found = findActorStance(stances, ctx.entities, doc, g.actor);
      const label = found?.label ?? 'missing';
      const t = tallies[`actors/${g.certainty}`]!;
      t.total++;
      if (label === g.label) t.right++;
      else
        diffs.push({
          kind: found ? 'wrong-label' : 'missed',
          docId: doc.id,
          expected: { actor: g.actor, label: g.label, certainty: g.certainty },
          actual: found ? { holder: found.holder, label: found.label, score: found.score, evidence: found.evidence.slice(0, 2).map((e) => e.text) } : null,
        });
    }
    const own = stances.find((s) => s.holder === null);
    const t = tallies[`documents/${doc.documentStance.certainty}`]!;
    t.total++;
    if (own?.label === doc.documentStance.label) t.right++;
    else
      diffs.push({
        kind: own ? 'wrong-label' : 'missed',
        docId: doc.id,
        expected: { actor: null, label: doc.documentStance.label, certainty: doc.documentStance.certainty },
        actual: own ? { label: own.label, score: own.score, evidence: own.evidence.slice(0, 2).map((e) => e.text) } : null,
      });
    // Holders the gold does not list (reported, not scored).
    for (const s of stances) {
      if (!s.holder || s.label === 'neutral') continue;
      if (doc.stances.some((g) => findActorStance([s], ctx.entities, doc, g.actor))) continue;
      diffs.push({ kind: 'extra-holder', docId: doc.id, actual: { holder: s.holder, label: s.label, score: s.score } });
    }
  }
  const pct = (t: Tally) => (t.total ? ((100 * t.right) / t.total).toFixed(1) : '-');
  const lines = Object.entries(tallies).map(([k, t]) => `${k.padEnd(20)} ${t.right}/${t.total} right (${pct(t)}%)`);
  const clearRight = tallies['actors/clear']!.right + tallies['documents/clear']!.right;
  const clearTotal = tallies['actors/clear']!.total + tallies['documents/clear']!.total;
  lines.push(`clear overall        ${clearRight}/${clearTotal} right`);
  lines.push(`extra holders (not in gold, non-neutral): ${diffs.filter((d) => d.kind === 'extra-holder').length}`);
  const metrics: EvalSection['metrics'] = {};
  for (const [k, t] of Object.entries(tallies)) metrics[k] = { right: t.right, total: t.total };
  metrics['clear'] = { right: clearRight, total: clearTotal };
  return { name: 'stance', lines, metrics, diffs };
}
