/**
 * Metadata of real web and wire copy (issue 19): dates, bylines, wire datelines, headline site
 * suffixes, wrapped wire lines and the sentence repairs around the wink pass. Fixture folders
 * (tests/fixtures/normalize-web-*, normalize-wire-*) cover whole documents; these are the rules.
 */
import { describe, expect, it } from 'vitest';
import { parseByline, parseDateline, parseStatedDate, parseWireDateline } from '../../src/stages/normalize/metadata.js';
import { splitSite } from '../../src/stages/normalize/layout.js';
import { endsSentence, findContinuations } from '../../src/stages/normalize/wrap.js';
import { mergeSentences, quotationSpans, shadowText } from '../../src/stages/normalize/sentences.js';
import { toLines } from '../../src/stages/normalize/clean.js';
import { normalizeDocument } from '../../src/stages/normalize/index.js';
import { configWith, rawInput } from './helpers.js';

describe('datelines with two dates', () => {
  it.each([
    ['Published March 3, 2024 · Updated March 5, 2024, 10:14 a.m. ET', '2024-03-03', '2024-03-05'],
    ['Updated 10:14 AM EDT, Tue March 5, 2024 | First published March 3, 2024', '2024-03-03', '2024-03-05'],
    ['Published: 12 Jan 2024 Last updated: 14 Jan 2024', '2024-01-12', '2024-01-14'],
  ])('%s: published wins, updated recorded', (line, published, updated) => {
    expect(parseDateline(line)).toEqual({ date: published, kind: 'published', published, updated });
  });
  it('gives no date for a relative date, and still recognizes the line', () => {
    expect(parseDateline('Updated 3 hours ago')).toEqual({ date: null, kind: 'updated', published: null, updated: null });
    expect(parseDateline('2 days ago')).toMatchObject({ date: null });
    expect(parseStatedDate('He left 3 hours ago')).toBeNull();
  });
  it('reads numeric dates day-first or month-first only when unambiguous', () => {
    expect(parseStatedDate('15/04/2024')?.date).toBe('2024-04-15');
    expect(parseStatedDate('04/15/2024')?.date).toBe('2024-04-15');
    expect(parseStatedDate('04/05/2024')).toBeNull();
    expect(parseStatedDate('05/05/2024')?.date).toBe('2024-05-05');
  });
});

describe('bylines', () => {
  it('keeps every author, with roles', () => {
    expect(parseByline('By Ana Ruiz, Tomas Berg and Lena Okafor')?.authors.map((a) => a.name)).toEqual(['Ana Ruiz', 'Tomas Berg', 'Lena Okafor']);
    expect(parseByline('By Ana Ruiz, Tomas Berg and Lena Okafor')?.author).toBe('Ana Ruiz, Tomas Berg and Lena Okafor');
    expect(parseByline('BY MAREN HOLT AND JONAS FEIL')?.author).toBe('Maren Holt and Jonas Feil');
    expect(parseByline('By Ana Ruiz & Tomas Berg in Madrid')?.author).toBe('Ana Ruiz and Tomas Berg');
    expect(parseByline('By Nora Vance, Political Editor')?.authors).toEqual([{ name: 'Nora Vance', role: 'Political Editor' }]);
    expect(parseByline('By Nora Vance, Reuters')?.authors).toEqual([{ name: 'Nora Vance', role: null }]);
    expect(parseByline('By Ana Ruiz and Tomas Berg, The Harbour Times')?.author).toBe('Ana Ruiz and Tomas Berg');
    expect(parseByline('By Ana Ruiz in Madrid and Tomas Berg in Oslo')?.author).toBe('Ana Ruiz and Tomas Berg');
    expect(parseByline('(Reporting by Ana Ruiz; Editing by Tomas Berg)')?.author).toBe('Ana Ruiz');
  });
  it('reads published and updated dates in a byline', () => {
    expect(parseByline('By Ana Ruiz · Published March 3, 2024 · Updated March 5, 2024')).toMatchObject({ author: 'Ana Ruiz', date: '2024-03-03', updated: '2024-03-05' });
  });
  it('refuses a sentence or a list that is not names', () => {
    expect(parseByline('By the end of the week, prices had fallen and traders left.')).toBeNull();
    expect(parseByline('By road, rail and sea')).toBeNull();
  });
});

describe('wire datelines', () => {
  it('gives place and date, a year only when stated', () => {
    expect(parseWireDateline('LONDON, March 3 (Reuters) - The bank said')).toMatchObject({ place: 'LONDON', date: null, dateText: 'March 3', text: 'LONDON, March 3 (Reuters)' });
    expect(parseWireDateline('NEW YORK, Jan 5, 2024 (Reuters) - Shares fell')).toMatchObject({ place: 'NEW YORK', date: '2024-01-05' });
    expect(parseWireDateline('WASHINGTON (AP) — The Senate voted')).toMatchObject({ place: 'WASHINGTON', date: null });
    expect(parseWireDateline('SANTA ROSA, Calif., April 13 - Talks ended')).toMatchObject({ place: 'SANTA ROSA, Calif.' });
  });
  it('does not take an ordinary opening as a dateline', () => {
    expect(parseWireDateline('The bank said on Monday - in a statement - that rates would rise.')).toBeNull();
    expect(parseWireDateline('NATO - the alliance - met on Monday.')).toBeNull();
  });
});

describe('headline site suffix', () => {
  it('cuts a site name after the last separator', () => {
    expect(splitSite('Council backs solar grants | The Riverside Ledger')).toEqual({ title: 'Council backs solar grants', site: 'The Riverside Ledger' });
    expect(splitSite('Council backs solar grants - Harbour Daily News')).toEqual({ title: 'Council backs solar grants', site: 'Harbour Daily News' });
  });
  it('keeps a dash inside a real headline', () => {
    expect(splitSite('Tariffs will stay for now - finance minister')).toBeNull();
    expect(splitSite('PORTS MAY REOPEN IF TALKS SUCCEED - MINISTER')).toBeNull();
    expect(splitSite('Vote delayed | officials say the count will take a further two weeks')).toBeNull();
  });
});

describe('hard-wrapped wire lines', () => {
  it('does not end a sentence at a title, nor at an acronym on a full line', () => {
    expect(endsSentence('a committee led by Sen.')).toBe(false);
    expect(endsSentence('trade with the U.S.', undefined, true)).toBe(false);
    expect(endsSentence('trade with the U.S.')).toBe(true);
    expect(endsSentence('it was over.')).toBe(true);
  });
  it('joins flush lines under an indented paragraph start, whatever their fill', () => {
    const raw = [
      '    The first paragraph starts here and runs on to',
      'a short line',
      '    A second paragraph also wraps onto a second',
      'line, which is full enough to look like a wrapped line.',
      '    A third one ends with the U.S.',
      'And goes on here.',
    ].join('\n');
    expect([...findContinuations(toLines(raw))]).toEqual([2, 4, 6]);
  });
  it('flush style: a line ending in "Sen." continues onto the next line', () => {
    const raw = [
      'Headline here',
      'The plan was put forward on Tuesday in the upper house by Sen.',
      'Ada Moreno, who said the vote would come before the summer.',
    ].join('\n');
    expect(findContinuations(toLines(raw)).has(3)).toBe(true);
  });
});

describe('sentence repairs', () => {
  it('keeps a sentence whole across "!" or "?" inside a quotation it continues after', () => {
    const text = 'She shouted "Stop!" and left. Then he asked "Why?" quietly.';
    const starts = [0, 30];
    const ends = [29, text.length];
    // Two token-level sentences as wink would cut them after the quotation.
    const cut: Array<[number, number]> = [[0, 0], [1, 1]];
    expect(mergeSentences(text, starts, ends, cut)).toEqual([[0, 0], [1, 1]]);
    const text2 = 'She shouted "Stop!" and left.';
    expect(mergeSentences(text2, [0, 20], [19, 29], [[0, 0], [1, 1]])).toEqual([[0, 1]]);
  });
  it('finds quotations of each kind, never across a line break', () => {
    expect(quotationSpans('a "b" c “d” e «f»')).toEqual([[2, 4], [8, 10], [14, 16]]);
    expect(quotationSpans('a "b\nc" d')).toEqual([]);
  });
  it('shadow text keeps length and only changes what misleads wink', () => {
    const text = 'Rising anti-U.S. Feeling worried the U.S. And Japan. Exports to the U.S. The end.';
    const shadow = shadowText(text, []);
    expect(shadow).toHaveLength(text.length);
    expect(shadow).toBe('Rising anti U.S. feeling worried the U.S. and Japan. Exports to the U.S. The end.');
    // Modern copy without the wire style: only the hyphen is repaired.
    expect(shadowText('Officials met the U.S. Envoy said no.', [])).toBe('Officials met the U.S. Envoy said no.');
  });
  it('no token "S." and no cut after "U.S." in wire copy', () => {
    const raw = 'HEADLINE OVER A WIRE STORY\n\nCITY, May 4 - Officials said anti-U.S. Feeling grew as the U.S.\nAnd its allies talked.\n    They said more talks were set.\n    Another paragraph starts here and\nwraps onto the next line.\n';
    const { document: doc, analysis } = normalizeDocument(rawInput('wire.txt', raw), configWith());
    const surfaces = analysis.tokens.start.map((s, i) => doc.text.slice(s, analysis.tokens.end[i]));
    expect(surfaces).not.toContain('S.');
    expect(surfaces).toContain('U.S.');
    expect(doc.sentences.map((s) => doc.text.slice(s.start, s.end))).toContain('Officials said anti-U.S. Feeling grew as the U.S. And its allies talked.');
  });
});
