/**
 * The HTML report: static pages, inline CSS and SVG, no script, no network.
 *
 * - `output/report.html` (the index): a header (proposal, run, counts), the charts, the top actors
 *   and the first documents. It stays small whatever the corpus (about 0.5 MB at 20,000 documents).
 * - `output/report/actors.html`: every actor; `output/report/documents.html`: every document with
 *   its own stance; `output/report/actor/<hash>.html`: all the evidence of an actor with more than one
 *   piece; `output/report/doc/<docId>.html`: one page per document with its text highlighted.
 *
 * One streamed pass over the artifacts in document order (merge join on docId) collects what the
 * index needs (a few numbers and one evidence sentence per stance record) and writes the document
 * pages. The report is rewritten only when the artifacts or the report's options changed
 * (`report/state.json`), and a document's page only when that document's records changed.
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { ARTIFACTS, type ActorRecord, type DocumentRecord, type EntityRecord, type QuoteRecord, type StanceRecord } from '../schema.js';
import { DocCursor, type ScannedLine } from '../audit/stream.js';
import { readRecords } from '../export/read.js';
import { freshIndex } from '../pipeline/artifact-index.js';
import { readManifest } from '../pipeline/manifest.js';
import { HeapGuard } from '../pipeline/memory.js';
import { writeFileAtomic } from '../io/jsonl.js';
import { actorAnchor, actorPagePath, docPagePath, REPORT_DIR } from './html.js';
import { documentPage, targetPattern, type TargetNames } from './docpage.js';
import { writeIndexPages, type ActorView, type DocRow, type StanceRef } from './pages.js';

export const REPORT_FILE = 'report.html';
/** Bumped when the pages' markup changes, so an old report is rewritten. */
export const REPORT_VERSION = 2;
const STATE_FILE = 'state.json';

export interface ReportOptions {
  /** The proposals as configured (name and aliases marked in text). Default: the targets found in the artifacts, without aliases. */
  proposals?: TargetNames[];
  /** Actors shown on the index (table and charts). Default 25. */
  topActors?: number;
  /** Documents listed on the index (the rest are on documents.html). Default 200. */
  topDocuments?: number;
  /** Rows per page of the full document list (report/documents.html, documents-2.html, ...). Default 2,000. */
  documentsPerPage?: number;
  /** Rewrite even when nothing changed. */
  force?: boolean;
}

export interface ReportResult {
  file: string;
  /** False when the artifacts and options were those of the report already there. */
  written: boolean;
  /** Document pages written this time (the others were current). */
  docPages: number;
  ms: number;
}

interface ReportState {
  version: number;
  key: string;
  docKey: string;
  /** Per document: the hash of its records the page was made from. */
  docs: Record<string, string>;
}

const REPORTED = ['documents', 'entities', 'quotes', 'stances', 'actors'] as const;

function scan<T>(outputDir: string, artifact: keyof typeof ARTIFACTS) {
  // Bad lines are skipped here: the pipeline already reports them in errors.jsonl. Fields beyond
  // the schema (a stance's `confidence`...) are kept.
  return readRecords(outputDir, artifact) as unknown as AsyncGenerator<ScannedLine<T>>;
}

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

/** Content hash of each reported artifact (its index when fresh, else size and mtime), and per document the hash of its records when every index is fresh. */
async function fingerprint(outputDir: string): Promise<{ artifacts: string; perDoc: Map<string, string> | null }> {
  const parts: string[] = [];
  const perDocParts = new Map<string, string[]>();
  let allFresh = true;
  for (const name of REPORTED) {
    const file = ARTIFACTS[name].file;
    const index = freshIndex(outputDir, file);
    if (index) {
      parts.push(`${file}\t${index.sha256}`);
      if (name !== 'actors') for (const d of index.docs) perDocParts.set(d.docId, [...(perDocParts.get(d.docId) ?? []), `${name}:${d.lines ? d.sha256 : '-'}`]);
      continue;
    }
    allFresh = false;
    const stat = await fs.stat(path.join(outputDir, file)).catch(() => null);
    parts.push(`${file}\t${stat ? `${stat.size}:${stat.mtimeMs}` : 'absent'}`);
  }
  const perDoc = allFresh ? new Map([...perDocParts].map(([id, p]) => [id, sha(p.join('\n'))])) : null;
  return { artifacts: sha(parts.join('\n')), perDoc };
}

async function readState(dir: string): Promise<ReportState | null> {
  try {
    const s = JSON.parse(await fs.readFile(path.join(dir, STATE_FILE), 'utf8')) as ReportState;
    return s.version === REPORT_VERSION ? s : null;
  } catch {
    return null;
  }
}

/** The evidence sentence shown for a stance record: its strongest, preferring those of the record's own sign. */
function bestEvidence(s: StanceRecord): { text: string; score: number; index: number } | undefined {
  const want = s.label === 'support' ? 1 : s.label === 'oppose' ? -1 : 0;
  let best: { text: string; score: number; index: number } | undefined;
  let bestKey = -Infinity;
  s.evidence.forEach((e, i) => {
    const agrees = want === 0 || Math.sign(e.score) === want ? 1 : 0;
    const k = agrees * 10 + Math.abs(e.score) - e.text.length / 1e6; // ties: the shorter sentence reads faster
    if (k > bestKey) {
      bestKey = k;
      best = { text: e.text.length > 320 ? e.text.slice(0, 319) + '…' : e.text, score: e.score, index: i };
    }
  });
  return best;
}

/** What the report was made from, and whether the one on disk was made from what is there now. */
async function freshness(outputDir: string, options: ReportOptions) {
  const dir = path.join(outputDir, REPORT_DIR);
  const { artifacts, perDoc } = await fingerprint(outputDir);
  const manifest = readManifest(outputDir);
  const docKey = sha(JSON.stringify({ v: REPORT_VERSION, p: options.proposals ?? null }));
  const key = sha(JSON.stringify({ artifacts, docKey, topActors: options.topActors ?? 25, topDocuments: options.topDocuments ?? 200, perPage: options.documentsPerPage ?? null, run: manifest?.runId ?? null }));
  const state = await readState(dir);
  const current = state !== null && state.key === key && existsSync(path.join(outputDir, REPORT_FILE));
  return { key, docKey, perDoc, state, current, manifest };
}

/**
 * Whether the report in `outputDir` is the one `writeReport(outputDir, options)` would write
 * (same artifacts, options and run); reads only the artifact indexes and report/state.json.
 */
export async function reportIsCurrent(outputDir: string, options: ReportOptions = {}): Promise<boolean> {
  return (await freshness(outputDir, options)).current;
}

/**
 * Write (or leave as it is) the report of the artifacts in `outputDir`.
 * @returns the index file, whether anything was written, how many document pages, and the time in ms.
 * @throws on a write error (the index is published atomically; a half-written document page is rewritten next time).
 */
export async function writeReport(outputDir: string, options: ReportOptions = {}): Promise<ReportResult> {
  const started = Date.now();
  const file = path.join(outputDir, REPORT_FILE);
  const dir = path.join(outputDir, REPORT_DIR);
  const topActors = options.topActors ?? 25;
  const topDocuments = options.topDocuments ?? 200;
  const { key, docKey, perDoc, state, current, manifest } = await freshness(outputDir, options);
  if (!options.force && current) return { file, written: false, docPages: 0, ms: Date.now() - started };

  const actors: ActorRecord[] = [];
  for await (const { value } of scan<ActorRecord>(outputDir, 'actors')) actors.push(value);
  const targets = new Set(actors.map((a) => a.target));
  const refs = new Map<string, StanceRef[]>();
  const docs: DocRow[] = [];
  const entities = new DocCursor(scan<EntityRecord>(outputDir, 'entities'));
  const quotes = new DocCursor(scan<QuoteRecord>(outputDir, 'quotes'));
  const stances = new DocCursor(scan<StanceRecord>(outputDir, 'stances'));
  const counts = { entities: 0, quotes: 0, stances: 0 };
  const reuse = !options.force && state?.docKey === docKey && perDoc ? state.docs : {};
  const newDocs: Record<string, string> = {};
  let docPages = 0;
  // Marked in text: the configured names and aliases, else the targets actors.jsonl names.
  const pattern = targetPattern(options.proposals ?? [...targets].map((name) => ({ name, aliases: [] })));
  const unshown: string[] = [];
  const pages = new PageWriter();
  // Parsed articles are garbage a document later: collect as the runner does (src/pipeline/memory.ts).
  const heap = new HeapGuard();
  try {
    for await (const { value: doc } of scan<DocumentRecord>(outputDir, 'documents')) {
      const e = await entities.take(doc.id);
      const q = await quotes.take(doc.id);
      const s = await stances.take(doc.id);
      heap.tick();
      counts.entities += e.length;
      counts.quotes += q.length;
      counts.stances += s.length;
      const row: DocRow = {
        id: doc.id,
        title: doc.title ?? doc.id,
        published: doc.published,
        own: [],
        holders: { support: 0, oppose: 0, neutral: 0 },
        quotes: q.length,
        ...(doc.duplicateOf !== undefined ? { duplicateOf: doc.duplicateOf } : {}),
      };
      const index = docs.push(row) - 1;
      for (const st of s) {
        targets.add(st.target);
        if (!st.holder) {
          row.own.push({ target: st.target, label: st.label, score: st.score, evidence: st.evidence.length });
          continue;
        }
        row.holders[st.label]++;
        // A duplicate document's stances are counted once, in its original (as in actors.jsonl).
        if (row.duplicateOf !== undefined) continue;
        const k = actorAnchor(st.holder.entityId, st.target);
        const list = refs.get(k) ?? [];
        list.push({ doc: index, label: st.label, score: st.score, evidence: st.evidence.length, best: bestEvidence(st), confidence: numberOr((st as { confidence?: unknown }).confidence) });
        refs.set(k, list);
      }
      // Document pages: only those whose records changed (and that still exist on disk).
      const hash = perDoc?.get(doc.id);
      if (hash) newDocs[doc.id] = hash;
      if (!hash || reuse[doc.id] !== hash || !existsSync(path.join(dir, docPagePath(doc.id)))) {
        await pages.write(path.join(dir, docPagePath(doc.id)), documentPage(doc, e, q, s, pattern));
        docPages++;
      }
    }
    await pages.flush();
    for (const [name, cursor] of Object.entries({ entities, quotes, stances })) {
      await cursor.drain();
      if (cursor.skipped) unshown.push(`${cursor.skipped} ${name} record(s)`);
    }
  } finally {
    await pages.flush().catch(() => undefined);
    await Promise.all([entities.close(), quotes.close(), stances.close()]);
  }
  // Pages of documents no longer in the output.
  const present = new Set(docs.map((d) => d.id));
  for (const id of Object.keys(state?.docs ?? {})) if (!present.has(id)) await fs.rm(path.join(dir, docPagePath(id)), { force: true });

  const views: ActorView[] = actors.map((a) => {
    const list = refs.get(actorAnchor(a.entityId, a.target)) ?? [];
    return { actor: a, refs: list, evidence: list.reduce((n, r) => n + r.evidence, 0), pagePath: actorPagePath(a.entityId, a.target) };
  });
  // Documents first, then strength (|score|), then name: the actors most written about, most clearly placed.
  views.sort((x, y) => y.actor.documents - x.actor.documents || Math.abs(y.actor.score) - Math.abs(x.actor.score) || x.actor.name.localeCompare(y.actor.name) || x.actor.entityId.localeCompare(y.actor.entityId));
  await writeIndexPages({
    outputDir,
    dir,
    file,
    actors: views,
    docs,
    proposals: options.proposals?.map((p) => p.name) ?? [...targets],
    runId: manifest?.runId ?? null,
    counts,
    topActors,
    topDocuments,
    documentsPerPage: options.documentsPerPage,
    unshown,
  });
  await writeFileAtomic(path.join(dir, STATE_FILE), JSON.stringify({ version: REPORT_VERSION, key, docKey, docs: perDoc ? newDocs : {} } satisfies ReportState) + '\n');
  return { file, written: true, docPages, ms: Date.now() - started };
}

/**
 * Document pages are written with up to WRITES_IN_FLIGHT writes at a time: one after the other,
 * 20,000 small files spend most of their time waiting on the disk.
 */
const WRITES_IN_FLIGHT = 32;

class PageWriter {
  private readonly made = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private failed: Error | null = null;

  async write(file: string, html: string): Promise<void> {
    if (this.failed) throw this.failed;
    const folder = path.dirname(file);
    if (!this.made.has(folder)) {
      await fs.mkdir(folder, { recursive: true });
      this.made.add(folder);
    }
    const p: Promise<void> = fs.writeFile(file, html).then(
      () => void this.inFlight.delete(p),
      (error: Error) => {
        this.inFlight.delete(p);
        this.failed ??= error;
      },
    );
    this.inFlight.add(p);
    if (this.inFlight.size >= WRITES_IN_FLIGHT) await Promise.race(this.inFlight);
  }

  async flush(): Promise<void> {
    await Promise.all(this.inFlight);
    if (this.failed) throw this.failed;
  }
}

const numberOr = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
