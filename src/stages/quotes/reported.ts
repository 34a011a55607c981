/**
 * Attribution frames: a cue, a speaker phrase and the region of the sentence holding the reported
 * content, found per sentence on the token table. Patterns: `X said (that) C`, `X told Y: C`,
 * `C, X said.`, `C, said X.`, `According to (a statement by) X, C`, `C, according to X`,
 * `X quoted Y as saying: C`, `X has been quoted as saying: C`, `... as stated by X`,
 * `Her position was ... that C`, `In the new poll, C`, `Poll: C` (headlines), `X has begun to
 * rebut C` (infinitive cues), `X spoke about C` (prepositional cues), `X made no mention of C`
 * (light verbs), `X has reportedly C`, and nominal ones (`X's claim that C`, see noun-cues.ts).
 * Attitudes inside someone else's report are part of that report, not frames of their own.
 */
import { MONTHS_DAYS, reportingVerbs, STANCE_NOUNS } from './cues.js';
import { isCapitalized, isQuoteMark, type DocView } from '../../nlp/doc-view.js';
import { nounCueFramesOfSentence } from './noun-cues.js';
import { classifyMention, isAnimate, npEndingAt, npStartingAt, skipAuxLeft, subjectBefore, type Mention } from './mentions.js';
import { wordList } from './lexicon.js';
import type { FrameRule, SentenceScan } from './rules/rule.js';
import { according } from './rules/according.js';
import { pollPhrase } from './rules/poll-phrase.js';
import { reportedly } from './rules/reportedly.js';
import { asStatedBy } from './rules/as-stated-by.js';
import { quotedAsSaying } from './rules/quoted-as-saying.js';
import { stanceNoun } from './rules/stance-noun.js';
import { speakerColon } from './rules/speaker-colon.js';
import { madeClear } from './rules/made-clear.js';
import { lightVerb } from './rules/light-verb.js';
import { askedWhether } from './rules/asked-whether.js';
import { seemAppear } from './rules/seem-appear.js';
import { verbCue } from './rules/verb-cue.js';

const SUBJECT_VERB_LEAD = wordList('subject-verb-lead');
const CONTRAST_AFTER_DASH = wordList('contrast-after-dash');
const EVIDENCE_SOURCES = wordList('evidence-sources');
const PLACE_PREFIXES = wordList('place-prefixes');

export interface Frame {
  /** Cue token range (inclusive). */
  cueFirst: number;
  cueLast: number;
  /** Speaker mention, or null when the frame has no source phrase. */
  speaker: Mention | null;
  /** Content region as token range (inclusive); empty when last < first. */
  contentFirst: number;
  contentLast: number;
  pattern: string;
  sentence: number;
}

export const OBJECT_VERBS = wordList('object-verbs');
/** Cues that are speech verbs whatever the subject (`the report said`). */
export const STRONG = wordList('strong');
/** Cues that need a following `that` (value `that`) or also allow `to` (value `to`). */
export const CLAUSE_ONLY = new Map<string, 'that' | 'to'>([
  ...[...wordList('clause-only-that')].map((w): [string, 'that' | 'to'] => [w, 'that']),
  ...[...wordList('clause-only-to')].map((w): [string, 'that' | 'to'] => [w, 'to']),
]);
export const PARTICLES = wordList('particles');
/** Verbs that are cues with one preposition (`spoke about`, `referring to`, `voted for`). */
const PREPOSITIONAL_CUES = new Map<string, readonly string[]>();
for (const pair of wordList('prepositional-cues')) {
  const [lemma, preposition] = pair.split(/\s+/);
  if (lemma && preposition) PREPOSITIONAL_CUES.set(lemma, [...(PREPOSITIONAL_CUES.get(lemma) ?? []), preposition]);
}
export const prepositionalCue = (v: DocView, i: number): boolean => PREPOSITIONAL_CUES.get(v.lemma[i]!)?.includes(v.lower[i + 1] ?? '') ?? false;
const FINDING_LEMMAS = wordList('finding-lemmas');
const isEvidenceNoun = (w: string): boolean => POLL_NOUNS.has(w) || EVIDENCE_HEADS.has(w) || EVIDENCE_SOURCES.has(w);
export const CLAUSE_START = wordList('clause-start');

export function isCue(v: DocView, i: number): boolean {
  if (v.inQuote[i]) return false;
  // `the Clinton-endorsing White House`: part of a compound modifier.
  if (v.word[i - 1] === '-' && v.end[i - 2] === v.start[i - 1]) return false;
  const pos = v.pos[i]!;
  const verbs = reportingVerbs();
  const known = verbs.has(v.lower[i]!) || verbs.has(v.lemma[i]!) || (pos === 'VERB' && prepositionalCue(v, i));
  if (!known && pos === 'VERB' && AS_VERBS.has(v.lemma[i]!)) {
    // `voters see her as the stronger candidate`: seeing as is holding a view.
    for (let k = i + 1; k <= i + 10 && k < v.word.length; k++) {
      if (v.lower[k] === 'as') return k > i + 1;
      if (v.pos[k] === 'VERB' || v.pos[k] === 'AUX' || v.pos[k] === 'PUNCT') return false;
    }
    return false;
  }
  if (!known) {
    // Verbs of belief, emotion and evidence are cues only before a `that` clause (or, for
    // intentions, `to`): `voters fear that ...`, `a survey found that ...`, `she hopes to ...`.
    if (pos !== 'VERB') return false;
    const lem = CLAUSE_ONLY.get(v.lemma[i]!) ?? CLAUSE_ONLY.get(v.lower[i]!);
    const next = v.lower[i + 1] ?? '';
    // `a June poll found Trump receiving 20 percent`: findings of a poll or a record need no `that`.
    if (lem === 'that' && FINDING_LEMMAS.has(v.lemma[i]!) && isEvidenceNoun(v.lower[skipAuxLeft(v, i - 1, 0)] ?? '')) return true;
    return lem !== undefined && (next === 'that' || (lem === 'to' && next === 'to'));
  }
  if (pos === 'VERB') return true;
  // wink sometimes tags `advocates`, `claims` as nouns: a name or pronoun right before, a clause after.
  const prev = v.pos[i - 1];
  const next = v.lower[i + 1] ?? '';
  // Likewise `Reyes plans to run`: an intention verb tagged as a plural noun.
  const intention = next === 'to' && INTENTION_FORMS.has(v.lower[i]!);
  // `farmers fear that`: a base-form verb before its clause, tagged as a noun.
  if (pos === 'NOUN' && next === 'that' && (prev === 'NOUN' || prev === 'PROPN' || prev === 'PRON') && v.lower[i] === v.lemma[i]) return true;
  if (pos === 'NOUN' && /(s|ed)$/.test(v.lower[i]!) && (prev === 'PROPN' || prev === 'PRON') && (next === 'that' || next === 'for' || next === ':' || intention)) return true;
  return isVerbTaggedAsNoun(v, i);
}

const NOUN_FIRST = wordList('noun-first');
/** Nouns that head compounds after a common noun (`tax plan to`, `campaign promise to`). */
const COMPOUND_HEADS = wordList('compound-heads');

/** Parts of speech that can open a verb's object or clause (`polls show Clinton ahead`). */
const OBJECT_OPENERS = new Set(['DET', 'PROPN', 'PRON', 'NUM']);

/**
 * `new filings show it has ...`, `the Daily News claims the ...`, `three-quarters support a ban`:
 * a known cue the tagger read as a noun, right after the head of a subject and before an object,
 * a clause or the end of the sentence (`..., documents show.`).
 */
function isVerbTaggedAsNoun(v: DocView, i: number): boolean {
  // Lower case only (`United States`, `Penn State` are names), and not `state`, `point` (mostly
  // nouns: `the state senator`).
  if (v.pos[i] !== 'NOUN' || v.word[i] !== v.lower[i] || NOUN_FIRST.has(v.lemma[i]!)) return false;
  const prev = v.pos[i - 1];
  const prevWord = v.lower[i - 1] ?? '';
  if (!(prev === 'NOUN' || prev === 'PROPN' || (prev === 'PRON' && !POSSESSIVE_PRONOUNS.has(prevWord) && prevWord !== 'her'))) return false;
  if (prev === 'NOUN' && COMPOUND_HEADS.has(v.lemma[i]!)) return false;
  const next = v.word[i + 1] ?? '.';
  const nextLower = next.toLowerCase();
  if (nextLower === 'that' || nextLower === 'to' || /^[.!?]+$/.test(next)) return true;
  // Possessives stay out (`Her vow`, `the senator's claims`); an object must follow.
  return OBJECT_OPENERS.has(v.pos[i + 1] ?? '') && !POSSESSIVE_PRONOUNS.has(nextLower);
}

/** Words of time and manner that follow a cue without being what is reported (`said Thursday`). */
const TIME_WORDS = wordList('adjunct-time-words');
/** Prepositions that open adjuncts of place and time, not objects (`said in Ohio`, `spoke after the vote`). */
export const ADJUNCT_PREPS = wordList('adjunct-preps');
/** Speech verbs whose prepositional phrases are circumstances, not what was said. */
export const SAY_LEMMAS = wordList('say-lemmas');
export const CLAUSE_PRONOUNS = wordList('clause-pronouns');

const isAdjunctStart = (v: DocView, k: number): boolean =>
  (v.pos[k] === 'ADP' && v.lower[k] !== 'that' && v.lower[k] !== 'like') || TIME_WORDS.has(v.lower[k]!) || MONTHS_DAYS.has(v.lower[k]!);

/**
 * After a cue at token c: skip adjuncts (`in an interview on Saturday`, `last week`, `of the plan`).
 * Returns the token where the reported part starts (`that`, `:`, a quote, a clause-opening pronoun),
 * -1 when the adjuncts run to the end of the sentence or to a comma (the report is elsewhere), or
 * c itself when c does not open an adjunct.
 */
export function afterAdjuncts(v: DocView, c: number, hi: number, speech = false): number {
  if (c > hi || !(isAdjunctStart(v, c) || (speech && (v.lower[c] === 'when' || v.lower[c] === 'while')))) return c;
  for (let k = c; k <= hi && k - c <= 16; k++) {
    const w = v.word[k]!;
    const l = v.lower[k]!;
    if (l === 'that' || w === ':' || (isQuoteMark(w) && v.inQuote[k])) return k;
    if (/^[.!?]+$/.test(w) || w === ',' || w === ';' || w === '—' || w === '–' || w === '(') return -1;
    // `said on Thursday he would run`: a pronoun subject after a noun opens the clause.
    if (k > c && CLAUSE_PRONOUNS.has(l) && v.pos[k - 1] !== 'ADP' && v.pos[k + 1] !== 'PUNCT') return k;
    // After a verb of saying, a participle inside the adjunct (`told CBS in an interview taped on
    // Friday`, `wrote in a letter dated May 2`, `said when asked`) does not open the report.
    if (speech && k > c && isAdjunctParticiple(v, k)) continue;
    if ((v.pos[k] === 'VERB' || v.pos[k] === 'AUX') && k > c) return c;
  }
  return c;
}

function isAdjunctParticiple(v: DocView, k: number): boolean {
  if (v.pos[k] !== 'VERB') return false;
  const l = v.lower[k]!;
  if (/ing$/.test(l) || v.lower[k - 1] === 'to' || v.lower[k + 1] === 'by') return true;
  // A past participle right after a noun or `when` (`a letter dated`, `when asked`).
  return l !== v.lemma[k] && /ed$/.test(l) && (v.pos[k - 1] === 'NOUN' || v.pos[k - 1] === 'PROPN' || v.lower[k - 1] === 'when');
}

export const ADJUNCT_LEFT = wordList('adjunct-left');
/** Documents that carry someone's words (`a statement saying`): the issuer is the source. */
export const DOCUMENT_NOUNS = wordList('document-nouns');
/** Verbs that are attitude cues only in `V X as Y`. */
export const AS_VERBS = wordList('as-verbs');
/** Cues whose `X as Y` complement is a view held, not a quoted label. */
export const AS_VIEW = wordList('as-view');
export const isPlaceLike = (v: DocView, i: number): boolean => PLACE_PREFIXES.has(v.lower[i]!);
/** `is worried that`, `are convinced that`: a state of mind of the subject, not a passive. */
const STATE_PARTICIPLES = wordList('state-participles');
const INTENTION_FORMS = wordList('intention-forms');
export const ASKED_NEXT = wordList('asked-next');
export const BE = wordList('be');

/** Is the cue at i a passive participle (`was asked`, `has been told`, `is not expected`)? */
export function isPassive(v: DocView, i: number, lo: number): boolean {
  const l = v.lower[i]!;
  if (l === v.lemma[i] || /(ing|s)$/.test(l) || v.pos[i] !== 'VERB' || STATE_PARTICIPLES.has(l)) return false;
  let j = i - 1;
  while (j >= lo && (v.lower[j] === 'not' || v.lower[j] === "n't" || (v.pos[j] === 'ADV' && /ly$/.test(v.lower[j]!)) || v.lower[j] === 'also')) j--;
  return j >= lo && BE.has(v.lower[j]!);
}

const CUT_WORDS = wordList('cut-words');

/** End of the reported clause starting at `from` (inclusive token), within [.., hi]. */
export function clauseEnd(v: DocView, from: number, hi: number): number {
  let last = hi;
  // Drop final punctuation.
  while (last >= from && /^[.!?]+$/.test(v.word[last]!)) last--;
  for (let k = from + 1; k <= last; k++) {
    const w = v.word[k]!;
    if (v.inQuote[k]) continue;
    // `A - but X said B`: a spaced hyphen is a dash too.
    const spacedHyphen = w === '-' && v.start[k]! > v.end[k - 1]! && v.start[k + 1]! > v.end[k]!;
    if (spacedHyphen && CONTRAST_AFTER_DASH.has(v.lower[k + 1] ?? '')) {
      const np = npStartingAt(v, k + 2, last);
      if (np && opensOwnReport(v, np, last)) return k - 1;
    }
    if (w === '—' || w === '–') {
      // A paired dash encloses an aside (`X's visit — the state's biggest market — would ...`).
      let close = -1;
      for (let j = k + 1; j <= last && j - k < 20; j++) if (v.word[j] === w) { close = j; break; }
      if (close > 0 && close < last) { k = close; continue; }
      return k - 1;
    }
    if (w === ';') return k - 1;
    // `The Tories say A while the Lib Dems say B`: a contrast opening its own report.
    if ((w === 'while' || w === 'whereas') && k + 1 <= last) {
      const np = npStartingAt(v, k + 1, last);
      if (np && opensOwnReport(v, np, last)) return k - 1;
    }
    // `he welcomed X and added, "..."`: a coordinated report is a frame of its own.
    if ((w === 'and' || w === 'but') && k + 1 <= last) {
      let j = k + 1;
      while (j < last && (v.lower[j] === 'also' || v.lower[j] === 'then' || (v.pos[j] === 'ADV' && /ly$/.test(v.lower[j]!)))) j++;
      if (isCue(v, j) && v.pos[j] === 'VERB' && !/ing$/.test(v.lower[j]!)) return k - 1;
    }
    if (w === ',' && k + 1 <= last) {
      const nx = v.lower[k + 1]!;
      // `, adding ...` (a report of its own; other participles, `, reflecting ...`, stay in the
      // content as PolNeAR marks it); `, according to`; `, X said`; `, which ...`.
      if (/ing$/.test(nx) && v.pos[k + 1] === 'VERB' && isCue(v, k + 1)) return k - 1;
      if (nx === 'according') return k - 1;
      if (CUT_WORDS.has(nx)) return k - 1;
      const np = npStartingAt(v, k + 1, last);
      if (np && np[1] + 1 <= last && isCue(v, np[1] + 1) && np[1] + 2 > last - 1) return k - 1;
      // `A, Sanders insisted that B`: a new subject and its cue open a report of their own.
      if (np && opensOwnReport(v, np, last)) return k - 1;
      if (isCue(v, k + 1) && k + 2 <= last) {
        const np2 = npStartingAt(v, k + 2, last);
        if (np2 && np2[1] >= last - 1) return k - 1;
      }
    }
  }
  return last;
}

/** Does the phrase `np` (after a comma) start a clause with its own cue (`..., Sanders insisted that`)? */
function opensOwnReport(v: DocView, np: [number, number], last: number): boolean {
  let k = np[1] + 1;
  while (k <= last && (AUXILIARIES.has(v.lower[k]!) || (v.pos[k] === 'ADV' && /ly$/.test(v.lower[k]!)))) k++;
  if (k > last || v.pos[k] !== 'VERB' || /ing$/.test(v.lower[k]!) || !isCue(v, k)) return false;
  const m = classifyMention(v, np[0], np[1]);
  return m.kind === 'name' || m.kind === 'pronoun' || m.kind === 'descriptor' || m.kind === 'group';
}

/** Nouns of polls and studies that speak in headlines (`Poll: X leads in Ohio`). */
const EVIDENCE_NOUNS = wordList('evidence-nouns');

const HEADLINE_LABELS = wordList('headline-labels');

/**
 * `Carson: Cruz taking a new approach`, `Poll: Trump leads`: in a headline (a one-sentence
 * paragraph), a single name, a group or a poll before a colon is the source too.
 */
export function isHeadlineSource(v: DocView, m: Mention, lo: number, hi: number): boolean {
  const p = v.paragraphOf[lo]!;
  const para = v.paragraphs[p];
  if (!para || v.sentenceOf[v.start.findIndex((s) => s >= para.start)] !== v.sentenceOf[lo] || (hi + 1 < v.word.length && v.paragraphOf[hi + 1] === p)) return false;
  // Section labels are not sources (`Breaking:`, `The Latest:`, `Q:`, `EXCLUSIVE:`).
  const text = v.text.slice(v.start[m.first], v.end[m.last]);
  if (text.length < 3 || text === text.toUpperCase() || v.pos[m.first] === 'DET' || HEADLINE_LABELS.has(v.lower[m.first]!)) return false;
  if (m.kind === 'name') return m.nameType === 'person' && !isPlaceLike(v, m.first) && m.last - m.first < 4;
  return (m.kind === 'group' || EVIDENCE_NOUNS.has(v.lower[m.last]!)) && m.last - m.first < 5;
}

const POLL_NOUNS = wordList('poll-nouns');

/**
 * Index of the comma closing a poll phrase starting at `from` (`the new Post-ABC poll,`, `a
 * survey released Monday,`), or -1 when the phrase is not about a poll.
 */
export function pollPhraseEnd(v: DocView, from: number, hi: number): number {
  let poll = false;
  for (let k = from; k <= hi && k - from < 14; k++) {
    if (v.word[k] === ',') return poll ? k : -1;
    if (v.inQuote[k] || /^[.!?;:]+$/.test(v.word[k]!)) return -1;
    if (POLL_NOUNS.has(v.lower[k]!)) poll = true;
  }
  return -1;
}

/** Light verbs whose noun carries the attribution (`made no mention of`, `took aim at`). */
const LIGHT_VERBS = wordList('light-verbs');
const LIGHT_NOUNS = wordList('light-nouns');
const LIGHT_MARKERS = wordList('light-markers');

/**
 * `made no mention of X`, `took issue with X`, `expressed concern that C`: a light verb, a few
 * determiners or adjectives, a noun of saying or stance and the marker of its complement. Returns
 * the last cue token (the marker, or the noun before `that`) and the first content token.
 */
export function lightVerbCue(v: DocView, i: number, hi: number): { cueLast: number; content: number } | null {
  if (v.pos[i] !== 'VERB' || v.inQuote[i] || !LIGHT_VERBS.has(v.lemma[i]!)) return null;
  for (let k = i + 1; k <= Math.min(hi - 1, i + 4); k++) {
    const l = v.lower[k]!;
    if (LIGHT_NOUNS.has(l) && (v.pos[k] === 'NOUN' || v.pos[k] === 'VERB')) {
      const m = v.lower[k + 1]!;
      if (!LIGHT_MARKERS.has(m) || k + 2 > hi) return null;
      if (m === 'to' && v.pos[k + 2] !== 'VERB' && v.lemma[i] !== 'pay' && l !== 'tribute' && l !== 'support') return null;
      return m === 'that' ? { cueLast: k, content: k + 2 } : { cueLast: k + 1, content: k + 2 };
    }
    if (!(v.pos[k] === 'DET' || v.pos[k] === 'ADJ' || v.pos[k] === 'NUM' || (v.pos[k] === 'ADV' && /ly$/.test(l)) || POSSESSIVE_PRONOUNS.has(l) || l === 'no')) return null;
  }
  return null;
}

/** The attribution rules tried at each token of a sentence, in order (src/stages/quotes/rules/, one per module). */
const FRAME_RULES: readonly FrameRule[] = [according, pollPhrase, reportedly, asStatedBy, quotedAsSaying, stanceNoun, speakerColon, madeClear, lightVerb, askedWhether, seemAppear, verbCue];

/** Frames of one sentence [lo, hi] (token indices, inclusive): the rules of FRAME_RULES at each token, then nominal cues. */
export function framesOfSentence(v: DocView, sentence: number, lo: number, hi: number): Frame[] {
  const out: Frame[] = [];
  const push = (f: Omit<Frame, 'sentence'>) => out.push({ ...f, sentence });
  const scan: SentenceScan = { v, lo, hi, push, lastSubject: null };
  for (let i = lo; i <= hi; i++) {
    for (const rule of FRAME_RULES) {
      const next = rule.apply(scan, i);
      if (next !== null) {
        i = next;
        break;
      }
    }
  }
  // `his claim that C`, `Clinton's support for C`: nominal attributions the verbal patterns left.
  for (const n of nounCueFramesOfSentence(v, lo, hi)) {
    if (out.some((f) => f.cueFirst <= n.cue && n.cue <= f.cueLast)) continue;
    push({ cueFirst: n.cue, cueLast: n.cue, speaker: n.possessor, contentFirst: n.contentFirst, contentLast: n.contentLast, pattern: 'noun-cue' });
  }
  return out;
}

/** Asides between a subject and its verb that the appositive rule does not take (`X, like Y, say`). */
const ASIDE_OPENERS = wordList('aside-openers');

/** `Several candidates, including one senator, said`: the subject before a comma-delimited aside. */
export function subjectAcrossAside(v: DocView, cue: number, lo: number): [number, number] | null {
  const j = skipAuxLeft(v, cue - 1, lo);
  if (v.word[j] !== ',' && v.word[j] !== '—') return null;
  // `Ana Ruiz, 21, a student from Lyon, said`: a name before a run of comma-separated asides.
  for (let k = j - 1; k > lo && j - k < 30; k--) {
    const w = v.word[k]!;
    if (/^[.!?;:]+$/.test(w) || v.inQuote[k]) break;
    if (w !== ',') continue;
    const np = npEndingAt(v, k - 1, lo);
    if (!np || !(np[0] === lo || v.word[np[0] - 1] === ',')) continue;
    const kind = classifyMention(v, np[0], np[1]).kind;
    if (kind === 'name' || kind === 'pronoun') return np;
  }
  for (let k = j - 1; k > lo && j - k < 25; k--) {
    const w = v.word[k]!;
    if (/^[.!?;:]+$/.test(w) || v.inQuote[k]) return null;
    if (w === v.word[j]) {
      if (!ASIDE_OPENERS.has(v.lower[k + 1]!)) return null;
      // Weak cues still need an animate subject (checked by the caller).
      return npEndingAt(v, k - 1, lo);
    }
  }
  return null;
}

/**
 * `X, who said ...`: the source phrase is the relative pronoun itself (the literal mention), read
 * as its antecedent so the speaker still resolves to X.
 */
export function relativeSubject(v: DocView, cue: number, lo: number): Mention | null {
  const j = skipAuxLeft(v, cue - 1, lo);
  const l = v.lower[j];
  // `groups that favored her`: a relative `that` (tagged as a pronoun) right after a noun.
  const relativeThat = l === 'that' && v.pos[j] === 'PRON' && (v.pos[j - 1] === 'NOUN' || v.pos[j - 1] === 'PROPN');
  if (j < lo + 1 || (l !== 'who' && l !== 'which' && !relativeThat)) return null;
  const k = v.word[j - 1] === ',' ? j - 2 : j - 1;
  const np = npEndingAt(v, k, lo);
  const antecedent = np ? classifyMention(v, np[0], np[1]) : null;
  if (!antecedent || !isAnimate(v, antecedent)) return { first: j, last: j, kind: 'other', name: null, country: null, role: null, nameType: null, pronoun: null };
  return { ...antecedent, first: j, last: j };
}

export const POSSESSIVE_PRONOUNS = wordList('possessive-pronouns');

/**
 * The subject of the nearest finite verb before `limit` (`Biden slammed the plan, accusing ...`
 * -> Biden), else the sentence's first person-like mention.
 */
export function mainSubject(v: DocView, lo: number, limit: number): Mention | null {
  for (let k = limit - 1; k > lo; k--) {
    if (v.inQuote[k] || v.pos[k] !== 'VERB' || /ing$/.test(v.lower[k]!)) continue;
    let first = k;
    while (first - 1 >= lo && (BE.has(v.lower[first - 1]!) || SUBJECT_VERB_LEAD.has(v.lower[first - 1]!))) first--;
    const subj = subjectBefore(v, first, lo) ?? subjectAcrossAside(v, first, lo);
    if (!subj) continue;
    const m = classifyMention(v, subj[0], subj[1]);
    if (m.kind === 'name' || m.kind === 'pronoun' || m.kind === 'descriptor' || m.kind === 'group' || isAnimate(v, m)) return m;
  }
  return sentenceSubject(v, lo, limit);
}

/** The first person-like mention of a sentence before `limit` (the subject a participle takes). */
export function sentenceSubject(v: DocView, lo: number, limit: number): Mention | null {
  for (let i = lo; i < limit; i++) {
    if (v.inQuote[i]) continue;
    const np = npStartingAt(v, i, limit - 1);
    if (!np) continue;
    // Datelines (`WASHINGTON —`), dates and opening participles (`Following the vote,`) are not subjects.
    if (/ing$/.test(v.lower[np[0]]!) || v.word[np[1] + 1] === ',' && np[0] === lo || TIME_WORDS.has(v.lower[np[0]]!)) {
      i = np[1];
      continue;
    }
    if (/^[\p{Lu}.\s,-]+$/u.test(v.text.slice(v.start[np[0]]!, v.end[np[1]]!)) && /^[—–(-]$/.test(v.word[np[1] + 1] ?? '') || MONTHS_DAYS.has(v.lower[np[0]]!) || v.pos[np[0] - 1] === 'ADP') {
      i = np[1];
      continue;
    }
    const m = classifyMention(v, np[0], np[1]);
    // Stop at the first noun phrase followed by a verb: it is the subject, person or not.
    if (m.kind === 'name' || (m.kind === 'pronoun' && m.pronoun !== 'first') || m.kind === 'descriptor' || m.kind === 'group') return m;
    if (isAnimate(v, m) && (v.pos[np[1] + 1] === 'VERB' || v.pos[np[1] + 1] === 'AUX')) return m;
    i = np[1];
  }
  return null;
}

/** Adjectives that take an infinitive of their subject (`was quick to embrace`, `is likely to consider`). */
const INFINITIVE_ADJECTIVES = wordList('infinitive-adjectives');
const AUXILIARIES = wordList('auxiliaries');

/**
 * First token of the verb group an infinitive cue at `cue` depends on (`has begun to rebut` ->
 * `has`, `was quick to embrace` -> `was`, `has been working to emphasize` -> `has`), or null when
 * the cue is not an infinitive of a verb or adjective (`in order to say`, `gave him a chance to say`).
 */
export function infinitiveHost(v: DocView, cue: number, lo: number): number | null {
  let host: number | null = null;
  let k = cue;
  // Chains: `is trying to begin to ...` (a few hops at most).
  for (let hop = 0; hop < 3; hop++) {
    if (v.lower[k - 1] !== 'to' || v.pos[k - 1] !== 'PART') break;
    let j = k - 2;
    while (j >= lo && (v.lower[j] === 'not' || v.lower[j] === "n't" || (v.pos[j] === 'ADV' && /ly$/.test(v.lower[j]!)))) j--;
    // `went on to suggest`, `went ahead to say`: a particle after the host verb.
    if (j - 1 >= lo && (v.lower[j] === 'on' || v.lower[j] === 'ahead') && v.pos[j - 1] === 'VERB') j--;
    if (j < lo || v.inQuote[j]) break;
    const verbHost = v.pos[j] === 'VERB' && v.lower[j] !== 'used';
    const adjHost = v.pos[j] === 'ADJ' && INFINITIVE_ADJECTIVES.has(v.lower[j]!);
    if (!verbHost && !adjHost) break;
    // An adjective needs its copula (`was quick to`, not `a quick to ...`).
    if (adjHost && !AUXILIARIES.has(v.lower[j - 1] ?? '')) break;
    while (j - 1 >= lo && AUXILIARIES.has(v.lower[j - 1]!)) j--;
    host = j;
    k = j;
  }
  return host;
}

/** Participles that follow the people they describe (`those surveyed say`, `voters polled said`). */
const POSTPOSED_PARTICIPLES = wordList('postposed-participles');

/** `those surveyed say`: the subject before a postposed participle. */
export function subjectBeforeParticiple(v: DocView, cue: number, lo: number): [number, number] | null {
  const j = skipAuxLeft(v, cue - 1, lo);
  if (j - 1 < lo || !POSTPOSED_PARTICIPLES.has(v.lower[j]!)) return null;
  if (v.lower[j - 1] === 'those') return [j - 1, j];
  const np = npEndingAt(v, j - 1, lo);
  return np ? [np[0], j] : null;
}

/** `42% say`, `a third of voters believe`: a share of people before the cue is its subject. */
export function shareBefore(v: DocView, cue: number, lo: number): [number, number] | null {
  const j = skipAuxLeft(v, cue - 1, lo);
  if (j - 1 < lo || v.word[j] !== '%' || v.pos[j - 1] !== 'NUM') return null;
  return [j - 1, j];
}

/** Adverbs that stand between a subject and its verb (`have long worried`, `now talks`). */
const NOT_MID_ADVERBS = wordList('not-mid-adverbs');

/** The subject before a cue when adverbs other than `-ly` ones stand between them. */
export function subjectAcrossAdverbs(v: DocView, cue: number, lo: number): [number, number] | null {
  let j = cue - 1;
  // `She has since said`: `since` is tagged as a conjunction there.
  while (j >= lo && ((v.pos[j] === 'ADV' && !NOT_MID_ADVERBS.has(v.lower[j]!)) || AUXILIARIES.has(v.lower[j]!) || (v.lower[j] === 'since' && AUXILIARIES.has(v.lower[j - 1] ?? '')))) j--;
  return j + 1 < cue && j >= lo ? subjectBefore(v, j + 1, lo) : null;
}

const EVIDENCE_HEADS = wordList('evidence-heads');

/** People named by a plural agent noun (`farmers`, `activists`, `Republicans`) can be sources too. */
export function isSourceLike(v: DocView, m: Mention): boolean {
  if (isAnimate(v, m)) return true;
  // `who` always stands for a person, even when its antecedent was not found.
  if (m.first === m.last && v.lower[m.first] === 'who') return true;
  // Records and figures speak for themselves (`new filings show`, `the data suggest`).
  if (EVIDENCE_HEADS.has(v.lower[m.last]!)) return true;
  const head = v.lower[m.last]!;
  return m.kind === 'other' && (v.pos[m.last] === 'NOUN' || v.pos[m.last] === 'PROPN') && /(ers|ists|ans|ents|ors|ees|ives)$/.test(head);
}

function isSpeechCue(v: DocView, f: Frame): boolean {
  for (let k = f.cueFirst; k <= f.cueLast; k++) if (STRONG.has(v.lower[k]!) || STRONG.has(v.lemma[k]!)) return true;
  return false;
}

/**
 * An attitude inside what someone else reports (`she said she planned to caucus`, `X said voters
 * want Y`) is part of that report: PolNeAR annotates the outer attribution only. Speech cues inside
 * a report (`X said Y told him ...`) stay frames of their own.
 */
function isNestedAttitude(v: DocView, inner: Frame, outer: Frame): boolean {
  return outer.contentFirst <= inner.cueFirst && inner.cueLast <= outer.contentLast && !isSpeechCue(v, inner);
}

/** All frames of a document. */
export function findFrames(v: DocView): Frame[] {
  const out: Frame[] = [];
  v.sentences.forEach(([a, b], s) => {
    const frames = framesOfSentence(v, s, a, b);
    for (const f of frames) {
      if (frames.some((o) => o !== f && isNestedAttitude(v, f, o))) continue;
      // `X is expected to tell activists that C`: the speech frame inside an agentless ascription
      // is the attribution; the ascription goes.
      if (f.pattern === 'sourceless' && frames.some((o) => o !== f && o.speaker && isSpeechCue(v, o) && o.cueFirst >= f.cueFirst && o.cueFirst <= f.contentLast + 1 && o.contentLast >= f.contentLast - 1)) continue;
      out.push(f);
    }
  });
  return out;
}

