/**
 * `npm run bench:report [-- options]`: the HTML report at scale (issue 20). On the artifacts of an
 * existing run (`--output DIR`), or of a fresh run over a bench corpus of `--docs N` documents
 * (default 20,000; built by corpus.ts in a temp folder, pipeline run through the CLI), it measures:
 * the time and peak RSS of writing the report, the size of the index page, of actors.html and
 * documents.html and of all document pages, the time of a rewrite when nothing changed, and (when
 * /usr/bin/chromium exists) how long Chromium takes to load and render each table page, median of
 * 3 loads. Figures go to stdout and `output/bench/report-<timestamp>.json`; a screenshot of the
 * index to `output/bench/report-index.png`. Targets (issue 20): index < 10 MB, rendered in < 5 s.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeReport } from '../report/report.js';
import { buildCorpus, loadSources } from './corpus.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const MB = 1024 * 1024;
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function folderBytes(dir: string): { files: number; bytes: number; largest: number } {
  let files = 0;
  let bytes = 0;
  let largest = 0;
  if (!existsSync(dir)) return { files, bytes, largest };
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const s = statSync(path.join(dir, f));
    if (!s.isFile()) continue;
    files++;
    bytes += s.size;
    largest = Math.max(largest, s.size);
  }
  return { files, bytes, largest };
}

async function renderTimes(files: string[], shot: string): Promise<Record<string, number[]>> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const out: Record<string, number[]> = {};
  try {
    for (const file of files) {
      out[path.basename(file)] = [];
      for (let i = 0; i < 3; i++) {
        const page = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
        const started = Date.now();
        await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 120_000 });
        // Layout and first paint of the whole page, not only the parse.
        await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve(document.body.scrollHeight)))');
        out[path.basename(file)]!.push(Date.now() - started);
        if (i === 0 && file === files[0]) await page.screenshot({ path: shot, fullPage: false });
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }
  return out;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  let outputDir = arg('--output') ? path.resolve(arg('--output')!) : null;
  const docs = Number(arg('--docs') ?? 20000);
  if (!outputDir) {
    const work = mkdtempSync(path.join(os.tmpdir(), 'newsstance-bench-report-'));
    const raw = path.join(work, 'raw');
    const c = buildCorpus(raw, loadSources(path.join(ROOT, 'raw'), path.resolve(ROOT, '..', 'shared', 'eval', 'polnear_train.jsonl')), { docs, seed: 1 });
    process.stderr.write(`corpus: ${c.files} files in ${raw}; running the pipeline (no report)...\n`);
    outputDir = path.join(work, 'out');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'run', '--config', path.join(ROOT, 'pipeline.config.json'), '--input', raw, '--output', outputDir, '--no-report', '--quiet'], { stdio: 'inherit' });
    if (r.status !== 0 && r.status !== 1) throw new Error(`the pipeline run failed (exit ${r.status})`);
  }
  const proposals = [{ name: 'Asian NATO', aliases: [] as string[] }];
  const started = Date.now();
  const first = await writeReport(outputDir, { proposals, force: true });
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const second = await writeReport(outputDir, { proposals });
  const dir = path.join(outputDir, 'report');
  const sizes = {
    indexMB: statSync(first.file).size / MB,
    actorsMB: statSync(path.join(dir, 'actors.html')).size / MB,
    documentsMB: statSync(path.join(dir, 'documents.html')).size / MB,
    documentPages: folderBytes(path.join(dir, 'doc')),
    actorPages: folderBytes(path.join(dir, 'actor')),
  };
  const benchDir = path.join(ROOT, 'output', 'bench');
  mkdirSync(benchDir, { recursive: true });
  const render = existsSync(CHROMIUM)
    ? await renderTimes([first.file, path.join(dir, 'actors.html'), path.join(dir, 'documents.html')], path.join(benchDir, 'report-index.png'))
    : null;
  const documents = sizes.documentPages.files;
  const result = {
    startedAt: new Date(started).toISOString(),
    outputDir,
    documents,
    write: { seconds: first.ms / 1000, peakRssMB: peakRss / MB, docPages: first.docPages },
    rewriteWhenUnchanged: { seconds: second.ms / 1000, written: second.written },
    sizes: {
      indexMB: sizes.indexMB,
      actorsMB: sizes.actorsMB,
      documentsMB: sizes.documentsMB,
      documentPagesMB: sizes.documentPages.bytes / MB,
      largestDocumentPageKB: sizes.documentPages.largest / 1024,
      actorPages: sizes.actorPages.files,
      actorPagesMB: sizes.actorPages.bytes / MB,
      largestActorPageMB: sizes.actorPages.largest / MB,
    },
    renderMs: render ? Object.fromEntries(Object.entries(render).map(([k, v]) => [k, { median: median(v), runs: v }])) : 'chromium absent',
    targets: [
      { name: 'index page size', target: '< 10 MB', measured: `${sizes.indexMB.toFixed(2)} MB`, pass: sizes.indexMB < 10 },
      render
        ? { name: 'index render in Chromium', target: '< 5 s', measured: `${median(render['report.html']!)} ms`, pass: median(render['report.html']!) < 5000 }
        : { name: 'index render in Chromium', target: '< 5 s', measured: 'chromium absent', pass: null },
    ],
  };
  const file = path.join(benchDir, `report-${result.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  process.stdout.write(JSON.stringify(result, null, 2) + `\nwritten to ${path.relative(process.cwd(), file)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:report failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
