/**
 * A document's content fingerprint: what tells the same article saved twice (two encodings, a
 * re-wrapped copy, the same wire story republished under another headline) from a different one.
 *
 * The fingerprint is the sha256 (hex) of the body paragraphs' letters and digits (as UTF-16LE
 * code units), lower-cased, after compatibility decomposition with the combining marks dropped
 * (NFKD): case, whitespace, line wrapping, paragraph breaks, punctuation, quotation-mark style and
 * accents do not change it; any other change of a word or number does. The title paragraph is left out (sites re-headline
 * wire copy), and so is everything normalize kept out of `text` (site chrome, a wire dateline).
 * A body with fewer than MIN_FINGERPRINT_CHARS letters and digits has none (`null`): a stub that
 * short (a paywall line, a caption) is as likely two different articles' as one article's.
 * Exact matching only: two copies that differ by a sentence have different fingerprints.
 */
import { createHash } from 'node:crypto';
import type { DocumentRecord } from '../../schema.js';

/**
 * Letters and digits a body needs for a fingerprint (about 35 words, two or three sentences).
 * Chosen by judgement, not fitted: long enough that two different articles will not share a body.
 */
export const MIN_FINGERPRINT_CHARS = 200;

/**
 * Per UTF-16 code unit at or above 128, filled on first sight (once per thread): 0 not seen yet,
 * 1 a letter or digit (or half of a surrogate pair: characters outside the BMP are kept as they
 * are), 2 anything else; and the lower-case code unit of each kept one.
 */
const KIND = new Uint8Array(65536);
const LOWER = new Uint16Array(65536);
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

function classify(c: number): number {
  const ch = String.fromCharCode(c);
  const keep = (c >= 0xd800 && c <= 0xdfff) || LETTER_OR_DIGIT.test(ch);
  if (keep) {
    const lower = ch.toLowerCase();
    LOWER[c] = lower.length === 1 ? lower.charCodeAt(0) : c;
  }
  return (KIND[c] = keep ? 1 : 2);
}

/** The kept code units of one paragraph, reused between calls (grown as needed). */
let units = new Uint16Array(8192);

/**
 * The fingerprint of a document's body: `text` and its `paragraphs` (spans in UTF-16 code
 * units, `kind` 'title' left out). Returns 64 hex digits (sha256 of the kept code units as
 * UTF-16LE bytes), or null when the body has fewer than MIN_FINGERPRINT_CHARS letters and digits.
 * One NFKD copy per paragraph and one pass over its code units into a reused typed array: no
 * per-token or per-character objects (0.02 ms per 3,400-character document, about 1 % of
 * normalize's CPU). Never throws.
 */
export function contentFingerprint(text: string, paragraphs: DocumentRecord['paragraphs']): string | null {
  const hash = createHash('sha256');
  let chars = 0;
  for (const p of paragraphs) {
    if (p.kind !== 'body') continue;
    const s = text.slice(p.start, p.end).normalize('NFKD');
    if (units.length < s.length) units = new Uint16Array(s.length * 2);
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 128) {
        if (c >= 97 && c <= 122) units[n++] = c;
        else if (c >= 65 && c <= 90) units[n++] = c + 32;
        else if (c >= 48 && c <= 57) units[n++] = c;
        continue;
      }
      if ((KIND[c] || classify(c)) === 1) units[n++] = LOWER[c]!;
    }
    if (n === 0) continue;
    chars += n;
    hash.update(new Uint8Array(units.buffer, 0, n * 2));
  }
  return chars >= MIN_FINGERPRINT_CHARS ? hash.digest('hex') : null;
}
