/**
 * A document's content fingerprint: what tells the same article saved twice (two encodings, a
 * re-wrapped copy, the same wire story republished under another headline) from a different one.
 *
 * The fingerprint is the sha256 (hex) of the body paragraphs' letters and digits, lower-cased,
 * after compatibility decomposition with the combining marks dropped (NFKD): case, whitespace,
 * line wrapping, paragraph breaks, punctuation, quotation-mark style and accents do not change it;
 * any other change of a word or number does. The title paragraph is left out (sites re-headline
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

/** Everything but letters and digits (combining marks included: NFKD splits them off first). */
const NOT_ALPHANUMERIC = /[^\p{L}\p{N}]+/gu;

/**
 * The fingerprint of a document's body: `text` and its `paragraphs` (spans in UTF-16 code
 * units, `kind` 'title' left out). Returns 64 hex digits, or null when the body has fewer than
 * MIN_FINGERPRINT_CHARS letters and digits. One pass per paragraph (a lower-cased, decomposed
 * copy and one regex replace), no per-token objects. Never throws.
 */
export function contentFingerprint(text: string, paragraphs: DocumentRecord['paragraphs']): string | null {
  const hash = createHash('sha256');
  let chars = 0;
  for (const p of paragraphs) {
    if (p.kind !== 'body') continue;
    const core = text.slice(p.start, p.end).normalize('NFKD').toLowerCase().replace(NOT_ALPHANUMERIC, '');
    if (core === '') continue;
    chars += core.length;
    hash.update(core, 'utf8');
  }
  return chars >= MIN_FINGERPRINT_CHARS ? hash.digest('hex') : null;
}
