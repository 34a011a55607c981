/**
 * Stage 1, normalize: raw bytes -> one document record (decoded, cleaned, chrome removed,
 * title/author/date, paragraphs, sentences) plus the shared wink token table.
 *
 * Steps, one module each: decode.ts (bytes -> string, encoding detection), clean.ts (characters,
 * lines), chrome.ts (line-shape predicates and the phrase list), metadata.ts (datelines, bylines),
 * layout.ts (chrome / headline / body bounds), assemble.ts (text, paragraphs, sentences).
 */
import type { PipelineConfig } from '../../config.js';
import { SCHEMA_VERSION, type AnalysisRecord, type DocumentRecord, type TokensRecord } from '../../schema.js';
import { wink } from '../../nlp/wink.js';
import { packAnalysis } from '../../nlp/token-table.js';
import { DocumentError, type RawInput, type Stage } from '../../pipeline/stage.js';
import { decodeBytes } from './decode.js';
import { toLines } from './clean.js';
import { defaultPhrases, phrasesDigest } from './chrome.js';
import { analyzeLayout } from './layout.js';
import { assemble } from './assemble.js';
import { pickMetadata } from './pick.js';
import { analyzeText } from './sentences.js';

export interface NormalizeOutput {
  documents: DocumentRecord[];
  tokens: TokensRecord[];
  [key: string]: unknown[];
}

export function normalizeDocument(input: RawInput, config: PipelineConfig): { document: DocumentRecord; analysis: AnalysisRecord } {
  const options = config.stages.normalize;
  const decoded = decodeBytes(input.bytes, input.path);
  const lines = toLines(decoded.text).filter((l) => l.text !== '');
  if (lines.length === 0) throw new DocumentError('input/empty', `${input.path} has no visible text (only whitespace or invisible characters)`);

  const layout = analyzeLayout(lines, defaultPhrases());
  const warnings = [...decoded.warnings];
  if (options.removeChrome && !layout.bodyFound) warnings.push('layout: no sentence-shaped line found; only line-level chrome was removed');
  const meta = options.detectMetadata ? pickMetadata(layout) : null;

  const kept = options.removeChrome ? lines.filter((l) => !layout.chrome.has(l.line)) : lines;
  const removed = options.removeChrome
    ? lines.filter((l) => layout.chrome.has(l.line)).map((l) => ({ line: l.line, text: l.raw, reason: layout.chrome.get(l.line)! }))
    : [];
  if (kept.length === 0) warnings.push('layout: every line looked like site chrome; text is empty (set removeChrome false to keep them)');
  const titleLine = meta?.title != null ? layout.headline!.line : null;
  // Hard-wrapped lines are joined only when chrome is removed: clean-text mode keeps one
  // paragraph per raw line (the contract src/eval/devset.ts relies on).
  const { text, paragraphs } = assemble(kept, titleLine, options.removeChrome ? layout.continuations : new Set(), options.removeChrome && meta ? layout.cuts : undefined);

  // The one wink pass: its sentences (already cut at line breaks) are the document's sentences.
  const wink = analyzeText(text, kept);
  const sentences = wink.sentenceTokens.map(([a, b]) => ({ start: wink.tokens.start[a]!, end: wink.tokens.end[b]! }));
  const document: DocumentRecord = {
    schema: SCHEMA_VERSION,
    id: input.docId,
    source: { path: input.path, sha256: input.sha256, bytes: input.bytes.length, encoding: decoded.encoding },
    title: meta?.title ?? null,
    author: meta?.author ?? null,
    published: meta?.published ?? null,
    ...(meta?.extra ?? { authors: [], updated: null, site: null, dateline: null }),
    text,
    paragraphs,
    sentences,
    removed,
    warnings,
  };
  return { document, analysis: { schema: SCHEMA_VERSION, docId: input.docId, ...wink } };
}

export const normalizeStage: Stage<RawInput> = {
  name: 'normalize',
  version: '1.9.0',
  reads: [],
  writes: ['documents', 'tokens'],
  configSlice: (config) => ({ options: config.stages.normalize, phrases: phrasesDigest() }),
  warm() {
    wink();
    defaultPhrases();
  },
  process(input, config) {
    const { document, analysis } = normalizeDocument(input, config);
    return { documents: [document], tokens: [packAnalysis(analysis)] };
  },
};
