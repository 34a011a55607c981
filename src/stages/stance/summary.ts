/** Human summary printed at the end of a run: the actor table with each actor's strongest evidence. */
import type { ActorRecord, StanceRecord } from '../../schema.js';

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= n ? one : one.slice(0, n - 1) + '…';
}

/** Lines: per target, the document stances, then one row per actor with its strongest evidence. */
export function formatActorSummary(actors: readonly ActorRecord[], stances: readonly StanceRecord[], width = 100): string[] {
  const lines: string[] = [];
  const targets = [...new Set([...stances.map((s) => s.target), ...actors.map((a) => a.target)])].sort();
  for (const target of targets) {
    lines.push(`Stance toward "${target}"`);
    // Later copies of an article (normalize's duplicate marking) are counted once, as in actors.jsonl and the report.
    const all = stances.filter((s) => s.target === target && s.holder === null);
    const docs = all.filter((s) => s.duplicateOf === undefined);
    if (all.length) {
      const c = { support: 0, oppose: 0, neutral: 0 };
      for (const d of docs) c[d.label]++;
      const copies = all.length - docs.length;
      lines.push(`  documents: ${docs.length} (support ${c.support}, oppose ${c.oppose}, neutral ${c.neutral}${copies ? `; ${copies} duplicate cop${copies === 1 ? 'y' : 'ies'} not counted` : ''})`);
    }
    const rows = actors.filter((a) => a.target === target).sort((a, b) => b.documents - a.documents || Math.abs(b.score) - Math.abs(a.score) || (a.name < b.name ? -1 : 1));
    if (rows.length === 0) {
      lines.push('  no actor stances found');
      continue;
    }
    const nameWidth = Math.min(28, Math.max(5, ...rows.map((r) => r.name.length)));
    lines.push(`  ${'actor'.padEnd(nameWidth)}  ${'label'.padEnd(7)}  score   docs  strongest evidence`);
    for (const a of rows) {
      let best: { text: string; score: number; docId: string } | undefined;
      for (const s of stances) {
        if (s.target !== target || s.holder?.entityId !== a.entityId || s.duplicateOf !== undefined) continue;
        for (const e of s.evidence) if (!best || Math.abs(e.score) > Math.abs(best.score)) best = { text: e.text, score: e.score, docId: s.docId };
      }
      const ev = best ? `${clip(best.text, width)} [${best.docId}]` : '';
      lines.push(`  ${clip(a.name, nameWidth).padEnd(nameWidth)}  ${a.label.padEnd(7)}  ${(a.score >= 0 ? '+' : '') + a.score.toFixed(2)}  ${String(a.documents).padStart(4)}  ${ev}`);
    }
  }
  return lines;
}
