/**
 * The corpus step of the normalize stage: duplicate documents. The first document (in document
 * order) with a given `fingerprint` (fingerprint.ts) is the original; every later one gets
 * `duplicateOf: <the original's id>` on its documents.jsonl record. Nothing is dropped: a
 * duplicate goes through every stage like any document; the stance stage carries the mark onto its
 * records and leaves them out of the actor table (stance/actors.ts), so an article saved twice or
 * republished counts once.
 */
import type { CorpusStepSpec } from '../../pipeline/stage.js';
import type { DocumentRecord } from '../../schema.js';
import type { NormalizeOptions } from './options.js';

export interface DuplicateState {
  /** Fingerprint -> the first document that has it. */
  first: Map<string, string>;
  /** Duplicate document -> its original, in document order. */
  duplicateOf: Map<string, string>;
}

/** Folds one document record (in document order) into the state. */
function addDocument(state: DuplicateState, record: DocumentRecord): void {
  const fp = record.fingerprint;
  if (typeof fp !== 'string') return;
  const original = state.first.get(fp);
  if (original === undefined) state.first.set(fp, record.id);
  else state.duplicateOf.set(record.id, original);
}

/**
 * Duplicates among documents given in document order (pure; for tests and tools): duplicate id ->
 * original id. Documents without a fingerprint are never duplicates.
 */
export function findDuplicates(records: Iterable<DocumentRecord>): Map<string, string> {
  const state: DuplicateState = { first: new Map(), duplicateOf: new Map() };
  for (const r of records) addDocument(state, r);
  return state.duplicateOf;
}

export const duplicatesStep: CorpusStepSpec<'documents', DuplicateState, Map<string, string>, NormalizeOptions> = {
  artifact: 'documents',
  init: () => ({ first: new Map(), duplicateOf: new Map() }),
  // Only documents with a fingerprint take part (records are serialized with JSON.stringify; a
  // quotation mark inside a string value is escaped, so the key's bytes cannot occur in the text).
  select: '"fingerprint":"',
  add: addDocument,
  // Kept between runs (pipeline/corpus-step.ts): originals as [fingerprint, id], duplicates as
  // [null, id, original], in fold order; a restored state and one folded from scratch are the same.
  *save(state) {
    for (const [fp, id] of state.first) yield [fp, id];
    for (const [id, original] of state.duplicateOf) yield [null, id, original];
  },
  restore(entries) {
    const state: DuplicateState = { first: new Map(), duplicateOf: new Map() };
    for (const [fp, id, original] of entries as Array<[string | null, string, string?]>) {
      if (fp !== null) state.first.set(fp, id);
      else state.duplicateOf.set(id, original!);
    }
    return state;
  },
  plan: (state) => state.duplicateOf,
  touches: (plan, docId) => plan.has(docId),
  digest: (plan, docId) => plan.get(docId) ?? '',
  rewrite: (plan, docId, records) => {
    const original = plan.get(docId);
    return original === undefined ? records : records.map((r) => ({ ...r, duplicateOf: original }));
  },
};
