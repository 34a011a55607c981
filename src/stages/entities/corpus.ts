/**
 * Cross-document merge of person entities (the stage's CorpusStep). Conservative: same type,
 * compatible name tokens (order, initials), a small edit distance on long surnames only with a
 * shared title or a matching given name, a lone surname only when one full name in the corpus has
 * it. Every merge is recorded in `mergedFrom` with its reason.
 */
import { createHash } from 'node:crypto';
import type { EntityRecord } from '../../schema.js';
import type { CorpusStepSpec } from '../../pipeline/stage.js';
import type { EntitiesOptions } from './options.js';
import { gazetteer, slug } from './gazetteer.js';

interface PersonInfo {
  id: string;
  name: string;
  tokens: string[];
  titles: Set<string>;
  docs: Set<string>;
  alone: Map<string, number>;
}
export interface MergeState {
  persons: Map<string, PersonInfo>;
}
export interface MergePlan {
  enabled: boolean;
  /** Original id -> final id, name, and the merges recorded on the final id. */
  map: Map<string, { id: string; name: string }>;
  mergedFrom: Map<string, Array<{ id: string; name: string; reason: string }>>;
  /** Documents with a merged person: the only ones `rewrite` changes. */
  touched: Set<string>;
  /** The merged person ids of each touched document (for `digest`). */
  mergedIdsByDoc: Map<string, string[]>;
  /** Hash of each final id's mergedFrom list. */
  mergedFromHash: Map<string, string>;
}

const isInitial = (w: string) => /^\p{Lu}\.?$/u.test(w);

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** What personMergeReason compares, computed once per name (the merge compares many pairs). */
interface NameShape {
  lower: string[];
  /** Lower-cased tokens, sorted and joined. */
  sortedKey: string;
  /** Tokens that are not initials. */
  full: string[];
  surname: string;
  given: string;
  givenIsInitial: boolean;
}
const shapes = new WeakMap<PersonInfo, NameShape>();

function shapeOf(p: PersonInfo): NameShape {
  let s = shapes.get(p);
  if (!s) {
    const lower = p.tokens.map((w) => w.toLowerCase());
    const full = p.tokens.filter((w) => !isInitial(w));
    const given = p.tokens[0] ?? '';
    s = {
      lower,
      sortedKey: [...lower].sort().join(' '),
      full,
      surname: full.length ? full[full.length - 1]!.toLowerCase() : '',
      given,
      givenIsInitial: isInitial(given),
    };
    shapes.set(p, s);
  }
  return s;
}

/** Why two person names are the same person, or null. */
export function personMergeReason(x: PersonInfo, y: PersonInfo): string | null {
  const a = shapeOf(x);
  const b = shapeOf(y);
  if (a.lower.length >= 2 && b.lower.length >= 2 && a.sortedKey === b.sortedKey) return 'same name tokens in another order';
  const fx = a.full;
  const fy = b.full;
  if (x.tokens.length < 2 || y.tokens.length < 2 || fx.length === 0 || fy.length === 0) return null;
  const sx = a.surname;
  const sy = b.surname;
  const gx = a.given;
  const gy = b.given;
  const givenSame = !a.givenIsInitial && a.lower[0] === b.lower[0];
  const initialOk = (a.givenIsInitial && gy.startsWith(gx[0]!)) || (b.givenIsInitial && gx.startsWith(gy[0]!));
  if (sx === sy && (givenSame || initialOk) && fx.length <= 3 && fy.length <= 3) {
    return givenSame ? 'same given name and surname (middle initial dropped)' : `initial ${a.givenIsInitial ? gx : gy} matches given name ${a.givenIsInitial ? gy : gx}`;
  }
  if (givenSame && sx.length >= 6 && sy.length >= 6 && fx.length === 2 && fy.length === 2) {
    const dist = editDistance(sx, sy);
    if (dist !== 1) return null;
    const shared = [...x.titles].find((t) => y.titles.has(t) || [...y.titles].some((u) => u.toLowerCase().endsWith(t.toLowerCase()) || t.toLowerCase().endsWith(u.toLowerCase())));
    if (shared) return `surname spelling differs by ${dist} edit, shared title "${shared}"`;
    if (sx.length >= 8 && gx.length >= 4) return `same given name, long surname spelling differs by ${dist} edit`;
  }
  return null;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The pairs (i < j, encoded i * n + j, ascending) that personMergeReason could accept: names
 * with the same tokens in any order, the same surname, or the same given name and a long
 * surname within one letter of length. Everything else has no reason by construction.
 */
export function candidatePairs(multi: PersonInfo[]): number[] {
  const n = multi.length;
  const groups = new Map<string, number[]>();
  const byGiven = new Map<string, Array<{ i: number; len: number }>>();
  multi.forEach((p, i) => {
    const lower = p.tokens.map((w) => w.toLowerCase());
    push(groups, `t:${[...lower].sort().join(' ')}`, i);
    const full = p.tokens.filter((w) => !isInitial(w));
    if (full.length === 0) return;
    const surname = full[full.length - 1]!.toLowerCase();
    push(groups, `s:${surname}`, i);
    if (!isInitial(p.tokens[0]!) && full.length === 2 && surname.length >= 6) push(byGiven, lower[0]!, { i, len: surname.length });
  });
  const pairs = new Set<number>();
  const add = (a: number, b: number) => pairs.add(a < b ? a * n + b : b * n + a);
  for (const members of groups.values()) for (let x = 0; x < members.length; x++) for (let y = x + 1; y < members.length; y++) add(members[x]!, members[y]!);
  for (const members of byGiven.values()) {
    members.sort((a, b) => a.len - b.len);
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length && members[y]!.len - members[x]!.len <= 1; y++) add(members[x]!.i, members[y]!.i);
    }
  }
  return [...pairs].sort((a, b) => a - b);
}

export const entitiesCorpusStep: CorpusStepSpec<'entities', MergeState, MergePlan, EntitiesOptions> = {
  artifact: 'entities',
  init: () => ({ persons: new Map() }),
  // Only person records take part in the merge (records are serialized with JSON.stringify).
  select: '"type":"PERSON"',
  add(state, r) {
    if (r.type !== 'PERSON') return;
    let p = state.persons.get(r.id);
    if (!p) {
      p = { id: r.id, name: r.name, tokens: r.name.split(/\s+/), titles: new Set(), docs: new Set(), alone: new Map() };
      state.persons.set(r.id, p);
    }
    p.docs.add(r.docId);
    for (const t of r.titles) p.titles.add(t);
    for (const m of r.mentions) {
      if (/\s/.test(m.text)) continue;
      const k = m.text.toLowerCase();
      p.alone.set(k, (p.alone.get(k) ?? 0) + 1);
    }
  },
  plan(state, options) {
    const plan: MergePlan = { enabled: options.crossDocumentMerge, map: new Map(), mergedFrom: new Map(), touched: new Set(), mergedIdsByDoc: new Map(), mergedFromHash: new Map() };
    if (!plan.enabled) return plan;
    const people = [...state.persons.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const parent = new Map<string, string>(people.map((p) => [p.id, p.id]));
    const find = (id: string): string => {
      let r = id;
      while (parent.get(r) !== r) r = parent.get(r)!;
      return r;
    };
    const reasons = new Map<string, string>();
    const multi = people.filter((p) => p.tokens.length >= 2);
    // Only pairs that share a key can have a merge reason: compare within those (near-linear),
    // in the order a full pairwise scan would, so the outcome is the same.
    for (const pair of candidatePairs(multi)) {
      const i = Math.floor(pair / multi.length);
      const j = pair % multi.length;
      const reason = personMergeReason(multi[i]!, multi[j]!);
      if (!reason) continue;
      const a = find(multi[i]!.id);
      const b = find(multi[j]!.id);
      if (a === b) continue;
      parent.set(b, a);
      reasons.set(multi[j]!.id, reason);
      if (!reasons.has(multi[i]!.id)) reasons.set(multi[i]!.id, reason);
    }
    // A lone surname joins the one full name in the corpus that ends with it.
    const byToken = new Map<string, PersonInfo[]>();
    for (const q of multi) for (const t of new Set(q.tokens.map((w) => w.toLowerCase()))) push(byToken, t, q);
    for (const p of people) {
      if (p.tokens.length !== 1) continue;
      const w = p.tokens[0]!.toLowerCase();
      const roots = new Set((byToken.get(w) ?? []).map((q) => find(q.id)));
      if (roots.size !== 1) continue;
      parent.set(find(p.id), [...roots][0]!);
      reasons.set(p.id, 'surname alone; exactly one full name in the corpus carries it');
    }
    const groups = new Map<string, PersonInfo[]>();
    for (const p of people) push(groups, find(p.id), p);
    for (const members of groups.values()) {
      if (members.length === 1) continue;
      // Canonical: one of the members' own names, each already ordered by its document and the
      // general data (never re-ordered by what other documents use alone, so a name's order does
      // not depend on the rest of the corpus): no initials first, then a known given name in
      // front, then most documents, then id order.
      const given = gazetteer().firstNames;
      const givenFirst = (m: PersonInfo) => (given.has(m.tokens[0]!.toLowerCase()) && !given.has(m.tokens[m.tokens.length - 1]!.toLowerCase()) ? 0 : 1);
      const best = [...members]
        .filter((m) => m.tokens.length >= 2)
        .sort(
          (a, b) =>
            a.tokens.filter(isInitial).length - b.tokens.filter(isInitial).length ||
            givenFirst(a) - givenFirst(b) ||
            b.docs.size - a.docs.size ||
            b.tokens.length - a.tokens.length ||
            (a.id < b.id ? -1 : 1),
        )[0];
      if (!best) continue;
      const name = best.name;
      const id = `PERSON:${slug(name)}`;
      const merged: Array<{ id: string; name: string; reason: string }> = [];
      for (const m of members) {
        plan.map.set(m.id, { id, name });
        for (const d of m.docs) {
          plan.touched.add(d);
          push(plan.mergedIdsByDoc, d, m.id);
        }
        if (m.id !== id || m.name !== name) merged.push({ id: m.id, name: m.name, reason: reasons.get(m.id) ?? 'same person as the canonical form' });
      }
      plan.mergedFrom.set(id, merged);
      plan.mergedFromHash.set(id, createHash('sha256').update(JSON.stringify(merged)).digest('hex'));
    }
    return plan;
  },
  // Kept between runs (pipeline/corpus-step.ts): every field in insertion order, so a restored
  // state and one folded from scratch are the same.
  *save(state) {
    for (const p of state.persons.values()) yield [p.id, p.name, [...p.titles], [...p.docs], [...p.alone]];
  },
  restore(entries) {
    const persons = new Map<string, PersonInfo>();
    for (const [id, name, titles, docs, alone] of entries as Array<[string, string, string[], string[], Array<[string, number]>]>) {
      persons.set(id, { id, name, tokens: name.split(/\s+/), titles: new Set(titles), docs: new Set(docs), alone: new Map(alone) });
    }
    return { persons };
  },
  touches: (plan, docId) => plan.enabled && plan.touched.has(docId),
  digest(plan, docId) {
    return (plan.mergedIdsByDoc.get(docId) ?? [])
      .map((id) => {
        const target = plan.map.get(id)!;
        return `${id}>${target.id}|${target.name}|${plan.mergedFromHash.get(target.id) ?? ''}`;
      })
      .sort()
      .join('\n');
  },
  rewrite(plan, _docId, records) {
    if (!plan.enabled) return records;
    const out = new Map<string, EntityRecord>();
    for (const rec of records) {
      const target = plan.map.get(rec.id);
      const r: EntityRecord = target ? { ...rec, id: target.id, name: target.name } : { ...rec };
      if (target && plan.mergedFrom.get(target.id)?.length) r.mergedFrom = plan.mergedFrom.get(target.id);
      const prev = out.get(r.id);
      if (!prev) {
        out.set(r.id, r);
        continue;
      }
      for (const m of r.mentions) if (!prev.mentions.some((x) => x.start === m.start && x.end === m.end)) prev.mentions.push(m);
      for (const t of r.titles) if (!prev.titles.includes(t)) prev.titles.push(t);
      prev.mentions.sort((a, b) => a.start - b.start || a.end - b.end);
    }
    return [...out.values()].sort((x, y) => x.mentions[0]!.start - y.mentions[0]!.start || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  },
};
