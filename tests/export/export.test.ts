import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { EXPORT_KINDS, exportRows, fromCsvCell, type ExportFormat, type ExportKind } from '../../src/export/export.js';
import { parseAuditId } from '../../src/audit/ids.js';
import { audit } from '../../src/audit/audit.js';
import { CLI, ROOT, runCli } from '../pipeline/helpers.js';

const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'report-corpus');

async function exported(dir: string, kind: ExportKind, format: ExportFormat, bom = false) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const result = await exportRows(dir, { kind, format, bom, out });
  out.end();
  return { ...result, bytes: Buffer.concat(chunks) };
}

describe('export', () => {
  it.each(EXPORT_KINDS)('%s: the CSV parsed back equals the JSONL rows, field for field', async (kind) => {
    const csv = await exported(FIXTURE, kind, 'csv');
    const jsonl = await exported(FIXTURE, kind, 'jsonl');
    const rows = jsonl.bytes.toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    const parsed = parse(csv.bytes, { columns: true }) as Array<Record<string, string>>;
    expect(csv.columns).toEqual(jsonl.columns);
    expect(Object.keys(parsed[0] ?? {})).toEqual(csv.columns.map((c) => c.key));
    const back = parsed.map((r) => Object.fromEntries(csv.columns.map((c) => [c.key, fromCsvCell(r[c.key]!, c.type)])));
    expect(back).toEqual(rows);
    expect(rows.length).toBe(csv.rows);
  });

  it('has the row counts and ids audit accepts', async () => {
    const counts: Record<string, number> = {};
    for (const kind of EXPORT_KINDS) {
      const { bytes } = await exported(FIXTURE, kind, 'jsonl');
      const rows = bytes.toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string });
      counts[kind] = rows.length;
      const expected = { actors: 'entity', stances: 'stance', evidence: 'stance', quotes: 'quote', entities: 'entity', documents: 'document' }[kind];
      for (const r of rows) {
        expect(parseAuditId(r.id)[0]!.kind, `${kind} ${r.id}`).toBe(expected);
        expect((await audit(r.id, FIXTURE, { json: true })).found, `audit ${r.id}`).toBe(true);
      }
    }
    expect(counts).toEqual({ actors: 4, stances: 11, evidence: 12, quotes: 3, entities: 8, documents: 4 });
    const { bytes } = await exported(FIXTURE, 'stances', 'jsonl');
    expect(bytes.toString('utf8').split('\n')[1]).toContain('"id":"city/one@PERSON:ana-costa"');
  });

  it('adds optional fields as columns when a record has them (confidence, rule), empty elsewhere', async () => {
    const actors = await exported(FIXTURE, 'actors', 'csv');
    expect(actors.columns.map((c) => c.key).at(-1)).toBe('confidence');
    const rows = parse(actors.bytes, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.confidence)).toEqual(['', '', '', '0.72']);
    const quotes = await exported(FIXTURE, 'quotes', 'jsonl');
    expect(quotes.columns.map((c) => c.key)).toContain('rule');
    const stances = await exported(FIXTURE, 'stances', 'jsonl');
    expect(stances.columns.find((c) => c.key === 'confidence')).toEqual({ key: 'confidence', type: 'number' });
  });

  it('quotes fields with commas, quotes and line breaks, and writes a BOM when asked', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'newsstance-export-'));
    cpSync(FIXTURE, dir, { recursive: true });
    const csv = await exported(dir, 'quotes', 'csv', true);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.bytes.toString('utf8');
    expect(text).toContain('"The harbour toll will pay for the ferries,"');
    const noBom = await exported(dir, 'quotes', 'csv');
    expect(noBom.bytes[0]).toBe('i'.charCodeAt(0));
  });

  it('writes a header even when there are no rows', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'newsstance-export-'));
    cpSync(path.join(FIXTURE, 'documents.jsonl'), path.join(dir, 'documents.jsonl'));
    const csv = await exported(dir, 'quotes', 'csv');
    expect(csv.rows).toBe(0);
    expect(csv.bytes.toString('utf8').split('\n')[0]).toMatch(/^id,docId,kind,text,/);
  });
});

describe.skipIf(!existsSync(CLI))('newsstance export', () => {
  it('writes a file, and refuses a bad --format or --what with exit 2', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'newsstance-export-'));
    cpSync(FIXTURE, path.join(dir, 'output'), { recursive: true });
    const r = runCli(['export', '--what', 'evidence', '--to', 'evidence.csv'], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('exported 12 evidence row(s)');
    expect(readFileSync(path.join(dir, 'evidence.csv'), 'utf8').split('\n')[0]).toBe('id,index,docId,holder_id,holder_name,target,stance_label,score,start,end,text,quote_id,confidence');
    expect(runCli(['export', '--format', 'xlsx'], dir).status).toBe(2);
    expect(runCli(['export', '--what', 'people'], dir).stderr).toContain('--what must be one of actors, stances, evidence, quotes, entities, documents');
    expect(runCli(['export', '--output', 'nowhere'], dir).status).toBe(2);
  });
});
