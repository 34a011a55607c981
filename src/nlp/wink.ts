/**
 * The one wink-nlp pass per document. The normalize stage runs it and writes the result to
 * `tokens.jsonl`; every later stage reads that table instead of parsing again.
 *
 * The model is loaded lazily, once per process (so once per worker thread).
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { TokenTable, TextSpan } from '../schema.js';

type Wink = ReturnType<typeof winkNLP>;
let nlpInstance: Wink | undefined;

/** The shared wink instance (loads the model on first use). */
export function wink(): Wink {
  nlpInstance ??= winkNLP(model);
  return nlpInstance;
}

export interface WinkAnalysis {
  tokens: TokenTable;
  /** Token index ranges `[first, last]`, inclusive. */
  sentenceTokens: Array<[number, number]>;
  winkEntities: Array<TextSpan & { type: string }>;
}

/**
 * Tokenize, tag and sentence-split `text`, returning character offsets for every token.
 * wink keeps each token's surface in `its.value`, so offsets are found by scanning forward.
 */
export function analyze(text: string): WinkAnalysis {
  const nlp = wink();
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const tokens = doc.tokens();
  const values = tokens.out(its.value) as string[];
  const table: TokenTable = {
    start: new Array<number>(values.length),
    end: new Array<number>(values.length),
    pos: tokens.out(its.pos) as string[],
    lemma: tokens.out(its.lemma as never) as string[],
    type: tokens.out(its.type) as string[],
    negated: (tokens.out(its.negationFlag) as unknown[]).map((f) => f === true),
  };
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    let at = text.indexOf(value, cursor);
    // wink very rarely alters a surface (e.g. normalizes an odd character); fall back to the cursor.
    if (at < 0 || at - cursor > 64) at = cursor;
    table.start[i] = at;
    table.end[i] = Math.min(text.length, at + value.length);
    cursor = table.end[i]!;
  }
  const sentenceTokens = (doc.sentences().out(its.span) as Array<[number, number]>).map(
    ([a, b]) => [a, b] as [number, number],
  );
  const entityTypes = doc.entities().out(its.type) as string[];
  const entitySpans = doc.entities().out(its.span) as Array<[number, number]>;
  const winkEntities = entitySpans.map(([a, b], i) => {
    const start = table.start[a]!;
    const end = table.end[b]!;
    return { start, end, text: text.slice(start, end), type: entityTypes[i]! };
  });
  return { tokens: table, sentenceTokens, winkEntities };
}
