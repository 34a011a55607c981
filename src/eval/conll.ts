/**
 * Entities against the CoNLL-2003 English dev split (../shared/eval/conll2003_dev.jsonl, read in
 * place, never copied): runs normalize + entities on each document's text, maps gold offsets onto
 * the normalized text, and scores exact mention spans for PER, LOC (GPE and LOC) and ORG. MISC is
 * ignored on both sides (our NORP is never scored). Skipped cleanly when the file is absent.
 */
import type { EntityRecord } from '../schema.js';
import { normalizeStage } from '../stages/normalize/index.js';
import { entitiesStage } from '../stages/entities/index.js';
import { devsetConfig, devsetFile, readDevset, runDevset } from './devset.js';
import type { EvalContext } from './types.js';
import { perTypeTable, type EvalDiff, type EvalSection, type Prf } from './types.js';

interface ConllDoc {
  doc_id: string;
  text: string;
  entities: Array<{ start: number; end: number; type: string; text: string }>;
}

const SCORED = ['PER', 'LOC', 'ORG'] as const;
const TO_CONLL: Record<string, string> = { PERSON: 'PER', ORG: 'ORG', GPE: 'LOC', LOC: 'LOC' };

export async function evalConll(ctx: EvalContext, options: { limit?: number } = {}): Promise<EvalSection> {
  void ctx;
  const name = 'entities/conll2003';
  const file = devsetFile('conll2003_dev.jsonl');
  if (!file) return { name, lines: [], metrics: {}, diffs: [], skipped: 'conll2003_dev.jsonl not found (set NEWSSTANCE_EVAL_DIR or place it in ../shared/eval)' };
  const docs = await readDevset<ConllDoc>(file, options.limit);
  const started = Date.now();
  const run = runDevset(
    docs.map((d) => ({ id: d.doc_id, text: d.text })),
    devsetConfig(),
    [normalizeStage, entitiesStage],
  );
  const ms = Date.now() - started;
  const predicted = new Map<string, Map<string, { type: string; text: string }>>();
  for (const e of (run.result.artifacts.entities ?? []) as EntityRecord[]) {
    const t = TO_CONLL[e.type];
    if (!t) continue;
    const slot = predicted.get(e.docId) ?? new Map();
    predicted.set(e.docId, slot);
    for (const m of e.mentions) slot.set(`${m.start}:${m.end}`, { type: t, text: m.text });
  }
  const counts = new Map<string, { tp: number; fp: number; fn: number }>(SCORED.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  const diffs: EvalDiff[] = [];
  let unmapped = 0;
  for (const doc of docs) {
    const mapper = run.mapper(doc.doc_id);
    const pred = new Map(predicted.get(doc.doc_id) ?? []);
    // Gold MISC spans: a prediction exactly on one is neither right nor wrong.
    const misc = new Set<string>();
    for (const g of doc.entities) {
      const span = mapper?.mapSpan(g.start, g.end) ?? null;
      if (g.type === 'MISC') {
        if (span) misc.add(`${span.start}:${span.end}`);
        continue;
      }
      const c = counts.get(g.type);
      if (!c) continue;
      if (!span) {
        unmapped++;
        c.fn++;
        diffs.push({ kind: 'missed', docId: doc.doc_id, expected: { type: g.type, text: g.text }, note: 'gold span could not be mapped onto the normalized text' });
        continue;
      }
      const key = `${span.start}:${span.end}`;
      const p = pred.get(key);
      if (p && p.type === g.type) {
        c.tp++;
        pred.delete(key);
      } else {
        c.fn++;
        diffs.push({ kind: p ? 'wrong-type' : 'missed', docId: doc.doc_id, expected: { type: g.type, text: g.text }, actual: p ?? undefined });
        if (p) {
          counts.get(p.type)!.fp++;
          pred.delete(key);
        }
      }
    }
    for (const [key, p] of pred) {
      if (misc.has(key)) continue;
      counts.get(p.type)!.fp++;
      diffs.push({ kind: 'spurious', docId: doc.doc_id, actual: p });
    }
  }
  const table = perTypeTable(SCORED, counts, 'overall (PER/LOC/ORG)');
  const metrics: Record<string, Prf | number> = { ...table.metrics };
  const lines = table.lines;
  lines.push(`${docs.length} documents, normalize+entities in ${ms} ms; ${unmapped} gold spans not mappable`);
  metrics.documents = docs.length;
  metrics.ms = ms;
  return { name, lines, metrics, diffs };
}
