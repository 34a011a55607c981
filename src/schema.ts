/**
 * The artifact contract (see docs/ARTIFACTS.md and ../shared/spec/ARTIFACTS.md), as zod schemas.
 *
 * Every record type in the project is derived from here, so the validator that checks a JSONL
 * line on read and the TypeScript type a stage works with can never drift apart.
 *
 * Offsets everywhere are JavaScript string indices (UTF-16 code units) into the normalized `text`
 * of the document, `end` exclusive: `text.slice(start, end)` is the surface. Line numbers are 1-based.
 */
import { z } from 'zod';

export const SCHEMA_VERSION = 1 as const;

/** A half-open span `[start, end)` in UTF-16 code units of the normalized text. */
export const Span = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Span = z.infer<typeof Span>;

export const TextSpan = Span.extend({ text: z.string() });
export type TextSpan = z.infer<typeof TextSpan>;

// ---------------------------------------------------------------------------------------------
// documents.jsonl (stage: normalize)

export const ParagraphKind = z.enum(['title', 'body']);

export const DocumentRecord = z.object({
  schema: z.literal(SCHEMA_VERSION),
  id: z.string().min(1),
  source: z.object({
    path: z.string(),
    sha256: z.string(),
    bytes: z.number().int().nonnegative(),
    encoding: z.string(),
  }),
  title: z.string().nullable(),
  author: z.string().nullable(),
  published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  /** Every byline author with the role written after the name (normalize 1.9+; `author` joins the names). */
  authors: z.array(z.object({ name: z.string(), role: z.string().nullable() })).optional(),
  /** Date of the last update, when a dateline states one apart from the published date. */
  updated: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().optional(),
  /** Site name cut off the headline (" | Site"). */
  site: z.string().nullable().optional(),
  /** Wire dateline opening the body's first line (cut from `text` when removeChrome is on): raw line, text as written, place, date (null without a year). */
  dateline: z
    .object({ line: z.number().int().positive(), text: z.string(), length: z.number().int(), place: z.string(), date: z.string().nullable(), dateText: z.string().nullable() })
    .nullable()
    .optional(),
  text: z.string(),
  paragraphs: z.array(Span.extend({ line: z.number().int().positive(), kind: ParagraphKind })),
  sentences: z.array(Span),
  removed: z.array(z.object({ line: z.number().int().positive(), text: z.string(), reason: z.string() })),
  warnings: z.array(z.string()),
  /**
   * Content fingerprint of the body (normalize 1.10+; stages/normalize/fingerprint.ts): sha256 hex
   * of its letters and digits, case-, space-, punctuation- and accent-insensitive, title left out;
   * null for a body under 200 letters and digits.
   */
  fingerprint: z.string().nullable().optional(),
  /** The first document (in document order) with the same `fingerprint`, on its later copies only (normalize's corpus step). */
  duplicateOf: z.string().optional(),
});
export type DocumentRecord = z.infer<typeof DocumentRecord>;

// ---------------------------------------------------------------------------------------------
// tokens.jsonl (stage: normalize): the one wink pass per document, shared by every later stage.
// Stored packed (see nlp/token-table.ts): every later stage parses this file, so its size is
// parse time paid three times per document. In memory the stages see the plain columns.

export const TokenTable = z.object({
  start: z.array(z.number().int()),
  end: z.array(z.number().int()),
  /** Universal POS tag from wink (`PROPN`, `VERB`, ...). */
  pos: z.array(z.string()),
  /** wink lemma (lower-cased for most words). */
  lemma: z.array(z.string()),
  /** wink token type: `word`, `punctuation`, `number`, `symbol`, `currency`, `email`, `url`, ... */
  type: z.array(z.string()),
  /** wink's negation flag (true inside the scope of a negation). */
  negated: z.array(z.boolean()),
});
export type TokenTable = z.infer<typeof TokenTable>;

/** A string column: its values joined by single spaces, or the plain array when a value holds a space. */
const PackedColumn = z.union([z.string(), z.array(z.string())]);

/** The token table as `tokens.jsonl` stores it. */
export const PackedTokenTable = z.object({
  /** Tokens in the table. */
  count: z.number().int().nonnegative(),
  /** Per token, `[gap, length]` flattened: start = previous token's end + gap (the first: gap from 0). */
  offsets: z.array(z.number().int().nonnegative()),
  pos: PackedColumn,
  lemma: PackedColumn,
  type: PackedColumn,
  /** Indexes of the tokens wink flags as negated. */
  negated: z.array(z.number().int().nonnegative()),
});
export type PackedTokenTable = z.infer<typeof PackedTokenTable>;

const analysisFields = {
  schema: z.literal(SCHEMA_VERSION),
  docId: z.string(),
  /** Sentences as token index ranges `[first, last]` (inclusive, as wink gives them). */
  sentenceTokens: z.array(z.tuple([z.number().int(), z.number().int()])),
  /** wink's own entities (DATE, CARDINAL, PERCENT, MONEY, ...), as character spans. */
  winkEntities: z.array(TextSpan.extend({ type: z.string() })),
};

/** One document's wink pass as the stages use it (columns unpacked). */
export const AnalysisRecord = z.object({ ...analysisFields, tokens: TokenTable });
export type AnalysisRecord = z.infer<typeof AnalysisRecord>;

/** One line of `tokens.jsonl`. */
export const TokensRecord = z.object({ ...analysisFields, tokens: PackedTokenTable });
export type TokensRecord = z.infer<typeof TokensRecord>;

// ---------------------------------------------------------------------------------------------
// entities.jsonl (stage: entities)

export const NAMED_ENTITY_TYPES = ['PERSON', 'ORG', 'GPE', 'LOC', 'NORP'] as const;

export const EntityRecord = z.object({
  docId: z.string(),
  id: z.string().regex(/^[A-Z_]+:.+$/),
  name: z.string(),
  /** PERSON, ORG, GPE, LOC, NORP, or a wink numeric/date type (DATE, CARDINAL, PERCENT, MONEY, ...). */
  type: z.string(),
  mentions: z.array(TextSpan),
  titles: z.array(z.string()),
  /** NORP only: the country (GPE id) a nationality/demonym belongs to (`Chinese` -> `GPE:china`). */
  country: z.string().optional(),
  /** Cross-document merges into this id, each with its reason (for audit). */
  mergedFrom: z.array(z.object({ id: z.string(), name: z.string(), reason: z.string() })).optional(),
});
export type EntityRecord = z.infer<typeof EntityRecord>;

// ---------------------------------------------------------------------------------------------
// quotes.jsonl (stage: quotes)

export const SpeakerResolution = z.enum(['explicit', 'pronoun', 'descriptor', 'none']);

export const QuoteRecord = z.object({
  docId: z.string(),
  id: z.string(),
  kind: z.enum(['direct', 'indirect']),
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  cue: TextSpan.nullable(),
  speaker: z.object({
    name: z.string().nullable(),
    entityId: z.string().nullable(),
    text: z.string().nullable(),
    start: z.number().int().nullable(),
    end: z.number().int().nullable(),
    resolution: SpeakerResolution,
    /** The speaker-resolution rule that decided (`entity-link`, `pronoun-nearest-person`, ...). */
    rule: z.string().optional(),
  }),
  confidence: z.number().min(0).max(1),
  /** The attribution rule (frame pattern) that made the record (`quote-speaker-cue`, `according-content`, ...). */
  rule: z.string().optional(),
  /** What is reported: `speech`, `thought`, `intention`, `action`, `state`, `question`, `headline`. */
  act: z.enum(['speech', 'thought', 'intention', 'action', 'state', 'question', 'headline']).optional(),
  /** Fragments of one attribution (`"A," she said. "B."`, a quote continued over paragraphs) share a group: the id of the first fragment. */
  group: z.string().optional(),
  /** The id of the fragment this one continues. */
  continues: z.string().optional(),
  /** A direct quote whose closing mark is missing (runs to the end of its paragraph). */
  unterminated: z.boolean().optional(),
});
export type QuoteRecord = z.infer<typeof QuoteRecord>;

// ---------------------------------------------------------------------------------------------
// stances.jsonl and actors.jsonl (stage: stance)

export const StanceLabel = z.enum(['support', 'oppose', 'neutral']);
export type StanceLabel = z.infer<typeof StanceLabel>;

export const StanceRecord = z.object({
  docId: z.string(),
  holder: z.object({ entityId: z.string(), name: z.string() }).nullable(),
  target: z.string(),
  label: StanceLabel,
  score: z.number().min(-1).max(1),
  evidence: z.array(TextSpan.extend({ score: z.number(), quoteId: z.string().optional() })),
  /** The document's `duplicateOf` (stance 1.3+): the record is kept but left out of actors.jsonl. */
  duplicateOf: z.string().optional(),
});
export type StanceRecord = z.infer<typeof StanceRecord>;

export const ActorRecord = z.object({
  entityId: z.string(),
  name: z.string(),
  type: z.string(),
  target: z.string(),
  documents: z.number().int().nonnegative(),
  label: StanceLabel,
  score: z.number().min(-1).max(1),
  counts: z.object({ support: z.number().int(), oppose: z.number().int(), neutral: z.number().int() }),
});
export type ActorRecord = z.infer<typeof ActorRecord>;

// ---------------------------------------------------------------------------------------------
// errors.jsonl

export const ErrorRecord = z.object({
  stage: z.string(),
  docId: z.string().optional(),
  path: z.string().optional(),
  line: z.number().int().positive().optional(),
  /** A stable rule-like code (`decode/binary`, `input/empty`, `jsonl/malformed`, ...). */
  error: z.string(),
  message: z.string(),
  /** Addition: the same code as `error` (the name diagnostics use everywhere else). */
  code: z.string().optional(),
  /** Addition: `error` (set aside) or `warning`. */
  severity: z.enum(['error', 'warning']).optional(),
});
export type ErrorRecord = z.infer<typeof ErrorRecord>;

/** Every artifact file a stage can read or write, with the schema of one of its lines. */
export const ARTIFACTS = {
  documents: { file: 'documents.jsonl', schema: DocumentRecord },
  tokens: { file: 'tokens.jsonl', schema: TokensRecord },
  entities: { file: 'entities.jsonl', schema: EntityRecord },
  quotes: { file: 'quotes.jsonl', schema: QuoteRecord },
  stances: { file: 'stances.jsonl', schema: StanceRecord },
  actors: { file: 'actors.jsonl', schema: ActorRecord },
} as const;
export type ArtifactName = keyof typeof ARTIFACTS;

/** Record type of each artifact. */
export interface ArtifactRecords {
  documents: DocumentRecord;
  tokens: TokensRecord;
  entities: EntityRecord;
  quotes: QuoteRecord;
  stances: StanceRecord;
  actors: ActorRecord;
}

/** The document id a record belongs to (`id` for documents, `docId` elsewhere; actors have none). */
export function docIdOf(artifact: ArtifactName, record: unknown): string | undefined {
  const r = record as { id?: string; docId?: string };
  return artifact === 'documents' ? r.id : r.docId;
}
