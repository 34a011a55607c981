/**
 * Who holds a cue's stance: the speaker of the quote it sits in; the subject of a reporting verb
 * before it ("X said that ..."); the subject of the cue itself ("Ruritania firmly rejected the
 * plan"), with coordination ("Chile and Peru") and NORP -> country links ("the French
 * cabinet" -> France); the source of a nominal cue ("doubts from the unions").
 * Pure; entity mentions come from entities.jsonl.
 */
import { loadWordList } from '../../io/data.js';
import { personInSpeaker } from './descriptors.js';
import { definiteOrganizations as sharedDefiniteOrganizations } from '../../nlp/definite-descriptions.js';
import type { EntityRecord, QuoteRecord } from '../../schema.js';
import { LEXICON, type Lexicon } from './lexicon.js';
import type { CueHit, ReportingFrame } from './statements.js';
import type { Tok } from './tokens.js';

/** First-person singular (data/stance/first-person-singular.txt): the narration's "I" is the author. */
const FIRST_PERSON = loadWordList('stance/first-person-singular.txt').value;

export const HOLDER_TYPES = new Set(['PERSON', 'ORG', 'GPE', 'NORP']);

export interface Holder {
  entityId: string;
  name: string;
  type: string;
}

export interface HolderMention {
  holder: Holder;
  /** Token range, inclusive. */
  first: number;
  last: number;
  entityType: string;
  /** A definite description standing for the entity ("the association"), not its name. */
  definite?: boolean;
}

/** "GPE:south-korea" -> "South Korea" (when the country entity is not in the document). */
function nameFromId(id: string): string {
  const slug = id.slice(id.indexOf(':') + 1);
  return slug
    .split('-')
    .map((w) => (w.length <= 2 ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1)))
    .join(' ');
}

/** The holder an entity stands for: itself, or for NORP its country. */
export function holderOf(entity: EntityRecord, byId: Map<string, EntityRecord>): Holder {
  if (entity.type === 'NORP' && entity.country) {
    const country = byId.get(entity.country);
    return { entityId: entity.country, name: country?.name ?? nameFromId(entity.country), type: 'GPE' };
  }
  return { entityId: entity.id, name: entity.name, type: entity.type };
}

/**
 * The last token whose `side` offset is `offset`, if any (tokens are in text order and never
 * overlap, so both offsets are non-decreasing: a binary search, no index built per call).
 */
function exactToken(toks: Tok[], offset: number, side: 'start' | 'end'): number | undefined {
  let lo = 0;
  let hi = toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (toks[mid]![side] <= offset) lo = mid + 1;
    else hi = mid;
  }
  const t = toks[lo - 1];
  return t && t[side] === offset ? t.i : undefined;
}

/** Entity mentions that can hold a stance, as token ranges, in text order. */
export function holderMentions(toks: Tok[], entities: readonly EntityRecord[], blocked: (first: number, last: number) => boolean): HolderMention[] {
  const byId = new Map(entities.map((e) => [e.id, e]));
  const tokenAt = (offset: number, side: 'start' | 'end'): number | undefined => {
    const exact = exactToken(toks, offset, side);
    if (exact !== undefined) return exact;
    const found = side === 'start' ? toks.find((t) => t.end > offset) : [...toks].reverse().find((t) => t.start < offset);
    return found?.i;
  };
  const out: HolderMention[] = [];
  for (const e of entities) {
    if (!HOLDER_TYPES.has(e.type)) continue;
    const holder = holderOf(e, byId);
    for (const m of e.mentions) {
      const first = tokenAt(m.start, 'start');
      const last = tokenAt(m.end, 'end');
      if (first === undefined || last === undefined || last < first) continue;
      if (blocked(first, last)) continue;
      out.push({ holder, first, last, entityType: e.type });
    }
  }
  out.sort((a, b) => a.first - b.first || b.last - a.last);
  return [...out, ...definiteOrganizations(toks, out, blocked)].sort((a, b) => a.first - b.first || b.last - a.last);
}

/**
 * "The association strongly supports the ban": the definite descriptions of organizations
 * (nlp/definite-descriptions.ts, shared with the quotes stage) as holder mentions of the
 * organization they stand for, marked `definite`. Heads inside another mention or blocked are left out.
 */
function definiteOrganizations(toks: Tok[], mentions: readonly HolderMention[], blocked: (first: number, last: number) => boolean): HolderMention[] {
  const covered = new Set<number>();
  for (const m of mentions) for (let i = m.first; i <= m.last; i++) covered.add(i);
  const orgs = mentions.filter((m) => m.entityType === 'ORG').map((m) => ({ first: m.first, last: m.last, entityId: m.holder.entityId, mention: m }));
  const words = { count: toks.length, key: (i: number) => toks[i]!.lower, pos: (i: number) => toks[i]!.pos };
  return sharedDefiniteOrganizations(words, orgs, (first, last) => covered.has(last) || blocked(first, last)).map((d) => ({ holder: d.antecedent.mention.holder, first: d.first, last: d.last, entityType: 'ORG', definite: true }));
}

export interface HolderContext {
  toks: Tok[];
  mentions: HolderMention[];
  quotes: readonly QuoteRecord[];
  entities: readonly EntityRecord[];
  lexicon?: Lexicon;
  /** PERSON mentions of the whole document, for pronoun subjects (defaults to `mentions`). */
  persons?: HolderMention[];
}

export interface Attribution {
  holders: Array<{ holder: Holder; weight: number }>;
  quoteId?: string;
  /** Weight of the cue in the author's (document's) own stance when no named holder took it. */
  authorWeight: number;
}

const PERSON_PRONOUNS = (lex: Lexicon) => new Set(lex.personPronouns);

/** The group of coordinated mentions ending with `m` ("Chile and Peru", "A, B, and ..."). */
function coordinated(ctx: HolderContext, m: HolderMention, text: (a: number, b: number) => string): HolderMention[] {
  const group = [m];
  let cur = m;
  for (;;) {
    const prev = [...ctx.mentions].reverse().find((x) => x.last < cur.first);
    if (!prev) break;
    const gap = text(prev.last + 1, cur.first - 1);
    if (!/^[\s,]*(and|or|&)?[\s,]*(the)?\s*$/i.test(gap)) break;
    group.unshift(prev);
    cur = prev;
  }
  // Also "X, Y, and many other countries": entities after m joined by commas/and, before the verb.
  return group;
}

/**
 * The subject entity (with its coordinated group) of the word at token `at`, searching back to
 * `floor` (sentence start, or just after a reporting verb).
 */
export function subjectOf(ctx: HolderContext, at: number, floorAt: number, nominal: boolean): Holder[] {
  const lex = ctx.lexicon ?? LEXICON;
  const preps = new Set(lex.prepositions);
  const generic = new Set(lex.genericHolders);
  const { toks } = ctx;
  const text = (a: number, b: number) => (a > b ? '' : toks.slice(a, b + 1).map((t) => t.lower).join(' '));
  let floor = floorAt;
  // A relative "which" between the subject and the word: the subject is a thing, not an actor.
  for (let i = at - 1; i >= floor; i--) {
    if (toks[i]!.lower === 'which') {
      // "X, which represents ..., has come out against it": a relative clause between commas
      // describes X, which is the subject.
      const closed = toks[i - 1]?.lower === ',' && toks.slice(i + 1, at).some((t) => t.lower === ',');
      const antecedent = closed ? ctx.mentions.find((m) => m.last === i - 2 && m.first >= floorAt) : undefined;
      if (antecedent && !preps.has(toks[antecedent.first - 1]?.lower ?? '')) return [antecedent.holder];
      floor = at; // nothing qualifies
      break;
    }
  }
  const candidates = ctx.mentions.filter((m) => m.first >= floor && m.last < at);
  for (let k = candidates.length - 1; k >= 0; k--) {
    const m = candidates[k]!;
    const group = coordinated(ctx, m, text);
    // The group's first word after its determiners and modifiers ("of the long-standing X").
    let j = group[0]!.first - 1;
    while (j >= 0 && j > group[0]!.first - 5 && (toks[j]!.pos === 'DET' || toks[j]!.pos === 'ADJ' || toks[j]!.pos === 'NUM' || toks[j]!.lower === '-' || toks[j + 1]?.lower === '-')) j--;
    const before = toks[j];
    // "with X stressing ... and attacking the plans": X is the subject of the -ing verb.
    const absolute = before?.lower === 'with' && toks[at]!.pos === 'VERB' && toks[at]!.lower.endsWith('ing');
    if (before && preps.has(before.lower) && !absolute) continue;
    // An object ("urging X to wait"): a verb right before it ("President-elect X" excepted), unless
    // that verb is the reporting verb the search starts after ("said Labour was right to ...").
    // "urging X to abandon it": X is told to act, it holds nothing.
    if (before && before.pos === 'VERB' && toks[j - 1]?.lower !== '-' && (j >= floor || toks[m.last + 1]?.lower === 'to')) continue;
    const after = toks[m.last + 1];
    if (after && (after.lower === "'s" || after.lower === "'")) {
      // A possessive holds only a nominal cue right after it ("X's doubts").
      if (!(nominal && at - m.last <= 4)) continue;
    } else if (after && after.i < at && (after.pos === 'PROPN' || after.pos === 'NOUN') && !generic.has(after.lemma)) {
      continue; // a modifier ("the X Trade Minister", "a French ministry spokesman")
    }
    return dedupe(group.map((g) => g.holder));
  }
  // A personal pronoun subject ("He stressed"): the last person named before it.
  const pronouns = PERSON_PRONOUNS(lex);
  for (let i = at - 1; i >= floor; i--) {
    const t = toks[i]!;
    if (pronouns.has(t.lower) && (t.lower === 'he' || t.lower === 'she')) {
      const person = pronounAntecedent(ctx.persons ?? ctx.mentions, i, t.lower);
      return person ? [person] : [];
    }
  }
  return [];
}

/** "doubts ... from X": the source of a nominal cue, after it. */
function sourceAfter(ctx: HolderContext, hit: CueHit, sentenceEnd: number): Holder[] {
  const lex = ctx.lexicon ?? LEXICON;
  const sources = new Set(lex.sourcePrepositions);
  const { toks } = ctx;
  for (let i = hit.last + 1; i <= Math.min(sentenceEnd, hit.last + 7); i++) {
    if (!sources.has(toks[i]!.lower)) continue;
    const m = ctx.mentions.find((x) => x.first === i + 1 || (x.first === i + 2 && toks[i + 1]!.lower === 'the'));
    if (!m) continue;
    const group = [m];
    let cur = m;
    for (;;) {
      const next = ctx.mentions.find((x) => x.first > cur.last);
      if (!next) break;
      const gap = toks.slice(cur.last + 1, next.first).map((t) => t.lower).join(' ');
      if (!/^[\s,]*(and|or)?[\s,]*(the)?\s*$/.test(gap)) break;
      group.push(next);
      cur = next;
    }
    return dedupe(group.map((g) => g.holder));
  }
  return [];
}

function dedupe(hs: Holder[]): Holder[] {
  const seen = new Set<string>();
  return hs.filter((h) => (seen.has(h.entityId) ? false : (seen.add(h.entityId), true)));
}

/** Whether the words before `at` in the sentence name a generic source ("Experts", "analysts"). */
function genericSubject(ctx: HolderContext, from: number, at: number): boolean {
  const generic = new Set((ctx.lexicon ?? LEXICON).genericHolders);
  for (let i = from; i < at; i++) if (generic.has(ctx.toks[i]!.lemma) || generic.has(ctx.toks[i]!.lower)) return true;
  return false;
}

/** Attribute one cue of the sentence `[a, b]`. */
export function attribute(ctx: HolderContext, hit: CueHit, frames: ReportingFrame[], a: number, b: number): Attribution {
  const { toks } = ctx;
  const at = toks[hit.first]!;
  // 1. Inside a quote: its speaker.
  const quote = ctx.quotes.find((q) => at.start >= q.start && at.end <= q.end);
  if (quote) {
    const id = quote.speaker.entityId;
    if (id) {
      const e = ctx.entities.find((x) => x.id === id);
      const byId = new Map(ctx.entities.map((x) => [x.id, x]));
      const holder = e ? holderOf(e, byId) : { entityId: id, name: quote.speaker.name ?? nameFromId(id), type: id.split(':')[0]! };
      // The subject inside an indirect quote holds it too ("X said that Y is not ready").
      const qFirst = ctx.toks.find((t) => t.start >= quote.start)?.i ?? a;
      const inner = quote.kind === 'indirect' ? subjectOf(ctx, hit.first, Math.max(a, qFirst), hit.pos === 'NOUN').filter((h) => h.entityId !== holder.entityId) : [];
      // "<Organization> Chief Executive Ann Lee called it ...": the person speaks for the organization.
      const person = personInSpeaker(quote, e?.type);
      const speakers = person ? [{ holder, weight: 1 }, { holder: person, weight: 1 }] : [{ holder, weight: 1 }];
      return { holders: [...speakers, ...inner.map((h) => ({ holder: h, weight: 0.7 }))], quoteId: quote.id, authorWeight: 0 };
    }
    // "The union said ...": a speaker phrase that is a definite description of an organization
    // named before (see definiteOrganizations) is that organization.
    const sp = quote.speaker;
    if (sp.start !== undefined && sp.end !== undefined) {
      const named = ctx.mentions.find((m) => m.definite && toks[m.first]!.start >= sp.start! && toks[m.last]!.end <= sp.end!);
      if (named) return { holders: [{ holder: named.holder, weight: 1 }], quoteId: quote.id, authorWeight: 0 };
    }
    // "I fully support the plan" in the narration (an op-ed): the author's own view, in full.
    if (quote.kind === 'indirect' && FIRST_PERSON.has((quote.speaker.text ?? '').toLowerCase())) return { holders: [], quoteId: quote.id, authorWeight: 1 };
    return { holders: [], quoteId: quote.id, authorWeight: 0.3 };
  }
  // 2. A reporting verb before the cue: its subject holds it; the inner subject too, a bit less.
  const frame = [...frames].reverse().find((f) => f.last < hit.first);
  if (frame) {
    const reporters = subjectOf(ctx, frame.first, a, false);
    const inner = subjectOf(ctx, hit.first, frame.last + 1, hit.pos === 'NOUN');
    const holders = [
      ...reporters.map((holder) => ({ holder, weight: 1 })),
      ...inner.filter((h) => !reporters.some((r) => r.entityId === h.entityId)).map((holder) => ({ holder, weight: 0.7 })),
    ];
    // Framing: an affirming verb ("acknowledged", "showed") lets the author share the content a
    // little; a distancing one ("claimed", "alleged") sets the author slightly against it.
    const framing = frame.kind === 'affirm' ? 0.3 : frame.kind === 'distance' ? -0.2 : 0;
    if (holders.length) return { holders, authorWeight: framing };
    // "While expressing regret over ..., X said ...": the frame has no subject of its own; the
    // reporting clause after the content gives it.
    const after = trailingReporter(ctx, hit, frames, b);
    if (after.length) return { holders: after.map((holder) => ({ holder, weight: 1 })), authorWeight: 0 };
    return { holders: [], authorWeight: genericSubject(ctx, a, frame.first) ? 0.5 : frame.kind === 'distance' ? 0.3 : 0.7 };
  }
  // 2b. A reporting clause after the content (", X has said.", ", said Mr X."): its subject holds it.
  const trailing = trailingReporter(ctx, hit, frames, b);
  if (trailing.length) return { holders: trailing.map((holder) => ({ holder, weight: 1 })), authorWeight: 0 };
  // 3. "according to X, ..." is a frame too (listed as a reporting phrase); 4. the cue's own subject.
  const nominal = hit.pos === 'NOUN';
  // Passive with an agent ("is being pushed by lobbyists"): the agent, or no one named.
  if (hit.pos === 'VERB' && toks[hit.last + 1]?.lower === 'by') {
    const n = toks[hit.last + 2]?.lower === 'the' ? hit.last + 3 : hit.last + 2;
    const agent = ctx.mentions.find((m) => m.first === n);
    return agent ? { holders: [{ holder: agent.holder, weight: 1 }], authorWeight: 0 } : { holders: [], authorWeight: 0.5 };
  }
  const source = nominal ? sourceAfter(ctx, hit, b) : [];
  const holders = source.length ? source : subjectOf(ctx, hit.first, a, nominal);
  if (holders.length) return { holders: holders.map((holder) => ({ holder, weight: 1 })), authorWeight: 0 };
  return { holders: [], authorWeight: genericSubject(ctx, a, hit.first) ? 0.5 : 1 };
}

/**
 * The speaker of a reporting clause that follows the content, after a comma: "..., X has said."
 * (X between the comma and the verb) or "..., said Mr X." (X right after the verb). [] when the
 * sentence has none.
 */
export function trailingReporter(ctx: HolderContext, hit: Pick<CueHit, 'last'>, frames: ReportingFrame[], b: number): Holder[] {
  const { toks } = ctx;
  const frame = frames.find((f) => f.first > hit.last);
  if (!frame) return [];
  // The comma that closes the content, at most five tokens before the verb.
  let comma = -1;
  for (let i = frame.first - 1; i > hit.last && i >= frame.first - 6; i--)
    if (toks[i]!.lower === ',' || /^["\u201d]$/.test(toks[i]!.lower)) {
      comma = i;
      break;
    }
  if (comma < 0) return [];
  const before = ctx.mentions.filter((m) => m.first > comma && m.last < frame.first);
  if (before.length) return [before[before.length - 1]!.holder];
  const after = ctx.mentions.find((m) => m.first > frame.last && m.first <= frame.last + 3 && m.last <= b);
  return after ? [after.holder] : [];
}

const FEMALE = loadWordList('stance/female-names.txt').value;
/** Tokens back from the pronoun within which named persons compete on salience. */
const ANTECEDENT_WINDOW = 60;

/**
 * The person a "he"/"she" at token `at` refers to: among the persons named in the last
 * ANTECEDENT_WINDOW tokens before it, the most salient (most mentions so far in the document),
 * then the most recent; a first name listed as female (src/data/stance/female-names.txt) is not
 * "he". Undefined when no person was named before.
 */
export function pronounAntecedent(persons: readonly HolderMention[], at: number, pronoun: 'he' | 'she' | string): Holder | undefined {
  const before = persons.filter((m) => m.last < at && m.entityType === 'PERSON');
  if (!before.length) return undefined;
  const fits = (h: Holder) => {
    const first = h.name.split(/\s+/)[0]!.toLowerCase();
    return pronoun === 'he' ? !FEMALE.has(first) : true;
  };
  const latest = before[before.length - 1]!.last;
  const counts = new Map<string, { holder: Holder; n: number; last: number }>();
  for (const m of before) {
    const c = counts.get(m.holder.entityId) ?? { holder: m.holder, n: 0, last: -1 };
    c.n++;
    c.last = Math.max(c.last, m.last);
    counts.set(m.holder.entityId, c);
  }
  const near = [...counts.values()].filter((c) => c.last >= latest - ANTECEDENT_WINDOW && fits(c.holder));
  near.sort((x, y) => y.n - x.n || y.last - x.last);
  return near[0]?.holder;
}
