/**
 * The quotes stage's sentence ranges: the shared view's, with wire copy's false cuts after a dotted
 * abbreviation joined. Wire copy capitalizes the word after `U.S.` (`the U.S. Market`, `U.S. And
 * Japan`) and the tokenizer ends the sentence there; a reported clause would stop mid-way.
 */
import type { DocView } from '../../nlp/doc-view.js';
import { wordList } from './lexicon.js';

/**
 * The view with two sentences of one paragraph joined when the first ends on a dotted abbreviation
 * (`U.S.`) and the second opens with a common word that is no sentence opener (src/data/quotes/
 * sentence-openers.txt). Returns a new view object; the token columns are shared.
 */
export function joinAbbreviationSplits(v: DocView): DocView {
  const common = wordList('entities/common-words');
  const openers = wordList('sentence-openers');
  const out: Array<readonly [number, number]> = [];
  let joined = false;
  for (const s of v.sentences) {
    const prev = out[out.length - 1];
    if (prev && prev[1] + 1 === s[0] && /^(?:\p{Lu}\.){2,}$/u.test(v.word[prev[1]] ?? '') && !/\n/.test(v.text.slice(v.end[prev[1]]!, v.start[s[0]]!))) {
      const first = (v.word[s[0]] ?? '').toLowerCase();
      if (/^\p{Lu}\p{Ll}/u.test(v.word[s[0]] ?? '') && common.has(first) && !openers.has(first)) {
        out[out.length - 1] = [prev[0], s[1]];
        joined = true;
        continue;
      }
    }
    out.push(s);
  }
  if (!joined) return v;
  const sentenceOf = new Int32Array(v.word.length).fill(-1);
  out.forEach(([a, b], i) => {
    for (let k = a; k <= b && k < sentenceOf.length; k++) sentenceOf[k] = i;
  });
  return { ...v, sentences: out, sentenceOf };
}
