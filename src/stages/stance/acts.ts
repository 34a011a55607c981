/**
 * Anchoring rules of the stance stage (data: src/data/stance/anchors.json).
 *
 * - Acts on the proposal: a verb or noun whose object is a reference to the target ("vote against
 *   the bill", "defended the measures", "scrap it", "opposition to the plans", "the tariffs
 *   imposed by X"): the act's polarity, held by its subject (or agent).
 * - Owners: the proposer supports his own plan ("his plans", "X's proposals").
 * - Cue filters: a cue noun that is part of a title ("opposition leader", "film critic"), a
 *   particle of a phrasal verb ("holds back"), a verb-only cue read as a noun ("shares").
 * Pure; works on the shared token table.
 */
import { z } from 'zod';
import { loadJson } from '../../io/data.js';
import { phrase, type Phrase } from './lexicon.js';
import type { TargetMention } from './targets.js';
import { PhraseIndex, type Tok } from './tokens.js';
import { loadWordList } from '../../io/data.js';


export interface AnchorData {
  acts: Record<string, number>;
  nounActs: Record<string, number>;
  nonHolderTitles: string[];
  verbCues: string[];
  personNouns: string[];
  /** Cues that judge the proposal even with it as their subject ("the plan would not work"). */
  predicateCues: string[];
  /** Words that judge an act they introduce ("good that X rejected it", "wise to drop it"): +1 approves the act, -1 disapproves. */
  actEvaluations: Record<string, number>;
  /** Lemmas of what a party threatens if the proposal goes ahead ("take measures", "retaliate"). */
  countermeasures: string[];
  /** Lemmas of norms a proposal is said to go against ("against the rules", "against the spirit of ..."). */
  norms: string[];
  /** Verbs of asking ("call for", "urge", "call on"): their stance is the sign of the act they ask for ("called for it to be scrapped"). */
  advocacyActs: string[];
}
const words = z.array(z.string().min(1));
const AnchorSchema = z.strictObject({
  _about: z.string().optional(),
  acts: z.record(z.string(), z.number()),
  nounActs: z.record(z.string(), z.number()),
  nonHolderTitles: words,
  verbCues: words,
  personNouns: words,
  predicateCues: words,
  actEvaluations: z.record(z.string(), z.number()),
  countermeasures: words,
  norms: words,
  advocacyActs: words,
});
/** data/stance/anchors.json, validated on load. */
export const ANCHORS: AnchorData = loadJson('stance/anchors.json', AnchorSchema).value;

interface Act {
  p: Phrase;
  key: string;
  sign: number;
  noun: boolean;
}
const byLength = (xs: Act[]) => xs.sort((a, b) => b.p.length - a.p.length);
const ACTS = new PhraseIndex<Act>(
  byLength([
    ...Object.entries(ANCHORS.acts).map(([k, sign]) => ({ p: phrase(k), key: k, sign, noun: false })),
    ...Object.entries(ANCHORS.nounActs).map(([k, sign]) => ({ p: phrase(k), key: k, sign, noun: true })),
  ]),
  (x) => x.p,
);
const ADVOCACY = new Set(ANCHORS.advocacyActs);
const ADVOCACY_PHRASES = new PhraseIndex<Phrase>(
  ANCHORS.advocacyActs.map((k) => phrase(k)).sort((x, y) => y.length - x.length),
  (x) => x,
);
const VERB_CUES = new Set(ANCHORS.verbCues);
const PERSON_NOUNS = new Set(ANCHORS.personNouns);
const QUOTE = /^["'\u201c\u201d\u2018\u2019`]$/;
const DOUBLE_QUOTE = /^["\u201c\u201d]$/;
const POSSESSIVE_PRONOUNS = loadWordList('stance/possessive-determiners.txt').value;
const ACT_DETERMINERS = loadWordList('stance/act-determiners.txt').value;
const OBLIGATION_MODALS = loadWordList('stance/obligation-modals.txt').value;
const TIME_AFTER_ACT = loadWordList('stance/time-after-act.txt').value;
const SUBJECT_PRONOUNS = loadWordList('stance/subject-pronouns.txt').value;
/** Adverbs that may stand between a subject and its "be against" ("we are firmly against", "he was always against"). */
const BE_ADVERBS = loadWordList('stance/be-adverbs.txt').value;

/**
 * Has the act at `i` a holder as its subject, right before it (adverbs skipped): a subject
 * pronoun, or a noun or name that is not a reference to the proposal (`taken`)? For acts
 * that start with "be" ("we are against it"; "the charge is against the outer boroughs" is no act).
 */
function holderSubject(toks: Tok[], i: number, a: number, taken: ReadonlySet<number>): boolean {
  let k = i - 1;
  while (k >= a && toks[k]!.pos === 'ADV' && BE_ADVERBS.has(toks[k]!.lower)) k--;
  if (k < a) return false;
  const t = toks[k]!;
  if (taken.has(k)) return false;
  if (t.pos === 'PRON') return SUBJECT_PRONOUNS.has(t.lower);
  return t.pos === 'PROPN' || t.pos === 'NOUN';
}

/** An act on the target: token range of the act word(s), the mention acted on, its sign (0: an asking act whose inner verb is no act, read as no stance). */
export interface ActHit {
  first: number;
  last: number;
  key: string;
  sign: number;
  mention: TargetMention;
  /** The act is passive with its agent after it ("imposed by X"): token index of the agent; -2 = an agentless passive of obligation ("must be applied"): held by the speaker; else -1. */
  agentAt: number;
  /** The act is asked for by someone ("urged the council to drop it", "called on X to scrap it"): token index of the asking verb, whose subject holds it; else -1. */
  askedAt?: number;
  /** The act asked for after the proposal ("called for the charge to be scrapped"): its token range; `sign` is then the product of both acts' signs. */
  inner?: { first: number; last: number };
}

/** How far back (tokens) "it" as an act's object may find the proposal in its sentence: as for "it" as a subject (targets.ts). */
const PRONOUN_OBJECT_REACH = 25;

/**
 * "it" right after an act ("... and called on the council to scrap it"), standing for the
 * proposal named or referred to earlier in the same sentence (`mentions`: the sentence's), at
 * most PRONOUN_OBJECT_REACH tokens back, with no other noun between outside quoted words.
 * Returns a mention made for the pronoun (kind anaphora), or undefined.
 */
function pronounObject(toks: Tok[], i: number, last: number, a: number, mentions: readonly TargetMention[]): TargetMention | undefined {
  const it = toks[last + 1];
  if (!it || it.lower !== 'it') return undefined;
  let nearest: TargetMention | undefined;
  for (const m of mentions) if (m.last < i && (!nearest || m.last > nearest.last)) nearest = m;
  if (!nearest || last + 1 - nearest.last > PRONOUN_OBJECT_REACH) return undefined;
  // No other noun it could stand for in between, outside quoted words (up to the asking verb:
  // the one asked is not "it").
  const asked = askingVerbBefore(toks, i, a);
  let quoted = false;
  for (let k = nearest.last + 1; k < (asked >= 0 ? asked : i); k++) {
    const t = toks[k]!;
    if (DOUBLE_QUOTE.test(t.lower)) quoted = !quoted;
    else if (!quoted && (t.pos === 'NOUN' || t.pos === 'PROPN')) return undefined;
  }
  return { target: nearest.target, kind: 'anaphora', first: last + 1, last: last + 1, start: it.start, end: it.end };
}

/** May token `t` be part of the person or body asked to act ("the city council", "ministers", "them")? */
function askedWord(t: Tok): boolean {
  return t.pos === 'DET' || t.pos === 'ADJ' || t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'PRON' || t.pos === 'NUM' || t.lower === "'s";
}

/**
 * The act asked for after an asking act's object ("called for <target> to be scrapped", "want
 * <target> dropped"): starting right after the object at `from`, an optional "to", an optional
 * "be"/"being", then a verb. Returns the verb's act (acts or nounActs excluded) and range,
 * `null` when a verb stands there that is no act ("to be reviewed": the asking stays unread),
 * or undefined when no verb follows (the asking act stands alone).
 */
function innerAct(toks: Tok[], from: number, b: number): { act: Act; first: number; last: number } | null | undefined {
  let j = from;
  const to = toks[j]?.lower === 'to';
  if (to) j++;
  if (toks[j] && /^(be|being)$/.test(toks[j]!.lower)) j++;
  if (j > b || !toks[j]) return undefined;
  const t = toks[j]!;
  if (t.pos !== 'VERB') return to ? null : undefined;
  // Without "to", only a participle ("want it dropped") is a verb asked for.
  if (!to && !/(ed|en|wn)$/.test(t.lower)) return undefined;
  const act = ACTS.find(toks, j, b, (x) => !x.noun);
  if (!act) return null;
  return { act, first: j, last: j + act.p.length - 1 };
}

/**
 * The asking verb of an act told to someone ("urged the council to drop ...", "called on ministers
 * to scrap ..."): the act at `i` after "to", the person or body asked (one to five words) right
 * before it, and an asking verb (anchors.json `advocacyActs`) before them. Token index of the
 * asking verb's first word, or -1.
 */
function askingVerbBefore(toks: Tok[], i: number, a: number): number {
  if (toks[i - 1]?.lower !== 'to') return -1;
  let k = i - 2;
  while (k >= a && k >= i - 7 && askedWord(toks[k]!)) {
    for (let s = k - 1; s >= Math.max(a, k - 2); s--) {
      const p = ADVOCACY_PHRASES.find(toks, s, k - 1);
      if (p && s + p.length - 1 === k - 1 && toks[s]!.pos === 'VERB') return s;
    }
    k--;
  }
  return -1;
}

/** May token `t` sit between an act and its object ("the", "Tory", "new", "his", quote marks)? */
function modifier(t: Tok): boolean {
  return t.pos === 'DET' || t.pos === 'ADJ' || t.pos === 'PROPN' || t.pos === 'NUM' || t.lower === "'s" || t.lower === "'" || QUOTE.test(t.lower) || POSSESSIVE_PRONOUNS.has(t.lower);
}

/**
 * Acts on a target mention in the sentence `[a, b]`. `mentions`: the sentence's name and anaphora
 * mentions. An active act needs the mention as its object within four modifier tokens; a passive
 * one ("the plans were attacked by X", "the tariffs imposed by X") the mention right before it.
 */
export function findActs(toks: Tok[], a: number, b: number, mentions: readonly TargetMention[]): ActHit[] {
  const out: ActHit[] = [];
  const taken = new Set<number>();
  for (const m of mentions) for (let i = m.first; i <= m.last; i++) taken.add(i);
  for (let i = a; i <= b; i++) {
    if (taken.has(i)) continue;
    const act = ACTS.find(toks, i, b);
    if (!act) continue;
    const last = i + act.p.length - 1;
    const head = toks[i]!;
    // A one-word verb act must be a verb here ("the attack" is not "attack"; nouns have their own list).
    // After a subject pronoun it is a verb whatever the tagger says ("we back the charge": ADV).
    if (!act.noun && act.p.length === 1 && head.pos !== 'VERB' && !(i > a && toks[i - 1]!.pos === 'PRON' && SUBJECT_PRONOUNS.has(toks[i - 1]!.lower))) continue;
    // "be against": only with a holder as its subject.
    if (!act.noun && act.p[0] === 'be' && !holderSubject(toks, i, a, taken)) continue;
    if (act.noun && head.pos !== 'NOUN' && head.pos !== 'PROPN') continue;
    // An attributive participle ("the proposed pact", "the threatened tariffs") describes, it does not act.
    if (!act.noun && ACT_DETERMINERS.has(toks[i - 1]?.lower ?? '')) continue;
    // Active: the object follows.
    let j = last + 1;
    // An attributive participle after a determiner is a modifier too ("against the proposed charge").
    while (j <= b && j - last <= 4 && !taken.has(j) && (modifier(toks[j]!) || (toks[j]!.pos === 'VERB' && /ed$/.test(toks[j]!.lower) && toks[j - 1]!.pos === 'DET'))) j++;
    const object = mentions.find((m) => m.first === j || (m.first > last && m.first <= j && m.last >= j)) ?? pronounObject(toks, i, last, a, mentions);
    if (object) {
      // "called for <target> to be scrapped": the stance is the act asked for.
      const inner = !act.noun && ADVOCACY.has(act.key) ? innerAct(toks, object.last + 1, b) : undefined;
      if (inner === null) {
        // Sign 0: no stance, but the asking words are not a cue either.
        out.push({ first: i, last, key: `${act.key} ...`, sign: 0, mention: object, agentAt: -1 });
        i = last;
        continue;
      }
      if (inner) {
        out.push({ first: i, last, key: `${act.key} ... ${inner.act.key}`, sign: act.sign * inner.act.sign, mention: object, agentAt: -1, inner: { first: inner.first, last: inner.last } });
        i = inner.last;
        continue;
      }
      // "urged the council to drop <target>": held by whoever asks.
      const asked = act.noun ? -1 : askingVerbBefore(toks, i, a);
      out.push({ first: i, last, key: act.key, sign: act.sign, mention: object, agentAt: -1, ...(asked >= 0 ? { askedAt: asked } : {}) });
      i = last;
      continue;
    }
    if (act.noun) continue;
    // Passive with a modal of obligation and no agent ("<target> must be applied", "should be
    // imposed"): advocacy by whoever says it (agentAt -2: the quote's speaker or the statement's holder).
    {
      let k = i - 1;
      while (k >= a && k >= i - 3 && /^(be|been)$/.test(toks[k]!.lower)) k--;
      if (k < i - 1 && OBLIGATION_MODALS.has(toks[k]?.lower ?? '')) {
        const subject = mentions.find((m) => m.last === k - 1);
        if (subject) {
          out.push({ first: i, last, key: act.key, sign: act.sign, mention: subject, agentAt: -2 });
          i = last;
          continue;
        }
      }
    }
    // Passive: mention, optional auxiliaries or a comma, participle, "by" (at most three words on) + agent.
    let by = -1;
    for (let j = last + 1; j <= Math.min(b, last + 4); j++) {
      if (toks[j]!.lower === 'by') {
        by = j;
        break;
      }
      if (toks[j]!.pos === 'VERB' || toks[j]!.lower === ',') break;
    }
    if (by < 0) continue;
    let k = i - 1;
    while (k >= a && k >= i - 3 && /^(be|is|are|was|were|been|being|has|have|had|already|now|also|just|,)$/.test(toks[k]!.lower)) k--;
    const subject = mentions.find((m) => m.last === k);
    if (subject) out.push({ first: i, last, key: act.key, sign: act.sign, mention: subject, agentAt: by + 1 });
  }
  return out;
}

/**
 * Is the cue at `[first, last]` not an attitude here? A person noun in a title ("opposition
 * leader", "film critic"), a verb cue used as a noun ("the shares"), a particle of a phrasal verb
 * ("holds back"), or "call for" + a date or number ("called for 5 May").
 */
export function notACue(toks: Tok[], first: number, last: number, cue: string): boolean {
  const head = toks[last]!;
  const word = toks[first]!;
  if (first === last && PERSON_NOUNS.has(head.lemma) && (head.pos === 'NOUN' || head.pos === 'PROPN')) {
    const next = toks[last + 1];
    const prev = toks[first - 1];
    if (next && (next.pos === 'NOUN' || next.pos === 'PROPN')) return true;
    if (prev && (prev.pos === 'NOUN' || prev.pos === 'PROPN' || (prev.pos === 'VERB' && prev.lower.endsWith('ing')))) return true;
  }
  if (VERB_CUES.has(cue) && word.pos !== 'VERB' && word.pos !== 'AUX') return true;
  if (first === last && (head.pos === 'ADP' || head.pos === 'ADV' || head.pos === 'PART') && toks[first - 1]?.pos === 'VERB' && VERB_CUES.has(cue)) return true;
  if (cue === 'call for') {
    const next = toks[last + 1];
    if (next && (next.pos === 'NUM' || TIME_AFTER_ACT.has(next.lower))) return true;
  }
  return false;
}

const NON_HOLDER_TITLES = new Set(ANCHORS.nonHolderTitles);

/** Does an entity's title list or the words right before its mention make it a reporter or analyst? */
export function reportsOnly(titles: readonly string[], before: readonly Tok[]): boolean {
  const roles = NON_HOLDER_TITLES;
  if (titles.length && titles.some((t) => t.toLowerCase().split(/\s+/).some((w) => roles.has(w) || roles.has(w.replace(/s$/, ''))))) return true;
  return before.some((t) => roles.has(t.lemma) || roles.has(t.lower));
}
