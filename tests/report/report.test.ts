import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { writeReport } from '../../src/report/report.js';
import { renderMarked, type Mark } from '../../src/report/segments.js';
import { bucketOf, bucketRange, granularityFor, signOf } from '../../src/report/charts.js';
import { tagPosition, targetPattern } from '../../src/report/docpage.js';
import { CLI, makeProject, readLines, ROOT, runCli } from '../pipeline/helpers.js';

const BASIC = path.join(ROOT, 'tests', 'fixtures', 'audit-basic');
/** Where the browser tests leave their screenshots (git-ignored). */
const SHOTS = path.join(ROOT, 'output', 'test');
const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) console.warn(`${CHROMIUM} is absent: the report's browser tests are skipped (apt-get install -y chromium)`);

function fixtureCopy(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `newsstance-${name}-`));
  cpSync(path.join(ROOT, 'tests', 'fixtures', name), dir, { recursive: true });
  return dir;
}

/** Parse renderMarked output (only <span ...> and </span> tags): the text of every mark key, checking balance. */
function piecesByKey(html: string): { text: string; byKey: Map<string, string>; ids: string[] } {
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  const stack: string[] = [];
  const byKey = new Map<string, string>();
  const ids: string[] = [];
  let text = '';
  for (const part of html.split(/(<span[^>]*>|<\/span>)/)) {
    if (part.startsWith('<span')) {
      stack.push(unescape(/data-mark="([^"]*)"/.exec(part)?.[1] ?? ''));
      const id = /\sid="([^"]*)"/.exec(part)?.[1];
      if (id) ids.push(id);
    } else if (part === '</span>') {
      if (!stack.pop()) throw new Error('unbalanced </span>');
    } else {
      const t = unescape(part);
      text += t;
      for (const key of new Set(stack)) byKey.set(key, (byKey.get(key) ?? '') + t);
    }
  }
  if (stack.length) throw new Error('unclosed <span>');
  return { text, byKey, ids };
}

describe('marked text (overlapping spans)', () => {
  it('nests or splits any set of spans into well-formed HTML that keeps each span\'s exact text', () => {
    const text = 'ab<c>d&e"f g\nh\'ijklmnop';
    const span = fc.tuple(fc.nat(text.length), fc.nat(text.length), fc.nat(3)).filter(([a, b]) => a < b);
    fc.assert(
      fc.property(fc.array(span, { maxLength: 8 }), (spans) => {
        const marks: Mark[] = spans.map(([start, end, layer], i) => ({ start, end, layer, key: `m${i}`, className: 'x', id: `id${i}` }));
        const { text: out, byKey, ids } = piecesByKey(renderMarked(text, marks));
        expect(out).toBe(text);
        marks.forEach((m) => expect(byKey.get(m.key)).toBe(text.slice(m.start, m.end)));
        expect(ids.sort()).toEqual(marks.map((m) => m.key.replace('m', 'id')).sort());
      }),
    );
  });

  it('keeps a nested span whole and splits a crossing one', () => {
    const html = renderMarked('one two three', [
      { start: 0, end: 7, layer: 0, key: 'a', className: 'a' },
      { start: 4, end: 13, layer: 1, key: 'b', className: 'b' },
      { start: 0, end: 3, layer: 1, key: 'c', className: 'c' },
    ]);
    expect(html).toBe(
      '<span class="a" data-mark="a"><span class="c" data-mark="c">one</span> <span class="b" data-mark="b">two</span></span>' +
        '<span class="b cont" data-mark="b"> three</span>',
    );
  });

  it('ignores spans outside the text', () => {
    expect(renderMarked('abc', [{ start: 2, end: 9, layer: 0, key: 'k', className: 'k' }])).toBe('abc');
  });

  it('places inserts outside spans that end there and inside those that go on, and extra anchors before a span', () => {
    const html = renderMarked(
      'say "hi" now',
      [
        { start: 5, end: 7, layer: 1, key: 'q', className: 'q' },
        { start: 0, end: 12, layer: 0, key: 'e', className: 'e', anchors: ['a2'] },
      ],
      [{ at: 8, html: '<i></i>' }],
    );
    expect(html).toBe('<a class="anchor" id="a2"></a><span class="e" data-mark="e">say &quot;<span class="q" data-mark="q">hi</span>&quot;<i></i> now</span>');
  });
});

describe('report helpers', () => {
  it('colours a statement by its own score, with the neutral band of the stance stage (0.15)', () => {
    expect([signOf(0.8), signOf(-0.3), signOf(0.1), signOf(-0.15), signOf(0.15)]).toEqual(['support', 'oppose', 'neutral', 'oppose', 'support']);
  });

  it('buckets dates by day, week (Monday) or month by the span they cover', () => {
    expect(granularityFor('2025-01-01', '2025-02-15')).toBe('day');
    expect(granularityFor('2025-01-01', '2026-01-01')).toBe('week');
    expect(granularityFor('2015-01-01', '2025-01-01')).toBe('month');
    expect(bucketOf('2025-03-08', 'week')).toBe('2025-03-03'); // a Saturday -> its Monday
    expect(bucketRange('2024-11-20', '2025-02-02', 'month')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(bucketRange('2025-03-01', '2025-03-10', 'week')).toEqual(['2025-02-24', '2025-03-03', '2025-03-10']);
  });

  it('marks the proposal by name and alias on word edges, any case, any spacing', () => {
    const re = targetPattern([{ name: 'wealth tax', aliases: ['levy on fortunes'] }])!;
    const text = 'A Wealth  tax, not a wealth taxes plan; the levy on fortunes.';
    expect([...text.matchAll(re)].map((m) => m[0])).toEqual(['Wealth  tax', 'levy on fortunes']);
  });

  it('puts a speaker tag after the closing quotation mark', () => {
    const text = '"We go," she said. \u201cNow.\u201d';
    expect(tagPosition(text, text.indexOf('We go,') + 6)).toBe(8);
    expect(tagPosition(text, text.indexOf('Now.') + 4)).toBe(text.length);
    expect(tagPosition(text, 3)).toBe(3);
  });
});


/** Every .html file under a folder (recursive). */
function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).map((f) => path.join(dir, f));
}

describe('report (static checks)', () => {
  it('escapes article text and has no script or external resource on any page', async () => {
    const dir = fixtureCopy('audit-basic');
    await writeReport(dir);
    const pages = htmlFiles(dir);
    expect(pages.length).toBeGreaterThanOrEqual(5); // index, actors, documents, 2 document pages
    for (const file of pages) {
      const html = readFileSync(file, 'utf8');
      expect(html, file).not.toMatch(/<script|<img|<link|<iframe|\ssrc="|href="(?:https?:|\/\/)/i);
      expect(html, file).toContain(`default-src 'none'`);
    }
    expect(readFileSync(path.join(dir, 'report', 'doc', 'alpha', 'one.html'), 'utf8')).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
  });

  it('is written even when the later artifacts are absent', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'newsstance-report-'));
    cpSync(path.join(BASIC, 'documents.jsonl'), path.join(dir, 'documents.jsonl'));
    const html = readFileSync((await writeReport(dir)).file, 'utf8');
    expect(html).toContain('No actors');
    expect(html.match(/<tr data-doc=/g)).toHaveLength(2);
    expect(existsSync(path.join(dir, 'report', 'doc', 'beta.html'))).toBe(true);
  });

  it('says which records it could not place instead of dropping them silently', async () => {
    const dir = fixtureCopy('audit-broken');
    const html = readFileSync((await writeReport(dir)).file, 'utf8');
    expect(html).toContain('Not shown: 1 entities record(s)');
    expect(html.match(/<tr data-doc=/g)).toHaveLength(1);
  });

  it('is deterministic', async () => {
    const a = fixtureCopy('report-corpus');
    const b = fixtureCopy('report-corpus');
    await writeReport(a);
    await writeReport(b);
    const pages = htmlFiles(a).map((f) => path.relative(a, f)).sort();
    expect(htmlFiles(b).map((f) => path.relative(b, f)).sort()).toEqual(pages);
    for (const p of pages) expect(readFileSync(path.join(b, p), 'utf8'), p).toBe(readFileSync(path.join(a, p), 'utf8'));
  });

  it('sorts actors by documents then strength, shows confidence when the record has one, and counts "n more"', async () => {
    const dir = fixtureCopy('report-corpus');
    const html = readFileSync((await writeReport(dir)).file, 'utf8');
    const rows = [...html.matchAll(/<tr id="actor-[^"]+" data-entity="([^"]+)"[^>]*>(.*?)<\/tr>/g)];
    expect(rows.map((r) => r[1])).toEqual(['PERSON:ben-okafor', 'ORG:chamber-of-commerce', 'PERSON:ana-costa', 'ORG:ports-authority']);
    expect(rows[0]![2]).toContain('>0.72<'); // the stage's confidence, no star
    expect(rows[1]![2]).toContain('>1.00*<'); // agreement stand-in: no confidence on the Chamber's records
    expect(rows[2]![2]).toContain('>0.80<'); // the mean of Costa's records that have one
    expect(rows[0]![2]).toContain('>2 more</a>');
    expect(rows[3]![2]).not.toContain('more</a>');
    // Costa's strongest evidence is the supporting one, not the stronger-looking doubt.
    expect(rows[2]![2]).toContain('The harbour toll will pay for the ferries,');
  });

  it('splits the full document list into pages, newest first, and removes pages no longer needed', async () => {
    const dir = fixtureCopy('report-corpus');
    await writeReport(dir, { documentsPerPage: 3 });
    const rows = (file: string) => [...readFileSync(path.join(dir, 'report', file), 'utf8').matchAll(/<tr data-doc="([^"]+)"/g)].map((m) => m[1]);
    expect(rows('documents.html')).toEqual(['three', 'city/two', 'city/one']);
    expect(rows('documents-2.html')).toEqual(['four']);
    expect(readFileSync(path.join(dir, 'report', 'documents-2.html'), 'utf8')).toContain('<a href="documents.html">1</a> <b>2</b>');
    await writeReport(dir, { documentsPerPage: 4 });
    expect(rows('documents.html')).toHaveLength(4);
    expect(existsSync(path.join(dir, 'report', 'documents-2.html'))).toBe(false);
  });

  it('is rewritten only when the artifacts changed, and then only the changed documents\' pages', async () => {
    const dir = fixtureCopy('report-corpus');
    // Runner-written artifacts have fresh indexes; make them as the runner would.
    const { scanArtifact, writeIndex } = await import('../../src/pipeline/artifact-index.js');
    const index = async () => {
      for (const [file, name] of [['documents.jsonl', 'documents'], ['entities.jsonl', 'entities'], ['quotes.jsonl', 'quotes'], ['stances.jsonl', 'stances'], ['actors.jsonl', 'actors']] as const) {
        await writeIndex(dir, scanArtifact(dir, file, name));
      }
    };
    mkdirSync(path.join(dir, 'cache'));
    await index();
    const first = await writeReport(dir);
    expect(first).toMatchObject({ written: true, docPages: 4 });
    expect(await writeReport(dir)).toMatchObject({ written: false, docPages: 0 });
    // Change one document's stance: the index and that page only.
    const stances = path.join(dir, 'stances.jsonl');
    writeFileSync(stances, readFileSync(stances, 'utf8').replace('"docId":"three","holder":null,"target":"harbour toll","label":"oppose","score":-0.6', '"docId":"three","holder":null,"target":"harbour toll","label":"oppose","score":-0.65'));
    await index();
    expect(await writeReport(dir)).toMatchObject({ written: true, docPages: 1 });
    expect(readFileSync(path.join(dir, 'report', 'documents.html'), 'utf8')).toContain('-0.65');
  });
});

const PROPOSAL = [{ name: 'harbour toll', aliases: ['harbor toll'] }];

describe.skipIf(!HAVE_CHROMIUM)('report in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let dir: string;
  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    dir = fixtureCopy('report-corpus');
    const { file } = await writeReport(dir, { proposals: PROPOSAL, topActors: 3 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
    await page.goto(pathToFileURL(file).href);
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('has a header with the proposal, the run and the counts', async () => {
    expect(await page.textContent('#proposal')).toBe('harbour toll');
    expect(await page.innerText('#h-docs')).toContain('4');
    expect((await page.innerText('#h-doc-stance')).replace(/\s+/g, ' ')).toContain('1 support · 2 oppose · 0 neutral · 1 none');
    expect((await page.innerText('#h-actors')).replace(/\s+/g, ' ')).toContain('4: 2 support · 2 oppose · 0 neutral');
    expect(await page.innerText('#h-run')).toContain('unknown'); // no manifest in the fixture
  });

  it('shows the top actors sorted by documents then strength, the rest on the actors page', async () => {
    const rows = await page.$$eval('#actors tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 9).map((td) => (td as HTMLElement).innerText.trim())));
    expect(rows).toEqual([
      ['1', 'Ben Okafor\nPERSON:ben-okafor', 'oppose', '-0.70', '0.72', '3', '0', '3', '0'],
      ['2', 'Chamber of Commerce\nORG:chamber-of-commerce', 'oppose', '-0.80', '1.00*', '2', '0', '2', '0'],
      ['3', 'Ana Costa\nPERSON:ana-costa', 'support', '+0.55', '0.80', '2', '2', '0', '0'],
    ]);
    expect(await page.locator('nav.crumbs a', { hasText: 'All 4 actors' }).count()).toBe(1);
  });

  it('has the three charts, drawn from the data', async () => {
    const bars = await page.$$eval('#chart-bars a.bar-row', (as) => as.map((a) => a.querySelector('title')!.textContent));
    expect(bars).toHaveLength(3);
    expect(bars[0]).toContain('Ben Okafor: score -0.70; 3 document(s): 0 support, 0 neutral, 3 oppose');
    const series = await page.$$eval('#chart-timeline g.series', (gs) => gs.map((g) => [g.getAttribute('data-series'), g.querySelectorAll('circle').length]));
    // Documents dated 2025-03-01, 03-08 and 04-02 (span 32 days: per day); the undated one is left out.
    expect(series).toEqual([['all documents (own stance)', 3], ['Ben Okafor', 3], ['Chamber of Commerce', 2], ['Ana Costa', 2]]);
    const cells = await page.$$eval('#chart-grid a.cell', (as) => as.map((a) => a.getAttribute('data-label')));
    expect(cells.sort()).toEqual(['oppose', 'oppose', 'oppose', 'oppose', 'oppose', 'support', 'support']);
  });

  it('links every page to pages and anchors that exist', async () => {
    const visited = new Set<string>();
    const queue = [page.url()];
    const other = await browser.newPage();
    while (queue.length) {
      const url = queue.shift()!;
      const [file, hash] = url.split('#') as [string, string | undefined];
      await other.goto(url);
      if (hash) expect(await other.evaluate((id) => document.getElementById(decodeURIComponent(id)) !== null, hash), url).toBe(true);
      if (visited.has(file)) continue;
      visited.add(file);
      // SVG links too (their href is not a string property): resolved against the page.
      const hrefs = await other.$$eval('a[href]', (as) => as.map((a) => new URL(a.getAttribute('href')!, location.href).href));
      for (const h of hrefs) {
        expect(h.startsWith('file://'), h).toBe(true);
        if (!h.split('#')[0]!.endsWith('.html')) continue;
        expect(existsSync(fileURLToPath(h.split('#')[0]!)), h).toBe(true);
        if (!visited.has(h.split('#')[0]!) || h.includes('#')) if (!queue.includes(h) && queue.length < 400) queue.push(h);
      }
    }
    await other.close();
    // index, actors, documents, 4 document pages, Okafor's and Costa's and Chamber's evidence pages
    expect(visited.size).toBe(10);
  }, 60_000);

  it('highlights a document in one scheme: proposal, quotes with one speaker tag outside the marks, evidence by its own sign', async () => {
    const doc = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    await doc.goto(pathToFileURL(path.join(dir, 'report', 'doc', 'city', 'one.html')).href);
    expect(await doc.locator('.text .tgt').allTextContents()).toEqual(['harbour toll', 'harbour toll']);
    // Costa supports overall; her doubt is coloured by its own (negative) score.
    const doubt = doc.locator('.ev', { hasText: 'Costa admitted' });
    expect(await doubt.getAttribute('class')).toBe('ev ev-oppose');
    expect(await doubt.evaluate((el) => getComputedStyle(el).textDecorationColor)).toBe('rgb(207, 59, 59)');
    // The group q2+q3 has one tag, after the closing mark of its last fragment; q1 names Costa right after: no tag.
    expect(await doc.$$eval('.text .who', (els) => els.map((el) => el.getAttribute('data-quote')))).toEqual(['city/one#q3']);
    const before = await doc.$eval('.text .who', (el) => {
      const r = document.createRange();
      r.setStart(el.closest('.text')!, 0);
      r.setEndBefore(el);
      return r.toString().slice(-8);
    });
    expect(before).toBe(' twice."');
    expect(await doc.$eval('.text .who', (el) => getComputedStyle(el, '::before').content)).toContain('Ben Okafor');
    await doc.screenshot({ path: path.join(SHOTS, 'report-document.png'), fullPage: true });
    await doc.close();
  });

  it('does not run a <script> from an article', async () => {
    const basic = fixtureCopy('audit-basic');
    await writeReport(basic);
    const doc = await browser.newPage();
    await doc.goto(pathToFileURL(path.join(basic, 'report', 'doc', 'alpha', 'one.html')).href);
    expect(await doc.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await doc.locator('script, img').count()).toBe(0);
    expect(await doc.locator('.quote[data-mark="alpha/one#q2"]').textContent()).toContain('<script>window.__pwned=1</script>');
    await doc.close();
  });

  it('leaves a screenshot of the index', async () => {
    await page.screenshot({ path: path.join(SHOTS, 'report-index.png'), fullPage: true });
    expect(existsSync(path.join(SHOTS, 'report-index.png'))).toBe(true);
  });
});

// A real run over the seed articles: every evidence statement gets an anchor, every link lands.
describe.skipIf(!existsSync(CLI))('report of a real run', () => {
  it('anchors every evidence statement and every quote, and every link resolves', async () => {
    const project = makeProject({ seeds: true });
    const r = runCli(['run', '--config', 'pipeline.config.json', '--concurrency', '2'], project.dir);
    expect(r.status === 0 || r.status === 1, r.stderr).toBe(true);
    expect(r.stderr).toMatch(/report: output\/report\.html \(5 document page\(s\) written/);
    const stances = readLines(path.join(project.out, 'stances.jsonl')) as Array<{ docId: string; evidence: unknown[] }>;
    const docs = readLines(path.join(project.out, 'documents.jsonl')) as Array<{ id: string }>;
    let anchors = 0;
    for (const d of docs) {
      const html = readFileSync(path.join(project.out, 'report', 'doc', `${d.id}.html`), 'utf8');
      anchors += html.match(/ id="ev-/g)?.length ?? 0;
      const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
      expect([...html.matchAll(/ href="#([^"]+)"/g)].map((m) => m[1]).filter((h) => !ids.has(h))).toEqual([]);
    }
    expect(anchors).toBe(stances.reduce((n, s) => n + s.evidence.length, 0));
    expect(readFileSync(path.join(project.out, 'report.html'), 'utf8')).not.toContain('id="unshown"');
    // A second run with nothing to do leaves the report alone.
    const again = runCli(['run', '--config', 'pipeline.config.json', '--concurrency', '2'], project.dir);
    expect(again.stderr).toContain('up to date');
  }, 120_000);
});
