/** The corpus step of the stance stage: actors.jsonl, one record per (holder, target) across documents. */
import type { CorpusStepSpec, StageOutput } from '../../pipeline/stage.js';
import type { ActorRecord, StanceRecord } from '../../schema.js';
import { labelOf } from './aggregate.js';
import type { StanceOptions } from './options.js';

interface ActorState {
  byKey: Map<string, { entityId: string; name: string; target: string; docs: Set<string>; sum: number; counts: ActorRecord['counts'] }>;
}

/** Fold stance records into actor records (pure; used by the corpus step and by tests). */
export function actorsFrom(stances: Iterable<StanceRecord>, threshold: number): ActorRecord[] {
  const state: ActorState = { byKey: new Map() };
  for (const s of stances) addStance(state, s);
  return planActors(state, threshold);
}

function addStance(state: ActorState, s: StanceRecord): void {
  if (!s.holder) return;
  const key = `${s.holder.entityId}\u0000${s.target}`;
  let a = state.byKey.get(key);
  if (!a) state.byKey.set(key, (a = { entityId: s.holder.entityId, name: s.holder.name, target: s.target, docs: new Set(), sum: 0, counts: { support: 0, oppose: 0, neutral: 0 } }));
  a.docs.add(s.docId);
  a.sum += s.score;
  a.counts[s.label]++;
}

function planActors(state: ActorState, threshold: number): ActorRecord[] {
  return [...state.byKey.values()]
    .map((a) => {
      const score = Math.round((a.sum / Math.max(1, a.docs.size)) * 1000) / 1000;
      return {
        entityId: a.entityId,
        name: a.name,
        type: a.entityId.slice(0, a.entityId.indexOf(':')),
        target: a.target,
        documents: a.docs.size,
        label: labelOf(score, threshold),
        score: Math.max(-1, Math.min(1, score)),
        counts: a.counts,
      };
    })
    .sort((x, y) => (x.target !== y.target ? (x.target < y.target ? -1 : 1) : x.entityId < y.entityId ? -1 : x.entityId > y.entityId ? 1 : 0));
}

export const actorsStep: CorpusStepSpec<'stances', ActorState, ActorRecord[], StanceOptions> = {
  artifact: 'stances',
  init: () => ({ byKey: new Map() }),
  add: addStance,
  plan: (state, options) => planActors(state, options.neutralThreshold),
  emit: (plan): StageOutput => ({ actors: plan }),
};
