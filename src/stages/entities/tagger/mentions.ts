/**
 * From the tagger's spans to the entities stage's mentions. The tagger decides spans and types;
 * the rules here only
 * - split titles and honorifics off a person (inside the span or just before it) into `titles`,
 *   and drop role words fused to the front of a name ("Equalities Nadia ..." -> "Nadia ...");
 * - type a tagged place GPE or LOC through the gazetteer (unknown: LOC when its last word is a
 *   geographic feature, src/data/entities/geo-features.txt, else GPE);
 * - keep a MISC span only as a nationality or demonym (NORP, from the gazetteer);
 * - attach gazetteer entries (canonical names and ids of countries, cities, organizations);
 * - add organizations from the general data (parties, institutions, src/data/entities/orgs.json)
 *   where the tagger found nothing, or found only part of the name.
 */
import { loadWordList } from '../../../io/data.js';
import { gazetteer, surfaceKey, type EntityKind, type Gazetteer, type GazetteerEntry } from '../gazetteer.js';
import { isAllCaps, lowerOf, plainKey, tokenColumns, type TaggerInput } from './features.js';
import { BEAM, tagColumns, type TaggedSpan } from './index.js';

/** A mention as the entities stage groups them: token range (inclusive), UTF-16 offsets, type. */
export interface TaggedMention {
  a: number;
  b: number;
  start: number;
  end: number;
  type: EntityKind;
  entry?: GazetteerEntry;
  titles: string[];
  /** The rule or model that made it: `tagger`, `tagger+gazetteer`, `gazetteer-org`, `capital-as-country`. */
  why: string;
}

export interface MentionInput extends TaggerInput {
  /** wink token types (`word`, `punctuation`, `number`, ...). */
  type: readonly string[];
}

/** A word list of data/entities/, lower-cased. */
function readList(file: string): Set<string> {
  return new Set([...loadWordList(`entities/${file}`).value].map((l) => l.toLowerCase()));
}
let geoFeatures: Set<string> | undefined;
let suffixes: Set<string> | undefined;
/** Lower-cased last words of geographic features (geo-features.txt). */
const geo = (): Set<string> => (geoFeatures ??= readList('geo-features.txt'));
/** Lower-cased company-form words (corporate-suffixes.txt). */
const corporate = (): Set<string> => (suffixes ??= readList('corporate-suffixes.txt'));


/** surfaceKey without its regular expressions when the surface has nothing to normalize. */
const fastKey = (s: string): string => (plainKey(s) ? s : surfaceKey(s));

/** Mention types an organization name may contain ("New York University", "Harbourton Chamber"). */
const NAME_TYPES: ReadonlySet<string> = new Set(['PERSON', 'GPE', 'LOC', 'NORP']);
/** Whether the token starting at `at` starts with an upper-case letter. */
const isCapitalized = (text: string, at: number): boolean => /\p{Lu}/u.test(text[at] ?? '');
const isWord = (t: string | undefined) => t === 'word' || t === 'number' || t === 'abbreviation';

/** Lower-cased tokens of the input being converted (set by taggedMentions; one array per document). */
let currentLower: readonly string[] = [];
const lowerAt = (inp: MentionInput, i: number): string => currentLower[i] ?? lowerOf(inp.text, inp.start[i]!, inp.end[i]!);

/** Longest title or honorific phrase covering tokens a..j (j ≤ max): its last token and kind, or null. */
function titleFrom(inp: MentionInput, g: Gazetteer, a: number, max: number): { end: number; honorific: boolean } | null {
  // Cheap reject first (most tokens start no title): the token's first word, lower-cased.
  const first = lowerAt(inp, a);
  if (!g.titleFirstWords.has(first) && !(first.includes('-') && g.titleFirstWords.has(first.split('-')[0]!))) return null;
  let best: { end: number; honorific: boolean } | null = null;
  const limit = Math.min(max, a + g.titleMaxWords);
  for (let j = a; j <= limit; j++) {
    const key = fastKey(inp.text.slice(inp.start[a]!, inp.end[j]!)).toLowerCase();
    if (!g.titlePrefixes.has(key)) break;
    const h = g.titles.get(key);
    if (h !== undefined) best = { end: j, honorific: h };
  }
  return best;
}

/** The entry of the whole span, if the gazetteer has it (all-caps spans also by their lower-case key). */
function entryOf(inp: MentionInput, g: Gazetteer, a: number, b: number): GazetteerEntry | undefined {
  const key = fastKey(inp.text.slice(inp.start[a]!, inp.end[b]!));
  return g.exact.get(key) ?? (isAllCaps(inp.text, inp.start[a]!, inp.end[b]!) ? g.lower.get(key.toLowerCase()) : undefined);
}

/**
 * Mentions of one document from the tagger (see the module comment). `spans` defaults to the
 * shipped model's output, decoded with `tagger.beam`; a span whose weakest token's margin is below
 * `tagger.minMargin` (score units) needs other evidence. Token indexes refer to `inp`'s columns;
 * offsets are UTF-16, end exclusive.
 */
export function taggedMentions(inp: MentionInput, given?: readonly TaggedSpan[], tagger: { beam: number; minMargin: number } = { beam: BEAM, minMargin: 1 }): TaggedMention[] {
  const MIN_MARGIN = tagger.minMargin;
  const g = gazetteer();
  const { text } = inp;
  const n = inp.start.length;
  // One pass of features per document: the tagger's columns also serve the rules below.
  const cols = tokenColumns(inp, g, true);
  const spans = given ?? tagColumns(cols, undefined, tagger.beam);
  const lower = cols.lower;
  currentLower = lower;
  const sentenceStart = new Int32Array(n);
  const sentenceEnd = new Int32Array(n);
  for (const [s0, s1] of inp.sentences) for (let i = s0; i <= s1 && i < n; i++) ((sentenceStart[i] = s0), (sentenceEnd[i] = s1));
  const out: TaggedMention[] = [];
  const make = (a: number, b: number, type: EntityKind, why: string, entry?: GazetteerEntry, titles: string[] = []): TaggedMention => ({
    a,
    b,
    start: inp.start[a]!,
    end: inp.end[b]!,
    type,
    ...(entry ? { entry } : {}),
    titles,
    why,
  });

  for (const span of spans) {
    let a = span.first;
    let b = span.last;
    // Punctuation at the edges is never part of a name (a possessive may be: "Boatmen's Bancshares").
    while (b > a && !isWord(inp.type[b]) && !/^['’]s$/.test(lower[b]!)) b--;
    while (a < b && !isWord(inp.type[a])) a++;
    if (!isWord(inp.type[a])) continue;
    // Unsure (the best path's weakest token barely won): no answer.
    // (A multi-word span starting or ending in an organization head word is evidence enough to keep.)
    // (A person right after a title or starting with a known given name is too.)
    // "Labour MP Orla X", "Conservative MP Douglas X": a party (or place) and a role fused with the
    // name that follows into one span. The role splits it: the words before are their own
    // mention when the data knows them, the name after is the person, with the role as title.
    if (span.type !== 'PER') {
      let split = false;
      for (let k = a + 1; k < b && !split; k++) {
        const t = titleFrom(inp, g, k, b - 1);
        if (!t || t.honorific || !/^\p{Lu}/u.test(text[inp.start[t.end + 1]!] ?? '')) continue;
        const p0 = t.end + 1;
        // The rest is a name: two or three capitalized words, the first a known given name.
        if (b - p0 > 2 || !isWord(inp.type[b]) || !(g.firstNames.has(lower[p0]!) || (b > p0 && inp.pos[p0] === 'PROPN' && inp.pos[b] === 'PROPN'))) continue;
        const before = entryOf(inp, g, a, k - 1);
        if (before && (before.type === 'ORG' || before.type === 'NORP' || before.type === 'GPE')) out.push(make(a, k - 1, before.type, 'tagger+role-split', before));
        out.push(make(p0, b, 'PERSON', 'tagger+role-split', undefined, [fastKey(text.slice(inp.start[k]!, inp.end[t.end]!))]));
        split = true;
      }
      if (split) continue;
    }
    const unsure = span.margin < MIN_MARGIN;
    if (unsure && span.type !== 'PER' && !(b > a && (g.orgHeads.has(lower[b]!) || g.orgHeads.has(lower[a]!)))) continue;
    if (span.type === 'PER') {
      const titles: string[] = [];
      // Titles before the name ("Prime Minister X", "Deputy Mayor X", "Sgt X").
      const s0 = sentenceStart[a]!;
      for (let k = Math.max(s0, a - g.titleMaxWords); k < a; k++) {
        const t = titleFrom(inp, g, k, a - 1);
        if (t && t.end === a - 1) {
          if (!t.honorific) titles.push(fastKey(text.slice(inp.start[k]!, inp.end[a - 1]!)));
          break;
        }
      }
      // Titles and role words fused into the span's front.
      for (;;) {
        const t = a < b ? titleFrom(inp, g, a, b - 1) : null;
        if (t) {
          if (!t.honorific) titles.push(fastKey(text.slice(inp.start[a]!, inp.end[t.end]!)));
          a = t.end + 1;
          continue;
        }
        // A common word before a given name is the end of a role ("... and Equalities Nadia X").
        if (a < b && g.commonWords.has(lower[a]!) && !g.firstNames.has(lower[a]!) && !g.surnames.has(lower[a]!) && g.firstNames.has(lower[a + 1]!)) {
          a++;
          continue;
        }
        break;
      }
      // A party or nationality word before a given name ("Tory Liam X") is its own mention.
      if (a < b && g.firstNames.has(lower[a + 1]!)) {
        const e = entryOf(inp, g, a, a);
        if (e && (e.type === 'ORG' || e.type === 'NORP')) {
          out.push(make(a, a, e.type, 'gazetteer-prefix', e));
          a++;
        }
      }
      while (a < b && !isWord(inp.type[a])) a++;
      if (unsure && titles.length === 0 && !(b > a && g.firstNames.has(lower[a]!))) continue;
      if (a === b && titleFrom(inp, g, a, a)) continue; // only a title left
      if (a === b) {
        // A lone word the general data knows as an organization or nationality is that.
        const e = entryOf(inp, g, a, a);
        if (e && (e.type === 'ORG' || e.type === 'NORP')) {
          out.push(make(a, a, e.type, 'tagger+gazetteer', e));
          continue;
        }
      }
      // A name does not start inside a word ("anti-U.S. Feeling" gives "S. Feeling").
      if (a > 0 && inp.end[a - 1] === inp.start[a] && isWord(inp.type[a - 1])) continue;
      if (a > 1 && inp.end[a - 1] === inp.start[a] && inp.end[a - 2] === inp.start[a - 1]) continue;
      // "X General Hospital": a name ending in an organization head word is the organization.
      if (b > a && g.orgHeads.has(lower[b]!) && /^\p{Lu}/u.test(text[inp.start[b]!]!)) {
        out.push(make(span.first, b, 'ORG', 'tagger+org-head', entryOf(inp, g, span.first, b)));
        continue;
      }
      const app = appositionTitle(inp, g, b, sentenceEnd[b]!);
      if (app && !titles.includes(app)) titles.push(app);
      out.push(make(a, b, 'PERSON', 'tagger', undefined, titles));
      continue;
    }
    // "X Corp of Japan": the company ends at its company form.
    if (span.type === 'ORG') for (let k = a + 1; k < b; k++) if (corporate().has(lower[k]!) && lower[k + 1] === 'of') b = k;
    // Other types: no leading lower-case word ("the Tories" -> "Tories", "and Pacific Affairs").
    while (a < b && /^\p{Ll}/u.test(text[inp.start[a]!]!)) a++;
    if (/^\p{Ll}/u.test(text[inp.start[a]!]!)) continue;
    // No role at the end ("Labour MP" -> "Labour"), and no span inside a role ("... and Equalities").
    for (let k = a + 1; k <= b; k++) {
      const t = titleFrom(inp, g, k, b);
      if (t && t.end === b && !t.honorific) {
        b = k - 1;
        break;
      }
    }
    let inRole = false;
    for (let k = Math.max(sentenceStart[a]!, a - g.titleMaxWords); k < a && !inRole; k++) {
      const t = titleFrom(inp, g, k, Math.min(sentenceEnd[a]!, b + g.titleMaxWords));
      if (t && t.end >= b) inRole = true;
    }
    if (inRole) continue;
    // An unknown place ending in an organization head word is the organization ("X General Hospital").
    if (span.type === 'LOC' && b > a && g.orgHeads.has(lower[b]!) && !entryOf(inp, g, a, b)) {
      out.push(make(a, b, 'ORG', 'tagger+org-head'));
      continue;
    }
    const entry = entryOf(inp, g, a, b);
    if (span.type === 'MISC') {
      // Only nationalities and demonyms; a country's own name is the country whatever the tag.
      if (entry?.type === 'NORP' || (entry?.type === 'GPE' && entry.sub === 'country')) out.push(make(a, b, entry.type, 'tagger+gazetteer', entry));
      continue;
    }
    if (span.type === 'ORG') {
      out.push(make(a, b, 'ORG', entry?.type === 'ORG' ? 'tagger+gazetteer' : 'tagger', entry?.type === 'ORG' ? entry : undefined));
      continue;
    }
    // LOC: GPE or LOC through the gazetteer.
    if (entry?.type === 'LOC' || entry?.type === 'GPE') {
      let e: GazetteerEntry = entry;
      let why = 'tagger+gazetteer';
      // A capital acting ("Beijing says") or owning a view ("Tokyo's position") stands for its country.
      if (e.sub === 'capital' && e.country) {
        let k = b + 1;
        const s1 = sentenceEnd[b]!;
        while (k < s1 && inp.pos[k] === 'ADV') k++;
        const acts = k <= s1 && (inp.pos[k] === 'VERB' || inp.pos[k] === 'AUX') && lower[k] !== 'and';
        const owns = b + 2 <= s1 && /^['’]s$/.test(lower[b + 1]!) && inp.pos[b + 2] === 'NOUN';
        const country = acts || owns ? g.countryById.get(e.country) : undefined;
        if (country) ((e = country), (why = 'capital-as-country'));
      }
      out.push(make(a, b, e.type, why, e));
      continue;
    }
    if (entry?.type === 'ORG') {
      out.push(make(a, b, 'ORG', 'tagger+gazetteer', entry));
      continue;
    }
    out.push(make(a, b, geo().has(lower[b]!) ? 'LOC' : 'GPE', 'tagger'));
  }

  // Organizations of the general data the tagger missed, or found only part of.
  const taken = new Int32Array(n).fill(-1);
  out.forEach((m, k) => {
    for (let i = m.a; i <= m.b; i++) taken[i] = k;
  });
  const drop = new Set<number>();
  const added: TaggedMention[] = [];
  for (const gm of cols.matches) {
    if (gm.entry.type !== 'ORG' || gm.entry.source !== 'orgs') continue;
    const inside = new Set<number>();
    let outside = false;
    for (let i = gm.first; i <= gm.last; i++) if (taken[i]! >= 0) inside.add(taken[i]!);
    for (const k of inside) if (out[k]!.a < gm.first || out[k]!.b > gm.last) outside = true;
    if (outside) continue; // the tagger's span is longer: it wins
    // A single word that is also a common word needs a capital inside a sentence (not its first word).
    // (In capitals, it needs neighbours that are not: a line in capitals is a headline.)
    if (gm.first === gm.last && g.commonWords.has(lower[gm.first]!) && (gm.first === sentenceStart[gm.first] || (isAllCaps(text, inp.start[gm.first]!, inp.end[gm.first]!) && capsAround(inp, gm.first)))) continue;
    const covered = [...inside].reduce((s, k) => s + out[k]!.b - out[k]!.a + 1, 0);
    if (covered === gm.last - gm.first + 1 && inside.size === 1 && out[[...inside][0]!]!.type === 'ORG') {
      // The tagger found exactly this name as an organization: give it the entry.
      const m = out[[...inside][0]!]!;
      if (!m.entry) ((m.entry = gm.entry), (m.why = 'tagger+gazetteer'));
      continue;
    }
    for (const k of inside) drop.add(k);
    added.push(make(gm.first, gm.last, 'ORG', 'gazetteer-org', gm.entry));
  }
  // A capitalized name ending in an organization head word that the tagger left untagged or cut
  // into a place or person and the rest ("the Harbourton Chamber of Commerce", "Riverside Residents
  // Association"): the organization, absorbing the names inside it. Only in mixed-case text (a line
  // in capitals is a headline or a table), with name-like words before the head (nouns, proper
  // nouns, adjectives; no date or number), and either an "of"/"for" tail or two words or more
  // before the head (one word plus a head, "National League", is left to the tagger). A name
  // whose head the tagger already gave to a place ("West Bank", "Soviet Union") stays a place.
  for (const m of added) for (let i = m.a; i <= m.b; i++) taken[i] = -2;
  const nameWord = (i: number): boolean => {
    const k = taken[i]!;
    if (k === -2 || (k >= 0 && !NAME_TYPES.has(out[k]!.type))) return false;
    const pos = inp.pos[i];
    return isCapitalized(text, inp.start[i]!) && !isAllCaps(text, inp.start[i]!, inp.end[i]!) && isWord(inp.type[i]) && (pos === 'PROPN' || pos === 'NOUN' || pos === 'ADJ');
  };
  for (let h = 1; h < n; h++) {
    if (!g.orgHeads.has(lower[h]!) || !isCapitalized(text, inp.start[h]!) || isAllCaps(text, inp.start[h]!, inp.end[h]!) || taken[h] === -2) continue;
    if (taken[h]! >= 0) continue; // the tagger typed the head word: its span wins
    let a = h;
    while (a - 1 > sentenceStart[h]! && nameWord(a - 1) && !g.orgHeads.has(lower[a - 1]!)) a--;
    if (a === h) continue;
    let b = h;
    if ((lower[h + 1] === 'of' || lower[h + 1] === 'for') && h + 2 <= sentenceEnd[h]! && nameWord(h + 2)) {
      b = h + 2;
      while (b + 1 <= sentenceEnd[h]! && nameWord(b + 1)) b++;
    }
    if (b === h && h - a < 2) continue;
    const inside = new Set<number>();
    let clash = false;
    for (let i = a; i <= b; i++) {
      const k = taken[i]!;
      if (k === -1) continue;
      if (k === -2) clash = true;
      else if (out[k]!.a < a || out[k]!.b > b) clash = true;
      else inside.add(k);
    }
    if (clash) continue;
    for (const k of inside) drop.add(k);
    for (let i = a; i <= b; i++) taken[i] = -2;
    added.push(make(a, b, 'ORG', 'org-head-name'));
    h = b;
  }
  const result = out.filter((_, k) => !drop.has(k)).concat(added);
  result.sort((x, y) => x.start - y.start || x.end - y.end);
  return precisionRules(inp, g, lower, sentenceStart, sentenceEnd, result);
}


/** A line in capitals (three words or more, nearly all in capitals). */
function capsLine(inp: MentionInput, s0: number, s1: number): boolean {
  let words = 0;
  let caps = 0;
  for (let i = s0; i <= s1; i++) {
    if (inp.type[i] !== 'word') continue;
    words++;
    if (isAllCaps(inp.text, inp.start[i]!, inp.end[i]!)) caps++;
  }
  return words >= 3 && caps / words >= 0.8;
}

/** Whether a word next to token i (same sentence) is in capitals too. */
function capsAround(inp: MentionInput, i: number): boolean {
  for (const j of [i - 1, i + 1]) {
    if (j < 0 || j >= inp.start.length || !isWord(inp.type[j])) continue;
    if (isAllCaps(inp.text, inp.start[j]!, inp.end[j]!)) return true;
  }
  return false;
}

/** `, the External Affairs Minister,` after a name: the title of that apposition, or null. */
function appositionTitle(inp: MentionInput, g: Gazetteer, b: number, last: number): string | null {
  if (b + 1 > last || inp.text.slice(inp.start[b + 1]!, inp.end[b + 1]!) !== ',') return null;
  for (let x = b + 2; x <= Math.min(last, b + 9); x++) {
    const w = inp.text.slice(inp.start[x]!, inp.end[x]!);
    if (w === ',' || w === '.' || w === ';' || inp.pos[x] === 'VERB') return null;
    if (!/^\p{Lu}/u.test(w)) continue;
    const t = titleFrom(inp, g, x, last);
    if (t && !t.honorific) return fastKey(inp.text.slice(inp.start[x]!, inp.end[t.end]!));
  }
  return null;
}

const POSSESSIVES = loadWordList('entities/possessive-determiners.txt').value;
/** Head words of named plans, laws and agreements (data/entities/policy-heads.txt). */
const POLICY_HEADS = loadWordList('entities/policy-heads.txt').value;
const HEADLINE_FUNCTION = loadWordList('entities/headline-function-words.txt').value;
const CUT_NAME_ENDS = loadWordList('entities/cut-name-ends.txt').value;

/**
 * Title-case lines (headlines: four or more words, three quarters of them capitalized, function
 * words too): every word's capital is the style's, so a name there needs other evidence.
 */
function titleCaseLines(inp: MentionInput, lower: readonly string[]): Uint8Array {
  const flag = new Uint8Array(inp.start.length);
  for (const [s0, s1] of inp.sentences) {
    let words = 0;
    let upper = 0;
    let upperFunction = 0;
    let lowerFunction = 0;
    for (let i = s0; i <= s1; i++) {
      if (inp.type[i] !== 'word') continue;
      // ASCII by char code; other characters by their case mappings.
      const c = inp.text.charCodeAt(inp.start[i]!);
      let isUpper: boolean;
      if (c < 128) {
        if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) continue;
        isUpper = c <= 90;
      } else {
        const ch = inp.text[inp.start[i]!]!;
        if (ch.toLowerCase() === ch.toUpperCase()) continue;
        isUpper = ch !== ch.toLowerCase();
      }
      words++;
      if (isUpper) upper++;
      if (HEADLINE_FUNCTION.has(lower[i]!)) isUpper ? i > s0 && upperFunction++ : lowerFunction++;
    }
    if (words >= 4 && upper / words >= 0.75 && lowerFunction === 0 && upperFunction >= 1) for (let i = s0; i <= s1; i++) flag[i] = 1;
  }
  return flag;
}

/**
 * Precision rules over the tagger's mentions (general, no corpus strings):
 * - a nationality right before an organization ending in a head word joins it ("Chinese Defense Ministry");
 * - a span that starts a title phrase ("External Affairs" of "External Affairs Minister") is no name;
 * - a single common English word with no gazetteer entry ("Article 9", "its Army") is no
 *   organization or place;
 * - a place span that is a known place plus common words ("US Diplomacy") keeps the place only;
 * - in a title-case headline, only names known from the gazetteer or from the document's other
 *   sentences are kept.
 */
function precisionRules(inp: MentionInput, g: Gazetteer, lower: readonly string[], sentenceStart: Int32Array, sentenceEnd: Int32Array, ms: TaggedMention[]): TaggedMention[] {
  const { text } = inp;
  const out: TaggedMention[] = [];
  for (let k = 0; k < ms.length; k++) {
    const m = ms[k]!;
    const next = ms[k + 1];
    // A nationality or place right before an organization ending in a head word starts its name
    // ("Chinese Defense Ministry", "Taiwan Safe Group"); so does an organization ending in "of"
    // before a place ("Federation of" + "Hong Kong" + "Industry").
    const joins = next && next.type === 'ORG' && next.a === m.b + 1 && g.orgHeads.has(lower[next.b]!);
    if ((m.type === 'NORP' || m.type === 'GPE' || m.type === 'LOC') && joins && !next.entry) {
      out.push({ ...next, a: m.a, start: m.start, entry: undefined, why: 'tagger+place-prefix' });
      k++;
      continue;
    }
    if (m.type === 'ORG' && (lower[m.b] === 'of' || lower[m.b] === 'for') && next && next.a === m.b + 1 && next.type !== 'PERSON') {
      let b = next.b;
      while (b + 1 <= sentenceEnd[b]! && /^\p{Lu}/u.test(text[inp.start[b + 1]!]!) && isWord(inp.type[b + 1])) b++;
      out.push({ ...m, b, end: inp.end[b]!, entry: undefined, why: 'tagger+of-place' });
      k++;
      while (ms[k + 1] && ms[k + 1]!.a <= b) k++;
      continue;
    }
    if (m.type === 'ORG' && CUT_NAME_ENDS.has(lower[m.b]!)) continue; // a name cut short
    // "Computer and Business ... Association": a capitalized word and "and" before an organization.
    // So does a capitalized common word after "the" that the tagger took alone ("the Transport and
    // General Workers Federation" cut into "Transport" and the rest; "shares in Ford and General
    // Motors", without the article, stay two).
    const prev = out[out.length - 1];
    const fragment = prev !== undefined && prev.a === m.a - 2 && prev.b === m.a - 2 && !prev.entry && m.a >= 3 && lower[m.a - 3] === 'the' && g.commonWords.has(lower[m.a - 2]!);
    if (m.type === 'ORG' && !m.entry && m.a >= 2 && lower[m.a - 1] === 'and' && g.orgHeads.has(lower[m.b]!) && /^\p{Lu}/u.test(text[inp.start[m.a - 2]!]!) && m.a - 2 > sentenceStart[m.a]! && (out.length === 0 || out[out.length - 1]!.b < m.a - 2 || fragment)) {
      if (fragment) out.pop();
      out.push({ ...m, a: m.a - 2, start: inp.start[m.a - 2]!, why: 'tagger+and-name' });
      continue;
    }
    if (m.type === 'PERSON' && m.a === m.b && isAllCaps(text, m.start, m.end) && !capsAround(inp, m.a)) {
      // A lone word in capitals inside a mixed-case sentence is an acronym, not a person.
      out.push({ ...m, type: 'ORG', titles: [], why: 'tagger+acronym' });
      continue;
    }
    // A name followed by a company form ("X and Co", "X Ltd") is the company, the form included.
    let c = m.b + 1;
    if (c + 1 < inp.start.length && lower[c] === 'and' && (lower[c + 1] === 'co' || lower[c + 1] === 'co.')) c++;
    if ((m.type === 'PERSON' || m.type === 'ORG') && c < inp.start.length && corporate().has(lower[c]!) && c <= sentenceEnd[m.b]!) {
      out.push({ a: m.a, b: c, start: m.start, end: inp.end[c]!, type: 'ORG', titles: [], why: 'tagger+company-form' });
      if (next && next.a <= c) k++;
      continue;
    }
    // A stock ticker in angle brackets after a company ("<ABCD.T>", a news-wire instrument code)
    // repeats the company in code, not a name.
    if (m.a === m.b && text[m.start - 1] === '<' && text[m.end] === '.' && /^\.[A-Z]{1,2}>/.test(text.slice(m.end, m.end + 4))) continue;
    // "Regional Security Proposal", "Clean Air Act": a named plan, law or agreement is no actor.
    if ((m.type === 'ORG' || m.type === 'LOC') && !m.entry && m.b > m.a && POLICY_HEADS.has(lower[m.b]!)) continue;
    if (m.type !== 'PERSON') {
      // A role, not a name: a title phrase reaching past the span ("Treasury" of "Treasury
      // Secretary"), or one of two or more words inside a span the data does not know.
      const t = titleFrom(inp, g, m.a, Math.min(inp.start.length - 1, m.b + g.titleMaxWords));
      if (t && !t.honorific && (t.end > m.b || (t.end > m.a && !m.entry))) continue;
    }
    if (m.type !== 'PERSON' && !m.entry && m.a === m.b && g.commonWords.has(lower[m.a]!) && !isAllCaps(text, inp.start[m.a]!, inp.end[m.a]!)) {
      // A head word alone ("its Army", "the Government"), a geographic word alone ("Island"), a
      // numbered clause ("Article 9") or a word after a possessive pronoun is no name.
      const after = m.b + 1 < inp.start.length ? inp.type[m.b + 1] : undefined;
      const before = m.a > 0 ? lower[m.a - 1]! : '';
      const sentenceInitial = m.a === sentenceStart[m.a] || before.endsWith('.');
      if (g.orgHeads.has(lower[m.a]!) || geo().has(lower[m.a]!) || after === 'number' || POSSESSIVES.has(before) || sentenceInitial) continue;
      // A word before a title ("Industry Minister", "Trade and Industry Minister") is part of the role.
      let x = m.b + 1;
      if (lower[x] === 'and' && x + 1 < inp.start.length) x += 2;
      if (x < inp.start.length && titleFrom(inp, g, x, x)) continue;
    }
    if (m.type === 'ORG' && m.a === m.b && g.orgHeads.has(lower[m.a]!) && !m.entry) continue;
    // A known place followed by common words only ("US Diplomacy") is the place.
    if ((m.type === 'GPE' || m.type === 'LOC') && !m.entry && m.b > m.a) {
      let cut = -1;
      for (let j = m.b - 1; j >= m.a && cut < 0; j--) {
        const e = entryOf(inp, g, m.a, j);
        if (e && (e.type === 'GPE' || e.type === 'LOC')) {
          let rest = true;
          for (let x = j + 1; x <= m.b; x++) if (!g.commonWords.has(lower[x]!)) rest = false;
          if (rest) cut = j;
        }
      }
      if (cut >= 0) {
        const e = entryOf(inp, g, m.a, cut)!;
        out.push({ ...m, b: cut, end: inp.end[cut]!, type: e.type, entry: e, why: 'tagger+gazetteer' });
        continue;
      }
    }
    out.push(m);
  }
  // A place name typed organization inside a list of places is a place ("visits Leeds, Dorset and
  // Hull"; team names are places in the tagger's training data).
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 0; k < out.length; k++) {
      const m = out[k]!;
      if (m.type !== 'ORG' || m.entry) continue;
      const e = entryOf(inp, g, m.a, m.b);
      if (!e || (e.type !== 'GPE' && e.type !== 'LOC')) continue;
      const listed = (o: TaggedMention | undefined, gap: number) => o !== undefined && (o.type === 'GPE' || o.type === 'LOC') && (lower[gap] === ',' || lower[gap] === 'and');
      const before = out[k - 1];
      const after = out[k + 1];
      if ((before && before.b === m.a - 2 && listed(before, m.a - 1)) || (after && after.a === m.b + 2 && listed(after, m.b + 1))) {
        out[k] = { ...m, type: e.type, entry: e, why: 'tagger+place-list' };
      }
    }
  }
  const headline = titleCaseLines(inp, lower);
  // Lines in capitals too: there, every word looks like an acronym.
  for (const [s0, s1] of inp.sentences) if (capsLine(inp, s0, s1)) for (let i = s0; i <= s1; i++) headline[i] = 1;
  const known = new Set<string>();
  for (const m of out) {
    if (headline[m.a]) continue;
    const surface = text.slice(m.start, m.end).toLowerCase();
    known.add(surface);
    if (m.type === 'PERSON') for (const w of surface.split(/\s+/)) known.add(w);
  }
  return out.filter((m) => !headline[m.a] || m.entry || known.has(text.slice(m.start, m.end).toLowerCase()));
}
