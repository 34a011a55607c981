/** Read-only view over the shared wink token table of one document (no re-parsing). */
import type { AnalysisRecord } from '../../schema.js';
import type { Phrase } from './lexicon.js';

export interface Tok {
  i: number;
  start: number;
  end: number;
  /** Lower-cased surface with curly apostrophes made straight. */
  lower: string;
  lemma: string;
  pos: string;
  type: string;
}

export function tokensOf(text: string, analysis: AnalysisRecord): Tok[] {
  const t = analysis.tokens;
  return t.start.map((start, i) => {
    // Every token of every document: skip the regex unless a curly apostrophe is there.
    let lower = text.slice(start, t.end[i]!).toLowerCase();
    if (lower.includes('\u2019') || lower.includes('\u2018')) lower = lower.replace(/[\u2018\u2019]/g, "'");
    return { i, start, end: t.end[i]!, lower, lemma: (t.lemma[i] ?? '').toLowerCase(), pos: t.pos[i] ?? '', type: t.type[i] ?? '' };
  });
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
    let best: { order: number; item: T } | undefined;
    const lists = [this.byFirst.get(tok.lower), tok.lemma !== tok.lower ? this.byFirst.get(tok.lemma) : undefined, this.wild];
    for (const list of lists) {
      if (!list) continue;
      for (const e of list) {
        if (best && e.order >= best.order) break;
        if (matchAt(toks, at, e.p, last) && (!accept || accept(e.item))) {
          best = e;
          break;
        }
      }
    }
    return best?.item;
  }
}
