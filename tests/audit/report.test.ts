import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { writeReport } from '../../src/report/report.js';
import { renderMarked, type Mark } from '../../src/report/segments.js';
import { CLI, makeProject, readLines, ROOT, runCli } from '../pipeline/helpers.js';

const BASIC = path.join(ROOT, 'tests', 'fixtures', 'audit-basic');
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
});

describe('report.html (static checks)', () => {
  it('escapes article text and has no script or external resource', async () => {
    const dir = fixtureCopy('audit-basic');
    const html = readFileSync(await writeReport(dir), 'utf8');
    expect(html).not.toMatch(/<script|<img|<link|<iframe|\ssrc="|href="(?!#)/i);
    expect(html).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(html).toContain(`default-src 'none'`);
  });

  it('is written even when the later artifacts are absent', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'newsstance-report-'));
    cpSync(path.join(BASIC, 'documents.jsonl'), path.join(dir, 'documents.jsonl'));
    const html = readFileSync(await writeReport(dir), 'utf8');
    expect(html).toContain('No actors');
    expect(html.match(/<article /g)).toHaveLength(2);
  });

  it('says which records it could not place instead of dropping them silently', async () => {
    const html = readFileSync(await writeReport(fixtureCopy('audit-broken')), 'utf8');
    expect(html).toContain('Not shown: 1 entities record(s)');
    expect(html.match(/<article /g)).toHaveLength(1);
  });

  it('is deterministic', async () => {
    const a = readFileSync(await writeReport(fixtureCopy('audit-basic')), 'utf8');
    const b = readFileSync(await writeReport(fixtureCopy('audit-basic')), 'utf8');
    expect(a).toBe(b);
  });
});

describe.skipIf(!HAVE_CHROMIUM)('report.html in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    const file = await writeReport(fixtureCopy('audit-basic'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    await page.goto(pathToFileURL(file).href);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** Text of every element of a mark (pieces joined), by data-mark key. */
  const markText = (key: string) =>
    page.evaluate((k) => [...document.querySelectorAll(`[data-mark="${CSS.escape(k)}"]`)].filter((el) => !el.parentElement?.closest(`[data-mark="${CSS.escape(k)}"]`)).map((el) => el.textContent).join(''), key);

  it('shows the actor table', async () => {
    const rows = await page.$$eval('#actors tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 8).map((td) => td.innerText.trim())));
    expect(rows).toEqual([
      ['Shigeru Ishiba\nPERSON:shigeru-ishiba', 'Asian NATO', 'support', '+0.50', '2', '2', '0', '0'],
      ['Wang Yi\nPERSON:wang-yi', 'Asian NATO', 'oppose', '-0.70', '1', '0', '1', '0'],
    ]);
  });

  it('highlights entities, quotes with their speaker, and evidence', async () => {
    const doc = page.locator('article[data-doc="alpha/one"]');
    expect(await doc.locator('.ent[data-entity="PERSON:wang-yi"]').allTextContents()).toEqual(['Wang Yi']);
    expect(await doc.locator('.ent[data-entity="PERSON:shigeru-ishiba"]').allTextContents()).toEqual(['Ishiba', 'Shigeru Ishiba', 'Ishiba']);
    expect(await markText('alpha/one#q1')).toBe('We need it now,');
    expect(await doc.locator('.quote[data-mark="alpha/one#q1"]').first().getAttribute('title')).toContain('speaker: Shigeru Ishiba');
    const who = doc.locator('.who[data-quote="alpha/one#q2"]');
    expect(await who.evaluate((el) => getComputedStyle(el, '::after').content)).toContain('Wang Yi');
    const evidence = await doc.locator('.ev-oppose[data-holder="PERSON:wang-yi"]').allTextContents();
    expect(evidence.join('')).toBe('the Asian NATO plan was dangerous <script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">');
    // The document's own evidence crosses the start of quote q1: split in pieces, its text intact.
    expect(await markText(await doc.locator('.ev[data-holder="@document"]').first().getAttribute('id') as string)).toBe('deter China. "We need');
  });

  it('does not run a <script> from an article', async () => {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('script, img').count()).toBe(0);
    expect(await page.locator('.quote[data-mark="alpha/one#q2"]').textContent()).toContain('<script>window.__pwned=1</script>');
  });

  it('links every actor to existing evidence anchors', async () => {
    const links = await page.$$eval('#actors a.ev-link', (as) => as.map((a) => a.getAttribute('href')!));
    expect(links).toHaveLength(4);
    for (const href of links) {
      const target = await page.evaluate((id) => {
        const el = document.getElementById(id);
        return el ? { cls: el.className, holder: el.getAttribute('data-holder') } : null;
      }, href.slice(1));
      expect(target, href).not.toBeNull();
      expect(target!.cls).toMatch(/\bev\b/);
    }
    const wang = await page.$eval('tr[data-entity="PERSON:wang-yi"] a.ev-link', (a) => a.getAttribute('href')!);
    await page.click(`tr[data-entity="PERSON:wang-yi"] a.ev-link`);
    expect(await page.evaluate(() => location.hash)).toBe(wang);
    expect(await page.evaluate(() => document.querySelector(':target')?.getAttribute('data-holder'))).toBe('PERSON:wang-yi');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: '/tmp/report.png', fullPage: true });
  });
});

// A real run over the seed articles: every evidence statement gets an anchor, every link lands.
describe.skipIf(!existsSync(CLI))('report.html of a real run', () => {
  it('anchors every evidence statement and every quote, and every link resolves', () => {
    const project = makeProject({ seeds: true });
    const r = runCli(['run', '--config', 'pipeline.config.json', '--concurrency', '2'], project.dir);
    expect(r.status === 0 || r.status === 1, r.stderr).toBe(true);
    return writeReport(project.out).then((file) => {
      const html = readFileSync(file, 'utf8');
      const stances = readLines(path.join(project.out, 'stances.jsonl')) as Array<{ evidence: unknown[] }>;
      const evidence = stances.reduce((n, s) => n + s.evidence.length, 0);
      expect(html.match(/ id="ev-/g)?.length ?? 0).toBe(evidence);
      expect(html.match(/class="who"/g)?.length ?? 0).toBe(readLines(path.join(project.out, 'quotes.jsonl')).length);
      expect(html.match(/<article /g)).toHaveLength(readLines(path.join(project.out, 'documents.jsonl')).length);
      const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
      const hrefs = [...html.matchAll(/ href="#([^"]+)"/g)].map((m) => m[1]);
      expect(hrefs.filter((h) => !ids.has(h))).toEqual([]);
      expect(html).not.toContain('id="unshown"');
    });
  }, 120_000);
});
