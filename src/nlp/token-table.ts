/**
 * The token table as `tokens.jsonl` stores it, and back. Every later stage parses the file, so
 * it is written small: offsets as `[gap, length]` pairs (mostly one-digit numbers), string columns
 * as one space-joined string (one JSON string to parse instead of hundreds, split in one call),
 * negation as the indexes of the flagged tokens. Lemmas are stored whole: deriving them from the
 * surface when equal halves their bytes but costs more to unpack than it saves in parsing.
 * `unpack(pack(t))` is `t` exactly (tests/nlp/token-table.test.ts).
 */
import type { AnalysisRecord, PackedTokenTable, TokenTable, TokensRecord } from '../schema.js';

function packColumn(values: readonly string[]): string | string[] {
  for (const v of values) if (v.includes(' ')) return [...values];
  return values.join(' ');
}

function unpackColumn(column: string | string[], count: number, name: string): string[] {
  const values = typeof column === 'string' ? (count === 0 ? [] : column.split(' ')) : column;
  if (values.length !== count) throw new Error(`tokens: column ${name} has ${values.length} values for ${count} tokens`);
  return values;
}

export function packTokens(table: TokenTable): PackedTokenTable {
  const count = table.start.length;
  const offsets = new Array<number>(count * 2);
  const negated: number[] = [];
  let previousEnd = 0;
  for (let i = 0; i < count; i++) {
    const start = table.start[i]!;
    const end = table.end[i]!;
    if (start < previousEnd || end < start) throw new Error(`tokens: token ${i} at ${start}-${end} overlaps the one before (ends ${previousEnd})`);
    offsets[2 * i] = start - previousEnd;
    offsets[2 * i + 1] = end - start;
    previousEnd = end;
    if (table.negated[i]) negated.push(i);
  }
  return { count, offsets, pos: packColumn(table.pos), lemma: packColumn(table.lemma), type: packColumn(table.type), negated };
}

/**
 * The token table of a packed one. `type` is split (and its value count checked) on first read:
 * the quotes and stance stages never read it. Throws an Error naming the column when a column's
 * value count is not `count` (for `type`, when it is read).
 */
export function unpackTokens(packed: PackedTokenTable): TokenTable {
  const { count, offsets } = packed;
  if (offsets.length !== count * 2) throw new Error(`tokens: ${offsets.length} offsets for ${count} tokens`);
  const start = new Array<number>(count);
  const end = new Array<number>(count);
  const negated = new Array<boolean>(count).fill(false);
  let at = 0;
  for (let i = 0; i < count; i++) {
    start[i] = at + offsets[2 * i]!;
    at = end[i] = start[i]! + offsets[2 * i + 1]!;
  }
  for (const i of packed.negated) if (i < count) negated[i] = true;
  const table = { start, end, pos: unpackColumn(packed.pos, count, 'pos'), lemma: unpackColumn(packed.lemma, count, 'lemma'), negated } as Omit<TokenTable, 'type'>;
  return lazyColumn(table, packed.type, count, 'type');
}

/** Where a lazily unpacked column keeps its packed form (a hidden property of the table). */
const PACKED = Symbol('packed column');

interface Packed {
  [PACKED]: { column: string; count: number; values?: string[] };
}

// One getter and setter for every table (not a closure each): tables keep one hidden class.
function readType(this: Packed): string[] {
  const p = this[PACKED];
  return (p.values ??= unpackColumn(p.column, p.count, 'type'));
}
function writeType(this: Packed, values: string[]): void {
  this[PACKED].values = values;
}

/** `table` with `name` unpacked from `column` on first read. */
function lazyColumn<T extends object>(table: T, column: string | string[], count: number, name: 'type'): T & TokenTable {
  if (typeof column !== 'string') return Object.assign(table, { [name]: unpackColumn(column, count, name) }) as T & TokenTable;
  Object.defineProperty(table, PACKED, { value: { column, count } });
  Object.defineProperty(table, name, { enumerable: true, configurable: true, get: readType, set: writeType });
  return table as T & TokenTable;
}

export function packAnalysis(analysis: AnalysisRecord): TokensRecord {
  return { ...analysis, tokens: packTokens(analysis.tokens) };
}

export function unpackAnalysis(record: TokensRecord): AnalysisRecord {
  return { ...record, tokens: unpackTokens(record.tokens) };
}
