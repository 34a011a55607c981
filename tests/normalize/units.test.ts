/** The step modules on their own: decoding, cleaning, line predicates, datelines and bylines. */
import { dataDigest, dataFiles } from '../../src/io/data.js';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeBytes, repairMixedUtf8, sniffUtf16 } from '../../src/stages/normalize/decode.js';
import { cleanLine, toLines } from '../../src/stages/normalize/clean.js';
import {
  defaultPhrases,
  isCaptionLine,
  isContactLine,
  isCreditLine,
  isMenuLine,
  isNameShaped,
  isSentenceLike,
  isSocialLine,
  matchPhrase,
  parsePhrases,
} from '../../src/stages/normalize/chrome.js';
import { normalizeStage } from '../../src/stages/normalize/index.js';
import { configWith } from './helpers.js';
import { parseByline, parseDateline } from '../../src/stages/normalize/metadata.js';

describe('decode', () => {
  it('reads UTF-16 without BOM by its NUL pattern, both byte orders', () => {
    const text = 'Ein Straßenbahn-Plan für Köln.';
    expect(sniffUtf16(new Uint8Array(Buffer.from(text, 'utf16le')))).toBe('utf-16le');
    expect(sniffUtf16(new Uint8Array(iconv.encode(text, 'utf-16be')))).toBe('utf-16be');
    expect(sniffUtf16(new Uint8Array(Buffer.from(text, 'utf8')))).toBeNull();
    expect(decodeBytes(new Uint8Array(iconv.encode(text, 'utf-16be')), 'a.txt')).toEqual({ text, encoding: 'utf-16be', warnings: [] });
  });

  it('reads UTF-32 with BOM', () => {
    const text = 'Tarif: 2 € — “ok”';
    const bytes = new Uint8Array([0xff, 0xfe, 0, 0, ...iconv.encode(text, 'utf-32le')]);
    expect(decodeBytes(bytes, 'a.txt').text).toBe(text);
  });

  it('falls back to a legacy encoding with a warning, keeping curly quotes from 0x80-0x9F', () => {
    const text = 'Les “élus” ont voté — la mairie réagit à l’annonce du projet de tramway.';
    const decoded = decodeBytes(new Uint8Array(iconv.encode(text, 'windows-1252')), 'a.txt');
    expect(decoded.text).toBe(text);
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.warnings).toHaveLength(1);
    expect(decoded.warnings[0]).toMatch(/not valid UTF-8.*windows-1252/);
  });

  it('repairs stray windows-1252 bytes in a UTF-8 file without touching the valid UTF-8', () => {
    const utf8 = Buffer.from('Zoë said “yes” — ', 'utf8');
    const decoded = decodeBytes(new Uint8Array([...utf8, 0x93, 0x6f, 0x6b, 0x94, 0x2e]), 'a.txt');
    expect(decoded.text).toBe('Zoë said “yes” — “ok”.');
    expect(decoded.encoding).toBe('utf-8+windows-1252');
    expect(repairMixedUtf8(new Uint8Array(iconv.encode('Les “élus” ont voté.', 'windows-1252')))).toBeNull();
  });

  it('prefers strict UTF-8 over a guess', () => {
    expect(decodeBytes(new Uint8Array(Buffer.from('naïve café', 'utf8')), 'a.txt')).toEqual({ text: 'naïve café', encoding: 'utf-8', warnings: [] });
  });
});

describe('clean', () => {
  it('maps odd spaces one-for-one and drops invisible characters', () => {
    expect(cleanLine('a\u00a0b\u2009c\u202fd\u3000e\tf')).toBe('a b c d e f');
    expect(cleanLine('in\u200bfor\u00adma\u2060tion\u0007\ufeff')).toBe('information');
    expect(cleanLine('  two  spaces  ')).toBe('  two  spaces  ');
  });
  it('composes to NFC', () => {
    expect(cleanLine('Cafe\u0301')).toBe('Caf\u00e9');
  });
  it('numbers lines after CRLF/CR normalization', () => {
    expect(toLines('a\r\nb\rc\n\nd').map((l) => [l.line, l.text])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, ''],
      [5, 'd'],
    ]);
  });
});

describe('line predicates', () => {
  const phrases = defaultPhrases();
  it('matches chrome phrases case- and punctuation-insensitively, prefixes only on short lines', () => {
    expect(matchPhrase('SKIP TO CONTENT', phrases)).toBe('skip link');
    expect(matchPhrase('No comments:', phrases)).toBe('comment prompt');
    expect(matchPhrase('» Next', phrases)).toBe('navigation');
    expect(matchPhrase('You’ve reached the end', phrases)).toBe('end-of-page notice');
    expect(matchPhrase('Filed under: Politics, Asia', phrases)).toBe('navigation');
    expect(matchPhrase('Sign up for our morning briefing to get the news first.', phrases)).toBe('subscription');
    expect(matchPhrase('Next week the committee will vote on the plan.', phrases)).toBeNull();
    expect(matchPhrase('Posted in 2019, the video drew wide attention.', phrases)).toBeNull();
    expect(matchPhrase('Copyright laws were changed in 2019.', phrases)).toBeNull();
    expect(matchPhrase('Also reading the report, the minister frowned', phrases)).toBeNull();
    expect(matchPhrase('Copyright 2024 Example Media', phrases)).toBe('end-of-page notice');
    expect(matchPhrase('©2024 Example Media. All rights reserved.', phrases)).toBe('end-of-page notice');
    expect(matchPhrase('Share prices fell sharply on Monday after the announcement.', phrases)).toBeNull();
  });
  it('puts the options and the phrase file into the stage cache key', () => {
    expect(normalizeStage.options(configWith({ removeChrome: false }))).toEqual({ removeChrome: false, detectMetadata: true });
    expect(dataFiles(normalizeStage.data)).toContain('normalize/chrome-phrases.txt');
    expect(normalizeStage.digest()).toBe(dataDigest(normalizeStage.data));
    expect(normalizeStage.digest()).toMatch(/^[0-9a-f]{16}$/);
  });
  it('parses the phrase file format', () => {
    const list = parsePhrases('# comment\n[one]\nfoo\nbar*\n[two]\nbaz\n');
    expect([...list.exact]).toEqual([
      ['foo', 'one'],
      ['baz', 'two'],
    ]);
    expect(list.prefix).toEqual([['bar', 'one']]);
  });
  it('recognizes social, contact and credit lines but not sentences mentioning them', () => {
    expect(isSocialLine('The Daily Example on Facebook')).toBe(true);
    expect(isSocialLine('The minister announced the plan on Facebook.')).toBe(false);
    expect(isContactLine('Contact: desk@example.org')).toBe(true);
    expect(isContactLine('Readers can write to desk@example.org with questions about the plan.')).toBe(false);
    expect(isCreditLine('Photo: Jane Roe / AFP')).toBe(true);
    expect(isCreditLine('(Image by Sam Lee)')).toBe(true);
    expect(isCreditLine('Source: Ministry of Finance')).toBe(true);
    expect(isCreditLine('Sources said the photo was taken in May.')).toBe(false);
  });
  it('recognizes menu rows and labelled captions', () => {
    expect(isMenuLine('Home | World | Politics | Business')).toBe(true);
    expect(isMenuLine('News · Sport · Weather')).toBe(true);
    expect(isMenuLine('Prices rose 3% in May | Reuters')).toBe(false);
    expect(isCaptionLine('Image caption, Delegates arrived on Tuesday')).toBe(true);
    expect(isCaptionLine('Pictured: the new bridge at dusk')).toBe(true);
    expect(isCaptionLine('The caption contest drew 40 entries.')).toBe(false);
    expect(isCreditLine('Reuters')).toBe(true);
    expect(isCreditLine('Image source, Getty Images')).toBe(true);
  });
  it('tells sentences and names apart', () => {
    expect(isSentenceLike('It is too late.')).toBe(true);
    expect(isSentenceLike('Why the plan failed')).toBe(false);
    expect(isSentenceLike('“We will not join,” she said.”')).toBe(true);
    expect(isNameShaped('Maria de la Cruz')).toBe(true);
    expect(isNameShaped('J. R. Smith')).toBe(true);
    expect(isNameShaped('Prime minister')).toBe(false);
    expect(isNameShaped('Highlights')).toBe(false);
  });
});

describe('datelines and bylines', () => {
  it.each([
    ['Dec 3, 2024, 3:23 AM', { date: '2024-12-03', kind: 'published' }],
    ['Published: 14 March 2023 | 09:30 GMT', { date: '2023-03-14', kind: 'published' }],
    ['Updated 2024-05-01 10:15 ET', { date: '2024-05-01', kind: 'updated' }],
    ['Monday, 2 September 2024', { date: '2024-09-02', kind: 'published' }],
  ])('%s is a dateline', (line, expected) => {
    expect(parseDateline(line)).toMatchObject(expected);
  });
  it.each([
    'On October 1, 2024, the minister took office.',
    'December 3', // no year: would depend on today
    'Next',
    'Results of the 2024 election',
  ])('%s is not a dateline', (line) => {
    expect(parseDateline(line)).toBeNull();
  });
  it('reads bylines, with a date or an outlet after the name', () => {
    expect(parseByline('By Jane Doe')).toMatchObject({ author: 'Jane Doe', date: null });
    expect(parseByline('BY JANE O’NEIL AND TOM ROE')).toMatchObject({ author: 'Jane O’Neil and Tom Roe', date: null });
    expect(parseByline('(Reporting by Jane Doe; Editing by Tom Roe)')).toMatchObject({ author: 'Jane Doe', date: null });
    expect(parseByline('By Jane Doe | Reuters')).toMatchObject({ author: 'Jane Doe', date: null });
    expect(parseByline('By Jane Doe, Staff Writer')).toMatchObject({ author: 'Jane Doe', date: null });
    expect(parseByline('By Jane Doe and John Roe')).toMatchObject({ author: 'Jane Doe and John Roe', date: null });
    expect(parseByline('Written by Ana María López on 3 May 2021')).toMatchObject({ author: 'Ana María López', date: '2021-05-03' });
    expect(parseByline('Author: Kim Lee — Dec 3, 2024')).toMatchObject({ author: 'Kim Lee', date: '2024-12-03' });
  });
  it('does not read sentences that start with "By" as bylines', () => {
    expect(parseByline('By the time the vote came, few members were left.')).toBeNull();
    expect(parseByline('By 2030 the city wants 50 trams')).toBeNull();
  });
});
