/** One document's stance analysis: statements, holders and the author's share, per target. */
import type { Proposal } from '../../config.js';
import type { AnalysisRecord, DocumentRecord, EntityRecord, QuoteRecord, StanceRecord } from '../../schema.js';
import { aggregate, type Contribution } from './aggregate.js';
import { attribute, holderMentions, type HolderContext } from './holders.js';
import { cueTable, LEXICON } from './lexicon.js';
import type { StanceOptions } from './options.js';
import { compile, scoreSentence, type Compiled } from './statements.js';
import { findTargetMentions, MENTION_WEIGHT, type TargetMention } from './targets.js';
import { makeView } from '../../nlp/doc-view.js';
import { tokensOf, type Tok } from './tokens.js';
import type { CueHit } from './statements.js';

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

export function analyzeDocument(input: StanceInput, proposals: readonly Proposal[], options: StanceOptions, trace?: StanceTrace): StanceRecord[] {
  const { document: doc, tokens: analysis } = input;
  const text = doc.text;
  const toks = tokensOf(makeView(doc, analysis));
  const targets = proposals.map((p) => p.name);
  const mentions = findTargetMentions(toks, proposals);
  const nameTokens = new Set<number>();
  const mentionTokens = new Set<number>();
  for (const m of mentions) for (let i = m.first; i <= m.last; i++) (m.kind === 'name' ? nameTokens : mentionTokens).add(i), mentionTokens.add(i);
  const blocked = (first: number, last: number) => {
    for (let i = first; i <= last; i++) if (nameTokens.has(i)) return true;
    return false;
  };
  const allMentions = holderMentions(toks, input.entities, blocked);
  const docCtx: HolderContext = {
    toks,
    mentions: allMentions,
    quotes: input.quotes,
    entities: input.entities,
    lexicon: LEXICON,
    persons: allMentions.filter((m) => m.entityType === 'PERSON'),
  };
  const holderTokens = new Set<number>();
  for (const m of allMentions) for (let i = m.first; i <= m.last; i++) holderTokens.add(i);
  const { compiled, subjectCues } = cuesFor(options.cueSets);
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
    if (options.topicScope === 'document') for (const t of targets) if (!relevance.has(t)) relevance.set(t, DOCUMENT_SCOPE_WEIGHT);
    if (relevance.size === 0) continue;
    const isTitle = titleParagraphs.has(para);
    // Holder mentions of this sentence only (keeps the work per cue local).
    const ctx: HolderContext = { ...docCtx, mentions: allMentions.filter((m) => m.first >= a && m.last <= b), quotes: input.quotes.filter((q) => q.end > start && q.start < end) };
    const { hits, frames } = scoreSentence(toks, a, b, compiled, mentionTokens, mentions.filter((m) => m.kind === 'name' && inSentence(m, a, b)));
    for (const hit of hits) {
      if (describesTarget(toks, hit, a, mentionTokens, holderTokens) && !subjectCues.has(hit.cue)) continue;
      const attribution = attribute(ctx, hit, frames, a, b);
      trace?.({ sentence: text.slice(start, end), cue: hit.cue, score: hit.score, negated: hit.negated, holders: attribution.holders.map((h) => `${h.holder.name}*${h.weight}`), authorWeight: attribution.authorWeight, relevance: Math.max(...relevance.values()) });
      for (const [target, weight] of relevance) {
        for (const h of attribution.holders) {
          contributions.push({ holder: h.holder, target, start, end, score: hit.score * weight * h.weight, ...(attribution.quoteId ? { quoteId: attribution.quoteId } : {}) });
        }
        if (attribution.authorWeight !== 0) {
          contributions.push({ holder: null, target, start, end, score: hit.score * weight * attribution.authorWeight * (isTitle ? options.titleWeight : 1) });
        }
      }
    }
    // The proposer supports it: "X's proposal", "X's idea for a <target>".
    const proposerNouns = new Set(LEXICON.proposerNouns);
    for (let i = a + 1; i < b; i++) {
      const t = toks[i]!;
      if (t.lower !== "'s" && t.lower !== "'") continue;
      let n = i + 1;
      if (toks[n] && toks[n]!.pos === 'ADJ' && n < b) n++;
      if (!proposerNouns.has(toks[n]?.lemma ?? '')) continue;
      const about = mentions.filter((m) => m.kind !== 'related' && ((m.first <= n && m.last >= n) || (m.first > n && m.first <= n + 3)));
      if (about.length === 0) continue;
      const owners = ctx.mentions.filter((m) => m.last === i - 1).map((m) => m.holder);
      for (const m of about) for (const holder of owners) contributions.push({ holder, target: m.target, start, end, score: PROPOSER_SCORE });
    }
  }
  return aggregate(doc.id, text, targets, contributions, options.neutralThreshold);
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
