/**
 * Anchoring a statement to the proposal, and how sure the tie is.
 *
 * A proposal is a noun phrase ("four-day week"); a proposition is a clause ("climate change is a
 * serious concern"). For a proposal, a cue bears stance only when it applies to a reference to it
 * (its name, an alias, a resolved anaphor such as "the plans" or "it"): the nearer, the surer.
 * Subject-matter words ("related" terms) and sentences that merely follow a mention carry none.
 * For a proposition, a statement is in scope when it names the topic or argues its content, so
 * the topical scope of the cue rules is kept (see analyze.ts).
 *
 * Figures: confidences are ordinal choices (an act on the target is surer than a cue in its
 * clause, which is surer than a cue elsewhere in its sentence); MIN_STATEMENT_CONFIDENCE lets
 * through a cue in or near the clause that refers to the target, not one elsewhere in its sentence. REPORT_SHARE (0.5) was chosen by
 * looking at the seeds and both real-world dev sets (no held-out split): the seeds' opinion
 * pieces have 29-42% of their sentences inside quotes or reported speech, the dev sets' straight
 * news reports 39-100% (median 73%).
 */
import type { Proposal } from '../../config.js';
import type { DocumentRecord, QuoteRecord } from '../../schema.js';
import { pronounAntecedent, type Holder, type HolderMention } from './holders.js';
import { LEXICON } from './lexicon.js';
import type { StanceOptions } from './options.js';
import type { CueHit } from './statements.js';
import type { TargetMention } from './targets.js';
import type { Tok } from './tokens.js';

/** Statements tied to a proposal less surely than this are left out (abstain). */
export const MIN_STATEMENT_CONFIDENCE = 0.5;
/** A cue in the same clause as a reference to the target. */
export const SAME_CLAUSE_CONFIDENCE = 0.8;
/** A cue within NEAR_TOKENS tokens of a reference, across a clause break. */
export const NEAR_CONFIDENCE = 0.7;
export const NEAR_TOKENS = 6;
/** A cue elsewhere in a sentence that refers to the target. */
export const SAME_SENTENCE_CONFIDENCE = 0.45;
/** No reference in the sentence (a following sentence, a related term). */
export const UNANCHORED_CONFIDENCE = 0.3;
/** Quoted words in the sentence right after one that refers to the target (same paragraph): a reaction to it. */
export const QUOTED_CONTINUATION_CONFIDENCE = 0.5;
/** An act on the target ("voted against the bill"): score and confidence. */
export const ACT_SCORE = 0.7;
export const ACT_CONFIDENCE = 0.85;
/** A negated act against the proposal ("did not oppose it"): below the abstention line (no record). */
export const NEGATED_ACT_CONFIDENCE = 0.4;
/** The owner of the plan ("his plans", "X's proposals"): score and confidence. */
export const OWNER_SCORE = 0.6;
export const OWNER_CONFIDENCE = 0.7;
/** Share of a document's sentences carrying quotes or reported speech from which it is a straight report. */
export const REPORT_SHARE = 0.5;

const CLAUSE_VERB = /\b(is|are|was|were|will|would|should|must|can|could|has|have|had|does|do|did|causes?|caused|poses?|exists?|needs?|remains?|threatens?)\b/i;

/** Whether a target is a proposition (a clause) rather than a proposal (a noun phrase): the option, or inferred from a verb in its name. */
export function isProposition(p: Proposal, options: Pick<StanceOptions, 'targetKind'>): boolean {
  if (options.targetKind === 'proposition') return true;
  if (options.targetKind === 'proposal') return false;
  return CLAUSE_VERB.test(p.name);
}

/** Confidence that a cue applies to the target, from where the sentence refers to it (`mentions`: its name/anaphora mentions in this sentence). */
export function anchorConfidence(hit: Pick<CueHit, 'first' | 'last'>, mentions: readonly TargetMention[], parts: ReadonlyArray<[number, number]>): number {
  if (!mentions.length) return UNANCHORED_CONFIDENCE;
  const clauseOf = (i: number) => parts.findIndex(([f, l]) => i >= f && i <= l);
  const k = clauseOf(hit.first);
  if (mentions.some((m) => clauseOf(m.first) === k || clauseOf(m.last) === k)) return SAME_CLAUSE_CONFIDENCE;
  const gap = Math.min(...mentions.map((m) => (m.first > hit.last ? m.first - hit.last : hit.first > m.last ? hit.first - m.last : 0)));
  return gap <= NEAR_TOKENS ? NEAR_CONFIDENCE : SAME_SENTENCE_CONFIDENCE;
}

const OWNER_TYPES = new Set(['PERSON', 'ORG']);
const isPossessive = (t: Tok | undefined) => !!t && (t.lower === "'s" || t.lower === "'");

/**
 * Who proposed the target, read off a reference to it: "X's <target>" (a person, organization or
 * country), "<X> <target>" or a name containing its owner ("<Party> asylum plans": a person or
 * organization before the name's first preposition), "his/her <target>" (the last person named
 * before, see pronounAntecedent). Generic nouns ("his plans", "X's idea") are left out: they may be
 * anyone's plan, unless the name's head noun makes them specific ("X's proposals for quotas").
 */
export function ownersOf(toks: Tok[], m: TargetMention, owners: readonly HolderMention[], persons: readonly HolderMention[], prepositions: readonly string[]): Holder[] {
  const genericNoun = m.kind === 'anaphora' && !m.specific && LEXICON.anaphora.nouns.includes(toks[m.last]!.lemma);
  if (genericNoun) return [];
  const out: Holder[] = [];
  const preps = new Set(prepositions);
  let firstPrep = m.last + 1;
  for (let i = m.first; i <= m.last; i++)
    if (preps.has(toks[i]!.lower)) {
      firstPrep = i;
      break;
    }
  for (const h of owners) {
    const possessor = (h.last === m.first - 2 && isPossessive(toks[m.first - 1])) || (h.last === m.first && isPossessive(toks[m.first + 1]));
    const modifier = OWNER_TYPES.has(h.entityType) && h.last === m.first - 1;
    // A name that starts with its owner, with words of its own after it ("<Party> asylum plans", not "Asian <Org>").
    const inside = m.kind === 'name' && OWNER_TYPES.has(h.entityType) && h.first === m.first && h.last < Math.min(firstPrep, m.last + 1) - 1;
    if ((possessor && h.entityType !== 'NORP') || modifier || inside) out.push(h.holder);
  }
  const pron = toks[m.first]?.lower === 'his' || toks[m.first]?.lower === 'her' ? m.first : toks[m.first - 1]?.lower === 'his' || toks[m.first - 1]?.lower === 'her' ? m.first - 1 : -1;
  if (pron >= 0) {
    const person = pronounAntecedent(persons, pron, toks[pron]!.lower);
    if (person) out.push(person);
  }
  const seen = new Set<string>();
  return out.filter((h) => (seen.has(h.entityId) ? false : (seen.add(h.entityId), true)));
}

/** Share of the document's sentences that overlap a quote or reported-speech record, in [0, 1]. */
export function reportShare(doc: Pick<DocumentRecord, 'sentences'>, quotes: readonly QuoteRecord[]): number {
  if (!doc.sentences.length) return 0;
  const spans = quotes.map((q) => [q.start, q.end] as const).sort((x, y) => x[0] - y[0]);
  let quoted = 0;
  for (const s of doc.sentences) if (spans.some(([qs, qe]) => qs < s.end && qe > s.start)) quoted++;
  return quoted / doc.sentences.length;
}
