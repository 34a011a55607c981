/**
 * Word lists live in data files (src/data/<stage>/, read through src/io/data.ts), never inline in
 * the stages' code. This test greps src/stages and src/nlp for the four shapes an inline list
 * takes: a `new Set([...])` of lower-case words, an array literal of two or more lower-case words
 * tested with `.includes(`, an anchored regular expression of three or more alternative words
 * (`/^(a|b|c)$/.test(w)`), and a chain of three or more `x === 'word'` joined by `||`. Sets that
 * are not word lists (pattern ids, reason codes) are allowed by name below, each with the reason;
 * upper-case tag sets (POS, entity types), punctuation sets and chains on a field holding codes
 * (`kind`, `pattern`, `type`) are not flagged. (Two-word alternations and two-word `===` chains
 * count as comparisons.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCANNED = ['src/stages', 'src/nlp'];

/** `file:CONSTANT` of `new Set([...])` literals that hold lower-case strings but are not word lists. */
const ALLOWED = new Set([
  // Frame pattern ids (the `pattern` field of quotes' frames), not words of the text.
  'src/stages/quotes/extract.ts:CONTENT_FIRST',
  // Reason codes of the chrome classifier (`navigation`, RELATED_LINKS), not words of the text.
  'src/stages/normalize/layout.ts:NAV_REASONS',
  // Reason codes of the chrome classifier (`subscription`, `end-of-page notice`).
  'src/stages/normalize/chrome.ts:SENTENCE_PREFIX_REASONS',
]);

/** A lower-case word (clitics such as `'s` and `n't` included; punctuation alone is not one). */
const WORD = /^(?=.*[a-z])[a-z'][a-z'’.-]*$/;
/** Expressions whose values are codes, not words of the text: a mention's kind, a frame's pattern id, a token's wink type (`ty`, `t`, `type`). */
const ENUM_FIELDS = /(?:^|\.)(?:kind|pattern|type|ty|t)$/;
const STRING = /'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g;

function stringsIn(body: string): string[] {
  return [...body.matchAll(STRING)].map((m) => (m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1'));
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Inline word lists in one file's source text: `line: what` for each. */
export function inlineWordLists(file: string, text: string): string[] {
  const found: string[] = [];
  // new Set([ 'a', 'b' ]) (optionally typed), possibly over several lines.
  for (const m of text.matchAll(/(?:const\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*)?new Set(?:<[^>]*>)?\(\[([^\]]*)\]\)/g)) {
    const words = stringsIn(m[2]!).filter((s) => WORD.test(s));
    if (words.length === 0 || ALLOWED.has(`${file}:${m[1] ?? ''}`)) continue;
    found.push(`${lineOf(text, m.index!)}: new Set of words (${words.slice(0, 4).join(', ')})`);
  }
  // ['a', 'b'].includes(x)
  for (const m of text.matchAll(/\[([^\][]*)\]\s*\.includes\(/g)) {
    const items = stringsIn(m[1]!);
    if (items.length >= 2 && items.filter((s) => WORD.test(s)).length >= 2) found.push(`${lineOf(text, m.index!)}: array of words with .includes (${items.slice(0, 4).join(', ')})`);
  }
  // /^(a|b|c)$/ or /^(?:a|b|c)$/
  for (const m of text.matchAll(/\/\^\((?:\?:)?([a-z'|]+)\)\$\/[a-z]*/g)) {
    const alternatives = m[1]!.split('|');
    if (alternatives.length >= 3 && alternatives.every((w) => WORD.test(w))) found.push(`${lineOf(text, m.index!)}: regular expression of words (${alternatives.slice(0, 4).join(', ')})`);
  }
  // x === 'a' || x === 'b' || x === 'c': three or more words compared with one expression.
  const comparisons = [...text.matchAll(/([\w$]+(?:\??\.[\w$]+|\[[^\]\n]*\])*!?)\s*===\s*'([^'\\\n]*)'/g)];
  for (let i = 0; i < comparisons.length; ) {
    let j = i;
    while (j + 1 < comparisons.length) {
      const [a, b] = [comparisons[j]!, comparisons[j + 1]!];
      const between = text.slice(a.index! + a[0].length, b.index!);
      if (b[1] !== comparisons[i]![1] || !/^\s*\|\|\s*$/.test(between)) break;
      j++;
    }
    const run = comparisons.slice(i, j + 1);
    const lhs = comparisons[i]![1]!;
    if (run.length >= 3 && run.every((m) => WORD.test(m[2]!)) && !ENUM_FIELDS.test(lhs)) found.push(`${lineOf(text, comparisons[i]!.index!)}: ${lhs} compared with words (${run.map((m) => m[2]).slice(0, 4).join(', ')})`);
    i = j + 1;
  }
  return found;
}

function tsFilesUnder(rel: string): string[] {
  return readdirSync(path.join(ROOT, rel)).flatMap((name) => {
    const child = `${rel}/${name}`;
    if (statSync(path.join(ROOT, child)).isDirectory()) return tsFilesUnder(child);
    return name.endsWith('.ts') ? [child] : [];
  });
}

describe('no inline word lists in stage code', () => {
  it('finds each shape of inline list in a fixture, and passes tag, punctuation and id sets', () => {
    const fixture = [
      "const ARTICLES = new Set(['the', 'a', 'an']);",
      'const PRONOUNS = new Set<string>([',
      "  'he',",
      "  'she',",
      ']);',
      "if (['for', 'at'].includes(w)) x();",
      'if (/^(must|should|ought)$/.test(w)) y();',
      "const POS = new Set(['NOUN', 'PROPN']);",
      "const MARKS = new Set(['(', '—', ':']);",
      "if (['NOUN'].includes(p)) z();",
      'if (/^(be|been)$/.test(w)) y();',
      "const CONTENT_FIRST = new Set(['content-according']);",
      "if (v.lower[k] === 'clear' || v.lower[k] === 'case' || v.lower[k] === 'point') go();",
      "if (m.kind === 'name' || m.kind === 'group' || m.kind === 'descriptor') go();",
      "if (w === 'he' || w === 'him') go();",
    ].join('\n');
    expect(inlineWordLists('src/stages/x.ts', fixture)).toEqual([
      '1: new Set of words (the, a, an)',
      '2: new Set of words (he, she)',
      '12: new Set of words (content-according)',
      '6: array of words with .includes (for, at)',
      '7: regular expression of words (must, should, ought)',
      '13: v.lower[k] compared with words (clear, case, point)',
    ]);
    expect(inlineWordLists('src/stages/quotes/extract.ts', fixture)).toHaveLength(5);
  });

  it.each(SCANNED.flatMap(tsFilesUnder))('%s has no inline word list', (file) => {
    expect(inlineWordLists(file, readFileSync(path.join(ROOT, file), 'utf8'))).toEqual([]);
  });

  it('every allowed set still exists (the allowlist does not rot)', () => {
    for (const entry of ALLOWED) {
      const [file, name] = entry.split(':') as [string, string];
      expect(readFileSync(path.join(ROOT, file), 'utf8')).toMatch(new RegExp(`const ${name}\\b[^=]*= new Set\\(\\[`));
    }
  });
});
