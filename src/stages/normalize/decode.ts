/**
 * Bytes -> string. Order matters: a BOM is the strongest signal; UTF-16 without BOM must be
 * recognized before the NUL-byte binary check (its ASCII half is all NULs); strict UTF-8 comes
 * before chardet because chardet guesses wrong on short, mostly-ASCII UTF-8.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { DiagnosticError } from '../../diagnostic.js';

export interface Decoded {
  text: string;
  /** What was detected: `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `utf-8+windows-1252` (stray bytes), `windows-1252`, ... */
  encoding: string;
  warnings: string[];
}

/** Leading bytes of common binary formats (images, archives, PDFs, executables). */
const MAGIC: Array<[string, number[]]> = [
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['WebP/RIFF data', [0x52, 0x49, 0x46, 0x46]],
  ['PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip data', [0x1f, 0x8b]],
  ['ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

/** Strict decode with the platform decoder; null when the bytes are not valid in `label`. */
function strict(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * UTF-16 without BOM: text in Latin script has a NUL in every other byte. Looks at where the
 * NULs fall (even offsets = big-endian high bytes, odd = little-endian).
 */
export function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul / pairs > 0.6 && evenNul / pairs < 0.05) return 'utf-16le';
  if (evenNul / pairs > 0.6 && oddNul / pairs < 0.05) return 'utf-16be';
  return null;
}

/** Share of characters that no text file contains (C0/C1 controls other than tab/LF/CR, U+FFFD). */
function garbageRatio(text: string): number {
  if (text.length === 0) return 0;
  let bad = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || (c >= 0x7f && c <= 0x9f) || c === 0xfffd) bad++;
  }
  return bad / text.length;
}

const MAX_GARBAGE = 0.02;

function checked(text: string | null, encoding: string, path: string, warnings: string[] = []): Decoded {
  if (text === null) throw new DiagnosticError('decode/undecodable', `${path}: bytes are not valid ${encoding}`);
  const garbage = garbageRatio(text);
  if (garbage > MAX_GARBAGE) {
    const pct = (garbage * 100).toFixed(0);
    throw new DiagnosticError('decode/undecodable', `${path}: read as ${encoding}, ${pct}% of the characters are control codes, not text`);
  }
  return { text, encoding, warnings };
}

export function decodeBytes(bytes: Uint8Array, path: string): Decoded {
  if (bytes.length === 0) throw new DiagnosticError('input/empty', `${path} is empty (0 bytes)`);

  // Byte order marks. UTF-32 first: its LE BOM begins with the UTF-16 LE one.
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00])) return checked(iconvDecode(bytes.subarray(4), 'utf-32le'), 'utf-32le', path);
  if (startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) return checked(iconvDecode(bytes.subarray(4), 'utf-32be'), 'utf-32be', path);
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return checked(strict('utf-8', bytes.subarray(3)), 'utf-8-bom', path);
  if (startsWith(bytes, [0xff, 0xfe])) return checked(utf16(bytes.subarray(2), 'le'), 'utf-16le', path);
  if (startsWith(bytes, [0xfe, 0xff])) return checked(utf16(bytes.subarray(2), 'be'), 'utf-16be', path);

  const sniffed = sniffUtf16(bytes);
  if (sniffed) return checked(utf16(bytes, sniffed === 'utf-16le' ? 'le' : 'be'), sniffed, path);

  for (const [what, magic] of MAGIC) {
    if (startsWith(bytes, magic)) throw new DiagnosticError('decode/binary', `${path}: binary file (${what}), not text`);
  }
  if (bytes.includes(0)) throw new DiagnosticError('decode/binary', `${path}: binary file (contains NUL bytes), not text`);

  const utf8 = strict('utf-8', bytes);
  if (utf8 !== null) return checked(utf8, 'utf-8', path);

  // Mostly UTF-8 with a few stray legacy bytes (text pasted together from two sources): keep the
  // valid UTF-8 and read only the stray bytes as windows-1252, rather than misread everything.
  const mixed = repairMixedUtf8(bytes);
  if (mixed) {
    return checked(mixed.text, 'utf-8+windows-1252', path, [
      `encoding: ${mixed.invalid} byte(s) not valid UTF-8 among ${mixed.valid} valid multi-byte sequence(s); those bytes read as windows-1252`,
    ]);
  }

  // Legacy 8-bit fallback. chardet's ISO-8859-1 answer is read as windows-1252 (its superset for
  // printable text, as browsers do), so curly quotes in 0x80-0x9F are not lost as C1 controls.
  let guess = chardet.detect(bytes)?.toLowerCase() ?? null;
  if (guess === 'iso-8859-1' || guess === 'ascii') guess = 'windows-1252';
  if (!guess || guess === 'utf-8' || !iconv.encodingExists(guess)) {
    throw new DiagnosticError('decode/undecodable', `${path}: not valid UTF-8 and no legacy encoding fits (detected: ${guess ?? 'nothing'})`);
  }
  const text = iconvDecode(bytes, guess);
  return checked(text, guess, path, [`encoding: not valid UTF-8; decoded as ${guess} (guessed by chardet), check accented characters`]);
}

function iconvDecode(bytes: Uint8Array, encoding: string): string | null {
  try {
    return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding, { stripBOM: false });
  } catch {
    return null;
  }
}

/** UTF-16 with an odd byte count or a lone surrogate is corrupt, not text. */
function utf16(bytes: Uint8Array, order: 'le' | 'be'): string | null {
  if (bytes.length % 2 !== 0) return null;
  return strict(`utf-16${order}`, bytes);
}

/** Length of the UTF-8 sequence a lead byte announces (1 for ASCII, 0 for a byte no sequence starts with). */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * Decode valid UTF-8 sequences as UTF-8 and every other byte as windows-1252, when the valid
 * multi-byte sequences (at least two) are at least as many as the invalid bytes: evidence that the
 * file is meant as UTF-8.
 * Null when the file does not look like UTF-8 at all.
 */
export function repairMixedUtf8(bytes: Uint8Array): { text: string; valid: number; invalid: number } | null {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let valid = 0;
  let invalid = 0;
  let out = '';
  let runStart = 0; // start of the current run of valid bytes
  const flush = (end: number) => {
    if (end > runStart) out += utf8.decode(bytes.subarray(runStart, end));
  };
  let i = 0;
  while (i < bytes.length) {
    const n = sequenceLength(bytes[i]!);
    if (n === 1) {
      i++;
      continue;
    }
    let ok = n > 0 && i + n <= bytes.length;
    if (ok) {
      try {
        utf8.decode(bytes.subarray(i, i + n));
      } catch {
        ok = false;
      }
    }
    if (ok) {
      valid++;
      i += n;
      continue;
    }
    invalid++;
    flush(i);
    out += iconv.decode(Buffer.from([bytes[i]!]), 'windows-1252');
    i++;
    runStart = i;
  }
  flush(bytes.length);
  return valid >= invalid && valid >= 2 && invalid > 0 ? { text: out, valid, invalid } : null;
}
