import { parseConfig } from '../../src/config.js';
import { runInProcess, rawInputFromText } from '../../src/pipeline/inprocess.js';
import { normalizeStage } from '../../src/stages/normalize/index.js';
import { quotesStage } from '../../src/stages/quotes/index.js';
import type { AnalysisRecord, DocumentRecord, QuoteRecord, TokensRecord } from '../../src/schema.js';
import { unpackAnalysis } from '../../src/nlp/token-table.js';

export const config = parseConfig({
  proposal: { name: 'test proposal' },
  stages: { normalize: { removeChrome: false, detectMetadata: false } },
});

/** normalize -> quotes on one text (the entities stage is left out: linking is tested with hand-built records). */
export function quotesOf(text: string, docId = 'doc'): { quotes: QuoteRecord[]; document: DocumentRecord; tokens: AnalysisRecord } {
  const { artifacts, errors } = runInProcess([rawInputFromText(docId, text)], config, [normalizeStage, quotesStage]);
  if (errors.length) throw new Error(JSON.stringify(errors));
  const document = (artifacts.documents as DocumentRecord[])[0]!;
  return {
    quotes: artifacts.quotes as QuoteRecord[],
    document,
    tokens: unpackAnalysis((artifacts.tokens as TokensRecord[])[0]!),
  };
}

/** The reported-speech (indirect) quotes of one text, normalize -> quotes. */
export function indirectQuotesOf(text: string): QuoteRecord[] {
  return quotesOf(text).quotes.filter((q) => q.kind === 'indirect');
}
