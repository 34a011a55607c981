import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { audit, auditRecords } from '../../src/audit/audit.js';
import { oneLine } from '../../src/audit/format.js';
import { parseAuditId } from '../../src/audit/ids.js';
import { makeProject, readLines, ROOT, runCli, CLI } from '../pipeline/helpers.js';

const BASIC = path.join(ROOT, 'tests', 'fixtures', 'audit-basic');
const BROKEN = path.join(ROOT, 'tests', 'fixtures', 'audit-broken');
const json = async (id: string, dir = BASIC, context = 20) => auditRecords(id, dir, context);

describe('audit ids', () => {
  it('reads each id form, most specific first', () => {
    expect(parseAuditId('a/b@document')[0]).toEqual({ kind: 'stance', docId: 'a/b', entityId: null });
    expect(parseAuditId('a/b@PERSON:x-y')[0]).toEqual({ kind: 'stance', docId: 'a/b', entityId: 'PERSON:x-y' });
    expect(parseAuditId('a/b#q12')[0]).toEqual({ kind: 'quote', quoteId: 'a/b#q12', docId: 'a/b' });
    expect(parseAuditId('a/b#GPE:china')[0]).toEqual({ kind: 'entity', entityId: 'GPE:china', docId: 'a/b' });
    expect(parseAuditId('GPE:china')[0]).toEqual({ kind: 'entity', entityId: 'GPE:china' });
    expect(parseAuditId('2024/ap-123')).toEqual([{ kind: 'document', docId: '2024/ap-123' }]);
    // A document id with '@' in it still has the document reading as a fallback.
    expect(parseAuditId('me@document').at(-1)).toEqual({ kind: 'document', docId: 'me@document' });
  });
});

describe('audit on fixtures', () => {
  it('a document: record, raw file, what it holds', async () => {
    const r = await json('alpha/one');
    expect(r).toMatchObject({ found: true, kind: 'document' });
    const item = r.items[0]!;
    expect(item).toMatchObject({ docId: 'alpha/one', artifact: 'documents.jsonl', artifactLine: 1, rawFile: 'alpha/one.txt', rawLine: 1, spans: [] });
    expect(item.contents).toEqual({
      entities: ['alpha/one#GPE:china', 'alpha/one#GPE:tokyo', 'alpha/one#PERSON:shigeru-ishiba', 'alpha/one#PERSON:wang-yi'],
      quotes: ['alpha/one#q1', 'alpha/one#q2'],
      stances: ['alpha/one@document', 'alpha/one@PERSON:shigeru-ishiba', 'alpha/one@PERSON:wang-yi'],
    });
    const text = (await audit('alpha/one', BASIC, { json: false, color: false })).text;
    expect(text).toContain('raw file: alpha/one.txt (utf-8, 999 bytes');
    expect(text).toMatch(/^ +5: Prime Minister Shigeru Ishiba said/m);
    expect(text).toContain('removed line 3 (byline): By Jane Doe | Share this');
    expect(text).toContain('stances: alpha/one@document, alpha/one@PERSON:shigeru-ishiba, alpha/one@PERSON:wang-yi');
  });

  it('an entity across documents: one record per document, each mention in context', async () => {
    const r = await json('PERSON:shigeru-ishiba');
    expect(r.kind).toBe('entity');
    expect(r.items.map((i) => [i.docId, i.artifactLine])).toEqual([['alpha/one', 3], ['beta', 6]]);
    const [title, full, told] = r.items[0]!.spans;
    expect(title).toMatchObject({ role: 'mention', start: 0, end: 6, before: '', after: ' pushes Asian NATO', rawLine: 1, clippedAfter: false });
    expect(full).toMatchObject({ start: 41, end: 55, surface: 'Shigeru Ishiba', before: 'Prime Minister ', after: ' said an Asian NATO', rawFile: 'alpha/one.txt', rawLine: 5 });
    expect(told).toMatchObject({ before: '"We need it now," ', after: ' told reporters in', clippedBefore: true, clippedAfter: true });
    expect(r.items[1]!.spans[0]).toMatchObject({ docId: 'beta', rawFile: 'beta.txt', rawLine: 3, before: '', after: ' repeated his call' });
  });

  it('an entity scoped to one document', async () => {
    const r = await json('beta#PERSON:shigeru-ishiba');
    expect(r.items.map((i) => i.docId)).toEqual(['beta']);
    const text = (await audit('beta#PERSON:shigeru-ishiba', BASIC, { json: false, color: false })).text;
    expect(text).toContain('merged from PERSON:ishiba (Ishiba): surname of PERSON:shigeru-ishiba');
    expect(text).toContain('»Ishiba« repeated his call on Tuesday. He said an Asian NATO is…');
  });

  it('a quote: quote, cue and speaker spans with exact context and line', async () => {
    const r = await json('alpha/one#q1');
    expect(r.kind).toBe('quote');
    expect(r.items[0]!.spans.map((s) => [s.role, s.before, s.surface, s.after, s.rawLine])).toEqual([
      ['quote', 'would deter China. "', 'We need it now,', '" Ishiba told', 5],
      ['cue', 'it now," Ishiba ', 'told', ' reporters in Tokyo.', 5],
      ['speaker', '"We need it now," ', 'Ishiba', ' told reporters in', 5],
    ]);
    const text = (await audit('alpha/one#q2', BASIC, { json: false, context: 20, color: false })).text;
    expect(text).toContain('speaker: Wang Yi [PERSON:wang-yi], pronoun via "He"');
    expect(text).toContain('  speaker (189-191, alpha/one.txt line 7)\n     …rejected the idea. »He« said that the Asian…');
  });

  it("a holder's stance: each evidence statement with its own context, line, score and quote", async () => {
    const r = await json('alpha/one@PERSON:shigeru-ishiba');
    expect(r.kind).toBe('stance');
    expect(r.items[0]!.spans.map((s) => [s.surface, s.score, s.quoteId, s.rawLine])).toEqual([
      ['Shigeru Ishiba said an Asian NATO would deter China.', 0.5, undefined, 5],
      ['We need it now,', 0.7, 'alpha/one#q1', 5],
    ]);
    const text = (await audit('alpha/one@PERSON:shigeru-ishiba', BASIC, { json: false, context: 20, color: false })).text;
    expect(text).toContain('stance of Shigeru Ishiba [PERSON:shigeru-ishiba] in alpha/one on "Asian NATO": support, score 0.6, 2 evidence statement(s)');
    expect(text).toContain('  2. (95-110, alpha/one.txt line 5; score 0.7, quote alpha/one#q1)\n     …would deter China. "»We need it now,«" Ishiba told…');
  });

  it("the document's own stance, and a line inside a multi-line paragraph", async () => {
    const own = await json('alpha/one@document');
    expect(own.items[0]!.spans.map((s) => s.surface)).toEqual(['deter China. "We need']);
    const beta = await json('beta@PERSON:shigeru-ishiba');
    // The paragraph starts on raw line 3; the evidence is after its line break, on raw line 4.
    expect(beta.items[0]!).toMatchObject({ rawFile: 'beta.txt', rawLine: 4 });
    expect(beta.items[0]!.spans[0]).toMatchObject({ before: 'call on Tuesday.\n', after: '', clippedAfter: false });
  });

  it('--json is the machine-readable object', async () => {
    const r = await audit('alpha/one#q2', BASIC, { json: true });
    const parsed = JSON.parse(r.text) as { found: boolean; items: Array<{ record: { id: string }; rawFile: string; rawLine: number; spans: unknown[] }> };
    expect(parsed.found).toBe(true);
    expect(parsed.items[0]).toMatchObject({ record: { id: 'alpha/one#q2' }, rawFile: 'alpha/one.txt', rawLine: 7 });
    expect(parsed.items[0]!.spans).toHaveLength(3);
  });

  it('highlights with ANSI inverse only when asked (a terminal), brackets otherwise', async () => {
    const plain = (await audit('GPE:china', BASIC, { json: false, color: false })).text;
    expect(plain).toContain('»China«');
    expect(plain).not.toContain('\x1b');
    const tty = (await audit('GPE:china', BASIC, { json: false, color: true })).text;
    expect(tty).toContain('\x1b[7mChina\x1b[27m');
    expect(tty).not.toContain('»');
  });

  it('unknown ids: found false with a clear message', async () => {
    const r = await audit('no-such-doc', BASIC, { json: false });
    expect(r.found).toBe(false);
    expect(r.text).toContain('nothing in');
    expect(r.text).toContain('has the id "no-such-doc"');
    const stance = await audit('beta@PERSON:wang-yi', BASIC, { json: false });
    expect(stance.found).toBe(false);
    expect(stance.text).toContain('document beta has no such stance; its stances: beta@PERSON:shigeru-ishiba');
    expect((await audit('alpha/one#q9', BASIC, { json: true })).found).toBe(false);
    const none = await audit('x', path.join(BASIC, 'no-such-dir'), { json: false });
    expect(none).toEqual({ found: false, text: expect.stringContaining('run the pipeline first') });
  });
});

describe.skipIf(!existsSync('/proc/self/fd'))('audit streaming', () => {
  it('closes the artifact files it stops reading early (no descriptor leak)', async () => {
    // Large enough that the file is still open when the first record is found.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'newsstance-audit-'));
    cpSync(BASIC, dir, { recursive: true });
    const first = readFileSync(path.join(BASIC, 'documents.jsonl'), 'utf8').split('\n')[0]!;
    const filler = Array.from({ length: 400 }, (_, i) => first.replace('"id":"alpha/one"', `"id":"filler/${i}"`)).join('\n');
    appendFileSync(path.join(dir, 'documents.jsonl'), filler + '\n');
    const open = () => readdirSync('/proc/self/fd').length;
    await auditRecords('alpha/one', dir);
    const before = open();
    for (let i = 0; i < 50; i++) expect((await auditRecords('alpha/one', dir)).found).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(open() - before).toBeLessThan(5);
  });
});

describe('audit on damaged artifacts', () => {
  it('flags a span whose text does not match the document', async () => {
    const r = await json('gamma#PERSON:joe-biden', BROKEN);
    expect(r.items[0]!.spans[0]).toMatchObject({ text: 'Obama', surface: 'Biden', matches: false });
    expect(r.items[0]!.notes).toEqual(['mention 12-17: record says "Obama" but the document has "Biden"']);
  });

  it('says when a record points at a document that is not there', async () => {
    const r = await json('PERSON:joe-biden', BROKEN);
    expect(r.items.map((i) => i.docId)).toEqual(['gamma', 'orphan']);
    expect(r.items[1]!).toMatchObject({ rawFile: null, spans: [] });
    expect(r.items[1]!.notes[0]).toContain('document orphan is not in documents.jsonl');
  });

  it('reports unreadable lines it met and keeps control characters off the terminal', async () => {
    const bad = await audit('gamma-broken', BROKEN, { json: false, color: false });
    expect(bad.found).toBe(false);
    expect(bad.text).toContain('documents.jsonl line 2 skipped: not valid JSON');
    const text = (await audit('gamma', BROKEN, { json: false, color: false })).text;
    expect(text).not.toContain('\x1b');
    expect(text).toContain('4: Then \uFFFD[31mred\uFFFD[0m.');
    expect(oneLine('a\n\nb\tc\x07')).toBe('a ¶ b c\uFFFD');
  });

  it('an empty stance evidence list is still a stance', async () => {
    const r = await json('gamma@document', BROKEN);
    expect(r).toMatchObject({ found: true, kind: 'stance' });
    expect(r.items[0]).toMatchObject({ rawFile: 'sub/gamma.txt', rawLine: null, spans: [] });
  });
});

// A real run over the seed articles: whatever the stages produce, every record can be audited back
// to a raw line that exists. (Stages still being built may leave some artifacts empty.)
describe.skipIf(!existsSync(CLI))('audit on a real run', () => {
  const project = makeProject({ seeds: true });
  beforeAll(() => {
    const r = runCli(['run', '--config', 'pipeline.config.json', '--concurrency', '2'], project.dir);
    expect(r.status === 0 || r.status === 1, r.stderr).toBe(true);
  }, 120_000);

  it('finds every document, entity, quote and stance and points at real raw lines', async () => {
    const docs = readLines(path.join(project.out, 'documents.jsonl')) as Array<{ id: string; source: { path: string } }>;
    expect(docs.length).toBeGreaterThan(0);
    const rawLines = new Map(docs.map((d) => [d.id, readFileSync(path.join(project.raw, d.source.path), 'latin1').split('\n').length]));
    const ids = [
      ...docs.map((d) => d.id),
      ...(readLines(path.join(project.out, 'entities.jsonl')) as Array<{ docId: string; id: string }>).slice(0, 30).map((e) => `${e.docId}#${e.id}`),
      ...(readLines(path.join(project.out, 'quotes.jsonl')) as Array<{ id: string }>).slice(0, 30).map((q) => q.id),
      ...(readLines(path.join(project.out, 'stances.jsonl')) as Array<{ docId: string; holder: { entityId: string } | null }>)
        .slice(0, 30)
        .map((s) => `${s.docId}@${s.holder?.entityId ?? 'document'}`),
    ];
    for (const id of ids) {
      const r = await auditRecords(id, project.out);
      expect(r.found, id).toBe(true);
      for (const item of r.items) {
        for (const s of item.spans) {
          expect(s.rawLine, `${id} ${s.role} ${s.start}`).not.toBeNull();
          expect(s.rawLine!).toBeLessThanOrEqual(rawLines.get(s.docId)!);
        }
      }
    }
  });
});
