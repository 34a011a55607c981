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
  return t.start.map((start, i) => ({
    i,
    start,
    end: t.end[i]!,
    lower: text.slice(start, t.end[i]!).toLowerCase().replace(/[\u2018\u2019]/g, "'"),
    lemma: (t.lemma[i] ?? '').toLowerCase(),
    pos: t.pos[i] ?? '',
    type: t.type[i] ?? '',
  }));
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
