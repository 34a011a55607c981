/**
 * The stage contract: declared reads arrive as required fields (a missing single record sets the
 * document aside with `input/missing`, a missing list is empty), the parsed options are what
 * `process` and the corpus plan get, resources load once with the digest of the declared data.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseConfig } from '../../src/config.js';
import { execute } from '../../src/pipeline/execute.js';
import { defineStage } from '../../src/pipeline/stage.js';
import type { DocumentRecord } from '../../src/schema.js';

const config = parseConfig({ proposal: { name: 'p' }, stages: { entities: { crossDocumentMerge: false } } });
let loads = 0;

const counting = defineStage({
  name: 'entities',
  version: 'test',
  reads: ['documents', 'entities'],
  writes: ['entities'],
  // The slice of the entities options this test stage reads (the others are stripped).
  options: { schema: z.object({ crossDocumentMerge: z.boolean() }), from: (c) => c.stages.entities },
  data: ['entities/sport-cues.txt'],
  load: () => {
    loads++;
    return { seen: 'loaded' };
  },
  process(bundle, options, { resources }) {
    // Typed and required: no `?.` needed on the document; entities is a list.
    const note = `${bundle.document.text.length}:${bundle.entities.length}:${options.crossDocumentMerge}:${resources.seen}:${resources.digest.length}`;
    return { entities: [{ docId: bundle.docId, id: 'X:x', name: note, type: 'PERSON', mentions: [], titles: [] }] };
  },
  corpus: {
    artifact: 'entities',
    init: () => ({ names: [] as string[] }),
    add: (state, record) => void state.names.push(record.name),
    plan: (state, options) => ({ merge: options.crossDocumentMerge, names: state.names }),
    rewrite: (plan, _docId, records) => records.map((r) => ({ ...r, name: `${r.name}/${plan.names.length}/${plan.merge}` })),
  },
});

const document = { id: 'd', text: 'Hello.' } as DocumentRecord;

describe('the stage contract', () => {
  it('hands process the declared reads, the parsed options and the resources (loaded once)', () => {
    const first = execute(counting, { docId: 'd', records: { documents: [document] } }, config);
    const second = execute(counting, { docId: 'd', records: { documents: [document], entities: [] } }, config);
    expect(first).toEqual(second);
    expect(first.ok && first.output.entities?.[0]?.name).toBe('6:0:false:loaded:16');
    expect(loads).toBe(1);
    expect(counting.options(config)).toEqual({ crossDocumentMerge: false });
  });

  it('sets a document aside when a single-record read is missing', () => {
    const result = execute(counting, { docId: 'd', records: { entities: [] } }, config);
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toMatchObject([{ severity: 'error', code: 'input/missing', source: 'entities', docId: 'd' }]);
  });

  it('runs the corpus step with the parsed options', () => {
    const run = counting.corpus!.start(config);
    run.add({ name: 'a' });
    run.add({ name: 'b' });
    const plan = run.plan();
    expect(plan.touches('d')).toBe(true);
    expect(plan.rewrite!('d', [{ name: 'a' }])).toEqual([{ name: 'a/2/false' }]);
    expect(plan.emit()).toEqual({});
  });
});
