/**
 * The entity tagger's model: an averaged perceptron (Collins 2002) over hashed features, one weight
 * per (feature, tag). Inference reads an open-addressing table of typed arrays (no objects per
 * lookup); training keeps full-precision weights, running totals and timestamps for the average.
 *
 * Weights file (`src/data/entities/tagger.bin`, little-endian): the bytes `NSTG`, a uint32 header
 * length, the header as UTF-8 JSON (`version`, `tags`, `scale`, `rows`, training facts), then per
 * feature row in ascending key order: uint32 key, uint16 mask of the tags with a weight, and one
 * int16 per set bit (weight × `scale`, rounded). Same model, same bytes.
 */

/** BIO tags over CoNLL's four types (MISC is learned so that it is not confused with ORG; only nationalities are emitted). */
export const TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;
export type Tag = (typeof TAGS)[number];
export const NT = TAGS.length;

/** `I-X` may follow only `B-X` or `I-X` (tag indexes). */
export function allowed(prev: number, tag: number): boolean {
  if (tag === 0 || tag % 2 === 1) return true;
  return prev === tag || prev === tag - 1;
}

export interface ModelHeader {
  version: string;
  tags: string[];
  scale: number;
  rows: number;
  [k: string]: unknown;
}

/** Read-only weights for inference. */
export class TaggerModel {
  private readonly mask: number;
  constructor(
    readonly header: ModelHeader,
    private readonly keys: Uint32Array,
    private readonly rowOf: Int32Array,
    private readonly weights: Float32Array,
  ) {
    this.mask = keys.length - 1;
  }

  /** Add the weights of feature `key` to `scores` (length `NT`). Unknown features add nothing. */
  add(key: number, scores: Float64Array): void {
    const keys = this.keys;
    let slot = key & this.mask;
    for (;;) {
      const k = keys[slot]!;
      if (k === 0) return;
      if (k === key) break;
      slot = (slot + 1) & this.mask;
    }
    const o = this.rowOf[slot]! * NT;
    const w = this.weights;
    for (let t = 0; t < NT; t++) scores[t]! += w[o + t]!;
  }

  /** Feature rows held. */
  get size(): number {
    return this.header.rows;
  }

  /**
   * Parse a weights file (see the module comment). Throws `Error` on a wrong magic, a truncated
   * file or a tag set other than `TAGS`.
   */
  static fromBytes(bytes: Uint8Array): TaggerModel {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.length < 8 || String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!) !== 'NSTG') throw new Error('tagger weights: not an NSTG file');
    const hlen = view.getUint32(4, true);
    if (8 + hlen > bytes.length) throw new Error('tagger weights: truncated header');
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + hlen))) as ModelHeader;
    if (header.tags.join(' ') !== TAGS.join(' ')) throw new Error(`tagger weights: tags ${header.tags.join(' ')} differ from ${TAGS.join(' ')}`);
    const rows = header.rows;
    let cap = 1;
    while (cap < rows * 2) cap <<= 1;
    const keys = new Uint32Array(cap);
    const rowOf = new Int32Array(cap);
    const weights = new Float32Array(rows * NT);
    let at = 8 + hlen;
    for (let r = 0; r < rows; r++) {
      if (at + 6 > bytes.length) throw new Error('tagger weights: truncated rows');
      const key = view.getUint32(at, true);
      const m = view.getUint16(at + 4, true);
      at += 6;
      let bits = 0;
      for (let t = 0; t < NT; t++) if (m & (1 << t)) bits++;
      if (at + 2 * bits > bytes.length) throw new Error('tagger weights: truncated rows');
      for (let t = 0; t < NT; t++) {
        if (!(m & (1 << t))) continue;
        weights[r * NT + t] = view.getInt16(at, true) / header.scale;
        at += 2;
      }
      let slot = key & (cap - 1);
      while (keys[slot] !== 0) slot = (slot + 1) & (cap - 1);
      keys[slot] = key;
      rowOf[slot] = r;
    }
    if (at !== bytes.length) throw new Error(`tagger weights: ${bytes.length - at} bytes after the last row`);
    return new TaggerModel(header, keys, rowOf, weights);
  }
}

/** Averaged-perceptron trainer (weights grow as features are met). */
export class Trainer {
  private readonly rows = new Map<number, number>();
  private w = new Float64Array(1 << 16);
  private total = new Float64Array(1 << 16);
  private stamp = new Float64Array(1 << 16);
  /** Updates seen (the averaging clock). */
  private clock = 0;

  private row(key: number, create: boolean): number {
    let r = this.rows.get(key);
    if (r === undefined) {
      if (!create) return -1;
      r = this.rows.size;
      this.rows.set(key, r);
      if ((r + 1) * NT > this.w.length) {
        const grow = (a: Float64Array) => {
          const b = new Float64Array(a.length * 2);
          b.set(a);
          return b;
        };
        this.w = grow(this.w);
        this.total = grow(this.total);
        this.stamp = grow(this.stamp);
      }
    }
    return r;
  }

  /** Current (not averaged) weights of `key` added to `scores`. */
  add(key: number, scores: Float64Array): void {
    const r = this.rows.get(key);
    if (r === undefined) return;
    const o = r * NT;
    for (let t = 0; t < NT; t++) scores[t]! += this.w[o + t]!;
  }

  /** Advance the clock by one example (call once per token, whether or not it was right). */
  tick(): void {
    this.clock++;
  }

  /** Perceptron update: +1 to `truth`, -1 to `guess` for every feature in `keys[from, to)` and in `extra`. */
  update(keys: ArrayLike<number>, from: number, to: number, extra: ArrayLike<number>, truth: number, guess: number): void {
    if (truth === guess) return;
    const one = (key: number) => {
      const o = this.row(key, true) * NT;
      this.bump(o + truth, 1);
      this.bump(o + guess, -1);
    };
    for (let k = from; k < to; k++) one(keys[k]!);
    for (let k = 0; k < extra.length; k++) one(extra[k]!);
  }

  private bump(i: number, d: number): void {
    this.total[i]! += (this.clock - this.stamp[i]!) * this.w[i]!;
    this.stamp[i] = this.clock;
    this.w[i]! += d;
  }

  /**
   * The averaged weights, rounded to 1/`scale` and pruned (a row keeps the tags whose |weight| is at
   * least `minWeight`; rows with none are dropped), serialized (see the module comment).
   */
  serialize(meta: Record<string, unknown>, options: { scale: number; minWeight: number; version: string }): Uint8Array {
    const { scale, minWeight } = options;
    const keys = [...this.rows.keys()].sort((a, b) => a - b);
    const chunks: Array<{ key: number; mask: number; q: number[] }> = [];
    for (const key of keys) {
      const o = this.rows.get(key)! * NT;
      let mask = 0;
      const q: number[] = [];
      for (let t = 0; t < NT; t++) {
        const i = o + t;
        const avg = (this.total[i]! + (this.clock - this.stamp[i]!) * this.w[i]!) / Math.max(1, this.clock);
        const v = Math.max(-32767, Math.min(32767, Math.round(avg * scale)));
        if (Math.abs(v) < minWeight * scale || v === 0) continue;
        mask |= 1 << t;
        q.push(v);
      }
      if (mask) chunks.push({ key, mask, q });
    }
    const header: ModelHeader = { version: options.version, tags: [...TAGS], scale, rows: chunks.length, ...meta };
    const head = new TextEncoder().encode(JSON.stringify(header));
    let size = 8 + head.length;
    for (const c of chunks) size += 6 + 2 * c.q.length;
    const out = new Uint8Array(size);
    const view = new DataView(out.buffer);
    out.set([0x4e, 0x53, 0x54, 0x47], 0);
    view.setUint32(4, head.length, true);
    out.set(head, 8);
    let at = 8 + head.length;
    for (const c of chunks) {
      view.setUint32(at, c.key, true);
      view.setUint16(at + 4, c.mask, true);
      at += 6;
      for (const v of c.q) {
        view.setInt16(at, v, true);
        at += 2;
      }
    }
    return out;
  }
}
