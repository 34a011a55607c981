/**
 * Stage 1, normalize: raw bytes -> one document record (decoded, cleaned, chrome removed,
 * title/author/date, paragraphs, sentences) plus the shared wink token table.
 *
 * Steps, one module each: decode.ts (bytes -> string, encoding detection), clean.ts (characters,
 * lines), chrome.ts (line-shape predicates and the phrase list), metadata.ts (datelines, bylines),
 * layout.ts (chrome / headline / body bounds), assemble.ts (text, paragraphs, sentences),
 * fingerprint.ts (the body's content fingerprint). Corpus step: duplicates.ts (`duplicateOf`).
 */
import type { PipelineConfig } from '../../config.js';
import { DiagnosticError } from '../../diagnostic.js';
import { SCHEMA_VERSION, type AnalysisRecord, type DocumentRecord } from '../../schema.js';
import { wink } from '../../nlp/wink.js';
import { packAnalysis } from '../../nlp/token-table.js';
import { defineStage, type RawInput } from '../../pipeline/stage.js';
import { decodeBytes } from './decode.js';
import { duplicatesStep } from './duplicates.js';
import { contentFingerprint } from './fingerprint.js';
import { toLines } from './clean.js';
import { defaultPhrases, type PhraseList } from './chrome.js';
import { analyzeLayout } from './layout.js';
import { assemble } from './assemble.js';
import { NormalizeOptions } from './options.js';
import { pickMetadata } from './pick.js';
import { analyzeText } from './sentences.js';

/** `normalizeWith` with the options of a whole config (tests, tools). */
export function normalizeDocument(input: RawInput, config: PipelineConfig): { document: DocumentRecord; analysis: AnalysisRecord } {
  return normalizeWith(input, config.stages.normalize);
}

/**
 * One raw file -> its document record and wink analysis. Throws DiagnosticError `input/empty`
 * (no visible text) or a `decode/...` code (see decode.ts). Fallbacks worth knowing about are in
 * the record's `warnings` (strings, the contract's field).
 */
export function normalizeWith(input: RawInput, options: NormalizeOptions, phrases: PhraseList = defaultPhrases()): { document: DocumentRecord; analysis: AnalysisRecord } {
  const decoded = decodeBytes(input.bytes, input.path);
  const lines = toLines(decoded.text).filter((l) => l.text !== '');
  if (lines.length === 0) throw new DiagnosticError('input/empty', `${input.path} has no visible text (only whitespace or invisible characters)`);

  const layout = analyzeLayout(lines, phrases);
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
    fingerprint: contentFingerprint(text, paragraphs),
  };
  return { document, analysis: { schema: SCHEMA_VERSION, docId: input.docId, ...wink } };
}

export const normalizeStage = defineStage({
  name: 'normalize',
  version: '1.10.1',
  reads: 'raw',
  writes: ['documents', 'tokens'],
  options: { schema: NormalizeOptions, from: (config) => config.stages.normalize },
  // sentences.ts also reads three of the entity stage's word lists.
  data: ['normalize/', 'entities/common-words.txt', 'entities/org-heads.txt', 'entities/titles.txt'],
  load: () => ({ phrases: defaultPhrases(), wink: wink() }),
  process(input, options, { resources, report }) {
    const { document, analysis } = normalizeWith(input, options, resources.phrases);
    for (const message of document.warnings) report({ severity: 'warning', code: 'normalize/fallback', message });
    return { documents: [document], tokens: [packAnalysis(analysis)] };
  },
  // Marks later copies of an article (same body fingerprint) with `duplicateOf`.
  corpus: duplicatesStep,
});
