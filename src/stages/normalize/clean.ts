/**
 * Character-level cleaning of decoded text into lines. Every step keeps a line's characters in
 * place (odd spaces become one plain space each; interior runs are NOT collapsed), so clean-corpus
 * offsets map back to the raw line by column (see src/eval/devset.ts OffsetMapper). Only removed
 * invisible characters (zero-width, soft hyphen, controls) and NFC composition shift columns.
 */

export interface Line {
  /** 1-based line number in the raw file (after CRLF/CR -> LF). */
  line: number;
  /** The raw line as decoded (for `removed[].text`). */
  raw: string;
  /** Cleaned and trimmed: what goes into `text`. Empty for blank lines. */
  text: string;
}

/**
 * Unicode spaces other than U+0020, plus tab and the line/paragraph separators (mapped to a space,
 * not a break, so line numbers stay those of a plain LF split).
 */
const ODD_SPACES = /[\t\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/g;

/**
 * Invisible characters: C0/C1 controls (LF is never inside a line), DEL, soft hyphen, zero-width
 * space/joiners, word joiner, BOM, bidi marks and embeddings, Mongolian vowel separator.
 */
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

/** One raw line -> its clean form (not trimmed). */
export function cleanLine(raw: string): string {
  return raw.normalize('NFC').replace(INVISIBLE, '').replace(ODD_SPACES, ' ');
}

/** Split decoded text into numbered lines; CRLF and lone CR count as LF. */
export function toLines(decoded: string): Line[] {
  const rawLines = decoded.replace(/\r\n?/g, '\n').split('\n');
  return rawLines.map((raw, i) => ({ line: i + 1, raw, text: cleanLine(raw).trim() }));
}
