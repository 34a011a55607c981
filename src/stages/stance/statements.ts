/**
 * Statement stance: for one sentence, the cues it carries and their scores, with negation
 * bounded by clauses, intensifiers, downtoners, modality, hedges, implicatives and contrast.
 * Pure; works on the shared token table.
 */
import { LEXICON, phrase, type Lexicon, type Phrase } from './lexicon.js';
import { matchAt, PhraseIndex, type Tok } from './tokens.js';

export interface CueHit {
  /** Token range of the cue, inclusive. */
  first: number;
  last: number;
  cue: string;
  /** The lexicon score. */
  base: number;
  /** After every modifier, in [-1, 1]. */
  score: number;
  negated: boolean;
  /** POS of the cue's head (its last token): NOUN cues take their holder from "from X". */
  pos: string;
}

export interface ReportingFrame {
  /** Token range of the reporting verb / phrase. */
  first: number;
  last: number;
  kind: 'affirm' | 'distance' | 'neutral';
}

export interface Compiled {
  cues: PhraseIndex<{ p: Phrase; key: string; score: number }>;
  negators: PhraseIndex<Phrase>;
  hedges: PhraseIndex<Phrase>;
  implicatives: PhraseIndex<{ p: Phrase; sign: number }>;
  breaks: Set<string>;
  contrastAfter: Phrase[];
  contrastBefore: Phrase[];
  conditionals: Set<string>;
  alternatives: PhraseIndex<Phrase>;
  reporting: PhraseIndex<{ p: Phrase; kind: ReportingFrame['kind'] }>;
  lexicon: Lexicon;
}

/** How many tokens before a cue a negator in its clause still negates it ("have not become more numerous"). */
export const NEGATION_WINDOW = 6;

const cache = new Map<string, Compiled>();

export function compile(cueTable: Map<string, number>, lexicon: Lexicon = LEXICON): Compiled {
  const key = [...cueTable.keys()].join('|');
  const hit = lexicon === LEXICON ? cache.get(key) : undefined;
  if (hit) return hit;
  const byLength = <T extends { p: Phrase }>(xs: T[]) => xs.sort((a, b) => b.p.length - a.p.length);
  const asIs = (p: Phrase) => p;
  const c: Compiled = {
    cues: new PhraseIndex(byLength([...cueTable].map(([k, v]) => ({ p: phrase(k), key: k, score: v }))), (x) => x.p),
    negators: new PhraseIndex(lexicon.negators.map(phrase).sort((a, b) => b.length - a.length), asIs),
    hedges: new PhraseIndex(lexicon.hedges.map(phrase), asIs),
    implicatives: new PhraseIndex(Object.entries(lexicon.implicatives).map(([k, v]) => ({ p: phrase(k), sign: v })), (x) => x.p),
    breaks: new Set(lexicon.clauseBreaks),
    contrastAfter: lexicon.contrast.after.map(phrase),
    contrastBefore: lexicon.contrast.before.map(phrase),
    conditionals: new Set(lexicon.conditionals),
    alternatives: new PhraseIndex(lexicon.alternatives.map(phrase).filter((p) => p.length > 1), asIs),
    reporting: new PhraseIndex(
      byLength([
        ...lexicon.reporting.affirm.map((k) => ({ p: phrase(k), kind: 'affirm' as const })),
        ...lexicon.reporting.distance.map((k) => ({ p: phrase(k), kind: 'distance' as const })),
        ...lexicon.reporting.neutral.map((k) => ({ p: phrase(k), kind: 'neutral' as const })),
      ]),
      (x) => x.p,
    ),
    lexicon,
  };
  if (lexicon === LEXICON) cache.set(key, c);
  return c;
}

/** Clauses of the sentence `[a, b]` as inclusive token ranges; a break token opens a clause. */
export function clauses(toks: Tok[], a: number, b: number, breaks: Set<string>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let first = a;
  for (let i = a + 1; i <= b; i++) {
    if (breaks.has(toks[i]!.lower)) {
      out.push([first, i - 1]);
      first = i;
    }
  }
  out.push([first, b]);
  return out;
}

function anyAt(toks: Tok[], at: number, ps: Phrase[] | PhraseIndex<Phrase>, last: number): Phrase | undefined {
  return Array.isArray(ps) ? ps.find((p) => matchAt(toks, at, p, last)) : ps.find(toks, at, last);
}

export interface SentenceAnalysis {
  hits: CueHit[];
  frames: ReportingFrame[];
}

/**
 * Cues of one sentence with their modified scores. `exclude` holds token indexes that cannot be
 * cues (the target's own mentions).
 */
export function scoreSentence(
  toks: Tok[],
  a: number,
  b: number,
  c: Compiled,
  exclude: Set<number> = new Set(),
  names: ReadonlyArray<{ first: number; last: number }> = [],
): SentenceAnalysis {
  const parts = clauses(toks, a, b, c.breaks);
  const hits: CueHit[] = [];
  const frames: ReportingFrame[] = [];
  // Contrast: a clause opened by "but/however" weighs more and what precedes it less; a clause
  // opened by "although/while/despite" weighs less.
  const clauseWeight = parts.map(() => 1);
  parts.forEach(([f, l], k) => {
    if (anyAt(toks, f, c.contrastAfter, l) || (f > a && anyAt(toks, f + 1, c.contrastAfter, l) && toks[f]!.lower === ',')) {
      for (let j = 0; j < k; j++) clauseWeight[j]! *= 0.6;
      for (let j = k; j < parts.length; j++) clauseWeight[j]! *= 1.4;
    }
    if (anyAt(toks, f, c.contrastBefore, l) || (toks[f]!.lower === ',' && anyAt(toks, f + 1, c.contrastBefore, l))) clauseWeight[k]! *= 0.6;
    // A condition ("if X agrees ...") asserts little.
    if (c.conditionals.has(toks[f]!.lower) || (toks[f]!.lower === ',' && c.conditionals.has(toks[f + 1]?.lower ?? ''))) clauseWeight[k]! *= 0.3;
  });
  // An alternative: support before "rather than" / "instead of", or in a sentence opened by
  // "Instead", is support for something else, so against the target.
  let alternativeAt = Infinity;
  for (let i = a; i <= b; i++) if (anyAt(toks, i, c.alternatives, b)) { alternativeAt = i; break; }
  const opensWithInstead = toks[a]!.lower === 'instead';
  const lex = c.lexicon;
  for (let k = 0; k < parts.length; k++) {
    const [f, l] = parts[k]!;
    const hedged = (() => {
      for (let i = f; i <= l; i++) if (anyAt(toks, i, c.hedges, l)) return true;
      return false;
    })();
    for (let i = f; i <= l; i++) {
      if (exclude.has(i)) continue;
      const rep = c.reporting.find(toks, i, b, (r) => r.p.length > 1 || toks[i]!.pos === 'VERB');
      if (rep) frames.push({ first: i, last: i + rep.p.length - 1, kind: rep.kind });
      const cue = c.cues.find(toks, i, l);
      if (!cue) continue;
      const last = i + cue.p.length - 1;
      let overlap = false;
      for (let j = i; j <= last; j++) if (exclude.has(j)) overlap = true;
      if (overlap) continue;
      let score = cue.score;
      // Intensifiers / downtoners within two tokens before.
      for (let j = Math.max(f, i - 2); j < i; j++) {
        score *= lex.intensifiers[toks[j]!.lower] ?? 1;
        score *= lex.downtoners[toks[j]!.lower] ?? 1;
      }
      // Negation: a negator in the same clause, at most four tokens before the cue.
      let negated = false;
      for (let j = Math.max(f, i - NEGATION_WINDOW); j < i; j++) {
        const n = anyAt(toks, j, c.negators, i - 1);
        if (n) negated = !negated;
        if (n) j += n.length - 1;
      }
      // "Too early"-type cues already carry their negative polarity; "not" inside a cue phrase is part of it.
      // Implicatives in the clause before the cue ("failed to endorse").
      for (let j = f; j < i; j++) {
        const imp = c.implicatives.find(toks, j, i - 1);
        if (imp && imp.sign < 0) negated = !negated;
      }
      if (negated) score *= -0.8;
      // Modality in the clause before the cue.
      for (let j = f; j < i; j++) score *= lex.modals[toks[j]!.lower] ?? 1;
      if (hedged) score *= 0.5;
      if (score > 0 && (opensWithInstead || (alternativeAt !== Infinity && i < alternativeAt))) score *= -0.7;
      score *= clauseWeight[k]!;
      score = Math.max(-1, Math.min(1, score));
      hits.push({ first: i, last, cue: cue.key, base: cue.score, score, negated, pos: toks[last]!.pos });
      i = last;
    }
  }
  // A negator governing a target name: "no X", "not a cause of X", "without an X".
  for (const m of names) {
    if (m.first < a || m.last > b) continue;
    const k = parts.findIndex(([f, l]) => m.first >= f && m.first <= l);
    const f = parts[k]?.[0] ?? a;
    for (let j = m.first - 1; j >= Math.max(f, m.first - 5); j--) {
      const n = anyAt(toks, j, c.negators, m.first - 1);
      if (!n) continue;
      if (hits.some((h) => h.first <= j && h.last >= j) || hits.some((h) => h.negated && h.first > j && h.first < m.first)) break;
      // "will not limit X" negates the verb, not X's existence.
      if (toks.slice(j + n.length, m.first).some((t) => t.pos === 'VERB')) break;
      const score = lex.negatedTargetScore * (clauseWeight[k] ?? 1);
      hits.push({ first: j, last: j + n.length - 1, cue: '(negated target)', base: lex.negatedTargetScore, score, negated: true, pos: toks[j]!.pos });
      break;
    }
  }
  hits.sort((x, y) => x.first - y.first);
  return { hits, frames };
}
