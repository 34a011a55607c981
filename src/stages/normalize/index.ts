/**
 * Stage 1, normalize: raw bytes -> one document record (decoded, cleaned, chrome removed,
 * title/author/date, paragraphs, sentences) plus the shared wink token table.
 */
import type { PipelineConfig } from '../../config.js';
import { SCHEMA_VERSION, type AnalysisRecord, type DocumentRecord } from '../../schema.js';
import { analyze } from '../../nlp/wink.js';
import { DocumentError, type RawInput, type Stage } from '../../pipeline/stage.js';

export interface NormalizeOutput {
  documents: DocumentRecord[];
  tokens: AnalysisRecord[];
  [key: string]: unknown[];
}

/** Placeholder normalize: UTF-8 only, one paragraph per non-blank line. Being replaced. */
export function normalizeDocument(input: RawInput, config: PipelineConfig): { document: DocumentRecord; analysis: AnalysisRecord } {
  if (input.bytes.length === 0) throw new DocumentError('input/empty', `${input.path} is empty`);
  const raw = new TextDecoder('utf-8').decode(input.bytes).replace(/\r\n?/g, '\n');
  const lines = raw.split('\n');
  const paragraphs: DocumentRecord['paragraphs'] = [];
  let text = '';
  lines.forEach((line, i) => {
    const clean = line.replace(/\s+/g, ' ').trim();
    if (!clean) return;
    if (text) text += '\n\n';
    paragraphs.push({ start: text.length, end: text.length + clean.length, line: i + 1, kind: 'body' });
    text += clean;
  });
  const wink = analyze(text);
  const sentences = wink.sentenceTokens.map(([a, b]) => ({ start: wink.tokens.start[a]!, end: wink.tokens.end[b]! }));
  void config;
  const document: DocumentRecord = {
    schema: SCHEMA_VERSION,
    id: input.docId,
    source: { path: input.path, sha256: input.sha256, bytes: input.bytes.length, encoding: 'utf-8' },
    title: null,
    author: null,
    published: null,
    text,
    paragraphs,
    sentences,
    removed: [],
    warnings: [],
  };
  return { document, analysis: { schema: SCHEMA_VERSION, docId: input.docId, ...wink } };
}

export const normalizeStage: Stage<RawInput> = {
  name: 'normalize',
  version: '0.1.0',
  reads: [],
  writes: ['documents', 'tokens'],
  configSlice: (config) => config.stages.normalize,
  process(input, config) {
    const { document, analysis } = normalizeDocument(input, config);
    return { documents: [document], tokens: [analysis] };
  },
};
