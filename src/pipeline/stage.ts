/**
 * The one shape every stage has: `defineStage({name, version, reads, writes, options, load,
 * process, corpus})`. A stage is data plus pure functions; the pipeline does all I/O (reading
 * artifacts, caching, writing) and calls `process` once per document, in a worker thread or in
 * memory. The pipeline never imports a stage: it is handed the list (src/stages/index.ts).
 *
 * - `reads` is `'raw'` (the input files) or the artifacts of earlier stages; each one read is a
 *   required field of the input `process` gets (the pipeline sets a document aside with
 *   `input/missing` rather than call `process` without it).
 * - `options` is a zod schema and the part of the config it parses: the parsed value is what
 *   `process` (and the corpus step's `plan`) receive and what the cache key hashes.
 * - `data` lists the data files (under data/, see io/data.ts) the stage's resources are built
 *   from, and `load()` builds them (word lists, gazetteers, lexicons) once per thread, in the
 *   workers before their first document. The resources' `digest`, a hash of those files, is part
 *   of the cache key: the main thread computes it from the files without building anything.
 */
import type { z } from 'zod';
import type { PipelineConfig } from '../config.js';
import { DiagnosticError, type Report } from '../diagnostic.js';
import { dataDigest } from '../io/data.js';
import { unpackAnalysis } from '../nlp/token-table.js';
import { ARTIFACTS, type ActorRecord, type AnalysisRecord, type ArtifactName, type ArtifactRecords, type DocumentRecord, type EntityRecord, type QuoteRecord, type StanceRecord, type TokensRecord } from '../schema.js';

export const STAGE_NAMES = ['normalize', 'entities', 'quotes', 'stance'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/** What a stage reading the raw files gets: one file's bytes. */
export interface RawInput {
  docId: string;
  /** Path relative to the input dir. */
  path: string;
  bytes: Uint8Array;
  sha256: string;
  /** Absolute path (the runner re-reads the file when it dispatches it). */
  absPath?: string;
}

/** A stage reads the raw input files, or artifacts written by earlier stages. */
export type Reads = 'raw' | readonly ArtifactName[];

/** The value `process` gets for each artifact read: one record, or the document's records. */
interface ReadShapes {
  documents: DocumentRecord;
  tokens: AnalysisRecord;
  entities: EntityRecord[];
  quotes: QuoteRecord[];
  stances: StanceRecord[];
  actors: ActorRecord[];
}
/** The field of the bundle each artifact fills. */
const BUNDLE_FIELD = { documents: 'document', tokens: 'tokens', entities: 'entities', quotes: 'quotes', stances: 'stances', actors: 'actors' } as const;
/** Artifacts holding one record per document (the others hold a list). */
const SINGLE_RECORD: ReadonlySet<ArtifactName> = new Set<ArtifactName>(['documents', 'tokens']);

/** One document's records of the artifacts `R`, every one present. */
export type Bundle<R extends readonly ArtifactName[]> = { docId: string } & { [A in R[number] as (typeof BUNDLE_FIELD)[A]]: ReadShapes[A] };

/** What `process` gets for `reads: R`. */
export type InputOf<R extends Reads> = R extends readonly ArtifactName[] ? Bundle<R> : RawInput;

/** A stage's records for one document, by artifact. */
export type StageOutput = { [K in ArtifactName]?: ArtifactRecords[K][] };
/** The output of a stage writing `W`. */
export type OutputOf<W extends readonly ArtifactName[]> = { [K in W[number]]?: ArtifactRecords[K][] };

/** A stage's resources as `process` gets them: what `load()` built, with the digest of `data`. */
export type Resources<T = object> = T & {
  /** Changes whenever a data file changes (part of every cache key). */
  digest: string;
};

export interface StageContext<Res> {
  resources: Resources<Res>;
  /** Emit a diagnostic (a `warning` is logged; an `error` is listed in errors.jsonl). */
  report: Report;
}

/**
 * A corpus-level step that runs after every document went through `process`: fold over the
 * per-document records of `artifact` (streamed), then rewrite each document's records and
 * optionally emit corpus-wide records (the actor table). Memory is bounded by the fold's state.
 */
export interface CorpusStepSpec<A extends ArtifactName, State, Plan, O> {
  /** The artifact folded over and rewritten. */
  artifact: A;
  init(): State;
  /**
   * A JSON fragment a line must contain to matter to `add` (`"type":"PERSON"`): a byte filter
   * that spares parsing the other lines. Default: every line.
   */
  select?: string;
  add(state: State, record: ArtifactRecords[A]): void;
  plan(state: State, options: O): Plan;
  /** One document's records, rewritten with the plan (ids merged, say). */
  rewrite?(plan: Plan, docId: string, records: ArtifactRecords[A][]): ArtifactRecords[A][];
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
  /**
   * The fold's state as JSON values, one per entry (`save`, written one line each), and back
   * (`restore`, given them in order). With both, the state is kept between runs
   * (cache/<artifact>.fold.json) and a run folds only the documents after those already folded,
   * when those are unchanged (pipeline/corpus-step.ts): `add` must give the same state whether the
   * earlier documents were added in this run or restored.
   */
  save?(state: State): Iterable<unknown>;
  restore?(entries: unknown[]): State;
}

export interface StageSpec<R extends Reads, W extends readonly ArtifactName[], O, Res> {
  name: StageName;
  /** Bump when the stage's output changes for the same input: it invalidates cached results. */
  version: string;
  reads: R;
  writes: W;
  /** The stage's options: a zod schema and the part of the config it parses. */
  options: { schema: z.ZodType<O>; from(config: PipelineConfig): unknown };
  /**
   * The data `load` (and the stage's modules) read: paths under data/, a folder ending in `/`
   * standing for every file in it. Their digest is part of the cache key.
   */
  data: readonly string[];
  /** Builds the stage's resources from `data` (once per thread, before the first document). */
  load(): Res;
  /** Pure: one document in, its records out. Throw DiagnosticError to set the document aside. */
  process(input: InputOf<R>, options: O, context: StageContext<Res>): OutputOf<W>;
}

/** A corpus step bound to a run's options (what the pipeline drives). */
export interface CorpusRun {
  add(record: unknown): void;
  /** The fold's state as JSON values, one per entry, when the step can keep it between runs. */
  save?(): Iterable<unknown>;
  /** Ends the fold: the plan's operations. */
  plan(): CorpusPlan;
}
export interface CorpusPlan {
  rewrite?(docId: string, records: unknown[]): unknown[];
  touches(docId: string): boolean;
  digest?(docId: string): string;
  emit(): StageOutput;
}

/** A stage as the pipeline sees it: the spec's types closed over, nothing to cast. */
export interface Stage {
  readonly name: StageName;
  readonly version: string;
  readonly reads: Reads;
  readonly writes: readonly ArtifactName[];
  /** The parsed options for this config (throws a zod error when they do not parse). */
  options(config: PipelineConfig): unknown;
  /** The data files and folders (paths under data/, folders ending in `/`) it reads. */
  readonly data: readonly string[];
  /** The digest of the stage's data files (cheap: hashes the files, builds nothing). */
  digest(): string;
  /** The resources, loaded on first call. */
  resources(): Resources;
  /**
   * One document: `input` is the raw file (reads `'raw'`) or the document's records by artifact
   * (a missing single record throws `input/missing`). Output records are in contract order.
   */
  run(input: StageInput, config: PipelineConfig, report: Report): StageOutput;
  readonly corpus?: {
    readonly artifact: ArtifactName;
    readonly select?: string;
    readonly emits: boolean;
    /** Whether the fold's state can be kept between runs (CorpusRun.save, `start(config, saved)`). */
    readonly resumable: boolean;
    /** A fold, from nothing or from a state `save` gave (throws when that does not restore). */
    start(config: PipelineConfig, saved?: unknown[]): CorpusRun;
  };
}

/** One document's records of each artifact. */
export type RecordsByArtifact = { [K in ArtifactName]?: ArtifactRecords[K][] };

/** What `Stage.run` takes: the raw file, or one document's records by artifact. */
export type StageInput = { raw: RawInput } | { docId: string; records: RecordsByArtifact };

/**
 * Defines a stage. The spec's types (reads, writes, options, resources, corpus state and plan)
 * are checked here and closed over in the returned `Stage`, so the pipeline handles every stage
 * alike without casts. Options are parsed once per config object; resources loaded once.
 */
export function defineStage<const R extends Reads, const W extends readonly ArtifactName[], O, Res extends object, A extends ArtifactName = never, State = never, Plan = never>(
  spec: StageSpec<R, W, O, Res> & { corpus?: CorpusStepSpec<A, State, Plan, NoInfer<O>> },
): Stage {
  const parsed = new WeakMap<PipelineConfig, O>();
  const options = (config: PipelineConfig): O => {
    if (!parsed.has(config)) parsed.set(config, spec.options.schema.parse(spec.options.from(config)));
    return parsed.get(config) as O;
  };
  let digest: string | undefined;
  const digestOf = (): string => (digest ??= dataDigest(spec.data));
  let resources: Resources<Res> | undefined;
  const load = (): Resources<Res> => (resources ??= { ...spec.load(), digest: digestOf() });
  const step = spec.corpus;
  return {
    name: spec.name,
    version: spec.version,
    reads: spec.reads,
    writes: spec.writes,
    options,
    data: spec.data,
    digest: digestOf,
    resources: load,
    run(input, config, report) {
      // The one place the declared reads meet the typed input: `reads` decides the shape.
      const value = 'raw' in input ? input.raw : bundleOf(input.docId, input.records, spec.reads === 'raw' ? [] : spec.reads);
      return spec.process(value as InputOf<R>, options(config), { resources: load(), report });
    },
    ...(step
      ? {
          corpus: {
            artifact: step.artifact,
            ...(step.select !== undefined ? { select: step.select } : {}),
            emits: step.emit !== undefined,
            resumable: step.save !== undefined && step.restore !== undefined,
            start(config: PipelineConfig, saved?: unknown[]): CorpusRun {
              const state = saved !== undefined && step.restore ? step.restore(saved) : step.init();
              const o = options(config);
              const { save } = step;
              return {
                // Records come from the stage's own artifact lines (parsed JSON).
                add: (record) => step.add(state, record as ArtifactRecords[A]),
                ...(save ? { save: () => save(state) } : {}),
                plan(): CorpusPlan {
                  const plan = step.plan(state, o);
                  const { rewrite, digest } = step;
                  return {
                    ...(rewrite ? { rewrite: (docId: string, records: unknown[]) => rewrite(plan, docId, records as ArtifactRecords[A][]) } : {}),
                    touches: (docId) => step.touches?.(plan, docId) ?? true,
                    ...(digest ? { digest: (docId: string) => digest(plan, docId) } : {}),
                    emit: () => step.emit?.(plan) ?? {},
                  };
                },
              };
            },
          },
        }
      : {}),
  };
}

/** The bundle of `reads` for one document: each single-record artifact must have its record. */
function bundleOf(docId: string, records: RecordsByArtifact, reads: readonly ArtifactName[]): Record<string, unknown> {
  const bundle: Record<string, unknown> = { docId };
  for (const name of reads) {
    const list: unknown[] = records[name] ?? [];
    if (!SINGLE_RECORD.has(name)) {
      bundle[BUNDLE_FIELD[name]] = list;
      continue;
    }
    const first = list[0];
    if (first === undefined) throw new DiagnosticError('input/missing', `${docId}: no record in ${ARTIFACTS[name].file}`);
    // The token table is stored packed (see nlp/token-table.ts).
    bundle[BUNDLE_FIELD[name]] = name === 'tokens' ? unpackAnalysis(first as TokensRecord) : first;
  }
  return bundle;
}

/** The artifacts a stage writes per document (a corpus step that emits writes the others whole). */
export function perDocumentArtifacts(stage: Stage): ArtifactName[] {
  return stage.writes.filter((w) => !stage.corpus?.emits || w === stage.corpus.artifact);
}
