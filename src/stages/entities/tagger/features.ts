/**
 * Features of the entity tagger, hashed to 32-bit integers. Per token, a fixed number of static
 * features (word, shape, affixes, POS, a ±2 window, gazetteer hits, sentence position) is computed
 * once into one `Uint32Array`; the decoder adds the features of the previous tags as it goes.
 * Hot loops work on char codes and integer arrays: the only strings made per token are the
 * lower-cased surface (for list lookups) and, for capitalized gazetteer candidates, the span key.
 *
 * Templates follow the averaged-perceptron NER taggers of Ratinov & Roth (2009, "Design challenges
 * and misconceptions in named entity recognition") and Collins (2002): token and window, shape,
 * prefixes/suffixes, POS, gazetteers, previous two tags.
 */
import { surfaceKey, type Gazetteer, type GazetteerEntry } from '../gazetteer.js';

/** A token sequence as the tagger reads it: the document text and the shared wink token columns. */
export interface TaggerInput {
  text: string;
  start: ArrayLike<number>;
  end: ArrayLike<number>;
  /** Universal POS per token (wink). */
  pos: readonly string[];
  /** Token ranges `[first, last]` inclusive (sentences). */
  sentences: ReadonlyArray<readonly [number, number]>;
}

/** Murmur3's finalizer: a well-mixed 32-bit value. */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combine a template id and up to two values into one feature hash (never 0: 0 marks an empty slot). */
export function mix(template: number, a: number, b = 0): number {
  const h = fmix((Math.imul(template + 1, 0x9e3779b1) ^ a ^ Math.imul(b ^ 0x5bd1e995, 0x27d4eb2f)) >>> 0);
  return h === 0 ? 1 : h;
}

/** FNV-1a over a string's UTF-16 code units from `from` to `to` (exclusive). */
export function hashString(s: string, from = 0, to = s.length): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const enum Cls {
  Upper = 1,
  Lower = 2,
  Digit = 3,
  Other = 4,
}

function charClass(c: number): Cls {
  if (c >= 65 && c <= 90) return Cls.Upper;
  if (c >= 97 && c <= 122) return Cls.Lower;
  if (c >= 48 && c <= 57) return Cls.Digit;
  if (c < 128) return Cls.Other;
  const ch = String.fromCharCode(c);
  if (ch !== ch.toLowerCase()) return Cls.Upper;
  if (ch !== ch.toUpperCase()) return Cls.Lower;
  return Cls.Other;
}

/**
 * Gazetteer categories a token can be inside: B (first token) or I (later token) of a country,
 * city, capital, region (LOC), organization or nationality (NORP) entry; plus single-word lists.
 */
const GZ = { country: 1, capital: 2, city: 3, LOC: 4, ORG: 5, NORP: 6, GPE: 7 } as const;

/** Templates (ids are part of the model: change them only with a new model version). */
export const T = {
  bias: 0,
  w: 1,
  wm1: 2,
  wp1: 3,
  wm2: 4,
  wp2: 5,
  shape: 6,
  shapeM1: 7,
  shapeP1: 8,
  pre1: 9,
  pre2: 10,
  pre3: 11,
  suf1: 12,
  suf2: 13,
  suf3: 14,
  suf4: 15,
  pos: 16,
  posM1: 17,
  posP1: 18,
  posM1Pos: 19,
  posPosP1: 20,
  gz: 21,
  gzM1: 22,
  gzP1: 23,
  lists: 24,
  listsM1: 25,
  listsP1: 26,
  startShape: 27,
  wBigramM1: 28,
  wBigramP1: 29,
  shape3: 30,
  capsLineShape: 31,
  listsP2: 32,
  docLower: 33,
  // Dynamic (decoder): previous tags.
  prev: 40,
  prev2: 41,
  prevW: 42,
  prevShape: 43,
  history: 44,
} as const;

/** Static features per token (each token has exactly this many slots in the feature array). */
export const STATIC_FEATURES = 34;

/** Word-list flags of a token (bits of `lists`). */
export const L = { firstName: 1, surname: 2, title: 4, orgHead: 8, common: 16, honorific: 32, docLower: 64 } as const;

/** Per-document scratch columns; one allocation per document, none per token. */
export interface TokenColumns {
  n: number;
  word: Uint32Array;
  shape: Uint32Array;
  pos: Uint32Array;
  gz: Uint32Array;
  lists: Uint32Array;
  /** Static feature hashes, `STATIC_FEATURES` per token. */
  features: Uint32Array;
  /** Lower-cased surface per token. */
  lower: string[];
  /** Gazetteer entries found (see `gazetteerMatches`). */
  matches: GazetteerMatch[];
  /** Sentence index per token and each sentence's first and last token. */
  sentenceOf: Int32Array;
  first: Int32Array;
  last: Int32Array;
  /** Id of each token's surface in `surfaces` (valid while `surfaces.epoch === epoch`). */
  surface: Int32Array;
  surfaces: SurfaceTable;
  epoch: number;
  /** 1 for a sentence written in capitals (see `capsLineShape`), per sentence. */
  capsLine: Uint8Array;
  /** Small id of each token's POS (see `posId`); `POS_IDS` or more when the process has met too many. */
  posId: Uint8Array;
  /** Per token: 1 for a sentence's first token, 2 for the word after an opening quote or bracket that starts one, else 0 (`startShape`). */
  atStart: Uint8Array;
  /**
   * Whether `features` holds the static features. Inference columns (`scratch`) leave them out: the
   * decoder's fast path sums the same weights from per-surface and per-context tables (decode.ts);
   * `ensureStaticFeatures` computes them when another path needs them.
   */
  hasFeatures: boolean;
  /** The input the columns were made from (for `ensureStaticFeatures`). */
  input: TaggerInput;
}

/** POS ids below this are summed from the decoder's dense context tables (ids 0 and 1 are BOS and EOS). */
export const POS_IDS = 32;
/** POS hash -> small id, for the process (wink has 17 universal tags: never near `POS_IDS`). */
const posIds = new Map<number, number>();
/** The POS hash (or BOS/EOS) of each small id. */
export const posValues: number[] = [];

/** The small id of POS hash `h` (2, 3, ...; see `posValues`). */
function posId(h: number): number {
  let id = posIds.get(h);
  if (id === undefined) {
    id = posValues.length;
    posIds.set(h, id);
    posValues.push(h);
  }
  return id;
}

/**
 * Static features that depend on a token's surface alone (bias, word, shape, affixes): their slots
 * in a token's `STATIC_FEATURES`. The decoder may sum their weights once per surface (see decode.ts).
 */
export const SURFACE_SLOTS = [0, 1, 6, 9, 10, 11, 12, 13, 14, 15] as const;
/** The other static slots (context, POS, gazetteer, lists, sentence position). */
export const CONTEXT_SLOTS: readonly number[] = Array.from({ length: STATIC_FEATURES }, (_, k) => k).filter((k) => !(SURFACE_SLOTS as readonly number[]).includes(k));

/** Surfaces held before the table starts over: bounds memory in a long run (the decoder keeps 576 bytes of weight sums per surface: at most ~19 MB per worker). */
const SURFACE_LIMIT = 1 << 15;

/**
 * What the tagger derives from a token's surface alone, computed once per distinct surface and
 * process (per gazetteer): lower case, word and shape hashes, word-list flags, gazetteer first-word
 * flag and the surface-only feature hashes (`SURFACE_SLOTS`). Starts over (new `epoch`) when full.
 */
export class SurfaceTable {
  /** Open addressing over FNV-1a of the surface's code units: id + 1 per slot (0 = empty). */
  private readonly slots = new Int32Array(SURFACE_LIMIT * 2);
  private hashes = new Uint32Array(1024);
  /** Surface of each id. */
  surfaces: string[] = [];
  /** Surfaces held. */
  size = 0;
  /** Per surface: an id of its word identity (`word`, the lower case with digits folded), for per-word state. */
  wordId = new Int32Array(1024);
  private readonly wordIds = new Map<number, number>();
  /** Word identities held (`wordId` < this). */
  get words(): number {
    return this.wordIds.size;
  }
  lower: string[] = [];
  word = new Uint32Array(1024);
  shape = new Uint32Array(1024);
  lists = new Uint32Array(1024);
  /** 1 when the lower case (cut at its first hyphen) starts a gazetteer entry. */
  gzFirst = new Uint8Array(1024);
  /** `SURFACE_SLOTS.length` feature hashes per surface. */
  feats = new Uint32Array(1024 * SURFACE_SLOTS.length);
  epoch = 0;
  constructor(readonly g: Gazetteer) {}

  /** Start over when full (call between documents only: ids of earlier columns become stale). */
  reserve(): void {
    if (this.size < SURFACE_LIMIT) return;
    this.slots.fill(0);
    this.wordIds.clear();
    this.size = 0;
    this.surfaces = [];
    this.lower = [];
    this.epoch++;
  }

  /** Id of the surface `text[a, b)`, computed on first sight. */
  id(text: string, a: number, b: number): number {
    let hs = 0x811c9dc5;
    for (let k = a; k < b; k++) {
      hs ^= text.charCodeAt(k);
      hs = Math.imul(hs, 0x01000193);
    }
    hs >>>= 0;
    const slots = this.slots;
    const mask = slots.length - 1;
    let slot = hs & mask;
    for (;;) {
      const x = slots[slot]!;
      if (x === 0) break;
      const known = x - 1;
      if (this.hashes[known] === hs && sameChars(this.surfaces[known]!, text, a, b)) return known;
      slot = (slot + 1) & mask;
    }
    const id = this.size++;
    if (id >= this.word.length) this.grow();
    slots[slot] = id + 1;
    this.hashes[id] = hs;
    const sl = text.slice(a, b);
    this.surfaces[id] = sl;
    const g = this.g;
    const lw = sl.toLowerCase();
    this.lower[id] = lw;
    // Digits folded to 0 for the word identity.
    let h = 0x811c9dc5;
    for (let k = 0; k < lw.length; k++) {
      let c = lw.charCodeAt(k);
      if (c >= 49 && c <= 57) c = 48;
      h ^= c;
      h = Math.imul(h, 0x01000193);
    }
    const w = h >>> 0;
    const sh = shapeHash(text, a, b);
    this.word[id] = w;
    this.shape[id] = sh;
    let wid = this.wordIds.get(w);
    if (wid === undefined) this.wordIds.set(w, (wid = this.wordIds.size));
    this.wordId[id] = wid;
    let fl = 0;
    if (g.firstNames.has(lw)) fl |= L.firstName;
    if (g.surnames.has(lw)) fl |= L.surname;
    // Abbreviated titles are listed with their dot ("sgt."): try it for short words only.
    const t = g.titles.get(lw) ?? (lw.length <= 4 && lw.charCodeAt(lw.length - 1) !== 46 ? g.titles.get(lw + '.') : undefined);
    if (t !== undefined) fl |= t ? L.honorific : L.title;
    if (g.orgHeads.has(lw)) fl |= L.orgHead;
    if (g.commonWords.has(lw)) fl |= L.common;
    this.lists[id] = fl;
    this.gzFirst[id] = g.firstWords.has(lw.includes('-') ? lw.split('-')[0]! : lw) ? 1 : 0;
    const f = this.feats;
    const o = id * SURFACE_SLOTS.length;
    f[o] = mix(T.bias, 0);
    f[o + 1] = mix(T.w, w);
    f[o + 2] = mix(T.shape, sh);
    f[o + 3] = mix(T.pre1, affix(text, a, b, 1, false));
    f[o + 4] = mix(T.pre2, affix(text, a, b, 2, false));
    f[o + 5] = mix(T.pre3, affix(text, a, b, 3, false));
    f[o + 6] = mix(T.suf1, affix(text, a, b, 1, true));
    f[o + 7] = mix(T.suf2, affix(text, a, b, 2, true));
    f[o + 8] = mix(T.suf3, affix(text, a, b, 3, true));
    f[o + 9] = mix(T.suf4, affix(text, a, b, 4, true));
    return id;
  }

  private grow(): void {
    const n = this.word.length * 2;
    const g32 = (a: Uint32Array, m = 1) => {
      const b = new Uint32Array(n * m);
      b.set(a);
      return b;
    };
    this.word = g32(this.word);
    this.shape = g32(this.shape);
    this.lists = g32(this.lists);
    this.hashes = g32(this.hashes);
    const ids = new Int32Array(n);
    ids.set(this.wordId);
    this.wordId = ids;
    this.feats = g32(this.feats, SURFACE_SLOTS.length);
    const z = new Uint8Array(n);
    z.set(this.gzFirst);
    this.gzFirst = z;
  }
}

/** Whether `s` is `text[a, b)`. */
function sameChars(s: string, text: string, a: number, b: number): boolean {
  if (s.length !== b - a) return false;
  for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) !== text.charCodeAt(a + k)) return false;
  return true;
}

const surfaceTables = new WeakMap<Gazetteer, SurfaceTable>();

/** The process's surface table for gazetteer `g`. */
export function surfaceTable(g: Gazetteer): SurfaceTable {
  let t = surfaceTables.get(g);
  if (!t) surfaceTables.set(g, (t = new SurfaceTable(g)));
  return t;
}

/** Values standing for the word, shape, POS of the token before the sentence and after it. */
export const BOS = 0x5eed0001;
export const EOS = 0x5eed0002;
posValues.push(BOS, EOS);

/** Shape of text[a, b): classes of characters with repeats collapsed, at most 4 runs ("Xx", "X.X.", "d-d", "XXx"); hashed. */
function shapeHash(text: string, a: number, b: number): number {
  let h = 0x811c9dc5;
  let prev = 0;
  let runs = 0;
  for (let i = a; i < b && runs < 5; i++) {
    const c = text.charCodeAt(i);
    const k = charClass(c);
    const sym = k === Cls.Other ? 100 + (c < 128 ? c : 0) : k;
    if (sym === prev) continue;
    prev = sym;
    runs++;
    h ^= sym;
    h = Math.imul(h, 0x01000193);
  }
  // Length bucket: 1, 2, 3, 4+.
  h ^= Math.min(4, b - a) * 7919;
  return fmix(h >>> 0);
}

/** Lower-case surface of a token (digits kept): the key for word lists. */
export function lowerOf(text: string, a: number, b: number): string {
  return text.slice(a, b).toLowerCase();
}

/** A gazetteer entry matched on tokens `first..last` (inclusive). */
export interface GazetteerMatch {
  first: number;
  last: number;
  entry: GazetteerEntry;
}

/**
 * Longest gazetteer entries, left to right, from each capitalized token: the surface must match
 * an entry exactly (apostrophes and spaces normalized); an all-caps span (a headline) may also match
 * the lower-cased keys. `lower[i]` is token i lower-cased. Matches do not overlap.
 */
export function gazetteerMatches(inp: TaggerInput, g: Gazetteer, lower: readonly string[], firstOk?: (i: number) => boolean): GazetteerMatch[] {
  const { text, start, end } = inp;
  const out: GazetteerMatch[] = [];
  for (const [s0, s1] of inp.sentences) {
    let i = s0;
    while (i <= s1) {
      const c = charClass(text.charCodeAt(start[i]!));
      const lw = lower[i]!;
      if (c !== Cls.Upper || !(firstOk ? firstOk(i) : g.firstWords.has(lw.includes('-') ? lw.split('-')[0]! : lw))) {
        i++;
        continue;
      }
      const caps = isAllCaps(text, start[i]!, end[i]!);
      let best: GazetteerMatch | null = null;
      const max = Math.min(s1, i + g.maxWords * 2 + 1);
      for (let j = i; j <= max; j++) {
        const raw = text.slice(start[i]!, end[j]!);
        const key = plainKey(raw) ? raw : surfaceKey(raw);
        const inExact = g.prefixes.has(key);
        const lk = caps ? key.toLowerCase() : '';
        const inLower = caps && g.lowerPrefixes.has(lk);
        if (!inExact && !inLower) break;
        const e = g.exact.get(key) ?? (caps && isAllCaps(text, start[j]!, end[j]!) ? g.lower.get(lk) : undefined);
        if (e) best = { first: i, last: j, entry: e };
      }
      if (!best) {
        i++;
        continue;
      }
      out.push(best);
      i = best.last + 1;
    }
  }
  return out;
}

/** Whether a surface needs no normalization to be a gazetteer key (no curly apostrophe, no run or edge of whitespace). */
export function plainKey(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2019 || c === 0x2018 || c === 10 || c === 9 || c === 13) return false;
    if (c === 32 && (i === 0 || i === s.length - 1 || s.charCodeAt(i - 1) === 32)) return false;
  }
  return true;
}

function gazetteerColumns(inp: TaggerInput, g: Gazetteer, cols: TokenColumns, lower: string[]): void {
  const { surface, surfaces } = cols;
  cols.matches = gazetteerMatches(inp, g, lower, (i) => surfaces.gzFirst[surface[i]!] === 1);
  for (const { first, last, entry: e } of cols.matches) {
    const type = e.type === 'GPE' ? (e.sub === 'country' ? GZ.country : e.sub === 'capital' ? GZ.capital : e.sub === 'city' ? GZ.city : GZ.GPE) : (GZ[e.type as 'LOC' | 'ORG' | 'NORP'] ?? 0);
    cols.gz[first] = type * 2;
    for (let k = first + 1; k <= last; k++) cols.gz[k] = type * 2 + 1;
  }
}

/** At least two capital letters and no lower-case one in text[a, b). */
export function isAllCaps(text: string, a: number, b: number): boolean {
  let letters = 0;
  for (let i = a; i < b; i++) {
    const k = charClass(text.charCodeAt(i));
    if (k === Cls.Lower) return false;
    if (k === Cls.Upper) letters++;
  }
  return letters >= 2;
}

let scratchFeatures = new Uint32Array(0);

/**
 * Static features of `n` tokens: a new array, or with `scratch` a zeroed view of one buffer the
 * process reuses (valid until the next scratch call: for inference, which drops the columns after
 * the document).
 */
function featureArray(n: number, scratch: boolean): Uint32Array {
  if (!scratch) return new Uint32Array(n * STATIC_FEATURES);
  if (scratchFeatures.length < n * STATIC_FEATURES) scratchFeatures = new Uint32Array(Math.max(n * STATIC_FEATURES, 2 * scratchFeatures.length));
  const f = scratchFeatures.subarray(0, n * STATIC_FEATURES);
  f.fill(0);
  return f;
}

/**
 * Columns and static features of a token sequence. `g` supplies the gazetteer and word lists.
 * With `scratch` (inference only: keep the default for columns kept across documents, as training
 * does), the static features are left out (`hasFeatures` false): `ensureStaticFeatures` computes
 * them into a reused buffer, overwritten by the next such call.
 * Throws nothing; a sequence with no tokens gives empty columns.
 */
export function tokenColumns(inp: TaggerInput, g: Gazetteer, scratch = false): TokenColumns {
  const n = inp.start.length;
  const cols: TokenColumns = {
    n,
    word: new Uint32Array(n),
    shape: new Uint32Array(n),
    pos: new Uint32Array(n),
    gz: new Uint32Array(n),
    lists: new Uint32Array(n),
    features: scratch ? new Uint32Array(0) : featureArray(n, false),
    lower: new Array<string>(n),
    matches: [],
    sentenceOf: new Int32Array(n),
    first: new Int32Array(Math.max(1, inp.sentences.length)),
    last: new Int32Array(Math.max(1, inp.sentences.length)),
    surface: new Int32Array(n),
    surfaces: surfaceTable(g),
    epoch: 0,
    capsLine: new Uint8Array(Math.max(1, inp.sentences.length)),
    posId: new Uint8Array(n),
    atStart: new Uint8Array(n),
    hasFeatures: !scratch,
    input: inp,
  };
  cols.surfaces.reserve();
  cols.epoch = cols.surfaces.epoch;
  const { text, start, end } = inp;
  const lower = cols.lower;
  const surfaces = cols.surfaces;
  const posCache = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const id = surfaces.id(text, start[i]!, end[i]!);
    cols.surface[i] = id;
    lower[i] = surfaces.lower[id]!;
    cols.word[i] = surfaces.word[id]!;
    cols.shape[i] = surfaces.shape[id]!;
    const p = inp.pos[i] ?? '';
    let ph = posCache.get(p);
    if (ph === undefined) posCache.set(p, (ph = hashString(p)));
    cols.pos[i] = ph;
    cols.posId[i] = Math.min(255, posId(ph));
    cols.lists[i] = surfaces.lists[id]!;
  }
  inp.sentences.forEach(([a, b], s) => {
    cols.first[s] = a;
    cols.last[s] = b;
    for (let i = a; i <= b && i < n; i++) cols.sentenceOf[i] = s;
  });
  gazetteerColumns(inp, g, cols, lower);
  // Words the document also writes in lower case (so a capital may be only the sentence's).
  const lowered = new Set<number>();
  for (let i = 0; i < n; i++) if (charClass(text.charCodeAt(start[i]!)) === Cls.Lower) lowered.add(cols.word[i]!);
  for (let i = 0; i < n; i++) if (lowered.has(cols.word[i]!)) cols.lists[i]! |= L.docLower;
  for (let s = 0; s < inp.sentences.length; s++) {
    const a = cols.first[s]!;
    const b = Math.min(cols.last[s]!, n - 1);
    // An all-caps line (a headline or a results table): capitalization says little there.
    let caps = 0;
    let words = 0;
    for (let i = a; i <= b; i++) {
      const c = charClass(text.charCodeAt(start[i]!));
      if (c === Cls.Upper || c === Cls.Lower) {
        words++;
        if (isAllCaps(text, start[i]!, end[i]!)) caps++;
      }
    }
    const capsLine = words >= 2 && caps / words >= 0.6 ? 1 : 0;
    cols.capsLine[s] = capsLine;
    // Capitalization at the start of a sentence (or after an opening quote) carries less.
    if (a <= b) cols.atStart[a] = 1;
    if (a + 1 <= b && cols.shape[a] !== cols.shape[a + 1] && charClass(text.charCodeAt(start[a]!)) === Cls.Other) cols.atStart[a + 1] = 2;
    if (!scratch) for (let i = a; i <= b; i++) staticFeatures(cols, i, a, b, capsLine);
  }
  return cols;
}

/** Compute the static features of columns made without them (`scratch`), once. */
export function ensureStaticFeatures(cols: TokenColumns): void {
  if (cols.hasFeatures) return;
  cols.features = featureArray(cols.n, true);
  for (let s = 0; s < cols.input.sentences.length; s++) {
    const a = cols.first[s]!;
    const b = Math.min(cols.last[s]!, cols.n - 1);
    for (let i = a; i <= b; i++) staticFeatures(cols, i, a, b, cols.capsLine[s]!);
  }
  cols.hasFeatures = true;
}

function affix(text: string, a: number, b: number, n: number, suffix: boolean): number {
  if (b - a < n) return 0;
  let h = 0x811c9dc5 ^ (suffix ? 0x55 : 0xaa);
  const from = suffix ? b - n : a;
  for (let k = from; k < from + n; k++) {
    let c = text.charCodeAt(k);
    if (c >= 65 && c <= 90) c += 32;
    h ^= c;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function staticFeatures(c: TokenColumns, i: number, a: number, b: number, capsLine: number): void {
  const f = c.features;
  const o = i * STATIC_FEATURES;
  const w = c.word[i]!;
  const wm1 = i > a ? c.word[i - 1]! : BOS;
  const wp1 = i < b ? c.word[i + 1]! : EOS;
  const wm2 = i - 1 > a ? c.word[i - 2]! : BOS;
  const wp2 = i + 1 < b ? c.word[i + 2]! : EOS;
  const sh = c.shape[i]!;
  const shm1 = i > a ? c.shape[i - 1]! : BOS;
  const shp1 = i < b ? c.shape[i + 1]! : EOS;
  const p = c.pos[i]!;
  const pm1 = i > a ? c.pos[i - 1]! : BOS;
  const pp1 = i < b ? c.pos[i + 1]! : EOS;
  const sf = c.surfaces.feats;
  const so = c.surface[i]! * SURFACE_SLOTS.length;
  for (let k = 0; k < SURFACE_SLOTS.length; k++) f[o + SURFACE_SLOTS[k]!] = sf[so + k]!;
  f[o + 2] = mix(T.wm1, wm1);
  f[o + 3] = mix(T.wp1, wp1);
  f[o + 4] = mix(T.wm2, wm2);
  f[o + 5] = mix(T.wp2, wp2);
  f[o + 7] = mix(T.shapeM1, shm1);
  f[o + 8] = mix(T.shapeP1, shp1);
  f[o + 16] = mix(T.pos, p);
  f[o + 17] = mix(T.posM1, pm1);
  f[o + 18] = mix(T.posP1, pp1);
  f[o + 19] = mix(T.posM1Pos, pm1, p);
  f[o + 20] = mix(T.posPosP1, p, pp1);
  f[o + 21] = mix(T.gz, c.gz[i]!);
  f[o + 22] = mix(T.gzM1, i > a ? c.gz[i - 1]! : 99);
  f[o + 23] = mix(T.gzP1, i < b ? c.gz[i + 1]! : 99);
  f[o + 24] = mix(T.lists, c.lists[i]!, sh);
  f[o + 25] = mix(T.listsM1, i > a ? c.lists[i - 1]! : 99);
  f[o + 26] = mix(T.listsP1, i < b ? c.lists[i + 1]! : 99);
  const atStart = c.atStart[i]!;
  f[o + 27] = mix(T.startShape, atStart, sh ^ (c.lists[i]! & L.common));
  f[o + 28] = mix(T.wBigramM1, wm1, w);
  f[o + 29] = mix(T.wBigramP1, w, wp1);
  f[o + 30] = mix(T.shape3, shm1 ^ fmix(sh), fmix(shp1 + 1));
  f[o + 31] = mix(T.capsLineShape, capsLine, capsLine ? w : sh);
  f[o + 33] = mix(T.docLower, c.lists[i]! & L.docLower, atStart ? sh : 0);
  f[o + 32] = mix(T.listsP2, i + 1 < b ? c.lists[i + 2]! & (L.orgHead | L.common) : 99, i < b ? c.lists[i + 1]! & L.orgHead : 99);
}
