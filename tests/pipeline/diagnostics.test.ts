/**
 * Diagnostics as data: a stage reports warnings and sets documents aside through one shape; the
 * sink lists a bad artifact line once and sorts by document, stage order and line; errors.jsonl
 * keeps the contract's `error` with `code` and `severity` beside it.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseConfig } from '../../src/config.js';
import { DiagnosticError, DiagnosticSink, fromErrorRecord, toErrorRecord, type Diagnostic } from '../../src/diagnostic.js';
import { execute } from '../../src/pipeline/execute.js';
import { rawInputFromText, runInProcess } from '../../src/pipeline/inprocess.js';
import { defineStage } from '../../src/pipeline/stage.js';

const config = parseConfig({ proposal: { name: 'a proposal' } });

/** A stage that warns on every document and sets aside those whose text says "reject". */
const picky = defineStage({
  name: 'normalize',
  version: 'test',
  reads: 'raw',
  writes: ['documents'],
  options: { schema: z.object({ removeChrome: z.boolean() }), from: (c) => c.stages.normalize },
  data: [],
  load: () => ({}),
  process(input, options, { report }) {
    const text = new TextDecoder().decode(input.bytes);
    report({ severity: 'warning', code: 'test/looked', message: `looked at ${input.path} (removeChrome ${options.removeChrome})`, span: { start: 0, end: 1 } });
    if (text.includes('reject')) throw new DiagnosticError('test/rejected', `${input.path} asked to be rejected`);
    if (text.includes('crash')) throw new TypeError('a bug');
    return { documents: [] };
  },
});

describe('diagnostics', () => {
  it('lets a stage warn, and turns a DiagnosticError or a bug into an error diagnostic', () => {
    const ok = execute(picky, { raw: rawInputFromText('a', 'fine') }, config);
    expect(ok.ok).toBe(true);
    expect(ok.diagnostics).toEqual([{ severity: 'warning', code: 'test/looked', source: 'normalize', docId: 'a', message: 'looked at a.txt (removeChrome true)', span: { start: 0, end: 1 } }]);
    const rejected = execute(picky, { raw: rawInputFromText('b', 'please reject') }, config);
    expect(rejected.ok).toBe(false);
    expect(rejected.diagnostics.map((d) => [d.severity, d.code, d.docId])).toEqual([
      ['warning', 'test/looked', 'b'],
      ['error', 'test/rejected', 'b'],
    ]);
    const crashed = execute(picky, { raw: rawInputFromText('c', 'crash') }, config);
    expect(crashed.diagnostics[1]).toMatchObject({ severity: 'error', code: 'stage/exception', message: 'a bug' });
  });

  it('lists errors only in an in-memory run (warnings are for the log)', () => {
    const { errors } = runInProcess([rawInputFromText('x', 'reject'), rawInputFromText('y', 'fine')], config, [picky]);
    expect(errors).toEqual([{ stage: 'normalize', docId: 'x', error: 'test/rejected', message: 'x.txt asked to be rejected', code: 'test/rejected', severity: 'error' }]);
  });

  it('lists a bad line once, and sorts by document, stage order, line', () => {
    const sink = new DiagnosticSink(['normalize', 'entities', 'quotes']);
    const line = (source: string, docId?: string): Diagnostic => ({ severity: 'error', code: 'jsonl/malformed', source, file: 'documents.jsonl', line: 3, message: 'bad', ...(docId ? { docId } : {}) });
    expect(sink.add(line('entities', 'd2'))).toBe(true);
    expect(sink.add(line('quotes', 'd2'))).toBe(false);
    sink.add({ severity: 'error', code: 'input/empty', source: 'normalize', docId: 'd2', message: 'empty' });
    sink.add({ severity: 'error', code: 'input/symlink', source: 'input', file: 'd1.txt', message: 'link' });
    sink.add({ severity: 'warning', code: 'normalize/fallback', source: 'normalize', docId: 'd0', message: 'w' });
    expect(sink.sorted().map((d) => `${d.source}:${d.code}`)).toEqual(['input:input/symlink', 'normalize:input/empty', 'entities:jsonl/malformed']);
    expect(sink.of('warning')).toHaveLength(1);
  });

  it('writes the contract fields first, code and severity added, and reads them back', () => {
    const d: Diagnostic = { severity: 'error', code: 'decode/binary', source: 'normalize', docId: 'a', file: 'a.txt', message: 'binary' };
    const record = toErrorRecord(d);
    expect(Object.keys(record)).toEqual(['stage', 'docId', 'path', 'error', 'message', 'code', 'severity']);
    expect(record.error).toBe('decode/binary');
    expect(fromErrorRecord(record)).toEqual(d);
    // A line written before `code` existed.
    expect(fromErrorRecord({ stage: 'input', path: 'b.txt', error: 'input/symlink', message: 'link' })).toEqual({ severity: 'error', code: 'input/symlink', source: 'input', file: 'b.txt', message: 'link' });
  });
});
