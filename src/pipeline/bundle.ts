/** Turning one document's records of each artifact into the input a stage's `process` takes. */
import type { ArtifactName, ArtifactRecords } from '../schema.js';
import { unpackAnalysis } from '../nlp/token-table.js';
import type { DocumentBundle } from './stage.js';

export type RecordsByArtifact = { [K in ArtifactName]?: ArtifactRecords[K][] };

export function makeBundle(docId: string, records: RecordsByArtifact): DocumentBundle {
  const bundle: DocumentBundle = { docId };
  if (records.documents) bundle.document = records.documents[0];
  // The token table is stored packed (see nlp/token-table.ts).
  if (records.tokens?.[0]) bundle.tokens = unpackAnalysis(records.tokens[0]);
  if (records.entities) bundle.entities = records.entities;
  if (records.quotes) bundle.quotes = records.quotes;
  if (records.stances) bundle.stances = records.stances;
  return bundle;
}

/** Contract order inside one document: by `start` when records have one (stable otherwise). */
export function sortDocumentRecords<T>(records: T[]): T[] {
  const withStart = records.every((r) => typeof (r as { start?: unknown }).start === 'number');
  if (!withStart) return records;
  return records
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r as { start: number }).start - (b.r as { start: number }).start || a.i - b.i)
    .map((x) => x.r);
}
