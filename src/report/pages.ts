/**
 * The report's table pages: the index (`report.html`), `report/actors.html`, `report/documents.html`
 * and one evidence page per actor with more than one piece of evidence (`report/actor/<hash>.html`).
 * Everything here is built from the small per-record summaries report.ts collects, never from
 * document text.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ActorRecord, StanceLabel } from '../schema.js';
import { writeFileAtomic } from '../io/jsonl.js';
import { actorDocumentGrid, bucketOf, bucketRange, divergingBars, granularityFor, signOf, timeline, type Series } from './charts.js';
import { actorAnchor, docHref, esc, evidenceAnchor, fmtScore, labelPill, pageHead, up } from './html.js';
import { LEGEND } from './docpage.js';

/** One stance record of an actor, reduced to what the pages show. `doc` indexes `DocRow[]`. */
export interface StanceRef {
  doc: number;
  label: StanceLabel;
  score: number;
  evidence: number;
  best: { text: string; score: number; index: number } | undefined;
  /** The record's `confidence` when the stance stage gives one. */
  confidence: number | undefined;
}

export interface DocRow {
  id: string;
  title: string;
  published: string | null;
  /** The document's own stance, per target. */
  own: Array<{ target: string; label: StanceLabel; score: number; evidence: number }>;
  /** Holders' stance records in this document, by label. */
  holders: Record<StanceLabel, number>;
  quotes: number;
  /** The document this one duplicates (documents.jsonl `duplicateOf`): left out of the corpus tallies. */
  duplicateOf?: string;
}

export interface ActorView {
  actor: ActorRecord;
  refs: StanceRef[];
  /** Evidence statements over all of the actor's records. */
  evidence: number;
  /** Its evidence page, relative to the report folder (written when evidence > 1). */
  pagePath: string;
}

export interface IndexInput {
  outputDir: string;
  dir: string;
  file: string;
  actors: ActorView[];
  docs: DocRow[];
  proposals: string[];
  runId: string | null;
  counts: { entities: number; quotes: number; stances: number };
  topActors: number;
  topDocuments: number;
  /** Rows per page of the full document list (default DOCUMENTS_PER_PAGE). */
  documentsPerPage?: number;
  unshown: string[];
}

/** Actors (up to this many) drawn in the timeline; the grid's rows and columns. */
const TIMELINE_ACTORS = 5;
const GRID_ACTORS = 20;
const GRID_DOCS = 60;

/**
 * An actor's confidence: the actor record's own `confidence` when it has one; else the mean
 * `confidence` of its stance records that have one (the stance stage gives it per record); else the
 * share of its documents on its majority side (agreement), a stated stand-in, never a probability.
 */
export function actorConfidence(a: ActorRecord, refs: StanceRef[] = []): { value: number; source: 'stage' | 'records' | 'agreement' } {
  const own = (a as { confidence?: unknown }).confidence;
  if (typeof own === 'number') return { value: own, source: 'stage' };
  const given = refs.map((r) => r.confidence).filter((c): c is number => typeof c === 'number');
  if (given.length) return { value: given.reduce((x, y) => x + y, 0) / given.length, source: 'records' };
  const total = a.counts.support + a.counts.oppose + a.counts.neutral;
  return { value: total ? Math.max(a.counts.support, a.counts.oppose, a.counts.neutral) / total : 0, source: 'agreement' };
}

/** `2026-11-30T03-33-57-308Z` (a run id) as `2026-11-30 03:33 UTC`. */
export function runTime(runId: string | null): string {
  const m = runId ? /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})/.exec(runId) : null;
  return m ? `${m[1]} ${m[2]}:${m[3]} UTC` : 'unknown';
}

function bestOf(v: ActorView): StanceRef | undefined {
  const want = v.actor.label === 'support' ? 1 : v.actor.label === 'oppose' ? -1 : 0;
  let best: StanceRef | undefined;
  let key = -Infinity;
  for (const r of v.refs) {
    if (!r.best) continue;
    const k = (want === 0 || Math.sign(r.best.score) === want ? 10 : 0) + Math.abs(r.best.score);
    if (k > key) ((key = k), (best = r));
  }
  return best;
}

function evidenceCell(v: ActorView, docs: DocRow[], depth: number): string {
  const r = bestOf(v);
  if (!r || !r.best) return '<td class="ev-cell"><span class="meta">no evidence</span></td>';
  const d = docs[r.doc]!;
  const href = docHref(d.id, depth, evidenceAnchor(d.id, v.actor.entityId, v.actor.target, r.best.index));
  const more = v.evidence - 1;
  return (
    `<td class="ev-cell"><span class="ev ev-${signOf(r.best.score)}">${esc(r.best.text)}</span> ` +
    `<a class="ev-link" href="${esc(href)}" title="${esc(d.title)}">${esc(d.published ?? d.id)}</a>` +
    (more > 0 ? ` <a class="more" href="${esc(up(depth) + v.pagePath)}">${more} more</a>` : '') +
    '</td>'
  );
}

function actorRow(v: ActorView, rank: number, docs: DocRow[], depth: number): string {
  const a = v.actor;
  const c = actorConfidence(a, v.refs);
  const cTitle = {
    stage: 'confidence given by the stance stage',
    records: 'mean confidence the stance stage gives its stance records',
    agreement: 'agreement: share of its documents on its majority side',
  }[c.source];
  return (
    `<tr id="${actorAnchor(a.entityId, a.target)}" data-entity="${esc(a.entityId)}" data-documents="${a.documents}" data-score="${a.score}">` +
    `<td class="num">${rank}</td><td><strong>${esc(a.name)}</strong><br><code>${esc(a.entityId)}</code></td>` +
    `<td>${labelPill(a.label)}</td><td class="num">${fmtScore(a.score)}</td><td class="num" title="${cTitle}">${c.value.toFixed(2)}${c.source === 'agreement' ? '*' : ''}</td>` +
    `<td class="num">${a.documents}</td><td class="num">${a.counts.support}</td><td class="num">${a.counts.oppose}</td><td class="num">${a.counts.neutral}</td>` +
    evidenceCell(v, docs, depth) +
    '</tr>\n'
  );
}

const ACTOR_HEAD =
  '<table class="actors">\n<thead><tr><th>#</th><th>Actor</th><th>Stance</th><th>Score</th><th title="* = agreement (share of documents on the majority side)">Conf.</th>' +
  '<th>Docs</th><th>Support</th><th>Oppose</th><th>Neutral</th><th>Strongest evidence</th></tr></thead>\n<tbody>\n';

function docRow(d: DocRow, depth: number): string {
  const own = d.own.length
    ? d.own.map((o) => `${labelPill(o.label)} ${fmtScore(o.score)}${d.own.length > 1 ? ` <small>${esc(o.target)}</small>` : ''}`).join('<br>')
    : labelPill('none');
  return (
    `<tr data-doc="${esc(d.id)}" data-label="${esc(d.own[0]?.label ?? 'none')}"><td><a href="${esc(docHref(d.id, depth))}">${esc(d.title)}</a><br><code>${esc(d.id)}</code>${d.duplicateOf ? `<br><small>duplicate of <a href="${esc(docHref(d.duplicateOf, depth))}"><code>${esc(d.duplicateOf)}</code></a></small>` : ''}</td>` +
    `<td class="num">${esc(d.published ?? '')}</td><td>${own}</td>` +
    `<td class="num">${d.holders.support}</td><td class="num">${d.holders.oppose}</td><td class="num">${d.holders.neutral}</td><td class="num">${d.quotes}</td></tr>\n`
  );
}

const DOC_HEAD =
  '<table class="documents">\n<thead><tr><th>Document</th><th>Published</th><th>Document stance</th>' +
  '<th title="holders supporting in this document">Support</th><th title="holders opposing">Oppose</th><th title="holders neutral">Neutral</th><th>Quotes</th></tr></thead>\n<tbody>\n';

/** Newest first, undated last, then by id. */
function byDate(a: DocRow, b: DocRow): number {
  if (a.published !== b.published) return a.published === null ? 1 : b.published === null ? -1 : a.published < b.published ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function header(input: IndexInput): string {
  const own = { support: 0, oppose: 0, neutral: 0, none: 0 };
  let duplicates = 0;
  for (const d of input.docs) {
    if (d.duplicateOf !== undefined) duplicates++;
    else own[d.own[0]?.label ?? 'none']++;
  }
  const act = { support: 0, oppose: 0, neutral: 0 };
  for (const v of input.actors) act[v.actor.label]++;
  const box = (title: string, body: string, id: string): string => `<div id="${id}">${title}<br>${body}</div>`;
  return (
    '<div class="header">' +
    box('Run', `<b>${esc(runTime(input.runId))}</b>`, 'h-run') +
    box('Documents', `<b>${input.docs.length}</b>${duplicates ? ` (${duplicates} duplicate${duplicates === 1 ? '' : 's'} of earlier ones, counted once)` : ''}`, 'h-docs') +
    box('Document stance', `<b>${own.support}</b> support · <b>${own.oppose}</b> oppose · <b>${own.neutral}</b> neutral · <b>${own.none}</b> none`, 'h-doc-stance') +
    box('Actors', `<b>${input.actors.length}</b>: ${act.support} support · ${act.oppose} oppose · ${act.neutral} neutral`, 'h-actors') +
    box('Records', `${input.counts.quotes} quotes · ${input.counts.stances} stances · ${input.counts.entities} entities`, 'h-records') +
    '</div>\n'
  );
}

function charts(input: IndexInput, top: ActorView[]): string {
  const bars = divergingBars(
    top.map((v) => ({
      name: v.actor.name,
      href: v.evidence > 1 ? up(-1) + v.pagePath : `${up(-1)}actors.html#${actorAnchor(v.actor.entityId, v.actor.target)}`,
      score: v.actor.score,
      counts: v.actor.counts,
      documents: v.actor.documents,
    })),
  );
  // Timeline: the corpus (documents' own stance) and the first actors, per date bucket.
  const dates = input.docs.map((d) => d.published).filter((d): d is string => d !== null).sort();
  let chart = '<p class="meta">No publication dates: nothing to chart over time.</p>';
  if (dates.length) {
    const g = granularityFor(dates[0]!, dates[dates.length - 1]!);
    const add = (s: Series, date: string | null, score: number): void => {
      if (date === null) return;
      const b = bucketOf(date, g);
      const p = s.points.get(b) ?? { sum: 0, n: 0 };
      p.sum += score;
      p.n++;
      s.points.set(b, p);
    };
    const corpus: Series = { name: 'all documents (own stance)', points: new Map() };
    for (const d of input.docs) if (d.duplicateOf === undefined) for (const o of d.own) add(corpus, d.published, o.score);
    const series = [corpus];
    for (const v of top.slice(0, TIMELINE_ACTORS)) {
      const s: Series = { name: v.actor.name, points: new Map() };
      for (const r of v.refs) add(s, input.docs[r.doc]!.published, r.score);
      series.push(s);
    }
    chart = timeline(series, bucketRange(dates[0]!, dates[dates.length - 1]!, g), g);
  }
  // Grid: the first actors × the documents where most of them hold a stance.
  const rows = top.slice(0, GRID_ACTORS);
  const perDoc = new Map<number, number>();
  for (const v of rows) for (const r of v.refs) perDoc.set(r.doc, (perDoc.get(r.doc) ?? 0) + 1);
  const cols = [...perDoc.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, GRID_DOCS)
    .map(([i]) => i)
    .sort((a, b) => -byDate(input.docs[a]!, input.docs[b]!));
  const colIndex = new Map(cols.map((d, c) => [d, c]));
  const cells = rows.map((v) => {
    const m = new Map<number, StanceRef>();
    for (const r of v.refs) if (colIndex.has(r.doc)) m.set(colIndex.get(r.doc)!, r);
    return m;
  });
  const grid = actorDocumentGrid(
    rows.map((v) => ({ name: v.actor.name, href: `${up(-1)}actors.html#${actorAnchor(v.actor.entityId, v.actor.target)}` })),
    cols.map((i) => ({ id: input.docs[i]!.id, title: input.docs[i]!.title, href: docHref(input.docs[i]!.id, -1), published: input.docs[i]!.published })),
    (r, c) => {
      const ref = cells[r]!.get(c);
      return ref ? { label: ref.label, score: ref.score } : undefined;
    },
  );
  return (
    '<section id="charts">\n<h2>Charts</h2>\n' +
    `<figure><figcaption>Where the top ${top.length} actors stand: score (left oppose, right support) and their documents by stance</figcaption>${bars}</figure>\n` +
    `<figure><figcaption>Stance over publication dates: all documents and the ${Math.min(TIMELINE_ACTORS, top.length)} most covered actors</figcaption>${chart}</figure>\n` +
    `<figure><figcaption>Actor × document: the ${rows.length} most covered actors in the ${cols.length} documents where most of them take a stance${perDoc.size > cols.length ? ` (of ${perDoc.size})` : ''}</figcaption>${grid}</figure>\n` +
    '</section>\n'
  );
}

/** Write report.html, report/actors.html, report/documents.html and the actor evidence pages. */
export async function writeIndexPages(input: IndexInput): Promise<void> {
  const { actors, docs, dir } = input;
  const top = actors.slice(0, input.topActors);
  const sortedDocs = [...docs].sort(byDate);
  const proposal = input.proposals.length ? input.proposals.join(', ') : 'no proposal found';
  const index =
    pageHead(`Stance on ${proposal} · newsstance`) +
    `<h1>Stance on <span id="proposal">${esc(proposal)}</span></h1>\n${header(input)}` +
    `<nav class="crumbs"><a href="#charts">Charts</a><a href="#actors">Top actors</a><a href="#documents">Documents</a>` +
    `<a href="${up(-1)}actors.html">All ${actors.length} actors</a><a href="${up(-1)}documents.html">All ${docs.length} documents</a></nav>\n` +
    charts(input, top) +
    `<section id="actors">\n<h2>Top ${top.length} of ${actors.length} actors</h2>\n<p class="meta">Sorted by documents, then by strength (|score|). Conf.: the stance stage's confidence (the actor's, else the mean of its records'); with * agreement (the share of its documents on its majority side) where the stage gives none. <a href="${up(-1)}actors.html">All actors</a></p>\n` +
    (top.length ? ACTOR_HEAD + top.map((v, i) => actorRow(v, i + 1, docs, -1)).join('') + '</tbody>\n</table>\n' : '<p class="meta">No actors (actors.jsonl is empty or absent).</p>\n') +
    '</section>\n' +
    `<section id="documents">\n<h2>Documents${docs.length > input.topDocuments ? ` (newest ${input.topDocuments} of ${docs.length})` : ''}</h2>\n${LEGEND}\n` +
    (docs.length ? DOC_HEAD + sortedDocs.slice(0, input.topDocuments).map((d) => docRow(d, -1)).join('') + '</tbody>\n</table>\n' : '<p class="meta">No documents (documents.jsonl is empty or absent).</p>\n') +
    (docs.length > input.topDocuments ? `<p><a href="${up(-1)}documents.html">All ${docs.length} documents</a></p>\n` : '') +
    '</section>\n' +
    // Say so rather than silently drop records whose document is missing or that are out of docId order.
    (input.unshown.length ? `<p class="meta" id="unshown">Not shown: ${input.unshown.join(', ')} (no matching document in documents.jsonl, or not in document order).</p>\n` : '') +
    '</body>\n</html>\n';
  await fs.mkdir(dir, { recursive: true });
  await writeFileAtomic(
    path.join(dir, 'actors.html'),
    pageHead(`Actors · ${proposal} · newsstance`) +
      `<nav class="crumbs"><a href="../report.html">← report</a><a href="documents.html">all documents</a></nav>\n<h1>All ${actors.length} actors on ${esc(proposal)}</h1>\n` +
      (actors.length ? ACTOR_HEAD + actors.map((v, i) => actorRow(v, i + 1, docs, 0)).join('') + '</tbody>\n</table>\n' : '<p class="meta">No actors.</p>\n') +
      '</body>\n</html>\n',
  );
  await writeDocumentPages(dir, sortedDocs, proposal, input.documentsPerPage ?? DOCUMENTS_PER_PAGE);
  await writeActorPages(dir, actors, docs);
  await writeFileAtomic(input.file, index);
}

/** Rows per page of the document list by default: 20,000 rows on one page take Chromium several seconds. */
export const DOCUMENTS_PER_PAGE = 2000;

/** `documents.html`, then `documents-2.html`, ...: every document, newest first, `perPage` a page. Stale later pages are removed. */
async function writeDocumentPages(dir: string, sortedDocs: DocRow[], proposal: string, perPage: number): Promise<void> {
  const pages = Math.max(1, Math.ceil(sortedDocs.length / perPage));
  const name = (n: number): string => (n === 1 ? 'documents.html' : `documents-${n}.html`);
  for (let n = 1; n <= pages; n++) {
    const rows = sortedDocs.slice((n - 1) * perPage, n * perPage);
    const pager =
      pages > 1
        ? `<nav class="crumbs">Page ${n} of ${pages}: ${Array.from({ length: pages }, (_, i) => (i + 1 === n ? `<b>${i + 1}</b>` : `<a href="${name(i + 1)}">${i + 1}</a>`)).join(' ')}</nav>\n`
        : '';
    const first = (n - 1) * perPage + 1;
    await writeFileAtomic(
      path.join(dir, name(n)),
      pageHead(`Documents · ${proposal} · newsstance`) +
        `<nav class="crumbs"><a href="../report.html">← report</a><a href="actors.html">all actors</a></nav>\n` +
        `<h1>All ${sortedDocs.length} documents${pages > 1 ? `, ${first}–${first + rows.length - 1} (newest first)` : ''}</h1>\n${pager}` +
        (rows.length ? DOC_HEAD + rows.map((d) => docRow(d, 0)).join('') + '</tbody>\n</table>\n' : '<p class="meta">No documents.</p>\n') +
        pager +
        '</body>\n</html>\n',
    );
  }
  for (const f of await fs.readdir(dir)) {
    const m = /^documents-(\d+)\.html$/.exec(f);
    if (m && Number(m[1]) > pages) await fs.rm(path.join(dir, f), { force: true });
  }
}

/** One page per actor with more than one piece of evidence: every document, its stance and links to every piece. Stale pages are removed. */
async function writeActorPages(dir: string, actors: ActorView[], docs: DocRow[]): Promise<void> {
  const actorDir = path.join(dir, 'actor');
  await fs.rm(actorDir, { recursive: true, force: true });
  await fs.mkdir(actorDir, { recursive: true });
  for (const v of actors) {
    if (v.evidence <= 1) continue;
    const a = v.actor;
    const rows = [...v.refs]
      .sort((x, y) => -byDate(docs[x.doc]!, docs[y.doc]!))
      .map((r) => {
        const d = docs[r.doc]!;
        const links = Array.from({ length: r.evidence }, (_, i) => `<a class="ev-link" href="${esc(docHref(d.id, 1, evidenceAnchor(d.id, a.entityId, a.target, i)))}">#${i + 1}</a>`).join(' ');
        const best = r.best ? `<span class="ev ev-${signOf(r.best.score)}">${esc(r.best.text)}</span>` : '';
        return `<tr data-doc="${esc(d.id)}"><td><a href="${esc(docHref(d.id, 1))}">${esc(d.title)}</a><br><code>${esc(d.id)}</code></td><td class="num">${esc(d.published ?? '')}</td><td>${labelPill(r.label)}</td><td class="num">${fmtScore(r.score)}</td><td class="ev-cell">${best} ${links}</td></tr>\n`;
      });
    await fs.writeFile(
      path.join(dir, v.pagePath),
      pageHead(`${a.name} · newsstance`) +
        `<nav class="crumbs"><a href="../../report.html">← report</a><a href="../actors.html#${actorAnchor(a.entityId, a.target)}">all actors</a></nav>\n` +
        `<h1>${esc(a.name)} on ${esc(a.target)}</h1>\n<p class="meta"><code>${esc(a.entityId)}</code> · ${labelPill(a.label)} ${fmtScore(a.score)} · ${a.documents} document(s): ${a.counts.support} support, ${a.counts.oppose} oppose, ${a.counts.neutral} neutral · ${v.evidence} evidence statement(s)</p>\n` +
        `<table>\n<thead><tr><th>Document</th><th>Published</th><th>Stance</th><th>Score</th><th>Strongest evidence, and every piece</th></tr></thead>\n<tbody>\n${rows.join('')}</tbody>\n</table>\n</body>\n</html>\n`,
    );
  }
}
