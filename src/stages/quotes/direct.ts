/**
 * Direct quotations: spans between quotation marks, found on the normalized text with exact
 * offsets. Handles curly “ ” and ‘ ’, straight " and ', two apostrophes '' used as double quotes,
 * « » and „ “. Apostrophes inside words are not marks; nested quotes stay inside their outer quote;
 * a quote left open runs to the end of its paragraph (and the next paragraph continues it when it
 * opens with a quote mark). Never throws on unbalanced marks.
 */
import type { Span } from '../../schema.js';

export interface QuoteSpan {
  /** Content span, without the marks. */
  start: number;
  end: number;
  /** Offset of the opening mark, and the end of the closing mark (= end when unterminated). */
  open: number;
  close: number;
  unterminated: boolean;
  /** Index of the paragraph holding it. */
  paragraph: number;
  /** True when the quote continues an unterminated quote of the previous paragraph. */
  continuation: boolean;
}

type Family = 'double' | 'single';
interface Open {
  family: Family;
  /** The opening mark as written (`“`, `"`, `''`, `„`, `«`, `‘`, `'`). */
  mark: string;
  at: number;
  width: number;
}

/** A character scanParagraph looks at: " ' “ ” „ « » ‘ ’ ‚ (by UTF-16 code). */
const isQuoteCode = (c: number): boolean => c === 0x22 || c === 0x27 || c === 0xab || c === 0xbb || (c >= 0x2018 && c <= 0x201e && c !== 0x201b);
const isLetterOrDigit = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isSpace = (c: string | undefined): boolean => c === undefined || /\s/.test(c);
const OPEN_CONTEXT = /[\s([{\-—–/:;,“‘"'«„]/;
const CLOSE_CONTEXT = /[\s)\]}.,;:!?—–\-…”’"'»]/;

/** True when a mark at [i, i+w) is in an opening position (start, space or bracket before; a non-space after). */
function canOpen(text: string, i: number, w: number, lo: number): boolean {
  const before = i > lo ? text[i - 1] : undefined;
  const after = text[i + w];
  return (before === undefined || OPEN_CONTEXT.test(before)) && !isSpace(after);
}
/** True when a mark is in a closing position (a non-space before; end, space or punctuation after). */
function canClose(text: string, i: number, w: number, hi: number): boolean {
  const before = text[i - 1];
  const after = i + w < hi ? text[i + w] : undefined;
  return !isSpace(before) && (after === undefined || CLOSE_CONTEXT.test(after));
}

/** Does `mark` close an opening `open` of the double family? */
function closesDouble(open: string, mark: string): boolean {
  switch (open) {
    case '“':
      return mark === '”' || mark === '“' || mark === '"' || mark === "''";
    case '„':
      return mark === '“' || mark === '”';
    case '«':
      return mark === '»';
    case '»':
      return mark === '«';
    case '"':
      return mark === '"' || mark === '”' || mark === '“';
    case "''":
      return mark === "''" || mark === '”' || mark === '"';
    case '”':
      return mark === '”';
    default:
      return false;
  }
}

/**
 * Quote spans of one paragraph [lo, hi): outermost quotes only. `carry` says whether an
 * unterminated quote from the previous paragraph may continue here.
 */
export function scanParagraph(text: string, lo: number, hi: number, paragraph: number, carry: boolean): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  const stack: Open[] = [];
  let i = lo;
  // Continuation: a paragraph opening with a quote mark after an unterminated quote.
  let continuation = false;
  while (i < hi) {
    // Most characters are no quotation mark: skip them without a string per character.
    if (!isQuoteCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const c = text[i]!;
    let mark: string | null = null;
    let family: Family | null = null;
    if (c === "'" && text[i + 1] === "'") {
      mark = "''";
      family = 'double';
    } else if ('“”„«»"'.includes(c)) {
      mark = c;
      family = 'double';
    } else if ("‘’'‚".includes(c)) {
      mark = c;
      family = 'single';
    }
    if (!mark || !family) {
      i++;
      continue;
    }
    const w = mark.length;
    // An apostrophe inside a word (region’s, don't) is not a quotation mark.
    if (family === 'single' && isLetterOrDigit(text[i - 1]) && isLetterOrDigit(text[i + w])) {
      i += w;
      continue;
    }
    // `the workers' patience` inside a single-quoted quote: a plural possessive, when the quote
    // closes later in the paragraph.
    if (family === 'single' && (mark === "'" || mark === '’') && text[i - 1] === 's' && text[i + 1] === ' ' && /\p{Ll}/u.test(text[i + 2] ?? '') && stack.some((o) => o.family === 'single') && hasLaterClose(text, i + 1, hi, mark)) {
      i += w;
      continue;
    }
    const opening = canOpen(text, i, w, lo);
    const closing = canClose(text, i, w, hi);
    // Try to close the innermost open quote of the same family.
    let closedAt = -1;
    for (let k = stack.length - 1; k >= 0; k--) {
      const o = stack[k]!;
      if (o.family !== family) continue;
      const fits = family === 'double' ? closesDouble(o.mark, mark) : mark === '’' || mark === "'" || (o.mark === '‚' && mark === '‘');
      const symmetric = mark === o.mark || (o.mark === '“' && mark === '“');
      // A symmetric mark closes when it is not clearly an opener; an asymmetric one when it fits.
      if (fits && (closing || !opening || (!symmetric && mark !== '“'))) closedAt = k;
      break;
    }
    if (closedAt >= 0) {
      const o = stack[closedAt]!;
      stack.length = closedAt;
      if (stack.length === 0) {
        out.push({ start: o.at + o.width, end: i, open: o.at, close: i + w, unterminated: false, paragraph, continuation });
        continuation = false;
      }
      i += w;
      continue;
    }
    // `"A sentence. "The next one."`: newspaper copy whose paragraph breaks were lost (BBC) opens the
    // next quoted paragraph while the previous one was never closed. A double mark in opening
    // position right after a finished sentence inside an open double quote ends that quote
    // (unterminated) and opens the next one, which continues it.
    if (opening && !closing && family === 'double' && stack.length === 1 && stack[0]!.family === 'double' && (mark === '"' || mark === '“') && /[.!?]["”’']?\s+$/.test(text.slice(Math.max(lo, i - 3), i))) {
      const o = stack[0]!;
      let end = i;
      while (end > o.at + o.width && isSpace(text[end - 1])) end--;
      out.push({ start: o.at + o.width, end, open: o.at, close: end, unterminated: true, paragraph, continuation });
      stack.length = 0;
      stack.push({ family, mark, at: i, width: w });
      continuation = true;
      i += w;
      continue;
    }
    if (opening && mark !== '’' && mark !== '”' && !(family === 'single' && stack.length === 0 && mark === "'" && !hasLaterClose(text, i + w, hi))) {
      if (stack.length === 0 && i === lo && carry) continuation = true;
      stack.push({ family, mark, at: i, width: w });
    }
    i += w;
  }
  // Unterminated: the outermost open double quote runs to the end of the paragraph; an open
  // single quote at the top level is most likely an apostrophe (countries’, '90s) and is dropped.
  const outer = stack.find((o) => o.family === 'double');
  if (outer) {
    let end = hi;
    while (end > outer.at + outer.width && isSpace(text[end - 1])) end--;
    out.push({ start: outer.at + outer.width, end, open: outer.at, close: end, unterminated: true, paragraph, continuation });
  }
  return out;
}

/** Is there a straight apostrophe in closing position later in [from, hi)? */
function hasLaterClose(text: string, from: number, hi: number, mark = "'"): boolean {
  for (let j = from; j < hi; j++) {
    if (text[j] === mark && !(isLetterOrDigit(text[j - 1]) && isLetterOrDigit(text[j + 1])) && canClose(text, j, 1, hi)) return true;
  }
  return false;
}

/** Every outermost quote span of a document, in order. */
export function findQuoteSpans(text: string, paragraphs: readonly Span[]): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let carry = false;
  paragraphs.forEach((p, index) => {
    const spans = scanParagraph(text, p.start, p.end, index, carry);
    const first = spans[0];
    if (first && !(first.continuation && first.open === p.start)) first.continuation = false;
    carry = spans.length > 0 && spans[spans.length - 1]!.unterminated;
    for (const s of spans) if (s.end > s.start) out.push(s);
  });
  return out;
}
