/**
 * `newsstance export`: the artifacts as flat rows for spreadsheets and data frames, CSV (RFC 4180,
 * through csv-stringify: fields quoted when they hold a comma, quote or line break; an optional
 * UTF-8 BOM so spreadsheet programs read the encoding right) or JSON Lines. Both formats carry the
 * same columns; every row's `id` is one `newsstance audit` accepts.
 *
 * Rows: `actors` one per actor and target; `stances` one per (document, holder); `evidence` one per
 * evidence statement of a stance; `quotes` one per quote; `entities` one per (document, entity);
 * `documents` one per document (no text). A CSV cell is empty for null (or an absent optional field).
 * Offsets are UTF-16 code units into the document's normalized text, as in the artifacts.
 */
import { duplicatesOf } from '../io/duplicates.js';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { ActorRecord, ArtifactName, DocumentRecord, EntityRecord, QuoteRecord, StanceRecord } from '../schema.js';
import { readRecords } from './read.js';

export const EXPORT_KINDS = ['actors', 'stances', 'evidence', 'quotes', 'entities', 'documents'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export type ExportFormat = 'csv' | 'jsonl';

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export interface Column {
  key: string;
  type: 'string' | 'number' | 'boolean';
}

/** Fields a stage may add to its records (read when present, never required); exported as extra columns when any record has one. */
export const OPTIONAL_FIELDS = ['confidence', 'rule', 'act', 'duplicateOf'] as const;

const s = (key: string): Column => ({ key, type: 'string' });
const n = (key: string): Column => ({ key, type: 'number' });
const b = (key: string): Column => ({ key, type: 'boolean' });

interface Kind<R> {
  artifact: ArtifactName;
  columns: Column[];
  /** Rows of one record (most kinds: one). */
  rows(record: R): Row[];
}

const stanceId = (st: StanceRecord): string => `${st.docId}@${st.holder?.entityId ?? 'document'}`;

function strongest(st: StanceRecord): StanceRecord['evidence'][number] | undefined {
  return [...st.evidence].sort((x, y) => Math.abs(y.score) - Math.abs(x.score) || x.start - y.start)[0];
}

const KINDS: { [K in ExportKind]: Kind<never> } = {
  actors: {
    artifact: 'actors',
    columns: [s('id'), s('name'), s('type'), s('target'), n('documents'), s('label'), n('score'), n('support'), n('oppose'), n('neutral')],
    rows: (a: ActorRecord) => [
      { id: a.entityId, name: a.name, type: a.type, target: a.target, documents: a.documents, label: a.label, score: a.score, support: a.counts.support, oppose: a.counts.oppose, neutral: a.counts.neutral },
    ],
  } as Kind<ActorRecord> as Kind<never>,
  stances: {
    artifact: 'stances',
    columns: [s('id'), s('docId'), s('holder_id'), s('holder_name'), s('target'), s('label'), n('score'), n('evidence'), s('top_evidence'), n('top_evidence_score'), n('top_evidence_start'), n('top_evidence_end')],
    rows: (st: StanceRecord) => {
      const top = strongest(st);
      return [
        {
          id: stanceId(st), docId: st.docId, holder_id: st.holder?.entityId ?? null, holder_name: st.holder?.name ?? null, target: st.target, label: st.label, score: st.score,
          evidence: st.evidence.length, top_evidence: top?.text ?? null, top_evidence_score: top?.score ?? null, top_evidence_start: top?.start ?? null, top_evidence_end: top?.end ?? null,
        },
      ];
    },
  } as Kind<StanceRecord> as Kind<never>,
  evidence: {
    artifact: 'stances',
    columns: [s('id'), n('index'), s('docId'), s('holder_id'), s('holder_name'), s('target'), s('stance_label'), n('score'), n('start'), n('end'), s('text'), s('quote_id')],
    rows: (st: StanceRecord) =>
      st.evidence.map((e, i) => ({
        id: stanceId(st), index: i + 1, docId: st.docId, holder_id: st.holder?.entityId ?? null, holder_name: st.holder?.name ?? null, target: st.target, stance_label: st.label,
        score: e.score, start: e.start, end: e.end, text: e.text, quote_id: e.quoteId ?? null,
      })),
  } as Kind<StanceRecord> as Kind<never>,
  quotes: {
    artifact: 'quotes',
    columns: [
      s('id'), s('docId'), s('kind'), s('text'), n('start'), n('end'), s('cue'), n('cue_start'), n('cue_end'), s('speaker_name'), s('speaker_id'), s('speaker_text'),
      n('speaker_start'), n('speaker_end'), s('speaker_resolution'), n('confidence'), s('group'), s('continues'), b('unterminated'),
    ],
    rows: (q: QuoteRecord) => [
      {
        id: q.id, docId: q.docId, kind: q.kind, text: q.text, start: q.start, end: q.end, cue: q.cue?.text ?? null, cue_start: q.cue?.start ?? null, cue_end: q.cue?.end ?? null,
        speaker_name: q.speaker.name, speaker_id: q.speaker.entityId, speaker_text: q.speaker.text, speaker_start: q.speaker.start, speaker_end: q.speaker.end,
        speaker_resolution: q.speaker.resolution, confidence: q.confidence, group: q.group ?? null, continues: q.continues ?? null, unterminated: q.unterminated ?? false,
      },
    ],
  } as Kind<QuoteRecord> as Kind<never>,
  entities: {
    artifact: 'entities',
    columns: [s('id'), s('docId'), s('entity_id'), s('name'), s('type'), n('mentions'), s('first_mention'), n('first_start'), n('first_end'), s('titles'), s('country')],
    rows: (e: EntityRecord) => [
      {
        id: `${e.docId}#${e.id}`, docId: e.docId, entity_id: e.id, name: e.name, type: e.type, mentions: e.mentions.length, first_mention: e.mentions[0]?.text ?? null,
        first_start: e.mentions[0]?.start ?? null, first_end: e.mentions[0]?.end ?? null, titles: e.titles.length ? e.titles.join('; ') : null, country: e.country ?? null,
      },
    ],
  } as Kind<EntityRecord> as Kind<never>,
  documents: {
    artifact: 'documents',
    columns: [s('id'), s('title'), s('author'), s('published'), s('source_path'), s('encoding'), n('bytes'), n('chars'), n('paragraphs'), n('sentences'), n('warnings'), s('fingerprint'), s('duplicateOf')],
    rows: (d: DocumentRecord) => [
      {
        id: d.id, title: d.title, author: d.author, published: d.published, source_path: d.source.path, encoding: d.source.encoding, bytes: d.source.bytes,
        chars: d.text.length, paragraphs: d.paragraphs.length, sentences: d.sentences.length, warnings: d.warnings.length,
        fingerprint: d.fingerprint ?? null, duplicateOf: d.duplicateOf ?? null,
      },
    ],
  } as Kind<DocumentRecord> as Kind<never>,
};

function optionalType(v: unknown): Column['type'] | null {
  return typeof v === 'number' ? 'number' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'boolean' : null;
}

/**
 * The columns of a kind: its fixed ones, then each optional field (`confidence`, `rule`, `act`) that
 * some record of the artifact has as a scalar (one extra pass over the artifact).
 */
export async function columnsOf(outputDir: string, kind: ExportKind): Promise<Column[]> {
  const spec = KINDS[kind];
  const fixed = new Set(spec.columns.map((c) => c.key));
  const wanted = OPTIONAL_FIELDS.filter((f) => !fixed.has(f));
  const found = new Map<string, Column['type']>();
  if (wanted.length && kind !== 'documents') {
    for await (const { value } of readRecords(outputDir, spec.artifact)) {
      for (const f of wanted) {
        const t = optionalType((value as Record<string, unknown>)[f]);
        if (t && !found.has(f)) found.set(f, t);
      }
      if (found.size === wanted.length) break;
    }
  }
  const columns = [...spec.columns, ...wanted.filter((f) => found.has(f)).map((f) => ({ key: f, type: found.get(f)! }))];
  // Rows of a document that is a later copy of another (documents.jsonl duplicateOf) say so in
  // every per-document kind, so counting quotes or entities can leave copies out.
  if (kind !== 'actors' && !columns.some((c) => c.key === 'duplicateOf') && duplicatesOf(outputDir).size > 0) columns.push({ key: 'duplicateOf', type: 'string' });
  return columns;
}

export interface ExportOptions {
  kind: ExportKind;
  format: ExportFormat;
  /** Start a CSV with a UTF-8 byte order mark (for spreadsheet programs). */
  bom?: boolean;
  out: Writable;
}

/**
 * Stream the rows of `kind` from the artifacts in `outputDir` to `out`, in artifact order.
 * @returns rows written and the columns (in order).
 * @throws on a write error of `out`.
 */
export async function exportRows(outputDir: string, options: ExportOptions): Promise<{ rows: number; columns: Column[] }> {
  const spec = KINDS[options.kind];
  const columns = await columnsOf(outputDir, options.kind);
  const extras = columns.slice(spec.columns.length).map((c) => c.key);
  const write = async (chunk: string): Promise<void> => {
    if (!options.out.write(chunk)) await new Promise<void>((resolve) => options.out.once('drain', resolve));
  };
  const csv = options.format === 'csv'
    ? stringify({ header: true, columns: columns.map((c) => c.key), bom: options.bom ?? false, cast: { boolean: (v: boolean) => (v ? 'true' : 'false') } })
    : null;
  const done = csv
    ? new Promise<void>((resolve, reject) => {
        csv.on('data', (chunk: Buffer | string) => {
          if (!options.out.write(chunk)) {
            csv.pause();
            options.out.once('drain', () => csv.resume());
          }
        });
        csv.on('end', resolve);
        csv.on('error', reject);
      })
    : Promise.resolve();
  let rows = 0;
  const copies = extras.includes('duplicateOf') ? duplicatesOf(outputDir) : new Map<string, string>();
  for await (const { value } of readRecords(outputDir, spec.artifact)) {
    for (const row of spec.rows(value as never)) {
      for (const f of extras) {
        const v = (value as Record<string, unknown>)[f];
        row[f] = optionalType(v) ? (v as Cell) : null;
      }
      if (copies.size && row.duplicateOf == null && typeof row.docId === 'string') row.duplicateOf = copies.get(row.docId) ?? null;
      rows++;
      if (csv) {
        const ordered = Object.fromEntries(columns.map((c) => [c.key, row[c.key] ?? null]));
        if (!csv.write(ordered)) await new Promise<void>((resolve) => csv.once('drain', resolve));
      } else await write(JSON.stringify(Object.fromEntries(columns.map((c) => [c.key, row[c.key] ?? null]))) + '\n');
    }
  }
  if (csv) {
    // A header even when there are no rows.
    csv.end();
  }
  await done;
  return { rows, columns };
}

/**
 * A CSV cell back to its typed value (what the JSONL export holds): empty = null, numbers and
 * booleans parsed by the column's type.
 */
export function fromCsvCell(value: string, type: Column['type']): Cell {
  if (value === '') return null;
  if (type === 'number') return Number(value);
  if (type === 'boolean') return value === 'true';
  return value;
}
