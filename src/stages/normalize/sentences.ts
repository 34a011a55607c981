/**
 * Sentence repairs around the one wink pass.
 *
 * - `shadowText`: a copy of `text` of the same length (so every offset is valid in both) that wink
 *   reads instead of `text`. It undoes two spellings that mislead wink's tokenizer and sentence
 *   splitter, character for character: a hyphen glued to a dotted acronym ("anti-U.S." -> "anti
 *   U.S.", else wink cuts "anti-U" / "S." and later stages see a name "S ...") and, in copy that
 *   capitalizes the word after a dotted acronym (the 1987 wire collection: "U.S. Concern over"),
 *   that word's capital when it is a common word mid-sentence.
 * - `mergeSentences`: no sentence starts with a lower-case letter inside a paragraph, so a cut
 *   after "!" or "?" inside a quotation that the sentence continues after (`shouted "Now!" and
 *   left`) is undone.
 */
import { analyze, type WinkAnalysis } from '../../nlp/wink.js';
import type { Line } from './clean.js';
import { defaultAbbreviations, isIndentStyle } from './wrap.js';
import { readDataLines } from './resources.js';

/** Words that open a sentence after a dotted acronym ends one ("... to the U.S. The talks ..."): never lower-cased. */
const SENTENCE_OPENERS = new Set(
  ('the a an this that these those it its he she they we i you his her their our there here but however yet so still ' +
    'meanwhile earlier later now today yesterday tomorrow last next in on at after before while when if although though ' +
    'as since some many most other such one two both each no not all any every what who which where why how why').split(' '),
);
/** Function words that never open a sentence in news copy: after a dotted acronym they are mid-sentence. */
const LINKING = new Set('and or nor of to than over with from by against into toward towards versus'.split(' '));

interface Lexicon {
  common: Set<string>;
  /** Title and organization head words ("Secretary", "Trade", "Department"), kept capitalized. */
  proper: Set<string>;
}
let lexicon: Lexicon | undefined;

/**
 * Common English words (lower case) and title / organization words, read once from the entity
 * stage's data lists (src/data/entities: common-words.txt, titles.txt, org-heads.txt).
 */
function loadLexicon(): Lexicon {
  if (!lexicon) {
    const read = (f: string) => readDataLines(f, 'entities');
    const proper = new Set<string>();
    for (const l of [...read('titles.txt'), ...read('org-heads.txt')]) for (const w of l.replace(/^~/, '').split(/\s+/)) proper.add(w.toLowerCase());
    lexicon = { common: new Set(read('common-words.txt')), proper };
  }
  return lexicon;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `text` with the same length and line breaks, for wink only (see the module comment). `lines`:
 * the document's kept lines, to tell wire copy (indented paragraphs) where the capital after an
 * acronym is the collection's style rather than a new sentence. Without `lines`, only the hyphen
 * repair applies, unless the text itself shows the style ("U.S. And Japan").
 */
export function shadowText(text: string, lines: readonly Line[] = []): string {
  const { hyphen, after } = (patterns ??= acronymPatterns());
  if (!hyphen || !after) return text;
  const out = text.replace(hyphen, ' ');
  const matches = [...text.matchAll(after)];
  const linkingEvidence = matches.some((m) => LINKING.has(m[1]!.toLowerCase()));
  if (matches.length === 0 || (!linkingEvidence && !isIndentStyle(lines))) return out;
  const { common, proper } = loadLexicon();
  const chars = out.split('');
  const nextChar = /[ \n]*(\S)/y;
  for (const m of matches) {
    const word = m[1]!;
    const lower = word.toLowerCase();
    const at = m.index + m[0].length - word.length;
    nextChar.lastIndex = at + word.length;
    const next = nextChar.exec(text)?.[1] ?? '';
    const midSentence = LINKING.has(lower) || (!SENTENCE_OPENERS.has(lower) && !proper.has(lower) && common.has(lower) && /^[\p{Ll},;:.)"'”’]/u.test(next));
    const first = word[0]!.toLowerCase();
    if (midSentence && first.length === 1) chars[at] = first;
  }
  return chars.join('');
}

let patterns: { hyphen: RegExp | null; after: RegExp | null } | undefined;

/** The acronym patterns, built once: a hyphen glued before an acronym, and an acronym followed by a capitalized word. */
function acronymPatterns(): { hyphen: RegExp | null; after: RegExp | null } {
  const acronyms = [...defaultAbbreviations().acronyms].sort((a, b) => b.length - a.length).map(escape);
  if (acronyms.length === 0) return { hyphen: null, after: null };
  const alt = acronyms.join('|');
  return {
    hyphen: new RegExp(`(?<=\\p{L})-(?=(?:${alt}))`, 'gu'),
    after: new RegExp(`(?<![\\p{L}.])(?:${alt})[ \\n]+(\\p{Lu}\\p{Ll}+)`, 'gu'),
  };
}

/**
 * Quotations of `text` as [open, close] offsets (of the marks): curly “…”, guillemets «…» and
 * straight "…" (alternately opening and closing), never across a line break.
 */
export function quotationSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let open = -1;
  let closer = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') open = -1;
    else if (open < 0 && (c === '“' || c === '«' || c === '"')) {
      open = i;
      closer = c === '“' ? '”' : c === '«' ? '»' : '"';
    } else if (open >= 0 && c === closer) {
      spans.push([open, i]);
      open = -1;
    }
  }
  return spans;
}

/** After a closing quotation mark at `close`, does the sentence go on (a lower-case word, a comma, a dash)? */
function continuesAfter(text: string, close: number): boolean {
  const m = /[ \t]*(\S)/y;
  m.lastIndex = close + 1;
  const next = m.exec(text)?.[1] ?? '';
  return /[\p{Ll},;:—–-]/u.test(next);
}

/**
 * Sentence token ranges with two kinds of cut undone inside a paragraph (no line break between
 * the two sentences): a sentence that starts with a lower-case letter is joined to the one
 * before it, and so is one that starts inside a quotation the sentence goes on after
 * (`shouted "Stop! Stop now!" and left`, `"Why? Who decided?" he asked`).
 */
export function mergeSentences(text: string, starts: readonly number[], ends: readonly number[], sentences: ReadonlyArray<[number, number]>): Array<[number, number]> {
  const quotes = quotationSpans(text).filter(([, close]) => continuesAfter(text, close));
  let q = 0;
  const out: Array<[number, number]> = [];
  for (const [a, b] of sentences) {
    const prev = out[out.length - 1];
    const at = starts[a]!;
    while (q < quotes.length && quotes[q]![1] < at) q++;
    const inQuote = q < quotes.length && quotes[q]![0] < at;
    if (prev && (inQuote || /^\p{Ll}/u.test(text.charAt(at))) && !text.slice(ends[prev[1]]!, at).includes('\n')) prev[1] = b;
    else out.push([a, b]);
  }
  return out;
}

/**
 * The document's one wink pass with both repairs: wink reads `shadowText(text, lines)` (same
 * length, so token offsets hold in `text`), entity surfaces are taken from `text`, and sentences
 * are merged by `mergeSentences`. `lines`: the kept lines `text` was assembled from.
 */
export function analyzeText(text: string, lines: readonly Line[]): WinkAnalysis {
  const result = analyze(shadowText(text, lines));
  for (const e of result.winkEntities) e.text = text.slice(e.start, e.end);
  result.sentenceTokens = mergeSentences(text, result.tokens.start, result.tokens.end, result.sentenceTokens);
  return result;
}
