/**
 * Named entities of one document from the shared wink token table (no second parse): candidate
 * spans (gazetteer matches, capitalized runs split at titles), typed from several signals, then
 * grouped into entities with canonical names and ids. Works over the columnar arrays by index.
 */
import type { AnalysisRecord, DocumentRecord, EntityRecord } from '../../schema.js';
import { guessSpan, knownWord } from '../../nlp/compromise.js';
import { makeView, type DocView } from '../../nlp/doc-view.js';
import { loadWordList } from '../../io/data.js';
import { gazetteer, slug, surfaceKey, type EntityKind, type Gazetteer, type GazetteerEntry } from './gazetteer.js';
import { taggedMentions } from './tagger/mentions.js';
import { EntitiesOptions } from './options.js';

/** Lone time-unit words (data/entities/time-units.txt), lower case: no entity by themselves. */
const TIME_UNITS = loadWordList('entities/time-units.txt').value;

/** The stage's default finder options (for callers outside the pipeline: eval, tests). */
const DEFAULT_OPTIONS = EntitiesOptions.parse({});

/** The word lists of the rules below (data/entities/, one loader: io/data.ts). */
const EXTRACT_WORD_LISTS = [
  'entities/headline-lower.txt',
  'entities/headline-upper.txt',
  'entities/name-particles.txt',
  'entities/org-connectors.txt',
  'entities/place-preps.txt',
  'entities/role-nouns.txt',
  'entities/sentence-openers.txt',
  'entities/speech-verbs.txt',
  'entities/sport-cues.txt',
] as const;
const list = (file: (typeof EXTRACT_WORD_LISTS)[number]): ReadonlySet<string> => loadWordList(file).value;
const SPEECH_VERBS = list('entities/speech-verbs.txt');
/** Capitalized words that start sentences or headings but never begin a name. */
const STOP = list('entities/sentence-openers.txt');
const CONNECT_ORG = list('entities/org-connectors.txt');
const PARTICLES = list('entities/name-particles.txt');
const ROLE_NOUNS = list('entities/role-nouns.txt');
/** A role noun, singular or plural, any case (`Professor`, `analysts`). */
const isRoleNoun = (w: string): boolean => {
  const l = w.toLowerCase();
  return ROLE_NOUNS.has(l) || (l.endsWith('s') && ROLE_NOUNS.has(l.slice(0, -1)));
};
const HEADLINE_LOWER = list('entities/headline-lower.txt');
const HEADLINE_UPPER = list('entities/headline-upper.txt');
const SPORT_CUES = list('entities/sport-cues.txt');
/** Locative prepositions (`in X`, `near X`). */
const PLACE_PREPS = list('entities/place-preps.txt');
/** A token after which a capitalized word starts a sentence-like unit (quote, bracket, bullet, colon). */
const OPENERS = new Set(['"', '“', '‘', "'", '(', '•', '-', '–', '—', ':']);

/** The rule-based candidate finder the tagger replaced (kept switchable for comparison). */

interface Mention {
  a: number;
  b: number;
  start: number;
  end: number;
  type: EntityKind | null;
  entry?: GazetteerEntry;
  titles: string[];
  /** Signal that typed it, for debugging. */
  why: string;
  /** Last token of its sentence (for late classification). */
  last?: number;
}

export interface ExtractResult {
  entities: EntityRecord[];
}

/** The document view (nlp/doc-view.ts) with the lookups this stage's rules use. */
class Doc {
  readonly n: number;
  readonly g: Gazetteer;
  /** The token columns (start, end, pos, lemma, type). */
  readonly t: DocView;
  readonly sentenceOf: Int32Array;
  readonly sentenceStart: Int32Array;
  readonly text: string;
  constructor(v: DocView) {
    this.t = v;
    this.text = v.text;
    this.n = v.start.length;
    this.g = gazetteer();
    this.sentenceOf = v.sentenceOf;
    this.sentenceStart = new Int32Array(this.n);
    v.sentences.forEach(([a, b]) => {
      for (let i = a; i <= b && i < this.n; i++) this.sentenceStart[i] = a;
    });
  }
  w(i: number): string {
    return this.t.word[i]!;
  }
  /** The view's lookup key of token i (lower case, apostrophes straightened), cut at its first hyphen. */
  lw(i: number): string {
    const key = this.t.key[i]!;
    const hyphen = key.indexOf('-');
    return hyphen === -1 ? key : key.slice(0, hyphen);
  }
  span(a: number, b: number): string {
    return this.text.slice(this.t.start[a]!, this.t.end[b]!);
  }
  adjacent(i: number, j: number): boolean {
    return this.t.end[i] === this.t.start[j];
  }
  isWord(i: number): boolean {
    const ty = this.t.type[i];
    return ty === 'word' || ty === 'number' || ty === 'abbreviation';
  }
  /** Starts with an upper-case letter. */
  cap(i: number): boolean {
    const c = this.text.charCodeAt(this.t.start[i]!);
    if (!(c >= 65 && c <= 90) && !(c > 127 && /\p{Lu}/u.test(this.text[this.t.start[i]!]!))) return false;
    return this.isWord(i) || this.t.type[i] === 'word';
  }
  allCaps(i: number): boolean {
    const s = this.w(i);
    return s.length >= 2 && /^[\p{Lu}0-9.&-]+$/u.test(s) && /\p{Lu}.*\p{Lu}|\p{Lu}\./u.test(s);
  }
}

/** Title or role phrase starting at i: end token index, or -1. */
function matchTitle(d: Doc, i: number, last: number): { end: number; honorific: boolean } | -1 {
  if (!d.g.titleFirstWords.has(d.lw(i))) return -1;
  let best: { end: number; honorific: boolean } | -1 = -1;
  const max = Math.min(last, i + d.g.titleMaxWords);
  for (let j = i; j <= max; j++) {
    if (j > i && !d.isWord(j) && d.w(j) !== '-' && d.w(j) !== '.') break;
    const key = surfaceKey(d.span(i, j)).toLowerCase();
    if (!d.g.titlePrefixes.has(key)) break;
    const h = d.g.titles.get(key);
    if (h !== undefined) best = { end: j, honorific: h };
  }
  return best;
}

/** Longest gazetteer entry starting at i (ending on a word). */
function matchGazetteer(d: Doc, i: number, last: number, lowerOk: boolean): { end: number; entry: GazetteerEntry } | null {
  if (!d.g.firstWords.has(d.lw(i))) return null;
  let best: { end: number; entry: GazetteerEntry } | null = null;
  const max = Math.min(last, i + d.g.maxWords * 2 + 1);
  const lowerAllowed = lowerOk || d.allCaps(i);
  for (let j = i; j <= max; j++) {
    if (j > i && !(d.isWord(j) || d.w(j) === '-' || d.w(j) === '.' || d.w(j) === ',' || d.w(j) === "'s")) break;
    if (!d.isWord(j)) continue;
    const key = surfaceKey(d.span(i, j));
    const lowerKey = lowerAllowed ? key.toLowerCase() : '';
    if (!d.g.prefixes.has(key) && !(lowerAllowed && d.g.lowerPrefixes.has(lowerKey))) break;
    let e = d.g.exact.get(key);
    if (!e && (lowerOk || (d.allCaps(i) && d.allCaps(j)))) e = d.g.lower.get(lowerKey);
    if (e) best = { end: j, entry: e };
  }
  return best;
}


function headline(d: Doc, a: number, b: number): boolean {
  let words = 0;
  let upperInitial = 0;
  let allCaps = 0;
  let lowerFunction = 0;
  let upperFunction = 0;
  const FUNCTION_LOWER = HEADLINE_LOWER;
  const FUNCTION_UPPER = HEADLINE_UPPER;
  // Most sentences are no headline: stop once neither test can pass (a lower-case function word
  // rules out title case; too many words not in capitals rule out an all-caps line).
  const maxWords = b - a + 1;
  for (let i = a; i <= b; i++) {
    if (d.t.type[i] !== 'word') continue;
    const first = d.text.charCodeAt(d.t.start[i]!);
    if (first >= 97 && first <= 122) {
      // ASCII lower-case initial: neither capitalized nor in capitals.
      words++;
      if (FUNCTION_LOWER.has(d.w(i))) lowerFunction++;
      if (lowerFunction > 0 && words - allCaps > 0.4 * maxWords) return false;
      continue;
    }
    const s = d.w(i);
    if (s.toLowerCase() === s.toUpperCase()) continue;
    words++;
    if (d.cap(i)) upperInitial++;
    if (s.length > 1 && s === s.toUpperCase() && /\p{Lu}/u.test(s)) allCaps++;
    else if (s.length === 1 && s === s.toUpperCase()) allCaps += 0.5;
    if (FUNCTION_LOWER.has(s)) lowerFunction++;
    if (i > a && FUNCTION_UPPER.has(s)) upperFunction++;
  }
  if (words === 0) return false;
  if (allCaps / words >= 0.6 && words >= 1 && allCaps >= 1) return words >= 2 || d.w(a).length > 1;
  // Title case: nearly every word capitalized, function words included ("... Between NATO And ...").
  return words >= 4 && upperInitial / words >= 0.75 && lowerFunction === 0 && upperFunction >= 1;
}

/** Capitalized run from i: returns its last token index. */
function buildRun(d: Doc, i: number, last: number): number {
  let j = i;
  const heads = () => {
    for (let k = i; k <= j; k++) if (d.g.orgHeads.has(d.w(k).toLowerCase())) return true;
    return false;
  };
  while (j + 1 <= last) {
    const n = j + 1;
    const s = d.w(n);
    if ((s === '-' || s === '–') && d.adjacent(j, n) && n + 1 <= last && d.adjacent(n, n + 1) && d.t.type[n + 1] === 'word') {
      j = n + 1;
      continue;
    }
    if (d.cap(n) && !STOP.has(s)) {
      const t = matchTitle(d, n, last);
      if (t !== -1 && t.end + 1 <= last && d.cap(t.end + 1) && !d.g.orgHeads.has(d.w(t.end + 1).toLowerCase())) break;
      j = n;
      continue;
    }
    if (CONNECT_ORG.has(s) && n + 1 <= last && heads()) {
      let k = n + 1;
      if (d.w(k) === 'the' && k + 1 <= last) k++;
      if (d.cap(k) && !STOP.has(d.w(k))) {
        j = k;
        continue;
      }
    }
    if (PARTICLES.has(s) && n + 1 <= last && d.cap(n + 1) && j >= i) {
      j = n + 1;
      continue;
    }
    break;
  }
  return j;
}

/** The index after skipping a possessive 's. */
function nextAfter(d: Doc, b: number): number {
  let k = b + 1;
  if (k < d.n && /^['’]s$/.test(d.w(k))) k++;
  return k;
}

function speechContext(d: Doc, a: number, b: number): boolean {
  const k = b + 1;
  for (let x = k; x < Math.min(d.n, k + 2); x++) {
    if (SPEECH_VERBS.has(d.t.lemma[x]!) || SPEECH_VERBS.has(d.w(x).toLowerCase())) return true;
    if (d.t.pos[x] !== 'AUX' && d.t.pos[x] !== 'ADV') break;
  }
  if (a > 0 && SPEECH_VERBS.has(d.w(a - 1).toLowerCase()) && d.sentenceOf[a - 1] === d.sentenceOf[a]) return true;
  return false;
}

/** `, a scholar at ...` / `, the US Assistant Secretary of State` after the name. */
function appositionTitle(d: Doc, b: number, last: number): { role: boolean; title: string | null } {
  let k = b + 1;
  if (k > last || d.w(k) !== ',') return { role: false, title: null };
  k++;
  let role = false;
  for (let x = k; x <= Math.min(last, k + 7); x++) {
    const s = d.w(x);
    if (s === ',' || s === '.' || s === ';') break;
    const t = matchTitle(d, x, last);
    if (t !== -1 && !t.honorific && d.cap(x)) return { role: true, title: surfaceKey(d.span(x, t.end)) };
    if (isRoleNoun(s)) role = true;
    if (d.t.pos[x] === 'VERB') break;
  }
  return { role, title: null };
}

/**
 * A place name acting as a team: followed by a score or next to a match verb ("Leicester 2",
 * "Somerset beat Kent"). Sports teams named after places are organizations.
 */
function sportsContext(d: Doc, a: number, b: number, scoreOk = true): boolean {
  const k = b + 1;
  if (scoreOk && k < d.n && d.t.type[k] === 'number' && /^\d{1,3}(?:[-–]\d{1,3})?$/.test(d.w(k)) && d.sentenceOf[k] === d.sentenceOf[b]) return true;
  if (k < d.n && SPORT_CUES.has(d.w(k).toLowerCase()) && d.sentenceOf[k] === d.sentenceOf[b]) return true;
  if (a > 0 && SPORT_CUES.has(d.w(a - 1).toLowerCase()) && d.sentenceOf[a - 1] === d.sentenceOf[a]) return true;
  return false;
}

/** A results line: the number after `b` is not "N of ..." and the sentence has other numbers. */
function scoreLine(d: Doc, b: number): boolean {
  if (b + 2 < d.n && d.w(b + 2) === 'of') return false;
  const s = d.sentenceOf[b]!;
  let numbers = 0;
  for (let i = d.sentenceStart[b]!; i < d.n && d.sentenceOf[i] === s; i++) if (d.t.type[i] === 'number') numbers++;
  return numbers >= 2;
}

/** Type a capitalized run that no gazetteer entry covers. */
function classifyRun(d: Doc, a: number, b: number, last: number, titled: boolean, mixedCase: boolean, late = false): { type: EntityKind | null; why: string; entry?: GazetteerEntry } {
  const words: string[] = [];
  for (let i = a; i <= b; i++) if (d.isWord(i)) words.push(d.w(i));
  const lowerWords = words.map((w) => w.toLowerCase().replace(/\.$/, ''));
  const n = words.length;
  if (n === 1 && d.g.orgHeads.has(lowerWords[0]!)) return { type: null, why: 'lone-head' };
  for (let i = a; i <= b; i++) if (d.g.orgHeads.has(d.w(i).toLowerCase()) && d.cap(i) && (i === b || i > a)) return { type: 'ORG', why: 'org-head' };
  if (d.g.orgHeads.has(d.w(a).toLowerCase()) && n > 1) return { type: 'ORG', why: 'org-head' };
  if (titled) return { type: 'PERSON', why: 'title' };
  const initialRe = /^(?:\p{Lu}\.)+$|^\p{Lu}$/u;
  if (n >= 2 && n <= 4 && initialRe.test(words[0]!) && !d.g.exact.has(words[0]!) && !words.every((w) => initialRe.test(w))) return { type: 'PERSON', why: 'initial' };
  if (n >= 3 && n <= 4 && words.slice(1, -1).some((w) => initialRe.test(w)) && !initialRe.test(words[n - 1]!)) return { type: 'PERSON', why: 'initial' };
  if (n >= 2 && n <= 4 && d.g.firstNames.has(lowerWords[0]!)) return { type: 'PERSON', why: 'first-name' };
  if (n >= 2 && n <= 4 && d.g.surnames.has(lowerWords[n - 1]!) && !d.g.exact.has(words[0]!)) return { type: 'PERSON', why: 'surname' };
  const whole = d.g.exact.get(surfaceKey(d.span(a, b)));
  if (whole) return { type: whole.type, why: 'gazetteer', entry: whole };
  if (mixedCase && n === 1 && d.allCaps(a) && /^[\p{Lu}0-9&]{2,7}$/u.test(words[0]!)) return { type: 'ORG', why: 'acronym' };
  let allPropn = true;
  for (let i = a; i <= b; i++) if (d.isWord(i) && d.t.pos[i] !== 'PROPN') allPropn = false;
  if (n <= 3 && allPropn && !(n === 1 && a === d.sentenceStart[a]) && speechContext(d, a, b)) return { type: 'PERSON', why: 'speech-verb' };
  const app = appositionTitle(d, b, last);
  if (app.role && n >= 2) return { type: 'PERSON', why: 'apposition' };
  // compromise is slow: only for runs that nothing else in the document explains (second pass).
  if (!late) return { type: null, why: 'deferred' };
  const guess = guessSpan(d.span(a, b));
  if (guess === 'PERSON') return { type: 'PERSON', why: 'compromise' };
  if (guess === 'ORG') return { type: 'ORG', why: 'compromise' };
  if (guess === null && n >= 2 && n <= 3 && allPropn && words.every((w) => /^\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)?$/u.test(w) && !knownWord(w) && !d.g.commonWords.has(w.toLowerCase()) && !d.g.firstWords.has(w.toLowerCase())) && !d.g.orgHeads.has(lowerWords[n - 1]!)) {
    // Two or three title-case words none of which is a known English word: a foreign name.
    return { type: 'PERSON', why: 'unknown-name' };
  }
  if (sportsContext(d, a, b, guess === 'PLACE' || (guess === null && n === 1 && scoreLine(d, b)))) return { type: 'ORG', why: 'team' };
  if (guess === null && n === 1 && a !== d.sentenceStart[a] && d.t.pos[a] === 'PROPN' && /^\p{Lu}\p{Ll}{2,}$/u.test(words[0]!) && !knownWord(words[0]!) && !d.g.commonWords.has(lowerWords[0]!)) {
    // A lone unknown name after a place preposition is a place (a person needs more evidence).
    const prev = a > 0 ? d.w(a - 1).toLowerCase() : '';
    if (PLACE_PREPS.has(prev)) return { type: 'GPE', why: 'unknown-place' };
  }
  if (guess === 'PLACE') return { type: 'GPE', why: 'compromise' };
  return { type: null, why: 'unknown' };
}

/**
 * The words of a person's name that identify it: possessive and final dot cut, particles ("van",
 * "de", "bin") left out, also capitalized at the front of a surname used alone ("Van Loon").
 */
function personTokens(s: string): string[] {
  const words = s
    .split(/\s+/)
    .map((w) => w.replace(/\.$/, '').replace(/[’']s$/, ''))
    .filter((w) => w && !PARTICLES.has(w));
  while (words.length >= 2 && PARTICLES.has(words[0]!.toLowerCase()) && /^\p{Lu}\p{Ll}/u.test(words[0]!)) words.shift();
  return words;
}
const isInitial = (w: string) => /^(?:\p{Lu}\.?)+$/u.test(w) && w.replace(/\./g, '').length <= 2;

function compatiblePersons(x: string[], y: string[]): boolean {
  const lx = x.map((w) => w.toLowerCase());
  const ly = y.map((w) => w.toLowerCase());
  const sx = [...lx].sort().join(' ');
  const sy = [...ly].sort().join(' ');
  if (sx === sy) return true;
  // Same surname, given names compatible (initials match, middle initials optional).
  const fullX = x.filter((w) => !isInitial(w));
  const fullY = y.filter((w) => !isInitial(w));
  if (fullX.length === 0 || fullY.length === 0) return false;
  if (fullX[fullX.length - 1]!.toLowerCase() !== fullY[fullY.length - 1]!.toLowerCase()) return false;
  const gx = x.slice(0, -1);
  const gy = y.slice(0, -1);
  if (gx.length === 0 || gy.length === 0) return false;
  const a = gx[0]!;
  const b = gy[0]!;
  return a.toLowerCase() === b.toLowerCase() || (isInitial(a) && b.startsWith(a)) || (isInitial(b) && a.startsWith(b));
}

/**
 * The entities of one document: mentions found by the trained tagger (or, with `finder: 'rules'`,
 * the rule-based finder it replaced), typed, canonicalized and given ids. `options` defaults to the
 * stage's defaults. Offsets are UTF-16, end exclusive. Throws nothing for odd text.
 */
export function extractEntities(document: DocumentRecord, analysis: AnalysisRecord, options: Pick<EntitiesOptions, 'finder' | 'tagger'> = DEFAULT_OPTIONS): ExtractResult {
  const LEGACY_RULES = options.finder === 'rules';
  const text = document.text;
  const d = new Doc(makeView(document, analysis));
  const mentions: Mention[] = [];
  const headlines: Array<[number, number]> = [];
  let unresolved: Mention[] = [];

  // The trained tagger decides spans and types (src/stages/entities/tagger/).
  const t = analysis.tokens;
  if (!LEGACY_RULES) mentions.push(...taggedMentions({ text, start: t.start, end: t.end, pos: t.pos, type: t.type, sentences: analysis.sentenceTokens }, undefined, options.tagger));
  for (const [s0, s1raw] of LEGACY_RULES ? analysis.sentenceTokens : []) {
    const s1 = Math.min(s1raw, d.n - 1);
    if (headline(d, s0, s1)) {
      headlines.push([s0, s1]);
      continue;
    }
    let pendingTitle: { text: string; honorific: boolean; end: number } | null = null;
    let deferredTitle: { text: string; honorific: boolean; target: number } | null = null;
    let i = s0;
    while (i <= s1) {
      if (!d.isWord(i)) {
        i++;
        continue;
      }
      const initial = i === s0 || OPENERS.has(d.w(i - 1));
      const gz = d.cap(i) || d.allCaps(i) ? matchGazetteer(d, i, s1, false) : null;
      const title = matchTitle(d, i, s1);
      const titleOk = title !== -1 && title.end + 1 <= s1 && d.cap(title.end + 1) && !STOP.has(d.w(title.end + 1));
      if (gz && (!titleOk || gz.end >= (title as { end: number }).end)) {
        // A demonym/country that starts an organization name ("Chinese Defense Ministry") or a
        // city that starts a longer name is not a mention by itself.
        const run = buildRun(d, i, s1);
        const longerOrg = run > gz.end && d.g.orgHeads.has(d.w(run).toLowerCase()) && gz.entry.type !== 'ORG';
        // A place word that starts a longer capitalized name ("Pacific Affairs") is not the place.
        const placePrefix = (gz.entry.sub === 'city' || gz.entry.sub === 'capital' || gz.entry.type === 'LOC') && run > gz.end && d.cap(gz.end + 1);
        // "U.S. Open": a country name starting a longer name that is neither a title nor another entity.
        const nx = gz.end + 1;
        const countryPrefix =
          gz.entry.sub === 'country' && run > gz.end && nx <= s1 && d.cap(nx) && !STOP.has(d.w(nx)) &&
          matchTitle(d, nx, s1) === -1 && !matchGazetteer(d, nx, s1, false) && !d.g.orgHeads.has(d.w(run).toLowerCase()) && d.adjacent(gz.end, nx) === false;
        if (!longerOrg && !placePrefix && !countryPrefix) {
          let type = gz.entry.type;
          let entry: GazetteerEntry | undefined = gz.entry;
          let why = 'gazetteer';
          if (pendingTitle && pendingTitle.end === i - 1 && (entry.sub === 'city' || entry.sub === 'capital')) {
            type = 'PERSON';
            entry = undefined;
            why = 'title';
          }
          if (entry && (entry.sub === 'city' || entry.sub === 'capital' || entry.type === 'LOC') && sportsContext(d, i, gz.end)) {
            type = 'ORG';
            entry = undefined;
            why = 'team';
          }
          // A capital acting ("Beijing says", "Tokyo has started") or owning a decision or view
          // ("Tokyo's proposal", "Beijing's position") stands for its country.
          if (entry?.sub === 'capital' && entry.country) {
            let k = gz.end + 1;
            while (k < s1 && d.t.pos[k] === 'ADV') k++;
            const acts = k <= s1 && (d.t.pos[k] === 'VERB' || d.t.pos[k] === 'AUX') && !/^(,|and)$/.test(d.w(k));
            const owns = gz.end + 2 <= s1 && /^['’]s$/.test(d.w(gz.end + 1)) && d.t.pos[gz.end + 2] === 'NOUN';
            if (acts || owns) {
              const country = d.g.countryById.get(entry.country);
              if (country) {
                entry = country;
                why = 'capital-as-country';
              }
            }
          }
          mentions.push({ a: i, b: gz.end, start: d.t.start[i]!, end: d.t.end[gz.end]!, type, entry, titles: [], why });
          pendingTitle = null;
          i = gz.end + 1;
          continue;
        }
      }
      if (titleOk && typeof title === 'object') {
        const after = title.end + 1;
        // "Prime Minister of Japan": a role, not a name; "Prime Minister Ishiba": a title.
        pendingTitle = { text: surfaceKey(d.span(i, title.end)), honorific: title.honorific, end: title.end };
        i = after;
        continue;
      }
      if (title !== -1 && !titleOk && /^(for|of)$/.test(d.w(title.end + 1) ?? '') && d.cap(i)) {
        // "Assistant Secretary of State for East Asia and Pacific Affairs, Daniel ...": the title
        // applies to the name after the comma that closes the role's complement.
        for (let k = title.end + 2; k <= Math.min(s1 - 1, title.end + 12); k++) {
          if (d.w(k) === ',' && d.cap(k + 1)) {
            deferredTitle = { text: surfaceKey(d.span(i, title.end)), honorific: title.honorific, target: k + 1 };
            break;
          }
          if (!(d.cap(k) || /^(and|&|of|the|for)$/.test(d.w(k)))) break;
        }
      }
      if (title !== -1 && d.cap(i) && !title.honorific) {
        // A capitalized role not followed by a name ("the Prime Minister of Japan") is no entity.
        i = title.end + 1;
        continue;
      }
      if (d.cap(i) && !STOP.has(d.w(i)) && !(initial && d.t.pos[i] !== 'PROPN' && !d.allCaps(i))) {
        const b = buildRun(d, i, s1);
        if (deferredTitle && deferredTitle.target === i) pendingTitle = { text: deferredTitle.text, honorific: deferredTitle.honorific, end: i - 1 };
        const titled = pendingTitle !== null && pendingTitle.end === i - 1;
        const cls = classifyRun(d, i, b, s1, titled, true);
        const titles: string[] = [];
        if (titled && pendingTitle && !pendingTitle.honorific && cls.type === 'PERSON') titles.push(pendingTitle.text);
        if (cls.type === 'PERSON') {
          const app = appositionTitle(d, b, s1);
          if (app.title) titles.push(app.title);
        }
        const m: Mention = { a: i, b, start: d.t.start[i]!, end: d.t.end[b]!, type: cls.type, entry: cls.entry, titles, why: cls.why, last: s1 };
        if (m.type) mentions.push(m);
        else unresolved.push(m);
        pendingTitle = null;
        i = b + 1;
        continue;
      }
      // lower-case role cue ("spokesman Wu Qian"): matched above as a title; anything else resets.
      if (title === -1) pendingTitle = null;
      i++;
    }
  }

  // --- Runs no cheap signal typed: unless the document explains them elsewhere, ask compromise.
  const known = new Set<string>();
  for (const m of mentions) {
    const k = text.slice(m.start, m.end).toLowerCase();
    known.add(k);
    if (m.type === 'PERSON') for (const w of k.split(/\s+/)) known.add(w);
  }
  const still: Mention[] = [];
  for (const m of unresolved) {
    if (m.why !== 'deferred' || known.has(text.slice(m.start, m.end).toLowerCase())) {
      still.push(m);
      continue;
    }
    const cls = classifyRun(d, m.a, m.b, m.last ?? m.b, false, true, true);
    if (!cls.type) {
      still.push(m);
      continue;
    }
    m.type = cls.type;
    m.why = cls.why;
    if (cls.type === 'PERSON') {
      const app = appositionTitle(d, m.b, m.last ?? m.b);
      if (app.title) m.titles.push(app.title);
    }
    mentions.push(m);
  }
  unresolved = still;

  // One sense per document: a place name used as a team anywhere is the team throughout.
  const teams = new Set<string>();
  for (const m of mentions) if (m.why === 'team') teams.add(text.slice(m.start, m.end));
  if (teams.size) {
    for (const m of mentions) {
      if (m.why === 'team' || !teams.has(text.slice(m.start, m.end))) continue;
      if ((m.type === 'GPE' && m.entry?.sub !== 'country') || m.type === 'LOC') {
        m.type = 'ORG';
        m.entry = undefined;
        m.why = 'team';
      }
    }
  }

  // --- In-document resolution of person names.
  interface Cluster {
    tokens: string[][];
    forms: string[];
    mentions: Mention[];
    titles: Set<string>;
  }
  const clusters: Cluster[] = [];
  // A lone word the tagger typed as an organization or place, with no entry in the general data,
  // that is the surname of a person named in full in this document ("Conservative MP Douglas
  // Fairweather ... Fairweather has long criticised") is that person.
  const surnames = new Set<string>();
  for (const m of mentions) {
    if (m.type !== 'PERSON') continue;
    const toks = personTokens(text.slice(m.start, m.end));
    if (toks.length >= 2) surnames.add(toks[toks.length - 1]!);
  }
  for (const m of mentions) {
    if ((m.type === 'ORG' || m.type === 'GPE' || m.type === 'LOC') && !m.entry && m.a === m.b && surnames.has(text.slice(m.start, m.end))) {
      m.type = 'PERSON';
      m.why = `${m.why}+surname-in-document`;
    }
  }
  // A lone word the tagger typed as a person, unknown to the general data, no given name, written
  // right after a locative preposition ("in Harbourton", "near Westmarch") is a place, in each of
  // its mentions in the document; unless the document also treats it as a person: a word of a
  // longer person name or of one with a title ("Dr Brackwell"), or next to a speech verb
  // ("Brackwell said", "said Brackwell").
  const personLike = new Set<string>();
  const placeWords = new Set<string>();
  for (const m of mentions) {
    if (m.type !== 'PERSON') continue;
    const surface = text.slice(m.start, m.end);
    const words = surface.split(/\s+/);
    if (words.length > 1 || m.titles.length) for (const w of words) personLike.add(w);
    if (SPEECH_VERBS.has((d.w(m.b + 1) ?? '').toLowerCase()) || (m.a > 0 && SPEECH_VERBS.has(d.w(m.a - 1).toLowerCase()))) personLike.add(surface);
    if (m.a !== m.b || m.entry || d.g.firstNames.has(surface.toLowerCase())) continue;
    if (m.a > 0 && PLACE_PREPS.has(d.w(m.a - 1).toLowerCase()) && !/^['’]s\b/u.test(text.slice(m.end, m.end + 3))) placeWords.add(surface);
  }
  for (const m of mentions) {
    if (m.type !== 'PERSON' || m.a !== m.b || m.entry) continue;
    const surface = text.slice(m.start, m.end);
    if (placeWords.has(surface) && !personLike.has(surface) && !surnames.has(surface)) {
      m.type = 'GPE';
      m.why = `${m.why}+after-locative`;
    }
  }
  const persons = mentions.filter((m) => m.type === 'PERSON');
  const multi = persons.filter((m) => personTokens(text.slice(m.start, m.end)).length >= 2);
  const single = persons.filter((m) => personTokens(text.slice(m.start, m.end)).length < 2);
  // Candidates for a name: clusters sharing one of its (lower-cased) words; then the full check.
  const byWord = new Map<string, Cluster[]>();
  for (const m of multi) {
    const toks = personTokens(text.slice(m.start, m.end));
    const lower = toks.map((w) => w.toLowerCase());
    let c: Cluster | undefined;
    for (const w of lower) {
      c = byWord.get(w)?.find((c) => c.tokens.some((t) => compatiblePersons(t, toks)));
      if (c) break;
    }
    if (!c) {
      c = { tokens: [], forms: [], mentions: [], titles: new Set() };
      clusters.push(c);
    }
    for (const w of lower) {
      const list = byWord.get(w) ?? [];
      if (!list.includes(c)) list.push(c);
      byWord.set(w, list);
    }
    c.tokens.push(toks);
    c.forms.push(toks.join(' '));
    c.mentions.push(m);
    for (const t of m.titles) c.titles.add(t);
  }
  const byToken = (w: string, at: number): Cluster | undefined => {
    const lw = w.toLowerCase();
    const hits = (byWord.get(lw) ?? []).filter((c) => c.tokens.some((t) => t.length >= 2 && t.some((x) => x.toLowerCase() === lw && !isInitial(x))));
    if (hits.length <= 1) return hits[0];
    // Prefer the nearest full name met before this mention.
    let best: Cluster | undefined;
    let bestAt = -1;
    for (const c of hits) for (const m of c.mentions) if (m.start < at && m.start > bestAt && personTokens(text.slice(m.start, m.end)).length >= 2) ((best = c), (bestAt = m.start));
    return best ?? hits[0];
  };
  for (const m of single) {
    const toks = personTokens(text.slice(m.start, m.end));
    const w = toks[0] ?? text.slice(m.start, m.end);
    let c = byToken(w, m.start) ?? clusters.find((c) => c.forms.includes(w));
    if (!c) {
      c = { tokens: [[w]], forms: [w], mentions: [], titles: new Set() };
      clusters.push(c);
    }
    c.mentions.push(m);
    for (const t of m.titles) c.titles.add(t);
  }

  // --- Document memory: resolved surfaces, for unresolved runs and headlines.
  const memory = new Map<string, { kind: 'person'; cluster: Cluster } | { kind: 'entry'; mention: Mention }>();
  for (const c of clusters) {
    for (const t of c.tokens) {
      memory.set(t.join(' ').toLowerCase(), { kind: 'person', cluster: c });
      if (t.length >= 2) {
        for (const w of t) if (!isInitial(w) && !memory.has(w.toLowerCase())) memory.set(w.toLowerCase(), { kind: 'person', cluster: c });
      }
    }
  }
  for (const m of mentions) {
    if (m.type === 'PERSON') continue;
    const k = surfaceKey(text.slice(m.start, m.end)).toLowerCase();
    if (!memory.has(k)) memory.set(k, { kind: 'entry', mention: m });
  }
  const adopt = (a: number, b: number, hit: { kind: 'person'; cluster: Cluster } | { kind: 'entry'; mention: Mention }, why: string) => {
    const m: Mention = { a, b, start: d.t.start[a]!, end: d.t.end[b]!, type: 'PERSON', titles: [], why };
    if (hit.kind === 'person') {
      hit.cluster.mentions.push(m);
      const app = appositionTitle(d, b, d.n - 1);
      if (app.title) hit.cluster.titles.add(app.title);
    } else {
      m.type = hit.mention.type;
      m.entry = hit.mention.entry;
      mentions.push(m);
    }
  };
  for (const m of unresolved) {
    const k = surfaceKey(text.slice(m.start, m.end)).toLowerCase();
    const hit = memory.get(k);
    if (hit) adopt(m.a, m.b, hit, 'document-memory');
  }
  for (const [s0, s1] of headlines) {
    let i = s0;
    while (i <= s1) {
      if (!d.isWord(i) || !/\p{L}/u.test(d.w(i))) {
        i++;
        continue;
      }
      const gz = matchGazetteer(d, i, s1, true);
      let bestEnd = -1;
      let bestHit: Parameters<typeof adopt>[2] | undefined;
      for (let j = i; j <= Math.min(s1, i + 4); j++) {
        if (j > i && !d.isWord(j) && d.w(j) !== '-') break;
        const hit = memory.get(surfaceKey(d.span(i, j)).toLowerCase());
        if (hit) ((bestEnd = j), (bestHit = hit));
      }
      if (bestHit && (!gz || bestEnd >= gz.end)) {
        adopt(i, bestEnd, bestHit, 'headline-memory');
        i = bestEnd + 1;
      } else if (gz && (gz.entry.type !== 'GPE' || gz.entry.sub !== 'city' || d.span(i, gz.end).length > 3)) {
        const team = (gz.entry.sub === 'city' || gz.entry.sub === 'capital' || gz.entry.type === 'LOC') && sportsContext(d, i, gz.end) && scoreLine(d, gz.end);
        mentions.push({ a: i, b: gz.end, start: d.t.start[i]!, end: d.t.end[gz.end]!, type: team ? 'ORG' : gz.entry.type, entry: team ? undefined : gz.entry, titles: [], why: team ? 'team' : 'headline-gazetteer' });
        i = gz.end + 1;
      } else i++;
    }
  }

  // --- Records.
  const records = new Map<string, EntityRecord>();
  const put = (id: string, name: string, type: string, m: { start: number; end: number }, titles: Iterable<string>, country?: string) => {
    let r = records.get(id);
    if (!r) {
      r = { docId: document.id, id, name, type, mentions: [], titles: [] };
      if (country) r.country = country;
      records.set(id, r);
    }
    if (!r.mentions.some((x) => x.start === m.start && x.end === m.end)) r.mentions.push({ start: m.start, end: m.end, text: text.slice(m.start, m.end) });
    for (const t of titles) if (!r.titles.includes(t)) r.titles.push(t);
  };
  for (const c of clusters) {
    if (c.mentions.length === 0) continue;
    const name = canonicalPersonName(c, text);
    const id = `PERSON:${slug(name)}`;
    for (const m of c.mentions) put(id, name, 'PERSON', m, c.titles);
  }
  // An organization defined with its acronym, "Liberal Democratic Party (LDP)": the acronym is
  // a mention of the same entity wherever it appears in the document.
  const keyOf = (m: Mention) => {
    if (m.entry) return { id: m.entry.id, name: m.entry.name, type: m.entry.type as string, country: m.entry.type === 'NORP' ? m.entry.country : undefined };
    const name = surfaceKey(text.slice(m.start, m.end)).replace(/^the\s+/i, '');
    return { id: `${m.type}:${slug(name)}`, name, type: m.type as string, country: undefined };
  };
  const acronyms = new Map<string, ReturnType<typeof keyOf>>();
  const sorted = mentions.filter((m) => m.type && m.type !== 'PERSON').sort((x, y) => x.start - y.start);
  for (let k = 0; k + 1 < sorted.length; k++) {
    const m = sorted[k]!;
    const next = sorted[k + 1]!;
    if (m.type !== 'ORG' || next.a !== m.b + 2 || d.w(m.b + 1) !== '(' || next.b + 1 >= d.n || d.w(next.b + 1) !== ')') continue;
    if (!(next.a === next.b && d.allCaps(next.a)) || m.b - m.a < 1) continue;
    const acr = text.slice(next.start, next.end);
    if (!acronyms.has(acr)) acronyms.set(acr, keyOf(m));
  }
  for (const m of mentions) {
    if (m.type === 'PERSON' || !m.type) continue;
    const key = (m.type === 'ORG' && acronyms.get(text.slice(m.start, m.end))) || keyOf(m);
    put(key.id, key.name, key.type, m, [], key.country);
  }
  // wink's own entities (dates, numbers, money...) pass through with their types, except pieces
  // of a hyphenated modifier ("four" and "day" of "four-day week": wink splits at the hyphen) and
  // a lone time unit with no number ("week").
  for (const e of analysis.winkEntities) {
    const type = e.type.toUpperCase().replace(/[^A-Z_]/g, '_');
    if (!type) continue;
    if (text[e.start - 1] === '-' || text[e.end] === '-') continue;
    if ((type === 'DURATION' || type === 'DATE') && TIME_UNITS.has(e.text)) continue;
    put(`${type}:${slug(e.text)}`, e.text, type, e, []);
  }
  const out = [...records.values()];
  for (const r of out) r.mentions.sort((x, y) => x.start - y.start || x.end - y.end);
  out.sort((x, y) => x.mentions[0]!.start - y.mentions[0]!.start || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return { entities: out };
}

/**
 * Canonical person name: the longest full form; when a token is also used alone (a surname), it
 * goes last (given name first: "Ishiba Shigeru" + "Ishiba" -> "Shigeru Ishiba").
 */
export function canonicalPersonName(c: { tokens: string[][]; mentions: Array<{ start: number; end: number }> }, text: string): string {
  const full = [...c.tokens].sort((x, y) => y.filter((w) => !isInitial(w)).length - x.filter((w) => !isInitial(w)).length || y.join(' ').length - x.join(' ').length)[0]!;
  if (full.length < 2) return full.join(' ');
  const alone = new Map<string, number>();
  for (const m of c.mentions) {
    const toks = personTokens(text.slice(m.start, m.end));
    if (toks.length === 1) alone.set(toks[0]!.toLowerCase(), (alone.get(toks[0]!.toLowerCase()) ?? 0) + 1);
  }
  const ordered = orderGivenFirst(full, alone);
  if (ordered !== full.join(' ')) return ordered;
  // Unreordered: the name as written, with its particles ("Pieter van Loon", not "Pieter Loon").
  let written = ordered;
  for (const m of c.mentions) {
    const surface = text.slice(m.start, m.end).split(/\s+/).map((w) => w.replace(/[’']s$/, '')).join(' ');
    const toks = personTokens(surface);
    if (surface.length > written.length && toks.length === full.length && toks.every((w, i) => w === full[i])) written = surface;
  }
  return written;
}

export function orderGivenFirst(full: string[], alone: Map<string, number>): string {
  const lastIdx = full.length - 1;
  // General data first: a known given name in front and none at the end is already in order
  // ("Ian Blair" stays, whatever is used alone), and a given name never moves to the end.
  const given = gazetteer().firstNames;
  const isGiven = (w: string) => given.has(w.toLowerCase());
  if (isGiven(full[0]!) && !isGiven(full[lastIdx]!)) return full.join(' ');
  let surnameIdx = lastIdx;
  let best = alone.get(full[lastIdx]!.toLowerCase()) ?? 0;
  for (let i = 0; i < full.length; i++) {
    const n = alone.get(full[i]!.toLowerCase()) ?? 0;
    if (n > best && !isGiven(full[i]!)) ((best = n), (surnameIdx = i));
  }
  if (surnameIdx === lastIdx) return full.join(' ');
  const rest = full.filter((_, i) => i !== surnameIdx);
  return [...rest, full[surnameIdx]!].join(' ');
}
