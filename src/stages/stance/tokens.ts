/** The stance stage's tokens: the shared document view (nlp/doc-view.ts) as records for phrase matching. */
import type { DocView } from '../../nlp/doc-view.js';
import type { Phrase } from './lexicon.js';

export interface Tok {
  i: number;
  start: number;
  end: number;
  /** The view's lookup key: lower-cased surface with curly apostrophes made straight. */
  lower: string;
  lemma: string;
  pos: string;
}

/** One record per token of the view (`lower` is the view's `key`; lemmas lower-cased; the token type is not read). */
export function tokensOf(v: DocView): Tok[] {
  const n = v.start.length;
  const toks = new Array<Tok>(n);
  for (let i = 0; i < n; i++) toks[i] = { i, start: v.start[i]!, end: v.end[i]!, lower: v.key[i]!, lemma: (v.lemma[i] ?? '').toLowerCase(), pos: v.pos[i] ?? '' };
  return toks;
}

export function wordMatches(tok: Tok, word: string): boolean {
  return word === '*' || tok.lower === word || tok.lemma === word;
}

/** Does `p` match the tokens starting at index `at` (bounded by `last`, inclusive)? */
export function matchAt(toks: Tok[], at: number, p: Phrase, last = toks.length - 1): boolean {
  if (at + p.length - 1 > last) return false;
  for (let k = 0; k < p.length; k++) if (!wordMatches(toks[at + k]!, p[k]!)) return false;
  return true;
}

/**
 * Phrases indexed by their first word, so finding the phrase that starts at a token looks at the
 * few phrases that begin with that token's surface or lemma (or with `*`), not at the whole list.
 * `find` returns what a scan of the list in its given order would: the first item that matches.
 */
export class PhraseIndex<T> {
  private readonly byFirst = new Map<string, Array<{ order: number; p: Phrase; item: T }>>();
  private readonly wild: Array<{ order: number; p: Phrase; item: T }> = [];

  constructor(items: readonly T[], phraseOf: (item: T) => Phrase) {
    items.forEach((item, order) => {
      const p = phraseOf(item);
      if (p.length === 0) return;
      const entry = { order, p, item };
      if (p[0] === '*') this.wild.push(entry);
      else {
        const list = this.byFirst.get(p[0]!);
        if (list) list.push(entry);
        else this.byFirst.set(p[0]!, [entry]);
      }
    });
  }

  find(toks: Tok[], at: number, last: number, accept?: (item: T) => boolean): T | undefined {
    const tok = toks[at];
    if (!tok) return undefined;
    // The lists in turn, each cut off at the best order found so far (no array built per call).
    let best = this.first(this.byFirst.get(tok.lower), undefined, toks, at, last, accept);
    if (tok.lemma !== tok.lower) best = this.first(this.byFirst.get(tok.lemma), best, toks, at, last, accept);
    if (this.wild.length) best = this.first(this.wild, best, toks, at, last, accept);
    return best?.item;
  }

  /** The first entry of `list` (in order, before `best`) that matches at `at`, else `best`. */
  private first(list: ReadonlyArray<{ order: number; p: Phrase; item: T }> | undefined, best: { order: number; item: T } | undefined, toks: Tok[], at: number, last: number, accept?: (item: T) => boolean): { order: number; item: T } | undefined {
    if (!list) return best;
    for (const e of list) {
      if (best && e.order >= best.order) break;
      if (matchAt(toks, at, e.p, last) && (!accept || accept(e.item))) return e;
    }
    return best;
  }
}
