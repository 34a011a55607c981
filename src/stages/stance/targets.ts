/**
 * Where a document refers to a target: its configured name and aliases (case-, quote- and
 * possessive-insensitive), anaphora back to it ("the proposal", "such an alliance", "it"), and
 * optional related topical terms. Pure; works on the shared token table.
 */
import type { Proposal } from '../../config.js';
import { LEXICON, phrase, type Lexicon, type Phrase } from './lexicon.js';
import { matchAt, type Tok } from './tokens.js';
import { loadWordList } from '../../io/data.js';

const TARGET_PREPS = loadWordList('stance/target-preps.txt').value;

export type MentionKind = 'name' | 'anaphora' | 'related';

export interface TargetMention {
  target: string;
  kind: MentionKind;
  /** Token range, inclusive. */
  first: number;
  last: number;
  start: number;
  end: number;
  /** A generic noun made specific by the name's head noun after it ("proposals for quotas"). */
  specific?: boolean;
}

/** How much a statement counts toward the target, by how it refers to it. */
export const MENTION_WEIGHT: Record<MentionKind, number> = { name: 1, anaphora: 0.9, related: 0.6 };

const QUOTES = /^["'\u201c\u201d\u2018\u2019`]$/;

function namePhrases(p: Proposal): Phrase[] {
  const all = [p.name, ...p.aliases].map(phrase).filter((x) => x.length > 0);
  // Longest first so "wealth tax plan" wins over "wealth tax".
  return all.sort((a, b) => b.length - a.length);
}

/** The unquoted view of each document's tokens (findPhrases runs twice per target on the same tokens). */
const UNQUOTED = new WeakMap<Tok[], Tok[]>();

/** Tokens with quote marks removed (names in scare quotes still match); keeps a map back. */
function unquoted(toks: Tok[]): Tok[] {
  let view = UNQUOTED.get(toks);
  if (!view) UNQUOTED.set(toks, (view = toks.filter((t) => !QUOTES.test(t.lower))));
  return view;
}

/** Explicit name/alias/related mentions of one target, longest-match, non-overlapping. */
function findPhrases(toks: Tok[], phrases: Phrase[], target: string, kind: MentionKind, taken: Set<number>): TargetMention[] {
  const view = unquoted(toks);
  const out: TargetMention[] = [];
  for (let k = 0; k < view.length; k++) {
    for (const p of phrases) {
      if (!matchAt(view, k, p)) continue;
      const a = view[k]!;
      const b = view[k + p.length - 1]!;
      if (taken.has(a.i) || taken.has(b.i)) continue;
      // A name inside a bigger proper noun ("a wealth-tax-like levy") still counts.
      for (let i = a.i; i <= b.i; i++) taken.add(i);
      out.push({ target, kind, first: a.i, last: b.i, start: a.start, end: b.end });
      k += p.length - 1;
      break;
    }
  }
  return out;
}

/**
 * Head nouns of a proposal's name and aliases ("tariffs on Japanese goods" -> tariffs, "asylum
 * quota" -> quota), singular and plural: after the target is named, "the tariffs", "these
 * quotas" refer back to it. The head is the last word before the first preposition; words in
 * the lexicon's `anaphora.genericHeads` ("system") are left out, they name too much.
 */
export function headNouns(p: Proposal, lexicon: Lexicon = LEXICON): Set<string> {
  const preps = new Set(lexicon.prepositions);
  const generic = new Set(lexicon.anaphora.genericHeads ?? []);
  const out = new Set<string>();
  for (const n of [p.name, ...p.aliases]) {
    const words = phrase(n).filter((w) => /^[a-z]+$/.test(w));
    const cut = words.findIndex((w) => preps.has(w));
    const head = (cut > 0 ? words.slice(0, cut) : cut === 0 ? [] : words).at(-1);
    if (!head || head.length < 3 || generic.has(head) || generic.has(head.replace(/s$/, ''))) continue;
    out.add(head);
    out.add(head.endsWith('s') ? head.slice(0, -1) : `${head}s`);
  }
  return out;
}

/** What findTargetMentions derives from the targets and the lexicon, whatever the document. */
interface Prepared {
  /** Per proposal: its name and aliases as phrases, longest first; its related terms. */
  names: Phrase[][];
  related: Phrase[][];
  /** Anaphoric determiners, longest first, and those of one word. */
  dets: Phrase[];
  singleDets: Set<string>;
  nouns: Set<string>;
  /** The configured names' own head nouns ("the tariffs") and the target each resolves to. */
  heads: Map<string, string>;
  /** Generic nouns heading a configured related term ("semiconductor pact"): they name that other thing. */
  relatedHeads: Set<string>;
  pronouns: Set<string>;
  /** Every word of `nouns`, `heads` and `pronouns`, with which of them it is in (HEAD, NOUN, PRONOUN bits). */
  classes: Map<string, number>;
}

const HEAD = 1;
const NOUN = 2;
const PRONOUN = 4;

/** Per lexicon and list of proposals (parsed once per config): built once, not per document. */
const PREPARED = new WeakMap<Lexicon, WeakMap<readonly Proposal[], Prepared>>();

function prepared(proposals: readonly Proposal[], lexicon: Lexicon): Prepared {
  let byList = PREPARED.get(lexicon);
  if (!byList) PREPARED.set(lexicon, (byList = new WeakMap()));
  const known = byList.get(proposals);
  if (known) return known;
  const dets = lexicon.anaphora.determiners.map(phrase).sort((a, b) => b.length - a.length);
  const heads = new Map<string, string>();
  for (const p of proposals) for (const h of headNouns(p, lexicon)) heads.set(h, p.name);
  const relatedHeads = new Set<string>();
  for (const p of proposals) for (const h of headNouns({ ...p, name: p.related[0] ?? '', aliases: p.related }, lexicon)) if (!heads.has(h)) relatedHeads.add(h);
  const classes = new Map<string, number>();
  const mark = (words: Iterable<string>, bit: number) => {
    for (const w of words) classes.set(w, (classes.get(w) ?? 0) | bit);
  };
  mark(heads.keys(), HEAD);
  mark(lexicon.anaphora.nouns, NOUN);
  mark(lexicon.anaphora.pronouns, PRONOUN);
  const out: Prepared = {
    names: proposals.map(namePhrases),
    related: proposals.map((p) => p.related.map(phrase)),
    dets,
    singleDets: new Set(dets.filter((d) => d.length === 1).map((d) => d[0]!)),
    nouns: new Set(lexicon.anaphora.nouns),
    heads,
    relatedHeads,
    pronouns: new Set(lexicon.anaphora.pronouns),
    classes,
  };
  byList.set(proposals, out);
  return out;
}

/** Uses of a name's head noun that make a document about the target when the name itself never appears. */
const TOPICAL_HEAD_COUNT = 3;

const FUNCTION_WORDS = loadWordList('stance/name-function-words.txt').value;
const BARRIER = /^[,;:.!?()\u2014\u2013]$|^-$/;

/**
 * Partial mentions of a configured name: a head noun of one of its names ("tariffs", "quotas",
 * "plans") with another content word of that same name within three tokens before or four after,
 * in one phrase (no punctuation, verb or other holder's name between): "tariffs on imports of
 * Japanese goods" for "tariffs on Japanese goods", "<Party> plans to cut immigration" for
 * "<Party> immigration plans". A phrase holding a named entity that is not part of the name
 * ("<Other party>'s immigration plans") is someone else's plan and is skipped.
 */
function partialMentions(toks: Tok[], p: Proposal, lexicon: Lexicon, taken: Set<number>, named: ReadonlySet<number>): TargetMention[] {
  const { names, nameWords } = nameShapes(p, lexicon);
  const out: TargetMention[] = [];
  if (names.length === 0) return out;
  for (let i = 0; i < toks.length; i++) {
    if (taken.has(i)) continue;
    const t = toks[i]!;
    if (t.pos !== 'NOUN' && t.pos !== 'PROPN') continue;
    for (const { head, headStem, headPlural, others } of names) {
      // The head itself, its lemma, or the singular of a plural head ("plans" -> plan).
      if (!(t.lower === head || t.lemma === head || t.lemma === headStem || (headPlural && t.lower === headStem))) continue;
      let first = i;
      let last = i;
      for (const dir of [-1, 1]) {
        for (let j = i + dir; Math.abs(j - i) <= (dir < 0 ? 3 : 4) && j >= 0 && j < toks.length; j += dir) {
          const u = toks[j]!;
          if (BARRIER.test(u.lower) || u.pos === 'VERB' || u.pos === 'AUX' || taken.has(j)) break;
          // Someone else's ("<other> 's immigration plans"): a possessive whose owner is not a word of the names.
          const possessor = dir < 0 && (u.lower === "'s" || u.lower === "'") && j > 0 && !nameWords.has(toks[j - 1]!.lower) && !nameWords.has(toks[j - 1]!.lemma);
          if (possessor || (named.has(j) && !nameWords.has(u.lower) && !nameWords.has(u.lemma))) {
            first = -1;
            break;
          }
          if (others.has(u.lower) || others.has(u.lemma)) dir < 0 ? (first = j) : (last = j);
        }
        if (first < 0) break;
      }
      if (first < 0 || (first === i && last === i)) continue;
      for (let k = first; k <= last; k++) taken.add(k);
      out.push({ target: p.name, kind: 'name', first, last, start: toks[first]!.start, end: toks[last]!.end });
      i = last;
      break;
    }
  }
  return out;
}

/** What partialMentions needs of one configured name: its head noun and the other words that may come with it. */
interface NameShape {
  head: string;
  /** The head without a final "s". */
  headStem: string;
  headPlural: boolean;
  /** Content words of the name other than the head (for a generic head, only those the config capitalizes). */
  others: Set<string>;
}

/** Per lexicon and proposal: built once, not per token (proposals are parsed once per config). */
const SHAPES = new WeakMap<Lexicon, WeakMap<Proposal, { names: NameShape[]; nameWords: Set<string> }>>();

/** The names of `p` that can make a partial mention (those with a head and another content word), in config order. */
function nameShapes(p: Proposal, lexicon: Lexicon): { names: NameShape[]; nameWords: Set<string> } {
  let byProposal = SHAPES.get(lexicon);
  if (!byProposal) SHAPES.set(lexicon, (byProposal = new WeakMap()));
  const known = byProposal.get(p);
  if (known) return known;
  const preps = new Set(lexicon.prepositions);
  const names = [p.name, ...p.aliases].map(phrase);
  // Any content word of any of the names may be a named entity inside the phrase ("Japanese").
  const nameWords = new Set(names.flat());
  const shapes: NameShape[] = [];
  for (const words of names) {
    const content = words.filter((w) => /^[a-z]/.test(w) && !preps.has(w) && !FUNCTION_WORDS.has(w));
    const cut = words.findIndex((w) => preps.has(w));
    const head = (cut > 0 ? words.slice(0, cut) : cut === 0 ? [] : words).at(-1);
    if (!head) continue;
    // A generic head ("plan", "proposal") needs a word that tells the proposal apart, one written
    // with a capital in the config ("<Party> immigration plans"): "immigration plan" alone may be anyone's.
    const generic = lexicon.anaphora.nouns.includes(head) || lexicon.anaphora.nouns.includes(head.replace(/s$/, ''));
    const proper = new Set(
      (generic ? [p.name, ...p.aliases].filter((n) => phrase(n).join(' ') === words.join(' ')).flatMap((n) => n.split(/\s+/).filter((w) => /^[A-Z]/.test(w))) : []).map((w) => phrase(w)[0]!),
    );
    const others = new Set(content.filter((w) => w !== head && (!generic || proper.has(w))));
    if (!others.size) continue;
    shapes.push({ head, headStem: head.replace(/s$/, ''), headPlural: head.endsWith('s'), others });
  }
  const out = { names: shapes, nameWords };
  byProposal.set(p, out);
  return out;
}

/**
 * Every target mention in the document, in text order. Anaphora count only after an explicit
 * mention (or a mention in the title); they resolve to the most recently named target.
 */
export function findTargetMentions(toks: Tok[], proposals: readonly Proposal[], lexicon: Lexicon = LEXICON, named: ReadonlySet<number> = new Set(), partial = false): TargetMention[] {
  const { names, related: relatedPhrases, dets, singleDets, nouns, heads, relatedHeads, pronouns, classes } = prepared(proposals, lexicon);
  const taken = new Set<number>();
  const explicit: TargetMention[] = [];
  proposals.forEach((p, k) => explicit.push(...findPhrases(toks, names[k]!, p.name, 'name', taken)));
  if (partial) for (const p of proposals) explicit.push(...partialMentions(toks, p, lexicon, taken, named));
  const related: TargetMention[] = [];
  proposals.forEach((p, k) => related.push(...findPhrases(toks, relatedPhrases[k]!, p.name, 'related', taken)));
  explicit.sort((a, b) => a.first - b.first);
  // A document that never names the target but uses its head noun again and again ("sanctions")
  // is about it: the head noun refers to it there too.
  const headCount = new Map<string, number>();
  // What each token is to the loops below (one lookup of its surface and one of its lemma; 0 for most tokens).
  const classOf = new Uint8Array(toks.length);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const c = (classes.get(t.lower) ?? 0) | (t.lemma === t.lower ? 0 : classes.get(t.lemma) ?? 0);
    classOf[i] = c;
    if (!(c & HEAD) || (t.pos !== 'NOUN' && t.pos !== 'PROPN')) continue;
    const target = heads.get(t.lower) ?? heads.get(t.lemma);
    if (target) headCount.set(target, (headCount.get(target) ?? 0) + 1);
  }
  const anaphora: TargetMention[] = [];
  let e = 0;
  let current: TargetMention | undefined;
  for (let i = 0; i < toks.length; i++) {
    while (e < explicit.length && explicit[e]!.first <= i) current = explicit[e++];
    // Neither a head noun, an anaphoric noun nor a pronoun: nothing below applies.
    if (classOf[i] === 0) continue;
    const t = toks[i]!;
    const headOf = classOf[i]! & HEAD ? heads.get(t.lower) ?? heads.get(t.lemma) : undefined;
    // A name's own head noun ("the tariffs") refers to it from the start of a document that names it somewhere.
    if (!current && headOf && !taken.has(i) && (explicit.length || (headCount.get(headOf) ?? 0) >= TOPICAL_HEAD_COUNT)) {
      current = explicit[0] ?? { target: headOf, kind: 'anaphora', first: i, last: i, start: t.start, end: t.end };
    }
    // "proposals for quotas": a proposal noun made specific by a name's head noun needs no earlier mention.
    const specificAhead =
      !current && (nouns.has(t.lemma) || nouns.has(t.lower)) && TARGET_PREPS.has(toks[i + 1]?.lower ?? '') && toks.slice(i + 2, i + 6).some((u) => heads.has(u.lower) || heads.has(u.lemma));
    if ((!current && !specificAhead) || taken.has(i)) continue;
    // A noun, not a verb with a noun's lemma ("the system planned by ...").
    if ((nouns.has(t.lemma) || nouns.has(t.lower) || headOf) && (t.pos === 'NOUN' || t.pos === 'PROPN') && !(relatedHeads.has(t.lower) || relatedHeads.has(t.lemma))) {
      // A determiner, a possessive ("the mayor's proposal") or "proposed" right before the noun,
      // with at most one adjective between ("this new pact", "the proposed regional pact").
      let j = i - 1;
      let adjectives = 0;
      while (j >= 0 && (toks[j]!.pos === 'ADJ' || toks[j]!.pos === 'NOUN' || toks[j]!.pos === 'PROPN') && adjectives < 2 && !singleDets.has(toks[j]!.lower)) {
        j--;
        adjectives++;
      }
      if (j < 0) continue;
      const before = toks[j]!;
      const possessive = before.lower === "'s" || before.lower === "'" || before.pos === 'PRON' && lexicon.anaphora.possessivePronouns.includes(before.lower);
      const det = dets.find((d) => j - d.length + 1 >= 0 && matchAt(toks, j - d.length + 1, d, j));
      const determined = det !== undefined;
      // "the idea of a coalition ..." about something else: skip when followed by "of"/"that" + new content.
      const next = toks[i + 1];
      // "proposals for quotas", "the idea of quotas": a generic noun made specific by the name's head noun.
      const ofHead = next && TARGET_PREPS.has(next.lower) ? toks.slice(i + 2, i + 6).find((u) => heads.has(u.lower) || heads.has(u.lemma)) : undefined;
      if (next && (next.lower === 'of' || next.lower === 'for') && !explicit.some((m) => m.first > i && m.first <= i + 6) && !ofHead && !headOf) {
        if (!lexicon.anaphora.beforeOf.includes(before.lower)) continue;
      }
      // "Japan's decision to cut output": a complement saying what a decision or action is, with no
      // mention of the target in it, names something else (a proposal noun's complement, "the
      // proposal to create an alliance", paraphrases the proposal itself).
      if (next?.lower === 'to' && toks[i + 2]?.pos === 'VERB' && !headOf && !lexicon.proposerNouns.includes(t.lemma) && !explicit.some((m) => m.first > i && m.first <= i + 6)) continue;
      if ((possessive && (lexicon.possessiveNouns.includes(t.lemma) || headOf)) || (!possessive && determined)) {
        const first = possessive ? Math.max(0, j - 1) : j - (det ? det.length - 1 : 0);
        const target = headOf ?? (ofHead ? heads.get(ofHead.lower) ?? heads.get(ofHead.lemma) : undefined) ?? current?.target;
        if (!target) continue;
        anaphora.push({ target, kind: 'anaphora', first, last: i, start: toks[first]!.start, end: t.end, ...(ofHead ? { specific: true } : {}) });
      } else if (headOf && !possessive && (before.pos === 'VERB' || before.pos === 'AUX')) {
        // A bare head noun as a verb's object ("want quotas", "impose tariffs").
        anaphora.push({ target: headOf, kind: 'anaphora', first: j + 1, last: i, start: toks[j + 1]!.start, end: t.end });
      }
    } else if (current && pronouns.has(t.lower)) {
      // "it" as a subject, with the target mentioned in this or the previous sentence close by.
      const next = toks[i + 1];
      if (!next || !/^(AUX|VERB)$/.test(next.pos)) continue;
      // The nearest mention ending before it.
      let lastEnd = -1;
      for (const m of explicit) if (m.last < i && m.last > lastEnd) lastEnd = m.last;
      for (const m of anaphora) if (m.last < i && m.last > lastEnd) lastEnd = m.last;
      if (lastEnd < 0 || i - lastEnd > 25) continue;
      anaphora.push({ target: current.target, kind: 'anaphora', first: i, last: i, start: t.start, end: t.end });
    }
  }
  return [...explicit, ...related, ...anaphora].sort((a, b) => a.first - b.first || a.last - b.last);
}
