/**
 * Attribution rule `verb-cue`: A cue word (a reporting verb, an attitude or intention verb) with its subject and content: passives with or without an agent, inverted `C, said X`, `X said (that) C`, `C, X said`, infinitive hosts, participles sharing the sentence subject, `as` complements.
 */
import type { FrameRule } from './rule.js';
import { wordList } from '../lexicon.js';
import { ADJUNCT_LEFT, ADJUNCT_PREPS, AS_VERBS, AS_VIEW, BE, CLAUSE_ONLY, CLAUSE_PRONOUNS, CLAUSE_START, DOCUMENT_NOUNS, OBJECT_VERBS, PARTICLES, POSSESSIVE_PRONOUNS, SAY_LEMMAS, STRONG, afterAdjuncts, clauseEnd, infinitiveHost, isCue, isPassive, isSourceLike, mainSubject, prepositionalCue, sentenceSubject, relativeSubject, shareBefore, subjectAcrossAdverbs, subjectAcrossAside, subjectBeforeParticiple } from '../reported.js';
import { MONTHS_DAYS } from '../cues.js';
import { isQuoteMark } from '../../../nlp/doc-view.js';
import { npEndingAt, classifyMention, isAnimate, npStartingAt, skipAuxLeft, subjectBefore, type Mention } from '../mentions.js';

const PASSIVE_CUE_LEAD = wordList('passive-cue-lead');
const CUE_LEAD = wordList('cue-lead');
const RELATIVE_TIME_WORDS = wordList('relative-time-words');
const PARTICIPLE_LEADS = wordList('participle-leads');
const SUBJECT_PARTICIPLE_PREPS = wordList('subject-participle-preps');
const NOT_PARENTHETICAL_NEXT = wordList('not-parenthetical-next');
const PARTICLE_CUE_LEMMAS = wordList('particle-cue-lemmas');

export const verbCue: FrameRule = {
  id: 'verb-cue',
  apply(s, start) {
    const { v, lo, hi, push } = s;
    let i = start;
    const l = v.lower[i]!;
    if (!isCue(v, i)) return i;
    // Passive (`was asked to`, `is expected to`, `were told that`): the agent after `by` is the
    // source; without one there is no source phrase, and the subject is part of what is reported.
    if (isPassive(v, i, lo)) {
      let cueFirst = i;
      while (cueFirst - 1 >= lo && (BE.has(v.lower[cueFirst - 1]!) || PASSIVE_CUE_LEAD.has(v.lower[cueFirst - 1]!))) cueFirst--;
      const subj = subjectBefore(v, cueFirst, lo);
      let agent: Mention | null = null;
      let c = i + 1;
      if (v.lower[c] === 'by') {
        const np = npStartingAt(v, c + 1, hi);
        if (np) {
          agent = classifyMention(v, np[0], np[1]);
          c = np[1] + 1;
        }
      }
      const marker = v.lower[c] === 'that' || v.word[c] === ':';
      const first = marker ? c + 1 : subj ? subj[0] : c;
      const last = clauseEnd(v, Math.max(first, c), hi);
      if (last >= c && (agent || subj)) push({ cueFirst, cueLast: i, speaker: agent, contentFirst: first, contentLast: last, pattern: agent ? 'passive-agent' : 'sourceless' });
      return i;
    }
    // Cue span: adjacent auxiliaries before, particle after.
    let cueFirst = i;
    while (cueFirst - 1 >= lo && CUE_LEAD.has(v.lower[cueFirst - 1]!)) cueFirst--;
    let cueLast = i;
    if (PARTICLES.has(v.lower[i + 1] ?? '') && PARTICLE_CUE_LEMMAS.has(v.lemma[i]!)) cueLast = i + 1;
    // `spoke about X`, `referring to X`: the preposition is part of the cue, X is the content.
    if (prepositionalCue(v, i)) cueLast = i + 1;
    const strong = STRONG.has(v.lower[i]!) || STRONG.has(v.lemma[i]!) || ((CLAUSE_ONLY.has(v.lower[i]!) || CLAUSE_ONLY.has(v.lemma[i]!)) && v.lower[i + 1] === 'that');
    // Inverted: `C, said X.` / `” said X`.
    const before = v.word[cueFirst - 1];
    if (before !== undefined && (before === ',' || isQuoteMark(before)) && cueFirst - 1 >= lo) {
      const np = npStartingAt(v, cueLast + 1, hi);
      // `C, said X, a former aide, on Friday.`: an appositive or adjunct may follow the speaker.
      const tailOk = (e: number) => e >= hi - 1 || ((v.word[e + 1] === ',' || v.word[e + 1] === '(') && classifyMention(v, np![0], e).kind !== 'other');
      if (np && tailOk(np[1]) && strong && !MONTHS_DAYS.has(v.lower[np[0]]!) && !RELATIVE_TIME_WORDS.has(v.lower[np[0]]!)) {
        const speaker = classifyMention(v, np[0], np[1]);
        push({ cueFirst, cueLast, speaker, contentFirst: lo, contentLast: cueFirst - 2, pattern: 'content-cue-speaker' });
        i = np[1];
        return i;
      }
    }
    // `X has begun to rebut`, `X was quick to embrace`: the subject of the verb the infinitive hangs on.
    // `That prompted some charities to say C`: the object of a verb the infinitive hangs on speaks.
    let controlled: [number, number] | null = null;
    if (v.lower[cueFirst - 1] === 'to' && cueFirst - 2 > lo) {
      const np = npEndingAt(v, cueFirst - 2, lo);
      if (np && np[0] > lo && v.pos[np[0] - 1] === 'VERB' && wordList('control-verbs').has(v.lemma[np[0] - 1]!) && v.pos[np[1]] === 'NOUN' && (isAnimate(v, classifyMention(v, np[0], np[1])) || /(ers|ists|ities|ans|ents|ors|ees|men)$/.test(v.lower[np[1]]!))) controlled = np;
    }
    const host = controlled ? null : infinitiveHost(v, cueFirst, lo);
    if (host !== null) cueFirst = host;
    let subj = controlled ?? subjectBefore(v, cueFirst, lo) ?? subjectAcrossAdverbs(v, cueFirst, lo) ?? shareBefore(v, cueFirst, lo) ?? subjectBeforeParticiple(v, cueFirst, lo);
    let speaker: Mention;
    const rel = relativeSubject(v, cueFirst, lo);
    if (rel) {
      speaker = rel;
      subj = [rel.first, rel.last];
    } else if (!subj && (subj = subjectAcrossAside(v, cueFirst, lo))) {
      speaker = classifyMention(v, subj[0], subj[1]);
    } else if (!subj) {
      // `..., stressing: “...”`: a participle takes the subject of the sentence's previous frame.
      const before = skipAuxLeft(v, cueFirst - 1, lo);
      // `X obfuscated facts, admitted it withheld emails`: a finite verb after a comma shares the subject.
      const listed = v.word[before] === ',' && before === cueFirst - 1 && v.pos[i] === 'VERB' && v.lower[i] !== v.lemma[i] && !/ing$/.test(v.lower[i]!) && s.lastSubject === null;
      const coordinated = v.lower[before] === 'and' || v.lower[before] === 'but' || listed;
      const participle = /ing$/.test(v.lower[i]!) && (v.word[cueFirst - 1] === ',' || PARTICIPLE_LEADS.has(v.lower[cueFirst - 1]!));
      if (!(coordinated || participle)) return i;
      // `..., citing X` / `X runs A and says B`: the sentence's subject.
      let s0 = s.lastSubject ?? mainSubject(v, lo, cueFirst);
      // `While acknowledging that C, MITI officials said ...`: a participle opening the sentence
      // takes the subject of the main clause after its comma.
      if (!s0 && participle && cueFirst - 1 <= lo) {
        let comma = i + 1;
        while (comma <= hi && (v.word[comma] !== ',' || v.inQuote[comma])) comma++;
        if (comma < hi) s0 = sentenceSubject(v, comma + 1, hi + 1);
      }
      if (!s0) return i;
      speaker = s0;
      subj = [s0.first, s0.last];
    } else {
      // `McAuliffe on Friday announced`, `voters in Iowa said`: the phrase before the cue is a
      // prepositional adjunct; the subject stands before it.
      for (let hop = 0; hop < 2 && subj[0] - 1 > lo && ADJUNCT_LEFT.has(v.lower[subj[0] - 1]!); hop++) {
        const outer = subjectBefore(v, subj[0] - 1, lo);
        if (!outer || !(isAnimate(v, classifyMention(v, outer[0], outer[1])) || !isAnimate(v, classifyMention(v, subj[0], subj[1])))) break;
        subj = outer;
      }
      // `Ms Roe, who hosts The Show tells X that C` (the relative clause left unclosed): the object
      // of the relative clause's verb is not the subject; the name before `who` is.
      if (subj[0] - 2 > lo && v.lower[subj[0] - 1] !== 'who') {
        for (let k = subj[0] - 2; k > lo && subj[0] - k <= 4; k--) {
          if (v.lower[k] !== 'who' || v.word[k - 1] !== ',') continue;
          const np = npEndingAt(v, k - 2, lo);
          if (np && classifyMention(v, np[0], np[1]).kind === 'name') subj = np;
          break;
        }
      }
      // `Diplomats accredited to the EC said`: a participle phrase after the subject's head.
      const part = subj[0] - 2;
      if (part > lo && SUBJECT_PARTICIPLE_PREPS.has(v.lower[subj[0] - 1]!) && (v.pos[part] === 'VERB' || v.pos[part] === 'ADJ') && /ed$/.test(v.lower[part]!)) {
        const outer = npEndingAt(v, part - 1, lo);
        if (outer && outer[0] === lo && isAnimate(v, classifyMention(v, outer[0], outer[1]))) subj = [outer[0], subj[1]];
      }
      speaker = classifyMention(v, subj[0], subj[1]);
      // `released a statement saying`, `told CNN, emphasizing`: a participle right after an object
      // (or a document) takes the sentence's subject.
      if (/ing$/.test(v.lower[i]!) && cueFirst === i && (DOCUMENT_NOUNS.has(v.lower[subj[1]]!) || POSSESSIVE_PRONOUNS.has(v.lower[subj[0]]!) || v.pos[subj[0] - 1] === 'VERB' || v.pos[subj[0] - 1] === 'ADP')) {
        const s0 = s.lastSubject ?? mainSubject(v, lo, subj[0]);
        if (s0) {
          speaker = s0;
          subj = [s0.first, s0.last];
        }
      }
    }
    if (speaker.kind !== 'other' && !rel) s.lastSubject = speaker;
    if (!strong && !isSourceLike(v, speaker)) return i;
    // After the cue.
    let c = cueLast + 1;
    if (OBJECT_VERBS.has(v.lower[i]!)) {
      const obj = npStartingAt(v, c, hi);
      if (obj) c = obj[1] + 1;
      // `told the local media in Tokyo:`
      for (let k = c; k <= Math.min(hi, c + 6); k++) {
        if (v.word[k] === ':' || v.lower[k] === 'that') {
          c = k;
          break;
        }
      }
    }
    // `said in an interview on Saturday.`: adjuncts only, the report stands before the speaker.
    const adj = afterAdjuncts(v, c, hi, (SAY_LEMMAS.has(v.lemma[i]!) || v.lemma[i] === 'tell'));
    // (Otherwise a prepositional object is what is reported: `called for X`, `asked about X`.)
    if (adj < 0 && subj[0] > lo && (v.word[subj[0] - 1] === ',' || isQuoteMark(v.word[subj[0] - 1]!))) {
      const cl = v.word[subj[0] - 1] === ',' ? subj[0] - 2 : subj[0] - 1;
      push({ cueFirst, cueLast, speaker, contentFirst: lo, contentLast: cl, pattern: 'content-speaker-cue' });
      return i;
    }
    if (adj < 0 && (!(v.pos[c] === 'ADP') || ADJUNCT_PREPS.has(v.lower[c]!) || SAY_LEMMAS.has(v.lemma[i]!))) return i;
    const skipped = adj > c && (v.lower[adj] === 'that' || v.word[adj] === ':' || isQuoteMark(v.word[adj]!) || CLAUSE_PRONOUNS.has(v.lower[adj]!));
    if (skipped) c = adj;
    // `noted in 2014 that ...`: a short adverbial before the clause marker.
    if (v.lower[c] !== 'that' && v.word[c] !== ':') {
      for (let k = c + 1; k <= Math.min(hi, c + 5); k++) {
        if (v.pos[k] === 'VERB' || v.pos[k] === 'AUX' || v.word[k] === ',' || v.inQuote[k]) break;
        if (v.lower[k] === 'that' && (v.pos[c] === 'ADP' || v.pos[c] === 'ADV')) {
          c = k;
          break;
        }
      }
    }
    const afterWord = v.word[c];
    const atEnd = c > hi || /^[.!?]+$/.test(afterWord ?? '.');
    const marked = skipped || afterWord === ':' || CLAUSE_START.has(v.lower[c] ?? '') || isQuoteMark(afterWord ?? '') || (afterWord === ',' && isQuoteMark(v.word[c + 1] ?? ''));
    if (!atEnd) {
      if (afterWord === ':' || v.lower[c] === 'that' || afterWord === ',') c++;
      if (c <= hi && v.lower[c] === 'that') c++;
      if (afterWord === ',' && !(c <= hi && isQuoteMark(v.word[c]!))) {
        // `he said, adding ...`: nothing reported after the comma; maybe before.
        if (subj[0] > lo && (v.word[subj[0] - 1] === ',' || isQuoteMark(v.word[subj[0] - 1]!))) {
          // `In a merger, he said, the brand would survive`: a parenthetical frame, the report runs
          // on both sides (one span from the first part to the end of the second).
          const nx = v.lower[c] ?? '';
          const parenthetical = v.word[subj[0] - 1] === ',' && !v.inQuote[c] && !(/ing$/.test(nx) && v.pos[c] === 'VERB') && !NOT_PARENTHETICAL_NEXT.has(nx) && !isCue(v, c);
          const last = parenthetical ? clauseEnd(v, c, hi) : subj[0] - 2;
          push({ cueFirst, cueLast, speaker, contentFirst: lo, contentLast: last, pattern: 'content-speaker-cue' });
        }
        return i;
      }
      // `characterized the proposal as "..."`: the content is the `as` phrase.
      if (!CLAUSE_START.has(v.lower[c - 1]!) && afterWord !== ':' ) {
        let asAt = -1;
        for (let k = c; k <= Math.min(hi, c + 8); k++) {
          if (v.lower[k] === 'as') {
            asAt = k;
            break;
          }
          if (v.pos[k] === 'VERB' || v.pos[k] === 'PUNCT') break;
        }
        if (asAt >= 0 && (AS_VERBS.has(v.lemma[i]!) || AS_VIEW.has(v.lemma[i]!))) {
          // `sees X as Y`, `described X as Y`: the view of X is what is attributed.
          push({ cueFirst, cueLast, speaker, contentFirst: c, contentLast: clauseEnd(v, c, hi), pattern: 'speaker-cue-object' });
          return i;
        }
        if (asAt >= 0) {
          push({ cueFirst, cueLast, speaker, contentFirst: asAt + 1, contentLast: clauseEnd(v, asAt + 1, hi), pattern: 'cue-as' });
          return i;
        }
      }
      // Weak cues need `that`, `:`, a quote, or an animate subject and an object (`He mentioned the
      // violence`, PolNeAR's attributions include such objects).
      const animate = isSourceLike(v, speaker);
      if (!strong && !marked && !animate) return i;
      let end = clauseEnd(v, c, hi);
      // `X, who said C, retired`: the relative clause closes at its comma.
      if (rel) for (let k = c + 1; k <= end; k++) if (v.word[k] === ',' && !v.inQuote[k]) { end = k - 1; break; }
      if (end >= c) push({ cueFirst, cueLast, speaker, contentFirst: c, contentLast: end, pattern: marked ? 'speaker-cue-content' : 'speaker-cue-object' });
      return i;
    }
    // `C, X said.` / `“C,” she said.`
    if (subj[0] > lo) {
      const prev = v.word[subj[0] - 1]!;
      if (prev === ',' || isQuoteMark(prev)) {
        let cl = subj[0] - 1;
        if (prev === ',') cl--;
        push({ cueFirst, cueLast, speaker, contentFirst: lo, contentLast: cl, pattern: 'content-speaker-cue' });
      }
    } else if (strong) {
      // `He said.` after a quote in the previous sentence: content empty, resolved by the caller.
      push({ cueFirst, cueLast, speaker, contentFirst: lo, contentLast: lo - 1, pattern: 'speaker-cue-end' });
    }
    return null;
  },
};
