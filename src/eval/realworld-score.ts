/**
 * Scoring one real-world evaluation set (hand gold on real news, ../shared/eval/realworld/<set>/gold.json)
 * against a pipeline output. A TypeScript port of the reference scorer
 * ../shared/eval/realworld/score.mjs: same matching rules, same counts (tests/eval compares the two
 * when ../shared is present). The shape of `RealworldResult` mirrors the scorer's `--json` output
 * (`entities`, `variants`, `crossDoc`, `quotes`, `stance`, `actors`, `errors`).
 *
 * Entities: PERSON and ORG, aligned per document by canonical name (strict: the gold name or an
 * alias; lenient: also a surname, titled or variant form). Quotes: a gold item is found when a
 * system quote covers ≥ 50% of its characters; speaker right by entity alignment or name.
 * Stance: per gold actor stance, the first system record (file order) whose holder aligns with
 * the gold actor; a missing record counts as wrong.
 */
import type { ActorRecord, DocumentRecord, EntityRecord, QuoteRecord, StanceRecord } from '../schema.js';

// ---------------------------------------------------------------------------------------------
// gold format (../shared/eval/realworld/README.md)

export interface RwGoldEntity {
  name: string;
  type: string;
  optional: boolean;
  aliases: string[];
  variants: string[];
}
export interface RwGoldQuote {
  kind: 'direct' | 'fragment' | 'indirect' | 'unattributed';
  optional: boolean;
  text: string;
  occurrence?: number;
  rawStart?: number;
  rawEnd?: number;
  speaker?: { name: string | null; accept?: string[]; unnamed?: string };
}
export interface RwGoldStance {
  holder: string;
  label: 'support' | 'oppose' | 'neutral';
  certainty: 'clear' | 'arguable';
  note?: string;
}
export interface RwGoldDocument {
  docId: string;
  title?: string;
  entities: RwGoldEntity[];
  quotes: RwGoldQuote[];
  stances: RwGoldStance[];
  documentStance?: { label: string; certainty: string };
}
export interface RwGold {
  schema?: unknown;
  proposal?: unknown;
  documents: RwGoldDocument[];
}

/** The artifacts of one output folder (or of an in-memory run). */
export interface RwOutput {
  documents: DocumentRecord[];
  entities: EntityRecord[];
  quotes: QuoteRecord[];
  stances: StanceRecord[];
  actors: ActorRecord[];
}

// ---------------------------------------------------------------------------------------------
// result

export interface EntityCounts {
  tpS: number;
  tpL: number;
  fp: number;
  gold: number;
  sys: number;
}
export interface QuoteCounts {
  gold: number;
  found: number;
  foundStrict: number;
  partial: number;
  speakerOk: number;
  kindMismatch: number;
}
export interface StanceCounts {
  clear: number;
  clearCovered: number;
  clearOk: number;
  arguable: number;
  arguableCovered: number;
  arguableOk: number;
  unsupported: number;
  docClear: number;
  docOk: number;
  /** Clear gold label → system label (`none` = no record): counts. */
  confusion: Record<string, number>;
}
export interface RealworldResult {
  entities: { PERSON: EntityCounts; ORG: EntityCounts };
  variants: { total: number; found: number; misassigned: number };
  crossDoc: { entities: number; oneId: number; split: string[] };
  quotes: {
    direct: QuoteCounts;
    fragment: QuoteCounts;
    indirect: QuoteCounts;
    system: { direct: number; indirect: number; other: number };
    systemOk: { direct: number; indirect: number; other: number };
  };
  stance: StanceCounts;
  actors: { name: string; gold: string | undefined; basis: string; system: string; ok: boolean }[];
  errors: {
    entities: { doc: string; type: string; kind: string; gold: string; system: string }[];
    quotes: { doc: string; kind: string; verdict: string; text: string; expected: string; got: string; sentence: string }[];
    spurious: { doc: string; id: string; kind: string; verdict: string; text: string; cue: string | null; speaker: string; sentence: string }[];
    stances: { doc: string; holder: string; certainty: string | undefined; expected: string | undefined; note: string | undefined; got: string; evidence: string }[];
  };
  /** Problems that kept an item out of the score (a gold quote not found in the text). */
  warnings: string[];
}

/** A gold document the output does not hold: the set cannot be scored (score.mjs exits 2). */
export class MissingDocumentError extends Error {
  constructor(readonly docId: string) {
    super(`no system document ${docId}`);
    this.name = 'MissingDocumentError';
  }
}

// ---------------------------------------------------------------------------------------------
// names

/** score.mjs `norm`: NFKC, lower case, curly quotes straightened, possessive, dashes, dots and a leading article dropped. */
export function normName(s: string | null | undefined): string {
  return (s ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/'s$/, '')
    .replace(/[\u2010-\u2014-]/g, ' ')
    .replace(/\./g, '')
    .replace(/^(the|a|an) /, '')
    .replace(/\s+/g, ' ')
    .trim();
}
const HON = ['mr', 'mrs', 'ms', 'miss', 'sir', 'lord', 'lady', 'dr'];
const nameLike = (v: string) => /^[A-Z]/.test(v) && !/^(The|A|An|He|She|His|Her|They) /.test(v) && !/^(He|She|They)$/.test(v);

function strictNames(g: RwGoldEntity): Set<string> {
  return new Set([g.name, ...g.aliases].map(normName));
}
const lenientCache = new WeakMap<RwGoldEntity, Set<string>>();
/** Strict names plus name-like variants and, for a person, the surname alone, with an honorific, and inverted. */
function lenientNames(g: RwGoldEntity): Set<string> {
  const cached = lenientCache.get(g);
  if (cached) return cached;
  const out = strictNames(g);
  for (const v of g.variants) if (nameLike(v)) out.add(normName(v));
  if (g.type === 'PERSON') {
    const toks = normName(g.name)
      .split(' ')
      .filter((t) => !HON.includes(t));
    const last = toks[toks.length - 1] as string;
    out.add(last);
    for (const h of HON) out.add(`${h} ${last}`);
    out.add(`${toks.slice(1).join(' ')} ${toks[0]}`);
  }
  lenientCache.set(g, out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// spans

type Span = [number, number];
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function findNth(text: string, s: string, n: number): number {
  let i = -1;
  for (let k = 0; k < n; k++) {
    i = text.indexOf(s, i + 1);
    if (i < 0) return -1;
  }
  return i;
}
/** A gold quote's span in the normalized text: its n-th plain occurrence, else whitespace-insensitive (wire copy). */
function locate(doc: DocumentRecord, q: RwGoldQuote): Span | null {
  const n = q.occurrence ?? 1;
  let i = findNth(doc.text, q.text, n);
  if (i >= 0) return [i, i + q.text.length];
  const re = new RegExp(q.text.split(/\s+/).map(escapeRe).join('\\s+'), 'g');
  const ms = [...doc.text.matchAll(re)];
  const m = ms[n - 1] ?? ms[0];
  if (m) return [m.index, m.index + m[0].length];
  i = doc.text.indexOf(q.text);
  return i >= 0 ? [i, i + q.text.length] : null;
}
const overlap = (a: Span, b: Span) => Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
function sentenceOf(doc: DocumentRecord, pos: number): string {
  const s = (doc.sentences || []).find((x) => x.start <= pos && pos < x.end);
  return s ? doc.text.slice(s.start, s.end) : doc.text.slice(Math.max(0, pos - 80), pos + 120);
}
function short(s: string | null | undefined, n = 140): string {
  const t = (s ?? '').replace(/\s+/g, ' ');
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

// ---------------------------------------------------------------------------------------------

interface Pair {
  s: EntityRecord;
  g: RwGoldEntity;
  score: number;
  level: 'strict' | 'lenient';
  dup?: boolean;
}

/** Quote-cue words of attitudes, intentions and actions (for the verdict text of a spurious quote only). */
const ATTITUDE =
  /\b(want|wish|plan|hope|believ|think|thought|feel|felt|seem|worr|agree|refus|declin|decid|seek|sought|intend|propos|back|support|oppos|reject|accept|defend|threaten|expect|suspect|persuad|consider|add|encourag|call|remind|criticis|condemn|shown|approv)/i;

/**
 * Scores `output` against `gold` exactly as score.mjs does. `skip`: gold document ids left out.
 * Throws MissingDocumentError when a gold document has no system document.
 */
export function scoreRealworld(gold: RwGold, output: RwOutput, skip: ReadonlySet<string> = new Set()): RealworldResult {
  const goldDocs = gold.documents.filter((d) => !skip.has(d.docId));
  const sysDocs = new Map(output.documents.map((d) => [d.id, d]));
  const sysEnts = output.entities;
  const sysQuotes = output.quotes;
  const sysStances = output.stances;
  const sysActors = output.actors;
  const R: RealworldResult = {
    entities: { PERSON: { tpS: 0, tpL: 0, fp: 0, gold: 0, sys: 0 }, ORG: { tpS: 0, tpL: 0, fp: 0, gold: 0, sys: 0 } },
    variants: { total: 0, found: 0, misassigned: 0 },
    crossDoc: { entities: 0, oneId: 0, split: [] },
    quotes: {
      direct: qstat(),
      fragment: qstat(),
      indirect: qstat(),
      system: { direct: 0, indirect: 0, other: 0 },
      systemOk: { direct: 0, indirect: 0, other: 0 },
    },
    stance: { clear: 0, clearCovered: 0, clearOk: 0, arguable: 0, arguableCovered: 0, arguableOk: 0, unsupported: 0, docClear: 0, docOk: 0, confusion: {} },
    actors: [],
    errors: { entities: [], quotes: [], spurious: [], stances: [] },
    warnings: [],
  };
  const alignByDoc = new Map<string, Map<string, RwGoldEntity>>();
  const goldEntityByDoc = new Map<string, Map<string, RwGoldEntity>>();

  // ================= ENTITIES =================
  for (const gd of goldDocs) {
    const doc = sysDocs.get(gd.docId);
    if (!doc) throw new MissingDocumentError(gd.docId);
    const gents = gd.entities;
    goldEntityByDoc.set(gd.docId, new Map(gents.map((g) => [g.name, g])));
    const sents = sysEnts.filter((e) => e.docId === gd.docId && ['PERSON', 'ORG', 'GPE', 'LOC', 'NORP'].includes(e.type));
    const pairs: Pair[] = [];
    for (const s of sents) {
      const sn = normName(s.name);
      const mentionNames = new Set(s.mentions.map((m) => normName(m.text)));
      for (const g of gents) {
        const sN = strictNames(g);
        const lN = lenientNames(g);
        let score = 0;
        let level: Pair['level'] | null = null;
        if (sN.has(sn)) {
          score = 100;
          level = 'strict';
        } else if (lN.has(sn)) {
          score = 50;
          level = 'lenient';
        } else if ([...mentionNames].some((m) => sN.has(m))) {
          score = 30;
          level = 'lenient';
        }
        if (!level) continue;
        const vset = new Set([...g.variants, g.name, ...g.aliases].map(normName));
        score += s.mentions.filter((m) => vset.has(normName(m.text))).length;
        if (s.type === g.type) score += 20;
        pairs.push({ s, g, score, level });
      }
    }
    pairs.sort((a, b) => b.score - a.score);
    const sAssigned = new Map<string, Pair>();
    const gAssigned = new Map<string, Pair>();
    for (const p of pairs) {
      if (sAssigned.has(p.s.id) || gAssigned.has(p.g.name)) continue;
      sAssigned.set(p.s.id, p);
      gAssigned.set(p.g.name, p);
    }
    for (const p of pairs) if (!sAssigned.has(p.s.id)) sAssigned.set(p.s.id, { ...p, dup: true });
    const align = new Map<string, RwGoldEntity>();
    for (const [sid, p] of sAssigned) align.set(sid, p.g);
    alignByDoc.set(gd.docId, align);

    for (const T of ['PERSON', 'ORG'] as const) {
      const er = R.entities[T];
      for (const g of gents.filter((x) => x.type === T && !x.optional)) {
        er.gold++;
        const p = gAssigned.get(g.name);
        if (p && p.s.type === T) {
          er.tpL++;
          if (p.level === 'strict') er.tpS++;
          else R.errors.entities.push({ doc: gd.docId, type: T, kind: 'non-canonical name', gold: g.name, system: `${p.s.name} (${p.s.id})` });
        } else if (p) {
          R.errors.entities.push({ doc: gd.docId, type: T, kind: 'wrong type', gold: g.name, system: `${p.s.name} as ${p.s.type}` });
        } else {
          R.errors.entities.push({ doc: gd.docId, type: T, kind: 'missed', gold: g.name, system: '-' });
        }
      }
      for (const s of sents.filter((x) => x.type === T)) {
        er.sys++;
        const p = sAssigned.get(s.id);
        const mentions = [...new Set(s.mentions.map((m) => m.text))].slice(0, 6).join(', ');
        if (!p) {
          er.fp++;
          R.errors.entities.push({ doc: gd.docId, type: T, kind: 'spurious', gold: '-', system: `${s.name} [${mentions}]` });
        } else if (p.dup) {
          if (p.g.optional && p.g.type === T) continue;
          er.fp++;
          R.errors.entities.push({ doc: gd.docId, type: T, kind: 'duplicate', gold: p.g.name, system: `${s.name} [${mentions}]` });
        } else if (p.g.type !== T) {
          er.fp++;
          R.errors.entities.push({ doc: gd.docId, type: T, kind: 'wrong type', gold: `${p.g.name} (${p.g.type})`, system: `${s.name} as ${T} [${mentions}]` });
        }
      }
    }
    // mentions: every occurrence of a gold name, alias or variant should lie on the aligned entity
    const occ: { g: RwGoldEntity; v: string; start: number; end: number }[] = [];
    for (const g of gents.filter((x) => !x.optional)) {
      for (const v of new Set([g.name, ...g.aliases, ...g.variants])) {
        const body = escapeRe(v).replace(/ /g, '\\s+');
        const pat = /^[a-z]/.test(v) ? `[${v[0]}${v[0]!.toUpperCase()}]${body.slice(1)}` : body;
        const re = new RegExp(`(?<![\\w'-])${pat}(?![\\w-])`, 'g');
        for (const m of doc.text.matchAll(re)) occ.push({ g, v, start: m.index, end: m.index + m[0].length });
      }
    }
    const maximal = occ.filter((o) => !occ.some((p) => p !== o && p.start <= o.start && o.end <= p.end && p.end - p.start > o.end - o.start));
    const seen = new Set<string>();
    for (const o of maximal) {
      const key = `${o.start}:${o.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const covering = sents.filter((s) => s.mentions.some((m) => m.start < o.end && o.start < m.end));
      const mine = covering.filter((s) => sAssigned.get(s.id)?.g === o.g);
      R.variants.total++;
      if (mine.length) {
        R.variants.found++;
        continue;
      }
      const wrong = covering.find((s) => s.mentions.some((m) => Math.min(m.end, o.end) - Math.max(m.start, o.start) >= 0.5 * (o.end - o.start)));
      if (wrong) R.variants.misassigned++;
      R.errors.entities.push({
        doc: gd.docId,
        type: o.g.type,
        kind: wrong ? 'mention on another entity' : 'mention missed',
        gold: `${o.g.name} ← "${doc.text.slice(o.start, o.end)}"`,
        system: wrong ? `${wrong.name} (${wrong.type})` : '-',
      });
    }
  }

  // cross-document identity: one id per gold canonical name
  const idsByGold = new Map<string, Map<string, Set<string>>>();
  for (const [docId, align] of alignByDoc)
    for (const [sid, g] of align) {
      if (g.optional) continue;
      const e = sysEnts.find((x) => x.docId === docId && x.id === sid);
      if (!e || e.type !== g.type) continue;
      if (!idsByGold.has(g.name)) idsByGold.set(g.name, new Map());
      const m = idsByGold.get(g.name)!;
      m.set(sid, (m.get(sid) ?? new Set<string>()).add(docId));
    }
  const multiDoc = [...idsByGold].filter(([n]) => goldDocs.filter((d) => d.entities.some((e) => e.name === n && !e.optional)).length > 1);
  R.crossDoc = {
    entities: multiDoc.length,
    oneId: multiDoc.filter(([, m]) => m.size === 1).length,
    split: multiDoc.filter(([, m]) => m.size > 1).map(([n, m]) => `${n}: ${[...m].map(([id, ds]) => `${id} (${ds.size} docs)`).join(', ')}`),
  };

  // ================= QUOTES =================
  const spans = new Map<RwGoldQuote, Span>();
  const speakerVerdict = (docId: string, gq: RwGoldQuote, sq: QuoteRecord): { ok: boolean; got: string } => {
    const sp: Partial<QuoteRecord['speaker']> = sq.speaker ?? {};
    const gsp = gq.speaker ?? { name: null };
    const align = alignByDoc.get(docId)!;
    const gmap = goldEntityByDoc.get(docId)!;
    const aligned = sp.entityId ? align.get(sp.entityId) : null;
    if (!gsp.name) {
      if (!sp.name) return { ok: true, got: 'none' };
      if (aligned && !aligned.optional) return { ok: false, got: sp.name };
      const words = normName(gsp.unnamed).split(' ');
      return { ok: words.some((w) => w.length > 3 && normName(sp.name).includes(w)), got: sp.name };
    }
    if (!sp.name) return { ok: false, got: `none${sp.text ? ` ("${sp.text}")` : ''}` };
    const accepted = [gsp.name, ...(gsp.accept ?? [])];
    if (aligned && accepted.includes(aligned.name)) return { ok: true, got: sp.name };
    for (const a of accepted) {
      const g = gmap.get(a);
      if (g && lenientNames(g).has(normName(sp.name))) {
        // a surname that is also another gold entity's surname in the document is not enough
        if (aligned && aligned.name !== a) continue;
        return { ok: true, got: sp.name };
      }
      if (!g && normName(a) === normName(sp.name)) return { ok: true, got: sp.name };
    }
    return { ok: false, got: `${sp.name}${sp.text && sp.text !== sp.name ? ` ("${sp.text}")` : ''}` };
  };
  const kindOk = (gq: RwGoldQuote, q: QuoteRecord) => (gq.kind === 'indirect' ? q.kind === 'indirect' : q.kind === 'direct' || (q.kind as string) === 'mixed');

  interface Use {
    gq: RwGoldQuote;
    covSys: number;
    covGold: number;
  }
  const useKey = (r: Use) => [r.gq.kind !== 'unattributed' ? 1 : 0, r.covSys >= 0.5 || r.covGold >= 0.5 ? 1 : 0, r.gq.optional ? 0 : 1, r.covSys];
  const better = (a: Use, b: Use) => {
    const ka = useKey(a);
    const kb = useKey(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! > kb[i]!;
    return false;
  };
  const sysUse = new Map<string, Use>();
  const goldQuotesByDoc = new Map(goldDocs.map((d) => [d.docId, d.quotes]));
  for (const gd of goldDocs) {
    const doc = sysDocs.get(gd.docId)!;
    const sq = sysQuotes.filter((q) => q.docId === gd.docId);
    for (const gq of gd.quotes) {
      const span = locate(doc, gq);
      if (!span) {
        R.warnings.push(`cannot locate gold quote in ${gd.docId}: ${gq.text}`);
        continue;
      }
      spans.set(gq, span);
      for (const q of sq) {
        const ov = overlap(span, [q.start, q.end]);
        if (!ov) continue;
        const rel: Use = { gq, covSys: ov / (q.end - q.start), covGold: ov / (span[1] - span[0]) };
        const prev = sysUse.get(q.id);
        if (!prev || better(rel, prev)) sysUse.set(q.id, rel);
      }
      if (gq.kind === 'unattributed' || gq.optional) continue;
      const st = R.quotes[gq.kind];
      st.gold++;
      let best: QuoteRecord | null = null;
      let bestCov = 0;
      for (const q of sq) {
        const cov = overlap(span, [q.start, q.end]) / (span[1] - span[0]);
        const isBetter = cov > bestCov + 1e-9 || (Math.abs(cov - bestCov) < 1e-9 && best && kindOk(gq, q) && !kindOk(gq, best));
        if (cov > 0 && isBetter) {
          best = q;
          bestCov = cov;
        }
      }
      const sentence = short(sentenceOf(doc, span[0]), 220);
      const expected = gq.speaker?.name ?? `(unnamed: ${gq.speaker?.unnamed})`;
      if (!best || bestCov < 0.5) {
        if (best) st.partial++;
        R.errors.quotes.push({
          doc: gd.docId,
          kind: gq.kind,
          verdict: best ? `partial (${Math.round(bestCov * 100)}% covered)` : 'missed',
          text: gq.text,
          expected,
          got: best ? `${best.kind} "${short(best.text, 80)}" → ${best.speaker?.name ?? 'none'}` : '-',
          sentence,
        });
        continue;
      }
      st.found++;
      if (bestCov >= 0.9) st.foundStrict++;
      if (!kindOk(gq, best)) st.kindMismatch++;
      const v = speakerVerdict(gd.docId, gq, best);
      if (v.ok) st.speakerOk++;
      else
        R.errors.quotes.push({
          doc: gd.docId,
          kind: gq.kind,
          verdict: 'wrong speaker',
          text: gq.text,
          expected,
          got: `${v.got} [${best.speaker?.resolution ?? '?'}; ${best.kind}]`,
          sentence,
        });
    }
  }
  for (const q of sysQuotes) {
    if (!goldQuotesByDoc.has(q.docId)) continue;
    // a record labelled as something other than speech (thought, intention...) is kept out of precision
    const act = (q as { act?: string }).act;
    if (act && act !== 'speech') continue;
    const k = q.kind === 'direct' || q.kind === 'indirect' ? q.kind : 'other';
    R.quotes.system[k]++;
    const rel = sysUse.get(q.id);
    const doc = sysDocs.get(q.docId)!;
    let verdict: string | null = null;
    if (!rel) verdict = ATTITUDE.test(q.cue?.text ?? '') ? 'not speech: attitude/intent/action verb' : 'not speech';
    else if (rel.gq.kind === 'unattributed') verdict = 'scare/term quote given a speaker';
    else if (rel.covSys < 0.5 && rel.covGold < 0.5) verdict = `boundary: ${Math.round(rel.covSys * 100)}% of it is the gold item`;
    else if (rel.gq.optional) {
      const v = speakerVerdict(q.docId, rel.gq, q);
      if (!v.ok) verdict = `optional gold item, wrong speaker (expected ${rel.gq.speaker?.name ?? 'unnamed'})`;
    }
    if (!verdict && rel) {
      // a quote over several gold items of different speakers, or over narration, is a boundary error
      const qs: Span = [q.start, q.end];
      const golds = goldQuotesByDoc.get(q.docId)!.filter((g) => spans.has(g) && g.kind !== 'unattributed' && overlap(spans.get(g)!, qs) > 0);
      const outer = golds.filter((g) => {
        const gs = spans.get(g)!;
        return !golds.some((h) => {
          const hs = spans.get(h)!;
          return h !== g && hs[0] <= gs[0] && gs[1] <= hs[1] && hs[1] - hs[0] > gs[1] - gs[0];
        });
      });
      const speakers = new Set(outer.filter((g) => !g.optional).map((g) => g.speaker?.name ?? `-${g.speaker?.unnamed}`));
      const covered = new Array<boolean>(Math.max(0, q.end - q.start)).fill(false);
      for (const g of golds) {
        const gs = spans.get(g)!;
        for (let i = Math.max(gs[0], q.start); i < Math.min(gs[1], q.end); i++) covered[i - q.start] = true;
      }
      const outside = covered.filter((c) => !c).length / covered.length;
      if (speakers.size > 1) verdict = `merges words of ${speakers.size} speakers (${[...speakers].join(', ')})`;
      else if (q.kind !== 'indirect' && outside > 0.3 && q.end - q.start > 40) verdict = `boundary: ${Math.round(outside * 100)}% of it is narration`;
    }
    if (!verdict) {
      R.quotes.systemOk[k]++;
      continue;
    }
    R.errors.spurious.push({
      doc: q.docId,
      id: q.id,
      kind: q.kind,
      verdict,
      text: q.text,
      cue: q.cue?.text ?? null,
      speaker: q.speaker?.name ?? 'none',
      sentence: short(sentenceOf(doc, q.start), 220),
    });
  }

  // ================= STANCE =================
  const holderGold = (docId: string, holder: StanceRecord['holder']): RwGoldEntity | null => {
    if (!holder) return null;
    const g = holder.entityId ? alignByDoc.get(docId)!.get(holder.entityId) : null;
    if (g) return g;
    for (const ge of goldEntityByDoc.get(docId)!.values()) if (lenientNames(ge).has(normName(holder.name))) return ge;
    return null;
  };
  const strongest = (ev: StanceRecord['evidence']) => ev.slice().sort((a, b) => Math.abs(b.score) - Math.abs(a.score))[0];
  const st = R.stance;
  for (const gd of goldDocs) {
    const ss = sysStances.filter((s) => s.docId === gd.docId && s.holder);
    const used = new Set<StanceRecord>();
    for (const gs of gd.stances) {
      const hit = ss.find((s) => holderGold(gd.docId, s.holder)?.name === gs.holder);
      if (hit) used.add(hit);
      const key = gs.certainty;
      st[key]++;
      const got = hit ? hit.label : 'none';
      if (hit) st[`${key}Covered`]++;
      if (got === gs.label) st[`${key}Ok`]++;
      if (key === 'clear') st.confusion[`${gs.label}→${got}`] = (st.confusion[`${gs.label}→${got}`] ?? 0) + 1;
      if (got !== gs.label) {
        const ev = hit ? strongest(hit.evidence) : null;
        R.errors.stances.push({
          doc: gd.docId,
          holder: gs.holder,
          certainty: gs.certainty,
          expected: gs.label,
          note: gs.note,
          got: hit ? `${got} (${hit.score.toFixed(2)}) as "${hit.holder!.name}"` : 'no stance record',
          evidence: ev ? `${short(ev.text, 160)} [${ev.score.toFixed(2)}]` : '-',
        });
      }
    }
    for (const s of ss)
      if (!used.has(s)) {
        st.unsupported++;
        const ev = strongest(s.evidence);
        R.errors.stances.push({
          doc: gd.docId,
          holder: s.holder!.name,
          certainty: '-',
          expected: 'no stance in gold',
          note: '',
          got: `${s.label} (${s.score.toFixed(2)})`,
          evidence: ev ? `${short(ev.text, 160)} [${ev.score.toFixed(2)}]` : '-',
        });
      }
    const ds = sysStances.find((s) => s.docId === gd.docId && !s.holder);
    if (gd.documentStance?.certainty === 'clear') {
      st.docClear++;
      if (ds?.label === gd.documentStance.label) st.docOk++;
    }
    if (ds?.label !== gd.documentStance?.label)
      R.errors.stances.push({
        doc: gd.docId,
        holder: '(document)',
        certainty: gd.documentStance?.certainty,
        expected: gd.documentStance?.label,
        note: '',
        got: ds ? `${ds.label} (${ds.score.toFixed(2)})` : 'none',
        evidence: ds?.evidence?.length ? short(strongest(ds.evidence)!.text, 160) : '-',
      });
  }
  // corpus actor table: gold = majority of clear per-document labels (else arguable), by canonical name
  const goldActors = new Map<string, { clear: string[]; arguable: string[] }>();
  for (const gd of goldDocs)
    for (const s of gd.stances) {
      const a = goldActors.get(s.holder) ?? { clear: [], arguable: [] };
      a[s.certainty].push(s.label);
      goldActors.set(s.holder, a);
    }
  for (const [name, a] of goldActors) {
    const goldLabel = majority(a.clear.length ? a.clear : a.arguable);
    const g = goldDocs.flatMap((d) => d.entities).find((e) => e.name === name);
    const sys = g ? sysActors.filter((x) => lenientNames(g).has(normName(x.name)) || strictNames(g).has(normName(x.name))) : [];
    R.actors.push({
      name,
      gold: goldLabel,
      basis: a.clear.length ? `${a.clear.length} clear` : `${a.arguable.length} arguable`,
      system: sys.length ? sys.map((x) => `${x.name}: ${x.label} (${x.score.toFixed(2)}, ${x.documents} docs)`).join('; ') : 'absent',
      ok: sys.length === 1 && sys[0]!.label === goldLabel,
    });
  }
  return R;
}

function qstat(): QuoteCounts {
  return { gold: 0, found: 0, foundStrict: 0, partial: 0, speakerOk: 0, kindMismatch: 0 };
}

/** The most frequent label; `mixed` on a tie for first place. */
function majority(xs: string[]): string | undefined {
  const c: Record<string, number> = {};
  for (const x of xs) c[x] = (c[x] ?? 0) + 1;
  const top = Object.entries(c).sort((a, b) => b[1] - a[1]);
  return top.length > 1 && top[0]![1] === top[1]![1] ? 'mixed' : top[0]?.[0];
}
