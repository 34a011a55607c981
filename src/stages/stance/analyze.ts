/** One document's stance analysis: statements, holders and the author's share, per target. */
import type { Proposal } from '../../config.js';
import type { AnalysisRecord, DocumentRecord, EntityRecord, QuoteRecord, StanceRecord } from '../../schema.js';
import { aggregate, type Contribution } from './aggregate.js';
import { attribute, holderMentions, subjectOf, trailingReporter, type Holder, type HolderContext } from './holders.js';
import { cueTable, LEXICON } from './lexicon.js';
import { neutralThresholdOf, type StanceOptions } from './options.js';
import { clauses, compile, scoreSentence, type Compiled } from './statements.js';
import { ANCHORS, findActs, notACue, reportsOnly, type ActHit } from './acts.js';

/** Cues that judge a proposal with it as their subject (anchors.json `predicateCues`: "would not work"). */
const PREDICATE_CUES = new Set(ANCHORS.predicateCues);
import { anchorConfidence, isProposition, QUOTED_CONTINUATION_CONFIDENCE, MIN_STATEMENT_CONFIDENCE, ownersOf, reportShare, REPORT_SHARE, ACT_CONFIDENCE, ACT_SCORE, NEAR_CONFIDENCE, NEGATED_ACT_CONFIDENCE, OWNER_CONFIDENCE, OWNER_SCORE } from './anchor.js';
import type { StanceOut } from './aggregate.js';
import { nameUnlinkedSpeakers, resolveDescriptorSpeakers } from './descriptors.js';
import { findTargetMentions, MENTION_WEIGHT, type TargetMention } from './targets.js';
import { makeView } from '../../nlp/doc-view.js';
import { tokensOf, type Tok } from './tokens.js';
import type { CueHit, ReportingFrame } from './statements.js';
import { loadWordList } from '../../io/data.js';

const SPEAKER_PRONOUNS = loadWordList('stance/speaker-pronouns.txt').value;
const MODALS = loadWordList('stance/modals.txt').value;
const BE_FORMS = loadWordList('stance/be-forms.txt').value;
const NEGATORS = loadWordList('stance/negators.txt').value;
const ANAPHORIC_DETERMINERS = loadWordList('stance/anaphoric-determiners.txt').value;
const MENTION_POSSESSIVES = loadWordList('stance/mention-possessives.txt').value;
const EVALUATION_LINKS = loadWordList('stance/evaluation-links.txt').value;

export interface StanceInput {
  document: DocumentRecord;
  tokens: AnalysisRecord;
  entities: readonly EntityRecord[];
  quotes: readonly QuoteRecord[];
}

/** Weight of a statement that refers to no target but follows one that does (same paragraph). */
const CONTINUATION_WEIGHT = 0.5;
/** Weight of any sentence under `topicScope: document`. */
const DOCUMENT_SCOPE_WEIGHT = 0.5;
/** Nouns of the proposer rule (cues.json `proposerNouns`). */
const PROPOSER_NOUNS = new Set(LEXICON.proposerNouns);
/** Score of the proposer rule ("X's proposal", "X's idea for ..."). */
const PROPOSER_SCORE = 0.6;

/** A debugging view of each scored cue (tests and the dev script use it). */
export type StanceTrace = (info: { sentence: string; cue: string; score: number; negated: boolean; holders: string[]; authorWeight: number; relevance: number }) => void;

/** The compiled cue table of a choice of cue sets: built once per worker, not per document. */
const compiledCues = new Map<string, { compiled: Compiled; subjectCues: Set<string> }>();
function cuesFor(cueSets: readonly string[]): { compiled: Compiled; subjectCues: Set<string> } {
  const key = cueSets.join('\u0000');
  let cues = compiledCues.get(key);
  if (!cues) {
    cues = {
      compiled: compile(cueTable(cueSets)),
      // Cues that judge a proposition even with it as their subject ("X will cause harm").
      subjectCues: new Set(cueSets.filter((x) => LEXICON.targetSubjectSets.includes(x)).flatMap((x) => Object.keys(LEXICON.cues[x] ?? {}))),
    };
    compiledCues.set(key, cues);
  }
  return cues;
}

/**
 * The cue sets in the order their tables are merged (a later set's score wins for a cue in two
 * sets). For proposals only, `policy` goes last: a word that affirms a concern judges a proposal
 * the other way ("would be a disaster" is support in the concern set, opposition in policy), so
 * adding the concern cues to a proposal must not reverse its polarity. With a proposition, the
 * configured order stands (concern after policy by default).
 */
export function cueSetOrder(sets: readonly string[], anyProposition: boolean): string[] {
  if (anyProposition || !sets.includes('policy')) return [...sets];
  return [...sets.filter((s) => s !== 'policy'), 'policy'];
}

export function analyzeDocument(input: StanceInput, proposals: readonly Proposal[], options: StanceOptions, trace?: StanceTrace): StanceOut[] {
  const { document: doc, tokens: analysis } = input;
  // "..., the <state> Republican said": the person just named, not the place (descriptors.ts).
  const quotes = nameUnlinkedSpeakers(resolveDescriptorSpeakers(input.quotes, input.entities));
  const text = doc.text;
  const toks = tokensOf(makeView(doc, analysis));
  const targets = proposals.map((p) => p.name);
  // Tokens of named entities: a partial name must not take in someone else's ("<Other party>'s plans").
  const named = new Set<number>();
  const unblockedMentions = holderMentions(toks, input.entities, () => false);
  for (const m of unblockedMentions) for (let i = m.first; i <= m.last; i++) named.add(i);
  const anchoredProposals = proposals.filter((p) => !isProposition(p, options));
  const mentions = findTargetMentions(toks, proposals, LEXICON, named, anchoredProposals.length === proposals.length);
  const nameTokens = new Set<number>();
  const mentionTokens = new Set<number>();
  for (const m of mentions) for (let i = m.first; i <= m.last; i++) (m.kind === 'name' ? nameTokens : mentionTokens).add(i), mentionTokens.add(i);
  const blocked = (first: number, last: number) => {
    for (let i = first; i <= last; i++) if (nameTokens.has(i)) return true;
    return false;
  };
  // Reporters, correspondents and analysts describe others' stances: they hold none of their own.
  const entityById = new Map(input.entities.map((e) => [e.id, e]));
  const holdsNone = (first: number, entityId: string) => reportsOnly(entityById.get(entityId)?.titles ?? [], toks.slice(Math.max(0, first - 3), first));
  const allMentions = holderMentions(toks, input.entities, blocked).filter((m) => !holdsNone(m.first, m.holder.entityId));
  // Owners inside a configured name ("<Person>'s asylum plans") are not blocked here.
  const ownerMentions = unblockedMentions.filter((m) => !holdsNone(m.first, m.holder.entityId));
  // Proposals (noun phrases) are anchored: stance only where it applies to a reference to them.
  // Propositions (clauses) keep the topical scope (see anchor.ts).
  const proposalTargets = new Set(anchoredProposals.map((p) => p.name));
  const docCtx: HolderContext = {
    toks,
    mentions: allMentions,
    quotes,
    entities: input.entities,
    lexicon: LEXICON,
    persons: allMentions.filter((m) => m.entityType === 'PERSON'),
  };
  const holderTokens = new Set<number>();
  for (const m of allMentions) for (let i = m.first; i <= m.last; i++) holderTokens.add(i);
  // Defaults that depend on what the targets are (options.ts): propositions add the concern cues
  // and take every sentence of the document in scope.
  const anyProposition = anchoredProposals.length < proposals.length;
  const { compiled, subjectCues } = cuesFor(cueSetOrder(options.cueSets ?? (anyProposition ? ['policy', 'concern'] : ['policy']), anyProposition));
  const topicScope = options.topicScope ?? (anyProposition ? 'document' : 'mention');
  const paragraphOf = (offset: number): number => {
    // Paragraphs are in text order: binary search.
    let lo = 0;
    let hi = doc.paragraphs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = doc.paragraphs[mid]!;
      if (offset < p.start) hi = mid - 1;
      else if (offset >= p.end) lo = mid + 1;
      else return mid;
    }
    return -1;
  };
  const titleParagraphs = new Set(doc.paragraphs.flatMap((p, i) => (p.kind === 'title' ? [i] : [])));
  const contributions: Contribution[] = [];
  const sentences = analysis.sentenceTokens;
  const inSentence = (m: TargetMention, a: number, b: number) => m.first >= a && m.last <= b;
  for (let s = 0; s < sentences.length; s++) {
    const [a, b] = sentences[s]!;
    // Defensive: a malformed range (empty text) carries no statement.
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < a || b >= toks.length) continue;
    const start = toks[a]!.start;
    const end = toks[b]!.end;
    const para = paragraphOf(start);
    // Relevance of this statement to each target.
    const relevance = new Map<string, number>();
    for (const m of mentions) if (inSentence(m, a, b)) relevance.set(m.target, Math.max(relevance.get(m.target) ?? 0, MENTION_WEIGHT[m.kind]));
    if (s > 0) {
      const [pa, pb] = sentences[s - 1]!;
      if (toks[pa] && toks[pb] && paragraphOf(toks[pa]!.start) === para) {
        for (const m of mentions) if (inSentence(m, pa, pb) && m.kind !== 'related' && !relevance.has(m.target)) relevance.set(m.target, CONTINUATION_WEIGHT);
      }
    }
    if (topicScope === 'document') for (const t of targets) if (!relevance.has(t) && (options.topicScope === 'document' || !proposalTargets.has(t))) relevance.set(t, DOCUMENT_SCOPE_WEIGHT);
    if (relevance.size === 0) continue;
    const isTitle = titleParagraphs.has(para);
    // Holder mentions of this sentence only (keeps the work per cue local).
    const ctx: HolderContext = { ...docCtx, mentions: allMentions.filter((m) => m.first >= a && m.last <= b), quotes: quotes.filter((q) => q.end > start && q.start < end) };
    const { hits, frames } = scoreSentence(toks, a, b, compiled, mentionTokens, mentions.filter((m) => m.kind === 'name' && inSentence(m, a, b)));
    const referring = mentions.filter((m) => m.kind !== 'related' && inSentence(m, a, b));
    const parts = clauses(toks, a, b, compiled.breaks);
    // Acts on the proposal ("voted against the bill", "the tariffs imposed by X").
    const acts = findActs(toks, a, b, referring.filter((m) => proposalTargets.has(m.target)));
    const actTokens = new Set<number>();
    for (const act of acts) {
      for (let i = act.first; i <= act.last; i++) actTokens.add(i);
      if (act.inner) for (let i = act.inner.first; i <= act.inner.last; i++) actTokens.add(i);
      if (act.sign === 0) continue; // "called for it to be reviewed": asks for something else
      const negated = negatedAt(toks, act.first, parts, compiled);
      const score = act.sign * ACT_SCORE * (negated ? -0.8 : 1);
      const asHit = { first: act.first, last: act.last, cue: act.key, base: act.sign, score, negated, pos: toks[act.last]!.pos === 'NOUN' ? 'NOUN' : 'VERB' };
      if (conditionalAct(toks, act, parts, b, compiled)) {
        // "X will take measures if the tariffs are imposed": a countermeasure threatened against it.
        const counter = act.sign > 0 ? countermeasureBefore(toks, act, a, referring) : -1;
        if (counter >= 0) {
          const ev = { first: counter, last: counter, cue: toks[counter]!.lemma, base: -1, score: -EVALUATION_SCORE, negated: false, pos: toks[counter]!.pos === 'NOUN' ? 'NOUN' : 'VERB' };
          const attribution = attribute(ctx, ev, frames, a, b);
          trace?.({ sentence: text.slice(start, end), cue: `counters-act:${ev.cue}`, score: ev.score, negated: false, holders: attribution.holders.map((h) => h.holder.name), authorWeight: 0, relevance: 1 });
          for (const h of attribution.holders)
            contributions.push({ holder: h.holder, target: act.mention.target, start, end, score: ev.score * h.weight, confidence: NEAR_CONFIDENCE, rule: 'act', ...(attribution.quoteId ? { quoteId: attribution.quoteId } : {}) });
        }
        continue; // "if the tariffs are imposed", "would lift them when ..."
      }
      // "does not support it" opposes it; "did not oppose it" is not support: an act against the
      // proposal, negated, sits below the abstention line (NEGATED_ACT_CONFIDENCE), so no record.
      if (negated && act.sign < 0 && NEGATED_ACT_CONFIDENCE < MIN_STATEMENT_CONFIDENCE) continue;
      if (act.sign > 0 && ownPlan(toks, act.mention)) continue; // "unveil his plans": whose plans is unclear
      const { holders, quoteId } = actHolders(ctx, act, frames, a, b);
      // "it is good that X has rejected it": whoever judges the act holds the product of the signs.
      const judged = actEvaluation(toks, act, a, hits);
      if (judged) {
        const ev = { first: judged.at, last: judged.at, cue: toks[judged.at]!.lower, base: judged.sign, score: 0, negated: negatedAt(toks, judged.at, parts, compiled), pos: toks[judged.at]!.pos === 'NOUN' ? 'NOUN' : 'ADJ' };
        ev.score = judged.sign * act.sign * EVALUATION_SCORE * (ev.negated ? -1 : 1);
        const attribution = attribute(ctx, ev, frames, a, b);
        trace?.({ sentence: text.slice(start, end), cue: `judges-act:${ev.cue}`, score: ev.score, negated: ev.negated, holders: attribution.holders.map((h) => h.holder.name), authorWeight: 0, relevance: 1 });
        for (const h of attribution.holders)
          if (!holders.some((x) => x.entityId === h.holder.entityId))
            contributions.push({ holder: h.holder, target: act.mention.target, start, end, score: ev.score * h.weight, confidence: NEAR_CONFIDENCE, rule: 'act', ...(attribution.quoteId ? { quoteId: attribution.quoteId } : {}) });
      }
      trace?.({ sentence: text.slice(start, end), cue: `act:${act.key}`, score, negated, holders: holders.map((h) => h.name), authorWeight: 0, relevance: 1 });
      for (const holder of holders)
        contributions.push({ holder, target: act.mention.target, start, end, score, confidence: ACT_CONFIDENCE, rule: 'act', ...(quoteId ? { quoteId } : {}) });
    }
    // "<target> is against the rules": a judgement of it, held by whoever says so.
    for (const m of referring) {
      if (!proposalTargets.has(m.target)) continue;
      const against = againstNorm(toks, m.last + 1, b);
      if (against < 0) continue;
      const ev = { first: against, last: against, cue: 'against', base: -1, score: -AGAINST_NORM_SCORE, negated: negatedAt(toks, against, parts, compiled), pos: 'ADP' };
      if (ev.negated) continue; // "is not against the rules" is no support either
      const attribution = attribute(ctx, ev, frames, a, b);
      trace?.({ sentence: text.slice(start, end), cue: 'against-norm', score: ev.score, negated: false, holders: attribution.holders.map((h) => h.holder.name), authorWeight: attribution.authorWeight, relevance: 1 });
      for (const h of attribution.holders)
        contributions.push({ holder: h.holder, target: m.target, start, end, score: ev.score * h.weight, confidence: NEAR_CONFIDENCE, rule: 'cue', ...(attribution.quoteId ? { quoteId: attribution.quoteId } : {}) });
    }
    const subjectSide = subjectSideCues(toks, hits, parts);
    for (const hit of hits) {
      if (describesTarget(toks, hit, a, mentionTokens, holderTokens) && !subjectCues.has(hit.cue) && !PREDICATE_CUES.has(hit.cue)) continue;
      const anchoredTargets = [...relevance.keys()].some((t) => proposalTargets.has(t));
      if (subjectSide.has(hit)) continue;
      if (anchoredTargets && (notACue(toks, hit.first, hit.last, hit.cue) || actTokens.has(hit.first))) continue;
      // An evaluation of an act on the target ("right to reject the plans", "good that X rejected
      // them") is a stance toward the target with the product of the two signs.
      const actAfter = acts.find((x) => x.sign !== 0 && x.first > hit.last && x.first - hit.last <= 8 && toks.slice(hit.first + 1, x.first).some((t) => t.lower === 'that' || t.lower === 'to'));
      if (actAfter) hit.score = Math.abs(hit.score) * Math.sign(hit.score) * actAfter.sign;
      const attribution = attribute(ctx, hit, frames, a, b);
      trace?.({ sentence: text.slice(start, end), cue: hit.cue, score: hit.score, negated: hit.negated, holders: attribution.holders.map((h) => `${h.holder.name}*${h.weight}`), authorWeight: attribution.authorWeight, relevance: Math.max(...relevance.values()) });
      for (const [target, weight] of relevance) {
        const anchored = proposalTargets.has(target);
        // "his plans" may be anyone's plan: it does not anchor a cue.
        let confidence = anchored ? anchorConfidence(hit, referring.filter((m) => m.target === target && !ownPlan(toks, m)), parts) : undefined;
        // The proposal as the sentence's subject, the cue its predicate ("<target> to ... would not work"): near.
        if (confidence !== undefined && confidence < NEAR_CONFIDENCE && PREDICATE_CUES.has(hit.cue) && referring.some((m) => m.target === target && m.first <= a + 1)) confidence = NEAR_CONFIDENCE;
        if (confidence !== undefined && weight === CONTINUATION_WEIGHT && attribution.quoteId) confidence = QUOTED_CONTINUATION_CONFIDENCE;
        if (confidence !== undefined && confidence < MIN_STATEMENT_CONFIDENCE) continue; // abstain: not tied to the proposal
        for (const h of attribution.holders) {
          contributions.push({ holder: h.holder, target, start, end, score: hit.score * weight * h.weight, confidence, rule: 'cue', ...(attribution.quoteId ? { quoteId: attribution.quoteId } : {}) });
        }
        if (attribution.authorWeight !== 0) {
          contributions.push({ holder: null, target, start, end, score: hit.score * weight * attribution.authorWeight * (isTitle ? options.titleWeight : 1), confidence, rule: 'cue' });
        }
      }
    }
    // The proposer supports it: "his <target>", "X's <target>", "<Owner> <target>".
    for (const m of referring) {
      if (!proposalTargets.has(m.target)) continue;
      for (const holder of ownersOf(toks, m, ownerMentions, docCtx.persons ?? [], LEXICON.prepositions)) {
        trace?.({ sentence: text.slice(start, end), cue: 'owner', score: OWNER_SCORE, negated: false, holders: [holder.name], authorWeight: 0, relevance: 1 });
        contributions.push({ holder, target: m.target, start, end, score: OWNER_SCORE, confidence: OWNER_CONFIDENCE, rule: 'owner' });
      }
    }
    // The proposer supports it: "X's proposal", "X's idea for a <target>".
    for (let i = a + 1; i < b; i++) {
      const t = toks[i]!;
      if (t.lower !== "'s" && t.lower !== "'") continue;
      let n = i + 1;
      if (toks[n] && toks[n]!.pos === 'ADJ' && n < b) n++;
      if (!PROPOSER_NOUNS.has(toks[n]?.lemma ?? '')) continue;
      const about = mentions.filter((m) => m.kind !== 'related' && ((m.first <= n && m.last >= n) || (m.first > n && m.first <= n + 3)));
      if (about.length === 0) continue;
      const owners = ctx.mentions.filter((m) => m.last === i - 1).map((m) => m.holder);
      for (const m of about) for (const holder of owners) contributions.push({ holder, target: m.target, start, end, score: PROPOSER_SCORE, confidence: OWNER_CONFIDENCE, rule: 'proposer' });
    }
  }
  const records = aggregate(doc.id, text, targets, contributions, neutralThresholdOf(options, anyProposition));
  // A straight news report (most sentences carry someone's words) has no stance of its own.
  const share = reportShare(doc, input.quotes);
  for (const r of records) {
    if (r.holder !== null || !proposalTargets.has(r.target)) continue;
    r.voice = share >= REPORT_SHARE ? 'report' : 'own';
    if (r.voice === 'report') {
      r.label = 'neutral';
      r.score = 0;
    }
  }
  return records;
}

/**
 * Who performs an act on the target: a passive's agent; else the act's own subject, found after
 * any reporting verb ("X said Y would scrap it": Y, not X) and inside a quote; else, in a quote
 * whose words are the speaker's own ("we will vote against it"), the speaker. Reporting someone
 * else's act is no stance of the reporter's.
 */
function actHolders(ctx: HolderContext, act: ActHit, frames: ReportingFrame[], a: number, b: number): { holders: Holder[]; quoteId?: string } {
  const { toks } = ctx;
  if (act.agentAt === -2) {
    // "<target> must be applied": the speaker of the quote it is in, or whoever the statement is attributed to.
    const at = toks[act.first]!;
    const quote = ctx.quotes.find((q) => at.start >= q.start && at.end <= q.end && q.speaker.entityId);
    const e = quote ? ctx.entities.find((x) => x.id === quote.speaker.entityId) : undefined;
    if (e) return { holders: [{ entityId: e.id, name: e.name, type: e.type }], quoteId: quote!.id };
    const frame = [...frames].reverse().find((f) => f.last < act.first);
    if (frame) return { holders: subjectOf(ctx, frame.first, a, false) };
    return { holders: trailingReporter(ctx, act, frames, b) };
  }
  if (act.agentAt >= 0) {
    // The agent's name may follow a title or two ("by President X", "by the chairman, X").
    const agent = ctx.mentions.find((m) => m.first >= act.agentAt && m.first <= act.agentAt + 3 && !toks.slice(act.agentAt, m.first).some((t) => t.pos === 'VERB'));
    return { holders: agent ? [agent.holder] : [] };
  }
  const at = toks[act.first]!;
  const quote = ctx.quotes.find((q) => at.start >= q.start && at.end <= q.end);
  const frame = [...frames].reverse().find((f) => f.last < act.first);
  let floor = Math.max(a, frame ? frame.last + 1 : a);
  if (quote) floor = Math.max(floor, toks.find((t) => t.start >= quote.start)?.i ?? a);
  // "X urged the council to drop it": the one who asks for the act holds it.
  if (act.askedAt !== undefined && act.askedAt >= 0) {
    // The asking verb may itself read as a reporting verb ("urged"): its subject is searched from
    // the last frame before it, not from the frame it opens.
    const askedAt = act.askedAt;
    const outer = [...frames].reverse().find((f) => f.last < askedAt);
    let from = Math.max(a, outer ? outer.last + 1 : a);
    // A quote that starts after the asking verb is what was asked ("urged X to drop it"), not the floor.
    const quoteFirst = quote ? (toks.find((t) => t.start >= quote.start)?.i ?? a) : a;
    if (quoteFirst <= askedAt) from = Math.max(from, quoteFirst);
    const asker = subjectOf(ctx, askedAt, from, false);
    // "X said ... and called on the council to scrap it": the asking is coordinated with the reporting verb.
    if (asker.length === 0 && outer && toks[askedAt - 1]?.lower === 'and') return { holders: subjectOf(ctx, outer.first, a, false) };
    return { holders: asker, ...(quote ? { quoteId: quote.id } : {}) };
  }
  // "America's decision to impose it": the act belongs to the noun's owner, else to no one named
  // (the sentence's subject or speaker may be judging someone else's decision).
  const nounComplement = toks[act.first - 1]?.lower === 'to' && toks[act.first - 2]?.pos === 'NOUN';
  if (nounComplement) {
    const poss = toks[act.first - 3]?.lower === "'s" || toks[act.first - 3]?.lower === "'" ? act.first - 4 : -1;
    const owner = poss >= 0 ? ctx.mentions.find((m) => m.last === poss) : undefined;
    return { holders: owner ? [owner.holder] : [] };
  }
  const subject = subjectOf(ctx, act.first, floor, toks[act.last]!.pos === 'NOUN');
  if (subject.length) return { holders: subject, ...(quote ? { quoteId: quote.id } : {}) };
  // "X said ... and attacked the plans": the act is coordinated with the reporting verb.
  if (frame && !quote && toks[act.first - 1]?.lower === 'and') {
    const reporter = subjectOf(ctx, frame.first, a, false);
    if (reporter.length) return { holders: reporter };
  }
  // Reported speech whose act has no subject of its own ("He is proposing X but would avoid the
  // plans"): the speaker's, unless another noun is the subject of a verb before the act.
  if (quote?.kind === 'indirect' && quote.speaker.entityId) {
    let other = false;
    for (let i = floor; i < act.first; i++) {
      const t = toks[i]!;
      const next = toks[i + 1];
      if ((t.pos === 'NOUN' || t.pos === 'PROPN' || (t.pos === 'PRON' && !SPEAKER_PRONOUNS.has(t.lower))) && next && (next.pos === 'AUX' || next.pos === 'VERB')) other = true;
    }
    const e = ctx.entities.find((x) => x.id === quote.speaker.entityId);
    if (!other && e) return { holders: [{ entityId: e.id, name: e.name, type: e.type }], quoteId: quote.id };
  }
  // "with X stressing ... and attacking the plans": an -ing act coordinated inside X's reported words.
  if (quote?.kind === 'indirect' && quote.speaker.entityId && toks[act.first - 1]?.lower === 'and' && toks[act.first]!.lower.endsWith('ing')) {
    const e = ctx.entities.find((x) => x.id === quote.speaker.entityId);
    if (e) return { holders: [{ entityId: e.id, name: e.name, type: e.type }], quoteId: quote.id };
  }
  // "..., X has said." after the act, unless the act is a noun's complement ("the decision to
  // impose it": someone's decision, which the speaker may be judging).
  if (!quote) {
    const trailing = trailingReporter(ctx, act, frames, b);
    if (trailing.length) return { holders: trailing };
  }
  if (quote?.speaker.entityId) {
    const firstPerson = toks.slice(floor, act.first).some((t) => /^(i|we)$/.test(t.lower));
    const e = ctx.entities.find((x) => x.id === quote.speaker.entityId);
    if (firstPerson && e) return { holders: [{ entityId: e.id, name: e.name, type: e.type }], quoteId: quote.id };
  }
  return { holders: [] };
}

/** Score of a judgement of an act on the proposal ("good that X rejected it"): a cue's strength, below an act's own. */
const EVALUATION_SCORE = 0.5;
const ACT_EVALUATIONS = new Map(Object.entries(ANCHORS.actEvaluations));

/**
 * A word that judges the act and introduces it (anchors.json `actEvaluations`): at most 6 tokens
 * before the act in its sentence, with "that", "to" or "for" between ("good that Labour has
 * rejected", "a mistake to drop", "wise for them to scrap"), not itself a cue hit (the cue loop
 * already multiplies those by the act's sign). Returns its token index and sign, or undefined.
 */
function actEvaluation(toks: Tok[], act: ActHit, a: number, hits: readonly CueHit[]): { at: number; sign: number } | undefined {
  for (let i = act.first - 2; i >= Math.max(a, act.first - 6); i--) {
    const sign = ACT_EVALUATIONS.get(toks[i]!.lower);
    if (!sign) continue;
    if (hits.some((h) => h.first <= i && h.last >= i)) return undefined;
    const between = toks.slice(i + 1, act.first);
    if (!between.some((t) => EVALUATION_LINKS.has(t.lower))) return undefined;
    // Another verb's clause between them ("good news that shows ...") breaks the link.
    if (between.some((t) => t.pos === 'VERB')) return undefined;
    return { at: i, sign };
  }
  return undefined;
}

/** Score of "<target> is against the rules": a plain negative judgement (like "violate", -0.6 in cues.json). */
const AGAINST_NORM_SCORE = 0.6;
const NORMS = new Set(ANCHORS.norms);

/**
 * "<target> is/are/was/were/would be against the <norm>" right after a reference to the proposal
 * (anchors.json `norms`: rules, law, spirit, principle, ...; up to three words between "the" and
 * the norm: "against the free trade system"). Returns the token index of "against", or -1.
 * "against Japan" (whom it is aimed at) is no judgement.
 */
function againstNorm(toks: Tok[], from: number, b: number): number {
  let i = from;
  if (MODALS.has(toks[i]?.lower ?? '') && i < b) i++;
  if (!BE_FORMS.has(toks[i]?.lower ?? '') || i >= b) return -1;
  i++;
  if (toks[i]?.lower !== 'against' || toks[i + 1]?.lower !== 'the') return -1;
  for (let k = i + 2; k <= Math.min(b, i + 5); k++) {
    const t = toks[k]!;
    if (NORMS.has(t.lemma) || NORMS.has(t.lower)) return i;
    if (!/^(NOUN|ADJ|PROPN)$/.test(t.pos) && t.lower !== '-') return -1;
  }
  return -1;
}

const COUNTERMEASURES = new Set(ANCHORS.countermeasures);
const THREAT_CONDITIONS = loadWordList('stance/threat-conditions.txt').value;

/**
 * A countermeasure threatened for when the proposal goes ahead: the act (for it) sits in a clause
 * opened by "if", "should" or "once", and the words before that condition in the sentence hold a
 * countermeasure (anchors.json `countermeasures`: "take measures", "retaliate"; "take X to court") that is neither a
 * reference to the proposal itself (related terms do not count as references) ("if these measures are taken") nor negated. Returns its token
 * index, or -1.
 */
function countermeasureBefore(toks: Tok[], act: ActHit, a: number, referring: readonly TargetMention[]): number {
  let cond = -1;
  for (let i = act.first - 1; i >= a && i >= act.first - 8; i--) if (THREAT_CONDITIONS.has(toks[i]!.lower)) { cond = i; break; }
  if (cond < 0) return -1;
  for (let i = cond - 1; i >= a && i >= cond - 25; i--) {
    const t = toks[i]!;
    if (referring.some((m) => m.first <= i && m.last >= i)) return -1;
    // "take X to court", "take them to <a tribunal>": a legal challenge.
    const challenge = t.lemma === 'take' && toks.slice(i + 2, Math.min(cond, i + 7)).some((u, k, arr) => u.lower === 'to' && (arr[k + 1]?.pos === 'PROPN' || arr[k + 1]?.lower === 'court' || arr[k + 2]?.lower === 'court'));
    if (challenge || COUNTERMEASURES.has(t.lemma) || COUNTERMEASURES.has(t.lower)) {
      for (let j = Math.max(a, i - 4); j < i; j++) if (NEGATORS.has(toks[j]!.lower)) return -1;
      // "these measures", "such steps": a reference back to something, maybe the proposal itself.
      if (ANAPHORIC_DETERMINERS.has(toks[i - 1]?.lower ?? '')) return -1;
      return i;
    }
  }
  return -1;
}

const CONDITIONS = loadWordList('stance/act-conditions.txt').value;

/** An act under a condition: in a clause opened by "if/unless/when...", or an act against it followed by one ("lift them once ..."). */
function conditionalAct(toks: Tok[], act: ActHit, parts: Array<[number, number]>, b: number, c: Compiled): boolean {
  void c;
  const k = parts.findIndex(([f, l]) => act.first >= f && act.first <= l);
  for (let j = parts[k]?.[0] ?? act.first; j < act.first; j++) if (CONDITIONS.has(toks[j]!.lower)) return true;
  if (act.sign < 0) for (let j = act.last + 1; j <= b; j++) if (CONDITIONS.has(toks[j]!.lower)) return true;
  return false;
}

const COPULAS = /^(is|are|was|were|be|been|being|'s|seems?|seemed|looks?|looked|remains?|remained|appears?|appeared)$/;

/**
 * Cues in the subject of a clause whose predicate is itself a cue ("the benefit of promoting it is
 * highly limited", "even a proposal would be helpful"): the predicate says what the clause holds;
 * the subject's words name what is judged.
 */
function subjectSideCues(toks: Tok[], hits: readonly CueHit[], parts: ReadonlyArray<[number, number]>): Set<CueHit> {
  const out = new Set<CueHit>();
  for (const [f, l] of parts) {
    let copula = -1;
    for (let i = f; i <= l; i++)
      if (COPULAS.test(toks[i]!.lower) && (toks[i]!.pos === 'AUX' || toks[i]!.pos === 'VERB')) {
        copula = i;
        break;
      }
    if (copula < 0) continue;
    const predicate = hits.some((h) => h.first > copula && h.first <= copula + 4 && h.first <= l);
    if (!predicate) continue;
    for (const h of hits) if (h.first >= f && h.last < copula) out.add(h);
  }
  return out;
}

/** A generic noun after a possessive pronoun ("his plans"): the actor's own plan, maybe not the target. */
function ownPlan(toks: Tok[], m: TargetMention): boolean {
  if (m.kind !== 'anaphora' || m.specific || !LEXICON.anaphora.nouns.includes(toks[m.last]!.lemma)) return false;
  for (let i = Math.max(0, m.first - 1); i < m.last; i++) if (MENTION_POSSESSIVES.has(toks[i]!.lower)) return true;
  return false;
}

/** Is the word at `at` negated: a negator or a negative implicative earlier in its clause, at most four tokens before? */
function negatedAt(toks: Tok[], at: number, parts: Array<[number, number]>, c: Compiled): boolean {
  const clause = parts.find(([f, l]) => at >= f && at <= l) ?? [at, at];
  let negated = false;
  for (let j = Math.max(clause[0], at - 4); j < at; j++) {
    const n = c.negators.find(toks, j, at - 1);
    if (n) {
      negated = !negated;
      j += n.length - 1;
    }
  }
  for (let j = clause[0]; j < at; j++) if ((c.implicatives.find(toks, j, at - 1)?.sign ?? 0) < 0) negated = !negated;
  return negated;
}


/**
 * Cues that describe the target rather than judge it: an attributive "proposed" ("the proposed
 * pact"), or a verb whose subject is the target itself ("the pact would deter
 * aggression", "it admits every member").
 */
function describesTarget(toks: Tok[], hit: CueHit, a: number, mentionTokens: Set<number>, holderTokens: Set<number>): boolean {
  const head = toks[hit.last]!;
  if (head.lower === 'proposed') {
    let n = hit.last + 1;
    while (toks[n] && (toks[n]!.pos === 'ADJ' || /^["'\u201c\u2018]$/.test(toks[n]!.lower)) && n - hit.last < 3) n++;
    if (mentionTokens.has(n)) return true;
  }
  if (head.pos !== 'VERB') return false;
  for (let i = hit.first - 1; i >= a; i--) {
    if (holderTokens.has(i)) return false;
    if (mentionTokens.has(i)) {
      const before = toks[i - 1];
      return !(before && LEXICON.prepositions.includes(before.lower));
    }
    if (toks[i]!.lower === ',' || toks[i]!.lower === ';') return false;
  }
  return false;
}
