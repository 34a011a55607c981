/** The corpus step of the stance stage: actors.jsonl, one record per (holder, target) across documents. */
import type { Proposal } from '../../config.js';
import { isProposition } from './anchor.js';
import { neutralThresholdOf } from './options.js';
import type { CorpusStepSpec, StageOutput } from '../../pipeline/stage.js';
import type { ActorRecord, StanceLabel, StanceRecord } from '../../schema.js';
import { labelOf } from './aggregate.js';
import type { StanceOptions } from './options.js';

/** The stage's options as the corpus step gets them: `stages.stance` and the proposals. */
type ActorOptions = StanceOptions & { proposals: Proposal[] };

interface ActorState {
  byKey: Map<string, { entityId: string; name: string; target: string; records: Array<{ docId: string; score: number; label: StanceLabel; confidence: number }> }>;
}

/**
 * Fold stance records into actor records (pure; used by the corpus step and by tests). Records
 * whose `confidence` is below `minConfidence` (stages.stance.minConfidence) are left out; records
 * without one always count. Records of a duplicate document (`duplicateOf`, set from the
 * document's normalize mark) are left out too: an article saved or republished twice counts once.
 */
export function actorsFrom(stances: Iterable<StanceRecord>, threshold: number, minConfidence = 0): ActorRecord[] {
  const state: ActorState = { byKey: new Map() };
  for (const s of stances) addStance(state, s);
  return planActors(state, threshold, minConfidence);
}

function addStance(state: ActorState, s: StanceRecord): void {
  if (!s.holder || s.duplicateOf !== undefined) return;
  const key = `${s.holder.entityId}\u0000${s.target}`;
  let a = state.byKey.get(key);
  if (!a) state.byKey.set(key, (a = { entityId: s.holder.entityId, name: s.holder.name, target: s.target, records: [] }));
  a.records.push({ docId: s.docId, score: s.score, label: s.label, confidence: (s as { confidence?: number }).confidence ?? 1 });
}

function planActors(state: ActorState, threshold: number, minConfidence: number): ActorRecord[] {
  const out: ActorRecord[] = [];
  for (const a of state.byKey.values()) {
    const records = a.records.filter((r) => r.confidence >= minConfidence);
    if (!records.length) continue;
    const docs = new Set(records.map((r) => r.docId));
    const counts = { support: 0, oppose: 0, neutral: 0 };
    let sum = 0;
    for (const r of records) {
      counts[r.label]++;
      sum += r.score;
    }
    const score = Math.round((sum / Math.max(1, docs.size)) * 1000) / 1000;
    out.push({
      entityId: a.entityId,
      name: a.name,
      type: a.entityId.slice(0, a.entityId.indexOf(':')),
      target: a.target,
      documents: docs.size,
      label: labelOf(score, threshold),
      score: Math.max(-1, Math.min(1, score)),
      counts,
    });
  }
  return out.sort((x, y) => (x.target !== y.target ? (x.target < y.target ? -1 : 1) : x.entityId < y.entityId ? -1 : x.entityId > y.entityId ? 1 : 0));
}

export const actorsStep: CorpusStepSpec<'stances', ActorState, ActorRecord[], ActorOptions> = {
  artifact: 'stances',
  init: () => ({ byKey: new Map() }),
  add: (state, record) => addStance(state, record as StanceRecord),
  // Kept between runs (pipeline/corpus-step.ts), in insertion order: a restored state and one
  // folded from scratch are the same (scores survive JSON exactly).
  *save(state) {
    for (const a of state.byKey.values()) yield [a.entityId, a.name, a.target, a.records.map((r) => [r.docId, r.score, r.label, r.confidence])];
  },
  restore(entries) {
    const byKey: ActorState['byKey'] = new Map();
    for (const [entityId, name, target, records] of entries as Array<[string, string, string, Array<[string, number, StanceLabel, number]>]>) {
      byKey.set(`${entityId}\u0000${target}`, { entityId, name, target, records: records.map(([docId, score, label, confidence]) => ({ docId, score, label, confidence })) });
    }
    return { byKey };
  },
  plan: (state, options) =>
    planActors(
      state,
      neutralThresholdOf(options, options.proposals.some((p) => isProposition(p, options))),
      options.minConfidence,
    ),
  emit: (plan): StageOutput => ({ actors: plan }),
};
