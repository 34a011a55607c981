/**
 * The one shape every stage has. A stage is data plus pure functions: the runner does all I/O
 * (reading artifacts, caching, writing), and calls `process` once per document, in a worker thread.
 */
import type { PipelineConfig } from '../config.js';
import type { ArtifactName, ArtifactRecords, AnalysisRecord, DocumentRecord, EntityRecord, QuoteRecord, StanceRecord } from '../schema.js';

export const STAGE_NAMES = ['normalize', 'entities', 'quotes', 'stance'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/** What the normalize stage gets: one raw file's bytes. */
export interface RawInput {
  docId: string;
  /** Path relative to the input dir. */
  path: string;
  bytes: Uint8Array;
  sha256: string;
  /** Absolute path (the runner re-reads the file when it dispatches it). */
  absPath?: string;
}

/** What a later stage gets for one document: the records of each artifact it reads. */
export interface DocumentBundle {
  docId: string;
  document?: DocumentRecord;
  tokens?: AnalysisRecord;
  entities?: EntityRecord[];
  quotes?: QuoteRecord[];
  stances?: StanceRecord[];
}

/** A stage's records for one document, by artifact. */
export type StageOutput = { [K in ArtifactName]?: ArtifactRecords[K][] };

/**
 * A failure that belongs to one document (bad encoding, empty file...): the document is set aside
 * with this code and message in errors.jsonl, the run goes on.
 */
export class DocumentError extends Error {
  constructor(
    /** Stable code, `area/what` (`decode/binary`, `input/empty`). */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DocumentError';
  }
}

/**
 * A corpus-level step that runs after every document went through `process`: fold over the
 * per-document records (streamed), then rewrite each document's records and optionally emit
 * corpus-wide records (the actor table). Keeps memory bounded by the fold's own state.
 */
export interface CorpusStep<State, Plan> {
  /** The artifact folded over and rewritten. */
  artifact: ArtifactName;
  init(): State;
  /**
   * A JSON fragment a line must contain to matter to `add` (`"type":"PERSON"`): a byte filter
   * that spares parsing the other lines. Default: every line.
   */
  select?: string;
  add(state: State, record: unknown): void;
  plan(state: State, config: PipelineConfig): Plan;
  /** One document's records, rewritten with the plan (ids merged, say). */
  rewrite?(plan: Plan, docId: string, records: unknown[]): unknown[];
  /** Whether `rewrite` can change this document's records (default: yes); others are copied as they are. */
  touches?(plan: Plan, docId: string): boolean;
  /**
   * A string that changes whenever the part of the plan `rewrite` uses for this document changes.
   * With it, a document whose records and digest are those of the previous run gets its previous
   * rewrite copied instead of redone (what keeps an incremental run short).
   */
  digest?(plan: Plan, docId: string): string;
  /** Corpus-wide records to write, by artifact. */
  emit?(plan: Plan): StageOutput;
}

export interface Stage<In, Out extends StageOutput = StageOutput> {
  name: StageName;
  /** Bump when the stage's output changes for the same input: it invalidates cached results. */
  version: string;
  /** Artifacts read, per document ([] = the raw input files). */
  reads: readonly ArtifactName[];
  /** Artifacts written. */
  writes: readonly ArtifactName[];
  /** The part of the config this stage's output depends on (part of every cache key). */
  configSlice(config: PipelineConfig): unknown;
  /** Pure: one document in, its records out. Throw DocumentError to set the document aside. */
  process(input: In, config: PipelineConfig): Out;
  /** Load what `process` builds lazily (model, gazetteers), so workers can do it before the first document. */
  warm?(): void;
  corpus?: CorpusStep<any, any>;
}

export type AnyStage = Stage<RawInput, StageOutput> | Stage<DocumentBundle, StageOutput>;

/** The artifacts a stage writes per document (a corpus step that emits writes the others whole). */
export function perDocumentArtifacts(stage: AnyStage): ArtifactName[] {
  return stage.writes.filter((w) => !stage.corpus?.emit || w === stage.corpus.artifact);
}
