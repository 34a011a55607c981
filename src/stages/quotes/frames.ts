/**
 * Where a direct quote's attribution is: the frames written next to a quote (`“...,” she said`,
 * `X said: “...”`, `X (D-Ore.): “...”`), the subject of the sentence a quote sits in, the previous
 * sentence's source, a signature line. Each returns a Frame (reported.ts) or null; extract.ts
 * tries them in order for every quote.
 */
import type { QuoteSpan } from './direct.js';
import { isCapitalized, isQuoteMark, tokenAt, type DocView } from '../../nlp/doc-view.js';
import type { Frame } from './reported.js';
import { reportingVerbs, BETWEEN_SUBJECT_AND_CUE } from './cues.js';
import { classifyMention, isAnimate, type Mention, npEndingAt, npStartingAt, pronounAt, subjectBefore } from './mentions.js';
import { wordList } from './lexicon.js';

const FRAME_CUE_LEAD = wordList('frame-cue-lead');
const POSSESSIVE_DETERMINERS = wordList('possessive-determiners');

export const PUNCT_END = /^[.!?]+$/;
export const TIME_NOUNS = wordList('time-nouns');
export const SAYING = wordList('saying');
export const OBJECT_CUES = wordList('object-cues');

/**
 * The attribution written right next to a quote, with any verb as cue: `“...,” she said`,
 * `“...,” said Clinton`, `Cruz continued: “...”`, `he replied, “...”` (also when the colon ends
 * the previous paragraph).
 */
export function adjacentFrame(v: DocView, q: QuoteSpan): Frame | null {
  const before = frameBeforeQuote(v, q);
  if (before && before.pattern === 'speaker-cue-colon-quote') return before;
  return frameAfterQuote(v, q) ?? dashFrame(v, q) ?? before;
}

/**
 * `“...” — Commissioner Jane Roe`: a dash after the quote and a name or role closing the paragraph
 * (or the sentence) sign it.
 */
export function dashFrame(v: DocView, q: QuoteSpan): Frame | null {
  let t = tokenAt(v, q.close);
  while (t < v.word.length && isQuoteMark(v.word[t]!) && v.start[t] === q.close) t++;
  if (t >= v.word.length || !/^[—–-]$/.test(v.word[t]!) || v.paragraphOf[t] !== q.paragraph || v.start[t]! - q.close > 2) return null;
  let hi = t;
  while (hi + 1 < v.word.length && hi - t < 10 && v.paragraphOf[hi + 1] === q.paragraph) hi++;
  const np = npStartingAt(v, t + 1, hi);
  if (!np) return null;
  const after = np[1] + 1;
  if (!(after >= v.word.length || v.paragraphOf[after] !== q.paragraph || /^[.,]$/.test(v.word[after]!))) return null;
  const speaker = classifyMention(v, np[0], np[1]);
  if (speaker.kind !== 'name' && speaker.kind !== 'descriptor') return null;
  return { cueFirst: t, cueLast: t, speaker, contentFirst: tokenAt(v, q.open), contentLast: tokenAt(v, q.close - 1), pattern: 'quote-dash-speaker', sentence: v.sentenceOf[t]! };
}

export function frameAfterQuote(v: DocView, q: QuoteSpan): Frame | null {
  const verbs = reportingVerbs();
  const lexical = (i: number) => verbs.has(v.lower[i]!) || verbs.has(v.lemma[i]!);
  const n = v.word.length;
  // Trailing closing marks of a nested quote (`help?’”`) do not hide the punctuation before them.
  const inner = v.text.slice(q.start, q.end).trim().replace(/["“”‘’'«»]+$/, '');
  // After the quote.
  let t = tokenAt(v, q.close);
  // A stray mark right after the close (`them,'''`: a nested quote and its outer quote closing
  // together) belongs to the quote.
  while (t < n && isQuoteMark(v.word[t]!) && v.start[t] === q.close && v.paragraphOf[t] === q.paragraph) t++;
  if (t < n && v.start[t]! >= q.close && v.paragraphOf[t] === q.paragraph + 0 && v.start[t]! - q.close < 3) {
    let commaLed = /[,—–-]$/.test(inner) || /[?!]$/.test(inner);
    if (v.word[t] === ',') {
      commaLed = true;
      t++;
    }
    const sentenceEnd = (k: number) =>
      k >= n || PUNCT_END.test(v.word[k]!) || v.word[k] === ',' || v.word[k] === '(' || v.pos[k] === 'ADP' || v.pos[k] === 'SCONJ' || v.pos[k] === 'ADV' || isQuoteMark(v.word[k]!) || v.paragraphOf[k] !== q.paragraph;
    if (t < n && !v.inQuote[t]) {
      // `said Clinton`
      if (v.pos[t] === 'VERB' && (commaLed || lexical(t)) && !/ing$/.test(v.lower[t]!)) {
        let np = trimPostmodifier(v, npStartingAt(v, t + 1, Math.min(n - 1, t + 14)));
        // `said its general secretary, Jane Roe`: a possessive opens the phrase (the name in the
        // appositive is then taken below).
        if (np && np[0] === np[1] && POSSESSIVE_DETERMINERS.has(v.lower[t + 1]!)) {
          const rest = trimPostmodifier(v, npStartingAt(v, t + 2, Math.min(n - 1, t + 15)));
          if (rest) np = [t + 1, rest[1]];
        }
        // `said Ridge Holdings (Securities) Ltd analyst Jane Roe`: a parenthesis inside the phrase.
        if (np && v.word[np[1] + 1] === '(') {
          let close = np[1] + 2;
          while (close < n && close - np[1] < 8 && v.word[close] !== ')') close++;
          const rest = v.word[close] === ')' ? npStartingAt(v, close + 1, Math.min(n - 1, close + 14)) : null;
          if (rest && sentenceEnd(rest[1] + 1)) np = [np[0], rest[1]];
        }
        // `said Ellen Harlan's rival, Paul Okafor`: the name in the appositive.
        if (np && v.word[np[1] + 1] === ',' && classifyMention(v, np[0], np[1]).kind !== 'name') {
          const second = npStartingAt(v, np[1] + 2, Math.min(n - 1, np[1] + 14));
          if (second && classifyMention(v, second[0], second[1]).kind === 'name' && sentenceEnd(second[1] + 1)) np = second;
        }
        // `said a longtime adviser to the governor`: a determiner phrase speaks when its head is a
        // person or group noun (not `said the plan would ...`).
        // `said the designer, who ...`, `said the designer.`: a determiner phrase closing the
        // sentence or opening an aside after a comma-led quote speaks (unless it is a time).
        const closesAttribution = (b: number) => commaLed && (/^[.,]$/.test(v.word[b + 1] ?? '') || v.lower[b + 1] === 'who') && !TIME_NOUNS.has(v.lower[b]!);
        const detOk = (a: number, b: number) => v.pos[a] !== 'DET' || (commaLed && isAnimate(v, classifyMention(v, a, b))) || closesAttribution(b);
        // `said one aide who ...`, `says a neighbour living on the street`: after a comma-led quote, an
        // animate phrase right after the cue speaks whatever follows it.
        const animateAfterComma = (a: number, b: number) => commaLed && !pronounAt(v, a) && isAnimate(v, classifyMention(v, a, b)) && v.pos[b] !== 'PROPN';
        if (np && (sentenceEnd(np[1] + 1) || v.lower[np[1] + 1] === 'who' || animateAfterComma(np[0], np[1])) && !pronounAt(v, np[0]) && detOk(np[0], np[1]) || (np && pronounAt(v, np[0]) && sentenceEnd(np[1] + 1))) {
          return { cueFirst: t, cueLast: t, speaker: classifyMention(v, np![0], np![1]), contentFirst: tokenAt(v, q.open), contentLast: tokenAt(v, q.close - 1), pattern: 'quote-cue-speaker', sentence: v.sentenceOf[t]! };
        }
      }
      // `she said`, `the judge exclaimed`, `Clinton told reporters`
      let np = npStartingAt(v, t, Math.min(n - 1, t + 14));
      // `her neighbour wrote`: a possessive opens the speaker phrase.
      if (np && np[0] === np[1] && POSSESSIVE_DETERMINERS.has(v.lower[t]!)) {
        const rest = npStartingAt(v, t + 1, Math.min(n - 1, t + 14));
        np = rest ? [t, rest[1]] : null;
      }
      // `Toomey fumed on Tuesday`, `Conway notes.`: the tagger may read the cue as the last word
      // of the noun phrase; the phrase without it is tried next.
      // (The phrase stays in the quote's paragraph and opens with a word: `“...”. ¶ Mr X told` is
      // another sentence.)
      if (np && (v.paragraphOf[np[1]] !== q.paragraph || /^[\p{P}]+$/u.test(v.word[np[0]]!))) np = null;
      const speakerPhrases: Array<[number, number]> = np ? [np] : [];
      if (np && np[1] > np[0]) speakerPhrases.push([np[0], np[1] - 1]);
      for (const np of speakerPhrases) {
        let k = skipAuxRight(v, np[1] + 1);
        // `Rep. Ann Lee (D-Ore.) said`: a party label in parentheses.
        if (v.word[k] === '(') {
          let j = k + 1;
          while (j < n && j - k < 10 && v.word[j] !== ')') j++;
          if (v.word[j] === ')') k = skipAuxRight(v, j + 1);
        }
        // `James Doe of the Policy Institute wrote`: an of-phrase of names.
        // `a spokeswoman for the county clerks said`: a for-phrase after a person noun.
        if (v.lower[k] === 'of' || (v.lower[k] === 'for' && isAnimate(v, classifyMention(v, np[0], np[1])))) {
          let j = k + 1;
          while (j < n && j - k < 10 && (v.pos[j] === 'DET' || v.pos[j] === 'PROPN' || isCapitalized(v.word[j]!) || v.word[j] === '.' || v.word[j] === '-' || (v.lower[k] === 'for' && v.pos[j] === 'NOUN'))) j++;
          if (j > k + 1 && v.pos[j] === 'VERB') k = skipAuxRight(v, j);
        }
        // `Graham, a former candidate, told`, `Sarandon, 69, a nurse in Reno, Nev., told`: skip the
        // appositive, over several commas when needed.
        let speakerPhrase: [number, number] = np;
        if (v.word[k] === ',') {
          const open = k;
          // `its spokesman, Colm Reddy, said`: a role phrase with a name in apposition: the name speaks.
          if (classifyMention(v, np[0], np[1]).kind !== 'name') {
            const named = npStartingAt(v, open + 1, Math.min(n - 1, open + 8));
            if (named && v.word[named[1] + 1] === ',' && v.pos[skipAuxRight(v, named[1] + 2)] === 'VERB' && classifyMention(v, named[0], named[1]).kind === 'name') speakerPhrase = named;
          }
          for (let j = k + 1; j < n && j - open < 30 && v.sentenceOf[j] === v.sentenceOf[open]; j++) {
            if (v.word[j] === ',') {
              const next = skipAuxRight(v, j + 1);
              k = next;
              if (v.pos[next] === 'VERB') break;
              continue;
            }
            // A quoted name inside the appositive (`wearing “Team X” pins`) does not end it, nor
            // the periods of an abbreviation.
            if (PUNCT_END.test(v.word[j]!) && !(v.word[j] === '.' && /^\p{Lu}/u.test(v.word[j - 1] ?? '') && (v.word[j - 1] ?? '').length <= 3)) break;
          }
        }
        const nounCue = v.pos[k] === 'NOUN' && lexical(k) && /s$/.test(v.lower[k]!) && classifyMention(v, np[0], np[1]).kind !== 'other';
        const closesClause = commaLed || sentenceEnd(k + 1) || v.pos[k + 1] === 'PRON' || (v.pos[k + 1] === 'PROPN' && OBJECT_CUES.has(v.lemma[k]!));
        // `the mayor fumed`: the tagger sometimes reads a past-tense cue as an adjective.
        const verbLike = v.pos[k] === 'VERB' || (v.pos[k] === 'ADJ' && /ed$/.test(v.lower[k]!) && (lexical(k) || (commaLed && sentenceEnd(k + 1))));
        if (k < n && (verbLike || nounCue) && !/ing$/.test(v.lower[k]!) && closesClause && v.lower[k + 1] !== 'that' && (lexical(k) || (commaLed && (sentenceEnd(k + 1) || v.pos[k + 1] === 'PRON' || v.pos[k + 1] === 'DET')))) {
          return { cueFirst: k, cueLast: k, speaker: classifyMention(v, speakerPhrase[0], speakerPhrase[1]), contentFirst: tokenAt(v, q.open), contentLast: tokenAt(v, q.close - 1), pattern: 'quote-speaker-cue', sentence: v.sentenceOf[k]! };
        }
      }
      if (commaLed) return looseSpeakerCue(v, q, t);
    }
  }
  return null;
}

/**
 * After a comma-led quote, a short phrase then a reporting word, whatever the tagger made of them:
 * `Texas-based Jane Roe said`, `the Saudis state in a paper`, `a message on the site reads`.
 * The phrase must open like a noun phrase and hold no verb or clause punctuation.
 */
export function looseSpeakerCue(v: DocView, q: QuoteSpan, t: number): Frame | null {
  const verbs = reportingVerbs();
  if (pronounAt(v, t) || !(isCapitalized(v.word[t]!) || v.pos[t] === 'DET' || v.pos[t] === 'ADJ' || v.pos[t] === 'NOUN')) return null;
  let depth = 0;
  for (let k = t + 1; k < v.word.length && k - t <= 16 && v.paragraphOf[k] === q.paragraph; k++) {
    const w = v.word[k]!;
    // `Ministry of Trade (MITI) deputy director general Jane Roe told`: a parenthesis inside the phrase.
    if (w === '(') depth++;
    if (w === '(' || w === ')') {
      if (w === ')') depth--;
      continue;
    }
    if (depth > 0) continue;
    if (v.inQuote[k] || /^[,;:!?()"“”]$/.test(w) || (PUNCT_END.test(w) && !/^\p{Lu}/u.test(v.word[k - 1]!))) return null;
    if ((verbs.has(v.lower[k]!) || verbs.has(v.lemma[k]!)) && !/ing$/.test(v.lower[k]!) && /^\p{Ll}/u.test(w)) {
      const speaker = classifyMention(v, t, k - 1);
      if (speaker.kind === 'other' && !isAnimate(v, speaker) && v.pos[k - 1] !== 'PROPN' && v.pos[k - 1] !== 'NOUN') return null;
      return { cueFirst: k, cueLast: k, speaker, contentFirst: tokenAt(v, q.open), contentLast: tokenAt(v, q.close - 1), pattern: 'quote-speaker-cue', sentence: v.sentenceOf[k]! };
    }
    // `Texas-based`: a participle inside a hyphenated modifier.
    const hyphenated = v.word[k - 1] === '-' && v.start[k] === v.end[k - 1];
    // (A capitalized word is part of a name whatever its tag: `Ministry of Shipping`.)
    if ((v.pos[k] === 'VERB' || v.pos[k] === 'AUX') && !hyphenated && !/^\p{Lu}/u.test(w)) return null;
  }
  return null;
}

/** `a person close to the family`, `officials familiar with the talks`: the head comes before the adjective. */
export function trimPostmodifier(v: DocView, np: [number, number] | null): [number, number] | null {
  if (!np || np[1] <= np[0] || v.pos[np[1]] !== 'ADJ' || v.pos[np[1] + 1] !== 'ADP') return np;
  return v.pos[np[1] - 1] === 'NOUN' ? [np[0], np[1] - 1] : np;
}

export function frameBeforeQuote(v: DocView, q: QuoteSpan): Frame | null {
  const verbs = reportingVerbs();
  const lexical = (i: number) => verbs.has(v.lower[i]!) || verbs.has(v.lemma[i]!);
  const open = tokenAt(v, q.open);
  let k = open - 1;
  if (k < 0) return null;
  const mark = v.word[k]!;
  const sameOrColon = v.paragraphOf[k] === q.paragraph || mark === ':';
  if (!sameOrColon) return null;
  const punctLed = mark === ':' || mark === ',';
  if (punctLed) k--;
  const sentence = v.sentenceOf[Math.max(0, k)]!;
  const lo = v.sentences[sentence]?.[0] ?? 0;
  for (let j = k; j >= lo && k - j <= 12; j--) {
    if (v.inQuote[j] || PUNCT_END.test(v.word[j]!)) break;
    // `... the polls suggest - Jane Roe:`: a spaced dash sets the source apart from the clause before.
    if (/^[-—–]$/.test(v.word[j]!) && v.start[j]! > v.end[j - 1]!) break;
    if (v.pos[j] !== 'VERB') continue;
    if (!(lexical(j) || (punctLed && j >= k - 4))) continue;
    // Past seven words, only `X told reporters before the session, “...”`: a speech verb.
    if (k - j > 7 && !(punctLed && SAYING.has(v.lower[j]!))) break;
    // `quoted X as saying:` is a frame of its own (the medium is not the speaker).
    if (v.lower[j - 1] === 'as' && /^(saying|telling)$/.test(v.lower[j]!)) return null;
    // `so-called`
    if (v.lower[j] === 'called' && v.word[j - 1] === '-' && v.lower[j - 2] === 'so') break;
    if (!punctLed && j < k - 3) break;
    let cueFirst = j;
    while (cueFirst - 1 >= lo && FRAME_CUE_LEAD.has(v.lower[cueFirst - 1]!)) cueFirst--;
    // `began by saying`
    if (/ing$/.test(v.lower[j]!) && v.lower[j - 1] === 'by' && v.pos[j - 2] === 'VERB') cueFirst = j - 2;
    let subj = subjectBefore(v, cueFirst, lo);
    // `Continued Stone:` / `Stated Stone:`: the verb opens the sentence, the speaker follows.
    if (!subj && cueFirst === lo && !/ing$/.test(v.lower[j]!)) subj = npStartingAt(v, j + 1, k);
    // `..., telling the crowd, “...”` / `writing “...”`: the sentence's subject speaks.
    if (!subj && /ing$/.test(v.lower[j]!)) subj = sentenceSubject(v, lo, cueFirst);
    if (!subj) return null;
    return { cueFirst, cueLast: j, speaker: classifyMention(v, subj[0], subj[1]), contentFirst: open, contentLast: tokenAt(v, q.close - 1), pattern: mark === ':' ? 'speaker-cue-colon-quote' : 'speaker-cue-quote', sentence };
  }
  // `Rep. Ann Lee (D-Ore.):` may come as one `):` token.
  if (mark === '):') return speakerColonFrame(v, q, k);
  return mark === ':' ? speakerColonFrame(v, q, k + 1) : null;
}

/**
 * `Jane Roe, a pollster: “...”`, `Rep. Ann Lee (D-Ore.): “...”`, `From the report: “...”`: with no
 * verb before the colon, the phrase ending at it is the source when it names someone (a name, a
 * role, a group, or a document such as a report). `colon` is the colon token (`:` or `):`).
 */
export function speakerColonFrame(v: DocView, q: QuoteSpan, colon: number): Frame | null {
  let k = v.word[colon] === '):' ? colon : colon - 1;
  // A party label in parentheses before the colon.
  if (v.word[k] === ')' || v.word[k] === '):') {
    let j = k - 1;
    while (j > 0 && k - j < 10 && v.word[j] !== '(') j--;
    if (v.word[j] === '(') k = j - 1;
  }
  const sentence = v.sentenceOf[k];
  if (k < 0 || sentence === undefined || sentence < 0) return null;
  const lo = v.sentences[sentence]![0];
  const np = npEndingAt(v, k, lo);
  if (!np) return null;
  // `... contests - Jane Roe:`: a spaced dash is not a hyphen; the source starts after it.
  for (let i = np[1] - 1; i > np[0]; i--) if (/^[-—–]$/.test(v.word[i]!) && v.start[i]! > v.end[i - 1]!) { np[0] = i + 1; break; }
  if (pronounAt(v, np[0])) return null;
  const m = classifyMention(v, np[0], np[1]);
  if (!(m.kind === 'name' || m.kind === 'descriptor' || m.kind === 'group' || (m.kind === 'other' && isAnimate(v, m)))) return null;
  // `Asked about it on Monday:` / `In a statement:`: a phrase after a preposition other than `from` is not the source.
  const before = v.lower[np[0] - 1] ?? '';
  if (np[0] > lo && v.pos[np[0] - 1] === 'ADP' && before !== 'from') return null;
  // `had one message:`: the object of a verb is not the source.
  if (np[0] > lo && (v.pos[np[0] - 1] === 'VERB' || v.pos[np[0] - 1] === 'AUX')) return null;
  const open = tokenAt(v, q.open);
  return { cueFirst: colon, cueLast: colon, speaker: m, contentFirst: open, contentLast: tokenAt(v, q.close - 1), pattern: 'speaker-colon-quote', sentence };
}

/**
 * The subject of the sentence a quote opens inside, when no cue attributes it: `The memo claims
 * “...”`, `X stood up and shouted: “...”`, `Name, 35, ..., wrote on Monday, “...”`. The subject is
 * a noun phrase followed by a verb; one before a reporting verb wins, then a name or pronoun, then
 * the first one. Null when the quote opens its sentence, or (strict) when no speech verb or
 * colon/comma introduces it; the reported clause around an embedded quote takes the subject anyway.
 */
export function subjectFrame(v: DocView, q: QuoteSpan, strict = true): Frame | null {
  const verbs = reportingVerbs();
  const open = tokenAt(v, q.open);
  const s = v.sentenceOf[open];
  if (s === undefined || s < 0) return null;
  const lo = v.sentences[s]![0];
  if (open <= lo || v.paragraphOf[lo] !== q.paragraph) return null;
  const found: Array<{ np: [number, number]; verb: number; m: Mention }> = [];
  for (let i = lo; i < open; i++) {
    if (v.inQuote[i]) continue;
    const np = npStartingAt(v, i, open - 1);
    if (!np) continue;
    let k = skipAuxRight(v, np[1] + 1);
    // `Name, 35, a retired nurse, said`: skip an appositive between commas.
    if (v.word[k] === ',' && k + 1 < open) {
      for (let j = k + 1; j < open && j - k < 25; j++) {
        if (v.word[j] === ',' && j + 1 < open && (v.pos[j + 1] === 'VERB' || BETWEEN_SUBJECT_AND_CUE.has(v.lower[j + 1]!))) {
          k = skipAuxRight(v, j + 1);
          break;
        }
      }
    }
    if (k < open && v.pos[k] === 'VERB' && !/ing$/.test(v.lower[k]!)) {
      const m = classifyMention(v, np[0], np[1]);
      if (m.kind !== 'other' || isAnimate(v, m) || v.pos[np[1]] === 'NOUN' || v.pos[np[1]] === 'PROPN') found.push({ np, verb: k, m });
    }
    i = np[1];
  }
  const lexical = (f: { verb: number }) => verbs.has(v.lower[f.verb]!) || verbs.has(v.lemma[f.verb]!);
  // Without a speech verb, only a quote introduced by a colon or comma is the subject's words
  // (`X stood up and shouted: “...”`); `it can act only “when ...”` quotes a text, not a speaker.
  if (strict && !found.some(lexical) && !/^[:,]$/.test(v.word[open - 1] ?? '')) return null;
  const pick =
    found.find(lexical) ??
    found.find((f) => f.m.kind === 'name' || f.m.kind === 'pronoun' || f.m.kind === 'descriptor' || f.m.kind === 'group') ??
    found[0];
  if (!pick) return null;
  return { cueFirst: pick.verb, cueLast: pick.verb, speaker: pick.m, contentFirst: open, contentLast: tokenAt(v, q.close - 1), pattern: 'sentence-subject', sentence: s };
}

/**
 * A quote that opens its sentence with no attribution of its own, right after a sentence that
 * reports someone (`Dana Roe agreed. “...”`, `Roe notes that turnout matters. ¶ “...”`): that
 * sentence's source speaks it. Only a named, pronoun, role or group source counts.
 */
export function previousSentenceFrame(v: DocView, q: QuoteSpan, frames: readonly Frame[]): Frame | null {
  const open = tokenAt(v, q.open);
  const s = v.sentenceOf[open];
  if (s === undefined || s <= 0) return null;
  const first = v.sentences[s]![0];
  // The quote must open its sentence (its opening mark may be the sentence's first token).
  if (first < open - 1 || (first === open - 1 && !isQuoteMark(v.word[first]!))) return null;
  const prevFirst = v.sentences[s - 1]![0];
  if (v.paragraphOf[prevFirst]! < q.paragraph - 1) return null;
  // Across a paragraph break, only from the previous paragraph's last sentence with no quote in it.
  for (let k = prevFirst; k < first; k++) if (v.inQuote[k]) return null;
  const named = (f: Frame) => f.speaker !== null && f.speaker.kind !== 'other' && !(f.speaker.kind === 'pronoun' && f.speaker.pronoun === 'first');
  const f = frames.find((x) => x.sentence === s - 1 && named(x)) ?? closingCueFrame(v, s - 1);
  if (!f || !named(f)) return null;
  return { ...f, contentFirst: open, contentLast: tokenAt(v, q.close - 1), pattern: 'previous-sentence' };
}

/**
 * A quote paragraph signed in the next paragraph, as fact-checks and letters do: `“...” ¶ - Jane
 * Roe.`, `-President Obama, tweeting after the speech.` The name after the dash speaks.
 */
export function signatureFrame(v: DocView, q: QuoteSpan): Frame | null {
  const paragraph = v.paragraphs[q.paragraph];
  if (!paragraph || q.open > paragraph.start + 1 || !/^\s*$/.test(v.text.slice(q.close, paragraph.end))) return null;
  const dash = tokenAt(v, v.paragraphs[q.paragraph + 1]?.start ?? v.text.length);
  if (dash >= v.word.length || !/^[-—–]$/.test(v.word[dash]!)) return null;
  const np = npStartingAt(v, dash + 1, Math.min(v.word.length - 1, dash + 8));
  if (!np || v.paragraphOf[np[1]] !== q.paragraph + 1 || !/^[.,]$/.test(v.word[np[1] + 1] ?? '.')) return null;
  const speaker = classifyMention(v, np[0], np[1]);
  if (speaker.kind !== 'name' && speaker.kind !== 'descriptor') return null;
  return { cueFirst: dash, cueLast: dash, speaker, contentFirst: tokenAt(v, q.open), contentLast: tokenAt(v, q.close - 1), pattern: 'signature', sentence: v.sentenceOf[dash]! };
}

/** `Dana Roe, a pollster, agreed.`: a sentence that ends on a reporting verb after its subject. */
export function closingCueFrame(v: DocView, sentence: number): Frame | null {
  const [lo, hi] = v.sentences[sentence]!;
  let k = hi;
  while (k > lo && (PUNCT_END.test(v.word[k]!) || v.pos[k] === 'ADV')) k--;
  const verbs = reportingVerbs();
  if (v.pos[k] !== 'VERB' || !(verbs.has(v.lower[k]!) || verbs.has(v.lemma[k]!))) return null;
  const subj = subjectBefore(v, k, lo);
  if (!subj) return null;
  return { cueFirst: k, cueLast: k, speaker: classifyMention(v, subj[0], subj[1]), contentFirst: lo, contentLast: lo - 1, pattern: 'speaker-cue-end', sentence };
}

/** The first name or pronoun phrase of a sentence, before `limit`. */
export function sentenceSubject(v: DocView, lo: number, limit: number): [number, number] | null {
  const sourceLike = (m: Mention) => m.kind === 'name' || (m.kind === 'pronoun' && m.pronoun !== 'first') || m.kind === 'descriptor' || m.kind === 'group';
  // `Speaking in Salem, New Hampshire, Roe went after the plan, calling it ...`: the subject of the
  // nearest finite verb, not the first name (a place in an adjunct).
  for (let k = limit - 1; k > lo; k--) {
    if (v.inQuote[k] || v.pos[k] !== 'VERB' || /ing$/.test(v.lower[k]!)) continue;
    let first = k;
    while (first - 1 > lo && BETWEEN_SUBJECT_AND_CUE.has(v.lower[first - 1]!)) first--;
    const subj = subjectBefore(v, first, lo);
    if (subj && sourceLike(classifyMention(v, subj[0], subj[1]))) return subj;
  }
  for (let i = lo; i < limit; i++) {
    const np = npStartingAt(v, i, limit - 1);
    if (!np) continue;
    const m = classifyMention(v, np[0], np[1]);
    if (sourceLike(m)) return np;
    i = np[1];
  }
  return null;
}

export function skipAuxRight(v: DocView, i: number): number {
  let k = i;
  while (k < v.word.length && (BETWEEN_SUBJECT_AND_CUE.has(v.lower[k]!) || (v.pos[k] === 'ADV' && /ly$/.test(v.lower[k]!)))) k++;
  return k;
}
