/**
 * Hard-wrapped text: which lines continue the line above them (one paragraph once joined), and
 * whether a line ends a sentence. Two wrap conventions are recognized:
 * - indented paragraphs (wire copy: each paragraph's first line indented, its other lines flush
 *   left): a flush-left line right under a body line continues it, whatever the fill;
 * - flush paragraphs: a line continues the one above when that one is filled close to the wrap
 *   width and does not end a sentence.
 * A line ending in a title ("Sen.") or a dotted acronym ("U.S.") does not end a sentence there.
 */
import type { Line } from './clean.js';
import { isBullet, wordCount } from './chrome.js';
import { readDataLines } from './resources.js';

export interface Abbreviations {
  /** Come before a name ("Sen.", "Dr."): never the end of a sentence. */
  titles: Set<string>;
  /** Dotted initialisms ("U.S."): at a line end, not the end of a sentence when the line is full. */
  acronyms: Set<string>;
}

let cached: Abbreviations | undefined;

/**
 * The shipped lists, read once: data/normalize/title-abbreviations.txt and
 * data/normalize/acronyms.txt (one entry a line, case-sensitive).
 */
export function defaultAbbreviations(): Abbreviations {
  cached ??= { titles: new Set(readDataLines('title-abbreviations.txt')), acronyms: new Set(readDataLines('acronyms.txt')) };
  return cached;
}

const TERMINAL = /[.!?:…]["'”’»)\]]*$/u;

/** The last whitespace-separated word of `text`, without a hyphenated prefix ("anti-U.S." -> "U.S."). */
function lastWord(text: string): string {
  const w = text.slice(text.lastIndexOf(' ') + 1);
  return w.slice(w.lastIndexOf('-') + 1);
}

/**
 * Does `text` end a sentence at its last character? `strongAcronyms`: a dotted acronym at the
 * end also counts as not ending one (used for lines filled to the wrap width).
 */
export function endsSentence(text: string, abbreviations: Abbreviations = defaultAbbreviations(), strongAcronyms = false): boolean {
  if (!TERMINAL.test(text)) return false;
  const last = lastWord(text);
  if (abbreviations.titles.has(last)) return false;
  if (strongAcronyms && abbreviations.acronyms.has(last)) return false;
  return true;
}

/** Leading whitespace of at least two columns (or a tab) on the raw line: an indented paragraph start. */
export function isIndented(line: Line): boolean {
  return /^(?:\t| {2,})\S/.test(line.raw);
}

/**
 * Wire style: paragraphs start with an indented line and continue flush left. Holds when at
 * least three lines are indented and most of them (>= half) have a flush-left line right below.
 */
export function isIndentStyle(lines: readonly Line[]): boolean {
  let indented = 0;
  let followed = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (!isIndented(l)) continue;
    indented++;
    const next = lines[i + 1];
    if (next && next.line === l.line + 1 && !isIndented(next)) followed++;
  }
  return indented >= 3 && followed * 2 >= indented;
}

/** Widest a hard-wrapped file's lines get; longer lines mean one line per paragraph. */
const MAX_WRAP_WIDTH = 100;

/**
 * Raw line numbers of the lines that continue the line above them in a hard-wrapped file. The
 * file's lines must all be short (<= MAX_WRAP_WIDTH columns) and the two lines adjacent.
 * Indented style: `cur` is flush left under a line that is not the file's first (the headline's
 * place). Flush style: `prev` is filled to most of the width (60% before a lower-case word, 80%
 * otherwise), has 5+ words, does not end a sentence (abbreviation-aware) and neither is a bullet.
 */
export function findContinuations(lines: readonly Line[], abbreviations: Abbreviations = defaultAbbreviations()): Set<number> {
  const out = new Set<number>();
  const width = lines.reduce((w, l) => Math.max(w, l.text.length), 0); // no spread: files can have 1M lines
  if (width > MAX_WRAP_WIDTH || width < 30) return out;
  const indentStyle = isIndentStyle(lines);
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1]!;
    const cur = lines[i]!;
    if (cur.line !== prev.line + 1) continue;
    const lower = /^[\p{Ll}\p{N}]/u.test(cur.text);
    if (indentStyle) {
      // A lone word under a finished sentence is a sign-off or label, not the paragraph's tail.
      const lone = wordCount(cur.text) < 2 && !/[.!?]["'”’)]*$/u.test(cur.text) && endsSentence(prev.text);
      if (!isIndented(cur) && (i > 1 || lower) && !lone) out.add(cur.line);
      continue;
    }
    // A wrapped line is filled close to the width; a headline above a paragraph usually is not,
    // so a capitalized next line needs a fuller line above, and the file's first line (the
    // headline's place) only continues into a lower-case word.
    if (i === 1 && !lower) continue;
    const full = prev.text.length >= 0.8 * width;
    if ((!full && (!lower || prev.text.length < 0.6 * width)) || wordCount(prev.text) < 5) continue;
    if (endsSentence(prev.text, abbreviations, full) || isBullet(prev.text) || isBullet(cur.text)) continue;
    out.add(cur.line);
  }
  return out;
}

/**
 * Does `cur` carry on the sentence of the line right above it (so it is never chrome, however
 * often it repeats)? Adjacent, the line above does not end a sentence, and `cur` starts with a
 * lower-case letter or digit.
 */
export function continuesSentence(prev: Line | undefined, cur: Line): boolean {
  return !!prev && prev.line === cur.line - 1 && wordCount(prev.text) >= 3 && !endsSentence(prev.text) && /^[\p{Ll}\p{N}]/u.test(cur.text);
}
