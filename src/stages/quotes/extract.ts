/**
 * The quotes of one document: direct quotes (attributed through a frame, a neighbouring quote of
 * the same speaker, or kept unattributed when long), reported speech from the remaining frames,
 * speakers resolved in document order so pronouns can prefer the previous quote's speaker.
 * Modules: direct.ts finds quote spans, frames.ts a direct quote's attribution, reported.ts and
 * noun-cues.ts reported speech, this file the mixed content around quotes and the assembly,
 * speakers.ts and mentions.ts who the speaker is.
 */
import type { AnalysisRecord, DocumentRecord, EntityRecord, QuoteRecord } from '../../schema.js';
import { findQuoteSpans, type QuoteSpan } from './direct.js';
import { isQuoteMark, makeView, tokenAt, type DocView } from '../../nlp/doc-view.js';
import { joinAbbreviationSplits } from './sentences.js';
import { clauseEnd, findFrames, type Frame } from './reported.js';
import { reportingVerbs } from './cues.js';
import { classifyMention, pronounAt, subjectBefore } from './mentions.js';
import { buildRegistry, resolveSpeaker, type PreviousSpeaker } from './speakers.js';
import { resolveDescriptorSpeakers } from '../../nlp/definite-descriptions.js';
import { actOf } from './act.js';
import { calibratedConfidence } from './confidence.js';
import { adjacentFrame, previousSentenceFrame, PUNCT_END, SAYING, sentenceSubject, signatureFrame, subjectFrame } from './frames.js';
import { wordList } from './lexicon.js';

const COMPLEMENT_BEFORE_QUOTE = wordList('complement-before-quote');
const TERM_DETERMINERS = wordList('term-determiners');
const BEFORE_FRAME_LINKS = wordList('before-frame-links');
const COMPLEMENTIZERS = wordList('complementizers');
const ARTICLES = wordList('articles');

export interface ExtractOptions {
  indirect: boolean;
}

interface Candidate {
  kind: 'direct' | 'indirect';
  start: number;
  end: number;
  frame: Frame | null;
  quote?: QuoteSpan;
  /** Index of the direct candidate this one continues (same speaker, same group). */
  continues?: number;
  unterminated?: boolean;
  /** Rule id when not the frame's pattern (`embedded-clause`). */
  rule?: string;
}

const wordCount = (s: string): number => (s.trim().match(/\S+/g) ?? []).length;

/** Character span of a frame's content, trimmed of spaces, commas and outer quote marks. */
function contentSpan(v: DocView, f: Frame): { start: number; end: number } | null {
  if (f.contentLast < f.contentFirst) return null;
  let start = v.start[f.contentFirst]!;
  let end = v.end[f.contentLast]!;
  const text = v.text;
  while (start < end && /[\s,:;"“”‘’'«»„]/.test(text[start]!)) start++;
  while (end > start && /[\s,:;"“”‘’'«»„]/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}

/** Is a short quote used as a term (scare quote, title) rather than as someone's words? */
function isTermUse(v: DocView, q: QuoteSpan, frame: Frame | null): boolean {
  const words = wordCount(v.text.slice(q.start, q.end));
  const inner = v.text.slice(q.start, q.end);
  if (words > 5 || /[.!?]["”’']*$/.test(inner.trim()) && words > 3) return false;
  if (!frame) return true;
  const qa = tokenAt(v, q.open);
  const det = v.lower[qa - 1] ?? '';
  // `Lisbon Unveils “X”`: a short quote as the object of a verb names something.
  if (frame.pattern === 'speaker-cue-quote' && det !== ':' && det !== ',') return true;
  // `an “Ocean Pact”`, `its “green corridor”`: a term, unless introduced by `as a`.
  if (TERM_DETERMINERS.has(det) && v.lower[qa - 2] !== 'as') return true;
  // The content region starts with the quote: `said “...”`, `as stated by X` right after.
  if (qa <= frame.contentFirst + 1 && qa >= frame.contentFirst - 1) return false;
  const before = v.lower[qa - 1] ?? '';
  const before2 = v.lower[qa - 2] ?? '';
  if (before === 'as' || (ARTICLES.has(before) && before2 === 'as')) return false;
  if (COMPLEMENT_BEFORE_QUOTE.has(before)) return false;
  if (frame.pattern === 'content-speaker-cue' || frame.pattern === 'content-cue-speaker' || frame.pattern === 'as-stated-by' || frame.pattern === 'content-according') {
    // `"..." as stated by X`: the quote must reach the end of the content.
    const ql = tokenAt(v, q.close - 1);
    if (ql >= frame.contentLast - 1) return false;
  }
  return true;
}

const TITLE_SMALL_WORDS = wordList('title-small-words');

/**
 * Is a quote the title of a work or a headline rather than someone's words? `“Hail, Caesar!”`,
 * `“Sons of the Storm” is an adaptation`, `—“Art Show Opens,” by Jane Roe`: every content word
 * capitalized (not all capitals: `“LOCK HER UP”` is shouted), or a byline right after. A quote
 * attributed right after a comma or colon (`“Nusra Is Al Qaeda,” Kerry said`) stays.
 */
export function isTitleLike(v: DocView, q: QuoteSpan, frame: Frame | null): boolean {
  const after = v.text.slice(q.close, q.close + 8);
  if (/^[,]?\s+by\s+\p{Lu}/u.test(after)) return true;
  const words = v.text.slice(q.start, q.end).match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  const content = words.filter((w) => !TITLE_SMALL_WORDS.has(w.toLowerCase()));
  if (content.length < 2 || content.some((w) => !/^\p{Lu}/u.test(w)) || content.every((w) => w === w.toUpperCase())) return false;
  if (!frame) return true;
  const inner = v.text.slice(q.start, q.end).trim();
  const before = v.word[tokenAt(v, q.open) - 1] ?? '';
  const introduced = (/^[:,]$/.test(before) && (frame.pattern === 'speaker-cue-colon-quote' || frame.pattern === 'speaker-cue-quote')) || (/[,?!]$/.test(inner) && frame.pattern === 'quote-speaker-cue');
  return !introduced;
}

/**
 * First token of the reported clause a quote is embedded in, or null when the quote stands on its
 * own. Embedded: a word (or a comma before a lower-case quote) right before the opening mark in
 * the same sentence, and the quote starts lower-case or follows `that`. The clause starts after
 * the nearest verb before the quote (its `that` kept), or at the quote.
 */
export function embeddedLead(v: DocView, q: QuoteSpan): number | null {
  const open = tokenAt(v, q.open);
  const prev = open - 1;
  if (prev < 0 || v.sentenceOf[prev] !== v.sentenceOf[open] || v.paragraphOf[prev] !== q.paragraph) return null;
  const first = v.text.slice(q.start, q.start + 1);
  // `calling the plan, “too early and too costly”`: a lower-case quote after a comma (not after
  // `said,`) continues the clause.
  const commaLower = v.word[prev] === ',' && /\p{Ll}/u.test(first) && !SAYING.has(v.lower[prev - 1] ?? '');
  if (!commaLower && (v.pos[prev] === 'PUNCT' || /^[\p{P}]+$/u.test(v.word[prev]!))) return null;
  if (!/\p{Ll}/u.test(first) && v.lower[prev] !== 'that') return null;
  // `she said “we will win”`: a quote right after a verb of saying is its whole content.
  if (SAYING.has(v.lemma[prev]!) || SAYING.has(v.lower[prev]!)) return null;
  const lo = v.sentences[v.sentenceOf[open]!]![0];
  for (let j = prev; j >= lo && prev - j < 12; j--) {
    if (v.inQuote[j] || PUNCT_END.test(v.word[j]!)) break;
    if (v.pos[j] === 'VERB') return j + 1 <= open ? j + 1 : open;
  }
  return open;
}

/** Frames whose content stands before their cue (`C, according to X`, `C, X said`). */
const CONTENT_FIRST = new Set(['content-according', 'content-speaker-cue', 'content-cue-speaker']);

/**
 * Is a reported candidate an outer attribution around the quote's own (`[The mayor pledged to
 * “...”], according to the minutes`): content before its cue, holding the speaker and cue that
 * attribute the quote? Then it is not the quote's reported clause.
 */
function isOuterAttribution(v: DocView, reported: Candidate, quoteFrame: Frame | null): boolean {
  if (!quoteFrame?.speaker || !reported.frame || !CONTENT_FIRST.has(reported.frame.pattern)) return false;
  const inside = (token: number) => v.start[token]! >= reported.start && v.start[token]! < reported.end;
  return inside(quoteFrame.speaker.first) && inside(quoteFrame.cueFirst);
}

/** The first fragment of the group a direct candidate belongs to. */
function groupHead(candidates: readonly Candidate[], index: number): Candidate {
  let c = candidates[index]!;
  while (c.continues !== undefined) c = candidates[c.continues]!;
  return c;
}

/**
 * Reported content that runs into a full-sentence quote introduced by its own cue and a colon or
 * comma (`She said experts backed the plan, to which X interjected: “It's not true.”`) ends before
 * that attribution: the quote is direct, not part of the report. Null when nothing is left, or when
 * the quote is this frame's own content (`she added a caveat: “...”`).
 */
export function beforeIntroducedQuote(v: DocView, span: { start: number; end: number }, frame: Frame, candidates: readonly Candidate[]): { start: number; end: number } | null {
  for (const c of candidates) {
    const q = c.quote;
    if (c.kind !== 'direct' || !q || !c.frame || c.continues !== undefined || q.open <= span.start || q.open >= span.end) continue;
    const open = tokenAt(v, q.open);
    if (!/^[:,]$/.test(v.word[open - 1] ?? '') || !/^\p{Lu}/u.test(v.text.slice(q.start, q.start + 1))) continue;
    if (c.frame.pattern !== 'speaker-cue-colon-quote' && c.frame.pattern !== 'speaker-cue-quote') continue;
    if (c.frame.cueFirst === frame.cueFirst) return null;
    const firstOfFrame = Math.min(c.frame.cueFirst, c.frame.speaker?.first ?? c.frame.cueFirst);
    let last = firstOfFrame - 1;
    while (last >= 0 && (/^[\p{P}]+$/u.test(v.word[last]!) || BEFORE_FRAME_LINKS.has(v.lower[last]!))) last--;
    const end = v.end[last] ?? span.start;
    if (end - span.start < 12) return null;
    return { start: span.start, end: Math.min(end, span.end) };
  }
  return span;
}

const LEAD_CONJUNCTIONS = wordList('lead-conjunctions');

/**
 * First token of the unquoted start of a sentence a quote completes: `No name change, he said,
 * “hides what it is”` (a lower-case quote after a parenthetical cue), `If the bill passes, “I
 * think ...,” she said` (a subordinate clause before the quote). The lead and the quote are one
 * reported content (PolNeAR's mixed). Null otherwise.
 */
export function sentenceLead(v: DocView, q: QuoteSpan, frame: Frame | null): number | null {
  if (!frame?.speaker || q.continuation) return null;
  const open = tokenAt(v, q.open);
  const s = v.sentenceOf[open];
  if (s === undefined || s < 0 || v.word[open - 1] !== ',') return null;
  let lo = v.sentences[s]![0];
  while (lo < open && isQuoteMark(v.word[lo]!)) lo++;
  if (v.paragraphOf[lo] !== q.paragraph || lo >= open - 2) return null;
  for (let k = lo; k < open; k++) if (v.inQuote[k]) return null;
  // A lead holding a cue of its own is another attribution (`When someone shouted, “...,” X joked`).
  // (A connective lead, `But, he added, “...”`, is kept: PolNeAR's content holds it.)
  const verbs = reportingVerbs();
  for (let k = lo; k < open; k++) if (v.pos[k] === 'VERB' && k !== frame.cueFirst && (verbs.has(v.lower[k]!) || verbs.has(v.lemma[k]!))) return null;
  const lowerQuote = /^\p{Ll}/u.test(v.text.slice(q.start, q.start + 1));
  // `LEAD, X said, “continues the lead”`
  const parenthetical = frame.pattern === 'speaker-cue-quote' && lowerQuote && frame.speaker.first > lo + 1 && v.word[frame.speaker.first - 1] === ',';
  // `If ..., “...,” X said`
  const subordinate = frame.cueFirst > open && LEAD_CONJUNCTIONS.has(v.lower[lo]!);
  return parenthetical || subordinate ? lo : null;
}

/**
 * The attribution of an embedded clause through the reporting verb right before it (`adding that
 * “...”`, `Acknowledging that X “...”, Roe said`): its subject, or for a participle the subject of
 * the sentence's finite verb. Null when the word before the clause is no reporting verb.
 */
function governingFrame(v: DocView, lead: number, q: QuoteSpan): Frame | null {
  let verb = lead - 1;
  if (v.lower[verb] === 'that' || v.lower[verb] === 'to') verb--;
  const verbs = reportingVerbs();
  if (verb < 0 || v.pos[verb] !== 'VERB' || !(verbs.has(v.lower[verb]!) || verbs.has(v.lemma[verb]!))) return null;
  const s = v.sentenceOf[verb]!;
  const [lo, hi] = v.sentences[s]!;
  let subj = subjectBefore(v, verb, lo);
  if (!subj && /ing$/.test(v.lower[verb]!)) subj = sentenceSubject(v, lo, verb) ?? sentenceSubject(v, tokenAt(v, q.close), hi + 1);
  if (!subj) return null;
  return { cueFirst: verb, cueLast: verb, speaker: classifyMention(v, subj[0], subj[1]), contentFirst: lead, contentLast: tokenAt(v, q.close - 1), pattern: 'speaker-cue-content', sentence: s };
}

const CLAUSE_LINKS = wordList('clause-links');

/**
 * Last token of the unquoted words a sentence goes on with after a quote that stops mid-sentence
 * (`“It seems extremely unlikely” that she can catch up, said X`, `“This will be a challenge” for
 * the party`), or null when the quote ends its clause or its own attribution follows (`“...” he
 * said`). The quote and those words are one reported content (PolNeAR's mixed).
 */
export function trailingClauseEnd(v: DocView, q: QuoteSpan, frame: Frame | null): number | null {
  if (q.unterminated) return null;
  const inner = v.text.slice(q.start, q.end).trim().replace(/["“”‘’'«»]+$/, '');
  if (/[.,;:!?…—–-]$/.test(inner)) return null;
  const n = v.word.length;
  let t = tokenAt(v, q.close);
  while (t < n && isQuoteMark(v.word[t]!) && v.start[t] === q.close) t++;
  if (t >= n || v.paragraphOf[t] !== q.paragraph || v.start[t]! - q.close > 1 || v.inQuote[t]) return null;
  if (!/^\p{Ll}/u.test(v.word[t]!) || pronounAt(v, t)) return null;
  if (frame && (frame.cueFirst === t || frame.speaker?.first === t)) return null;
  // `said “...” and left the stage`, `“...” which ...`: the sentence moves on to something else.
  if (CLAUSE_LINKS.has(v.lower[t]!)) return null;
  const sentence = v.sentences[v.sentenceOf[t]!];
  if (!sentence) return null;
  // The attribution after the words (`..., said X`) is not part of them.
  let hi = sentence[1];
  for (const at of [frame?.cueFirst, frame?.speaker?.first]) if (at !== undefined && at > t && at - 1 < hi) hi = at - 1;
  // `“A” because “B”`, `''A'' but necessary ''B''`: a connective between two quotes is not
  // reported content of its own.
  for (let k = t; k <= Math.min(hi, t + 3); k++) if (v.inQuote[k]) return null;
  let last = clauseEnd(v, t, hi);
  while (last >= t && /^[,;:—–-]$/.test(v.word[last]!)) last--;
  return last >= t ? last : null;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

export function extractQuotes(document: DocumentRecord, analysis: AnalysisRecord, entities: EntityRecord[], options: ExtractOptions): QuoteRecord[] {
  const v = joinAbbreviationSplits(makeView(document, analysis));
  const quotes = findQuoteSpans(v.text, document.paragraphs);
  for (const q of quotes) {
    for (let t = tokenAt(v, q.start); t < v.start.length && v.start[t]! < q.end; t++) v.inQuote[t] = 1;
  }
  const frames = findFrames(v);
  const registry = buildRegistry(v, entities);
  const used = new Set<Frame>();
  const candidates: Candidate[] = [];

  // Direct quotes.
  let previousDirect = -1;
  quotes.forEach((q) => {
    const qa = tokenAt(v, q.open);
    const qb = tokenAt(v, Math.max(q.open, q.close - 1));
    let best: Frame | null = adjacentFrame(v, q);
    if (best) frames.push(best);
    let bestDistance = best ? -1 : Infinity;
    for (const f of frames) {
      if (f.contentLast < f.contentFirst || !f.speaker) continue;
      if (f.contentLast < qa - 1 || f.contentFirst > qb + 1) continue;
      // A cue in another paragraph does not attribute this quote (a sentence can run over a
      // paragraph break when the tokenizer misses the end of a quote), except `X said:` ending the
      // previous one.
      const cuePara = v.paragraphOf[f.cueFirst]!;
      if (cuePara !== q.paragraph && !(cuePara === q.paragraph - 1 && f.pattern === 'speaker-cue-colon-quote')) continue;
      // The frame's content must cover a good part of the quote (or the quote most of the content).
      const cueAt = f.cueFirst;
      const distance = cueAt < qa ? qa - cueAt : cueAt - qb;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = f;
      }
    }
    // A following `He said.` sentence attributes a quote that ends its sentence.
    if (!best) {
      const s = v.sentenceOf[qb] ?? -1;
      for (const f of frames) if (f.pattern === 'speaker-cue-end' && f.sentence === s + 1) best = f;
    }
    const prev = previousDirect >= 0 ? candidates[previousDirect] : undefined;
    let continues: number | undefined;
    // A quote embedded in reported speech (`praising the crew’s “quiet courage,” X said, “...”`) is a
    // partial quote of its own: a quote after it on the same cue is not its next fragment.
    const prevEmbedded = prev?.quote !== undefined && embeddedLead(v, prev.quote) !== null;
    // Two fragments around one cue: `“A,” the judge exclaimed, “B.”`
    if (best && prev?.frame && prev.frame.cueFirst === best.cueFirst && prev.frame.sentence === best.sentence && !prevEmbedded) continues = previousDirect;
    if (!best && prev?.quote) {
      const gap = v.text.slice(prev.quote.close, q.open);
      const samePara = prev.quote.paragraph === q.paragraph;
      // `"A," she said. "B."` (the frame sits between), or a quote continued in the next paragraph.
      // Same paragraph, the previous quote attributed, nothing else quoted in between.
      // A quote set in running text (`host of the show “Shark Tank”`) is a title or term, not the
      // next fragment: a fragment follows punctuation or opens its sentence.
      const inRunningText = !/[\p{P}]$/u.test(v.word[tokenAt(v, q.open) - 1] ?? '.');
      const attributed = groupHead(candidates, previousDirect).frame?.speaker;
      if ((samePara && gap.length <= 400 && attributed && !inRunningText) || (q.continuation && prev.quote.unterminated)) {
        continues = previousDirect;
      }
    }
    // A paragraph that is one more quote right after an attributed quote paragraph: the same
    // attribution goes on, one more fragment of its group (PolNeAR groups such paragraphs, also
    // when the previous paragraph ends on its cue: `“...,” she said to cheers. ¶ “...”`).
    if (!best && continues === undefined && prev?.quote && (groupHead(candidates, previousDirect).frame?.speaker) && q.paragraph === prev.quote.paragraph + 1 && q.open === document.paragraphs[q.paragraph]?.start)
      continues = previousDirect;
    if (!best && continues === undefined && isTermUse(v, q, null)) return;
    if (best && isTermUse(v, q, best)) return;
    if (isTitleLike(v, q, best)) return;
    if (best) used.add(best);
    // No cue next to it: the subject of the sentence the quote sits in speaks.
    if (!best && continues === undefined) best = subjectFrame(v, q) ?? previousSentenceFrame(v, q, frames) ?? signatureFrame(v, q);
    candidates.push({ kind: 'direct', start: q.start, end: q.end, frame: best, quote: q, continues, unterminated: q.unterminated });
    previousDirect = candidates.length - 1;
  });

  // Reported speech: frames whose content is not (mostly) a direct quote.
  if (options.indirect) {
    // Cues that already attribute a quote standing before them (`“...,” X said`).
    const directCues = new Set<number>();
    for (const c of candidates) if (c.frame) directCues.add(c.frame.cueFirst);
    for (const f of frames) {
      if ((f.pattern === 'content-cue-speaker' || f.pattern === 'content-speaker-cue') && (directCues.has(f.cueFirst) || directCues.has(f.cueLast))) continue;
      // Frames without a source phrase (passives, `seemed to`, `Asked whether`) are attributions too.
      if ((!f.speaker && f.pattern !== 'sourceless') || f.pattern === 'cue-as') continue;
      const whole = contentSpan(v, f);
      if (!whole) continue;
      const span = beforeIntroducedQuote(v, whole, f, candidates);
      if (!span) continue;
      // Very short content is noise, except an infinitive (`declined to comment`).
      if (f.contentLast - f.contentFirst < 2 && !(f.contentLast > f.contentFirst && v.lower[f.contentFirst] === 'to')) continue;
      // Content that is a direct quote (`X said: “...”`, `“...,” X said`) is not reported speech too;
      // content with a quote inside (`X said the plan would “fail badly”`) is (PolNeAR's mixed).
      let covered = 0;
      let startsWithQuote = false;
      for (const q of quotes) {
        covered += overlaps(span, { start: q.open, end: q.close });
        if (q.start - span.start <= 2 && q.start - span.start >= -2) startsWithQuote = true;
      }
      // `X says that “...”`: a quote inside a that-clause is integrated into reported speech.
      const introduced = f.contentFirst > 0 && COMPLEMENTIZERS.has(v.lower[f.contentFirst - 1]!);
      if (covered >= 0.6 * (span.end - span.start) && startsWithQuote && !introduced) continue;
      if (covered >= 0.95 * (span.end - span.start)) continue;
      // Content must not start inside a quote.
      if (v.inQuote[f.contentFirst] && !isQuoteMark(v.word[f.contentFirst]!)) continue;
      candidates.push({ kind: 'indirect', start: span.start, end: span.end, frame: f });
    }
  }

  // A quote embedded in a reported clause (`X said the plan was “too early”`, `she pledged to
  // “...”`) is reported speech with quoted words in it: the clause from its governing verb to the
  // closing mark is emitted as reported speech, which holds the direct quote.
  const reported = candidates.filter((c) => c.kind === 'indirect');
  for (const c of candidates.slice()) {
    if (c.kind !== 'direct' || !c.quote || c.continues !== undefined) continue;
    const q = c.quote;
    const lead = embeddedLead(v, q) ?? sentenceLead(v, q, c.frame);
    const tail = trailingClauseEnd(v, q, c.frame);
    if (lead === null && tail === null) continue;
    if (reported.some((r) => overlaps(r, q) >= 0.5 * (q.end - q.start) && !isOuterAttribution(v, r, c.frame))) continue;
    const start = lead === null ? q.open : v.start[lead]!;
    const end = tail === null ? q.close : v.end[tail]!;
    const frame = c.frame?.speaker ? c.frame : (lead !== null ? governingFrame(v, lead, q) : null) ?? c.frame ?? subjectFrame(v, q, false);
    candidates.push({ kind: 'indirect', start, end, frame, rule: lead === null ? 'quote-trailing-clause' : 'quote-embedded-clause' });
  }

  // Speakers, in document order.
  const order = candidates.map((c, i) => i).sort((a, b) => candidates[a]!.start - candidates[b]!.start || (candidates[a]!.kind === 'direct' ? -1 : 1));
  const resolved = new Map<number, QuoteRecord['speaker'] & { confidence: number; person: boolean; how: string }>();
  const history: PreviousSpeaker[] = [];
  for (const index of order) {
    const c = candidates[index]!;
    let speaker: QuoteRecord['speaker'];
    let confidence: number;
    let person = false;
    let how = 'no-frame';
    let gender: PreviousSpeaker['gender'] = null;
    const from = c.continues;
    if (from !== undefined && resolved.has(from)) {
      const r = resolved.get(from)!;
      speaker = { name: r.name, entityId: r.entityId, text: r.text, start: r.start, end: r.end, resolution: r.resolution };
      confidence = Math.max(0.3, r.confidence - 0.1);
      person = r.person;
      how = 'continues';
    } else if (c.frame?.speaker) {
      const r = resolveSpeaker(v, c.frame.speaker, registry, history);
      speaker = r.speaker;
      confidence = r.confidence;
      person = r.person;
      how = r.how;
      gender = r.gender ?? null;
    } else {
      speaker = { name: null, entityId: null, text: null, start: null, end: null, resolution: 'none' };
      confidence = 0.3;
    }
    if (c.kind === 'indirect') confidence = Math.max(0.05, confidence - 0.1);
    confidence = calibratedConfidence(c.kind, how, speaker.resolution, confidence);
    resolved.set(index, { ...speaker, confidence, person, how });
    if ((speaker.name || how === 'group-phrase') && from === undefined) history.push({ name: speaker.name, entityId: speaker.entityId, person, gender, at: speaker.start ?? c.start });
  }

  // Records, sorted by start, with stable ids and groups.
  const sorted = order.slice().sort((a, b) => candidates[a]!.start - candidates[b]!.start || candidates[a]!.end - candidates[b]!.end);
  const idOf = new Map<number, string>();
  sorted.forEach((index, n) => idOf.set(index, `${document.id}#q${n + 1}`));
  const groupOf = (index: number): string => {
    let i = index;
    while (candidates[i]!.continues !== undefined) i = candidates[i]!.continues!;
    return idOf.get(i)!;
  };
  const hasContinuation = new Set<number>();
  for (const c of candidates) if (c.continues !== undefined) hasContinuation.add(c.continues);
  const records = sorted.map((index) => {
    const c = candidates[index]!;
    const r = resolved.get(index)!;
    const f = c.frame;
    const cue = f && f.cueLast >= f.cueFirst ? { text: v.text.slice(v.start[f.cueFirst]!, v.end[f.cueLast]!), start: v.start[f.cueFirst]!, end: v.end[f.cueLast]! } : null;
    const record: QuoteRecord = {
      docId: document.id,
      id: idOf.get(index)!,
      kind: c.kind,
      text: v.text.slice(c.start, c.end),
      start: c.start,
      end: c.end,
      cue: c.continues !== undefined ? null : cue,
      speaker: { name: r.name, entityId: r.entityId, text: r.text, start: r.start, end: r.end, resolution: r.resolution, rule: r.how },
      confidence: Math.round(Math.min(1, Math.max(0, r.confidence)) * 100) / 100,
      rule: c.rule ?? (c.continues !== undefined ? 'continues' : f?.pattern ?? 'unattributed'),
      act: actOf(v, c.kind, f, c.start),
    };
    if (c.continues !== undefined || hasContinuation.has(index)) record.group = groupOf(index);
    if (c.continues !== undefined) record.continues = idOf.get(c.continues)!;
    if (c.unterminated) record.unterminated = true;
    return record;
  });
  // `..., the California Republican said` right after that senator spoke: the person, not the
  // place in the descriptor (nlp/definite-descriptions.ts, shared with the stance stage).
  return resolveDescriptorSpeakers(records, entities).map((q, i) =>
    q === records[i] ? q : { ...q, confidence: Math.round(calibratedConfidence(q.kind, q.speaker.rule!, q.speaker.resolution, 0.6) * 100) / 100 },
  );
}
