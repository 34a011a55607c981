/**
 * output/report.html: one static, self-contained page (inline CSS, no script, no network) with the
 * actor × stance table and every document's text with entities, quotes and stance evidence marked.
 * Artifacts are streamed in document order (merge join on docId), and the page is streamed to a
 * temp file renamed into place, so memory stays bounded by one document.
 */
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { ARTIFACTS, NAMED_ENTITY_TYPES, type ActorRecord, type DocumentRecord, type EntityRecord, type QuoteRecord, type StanceRecord } from '../schema.js';
import { DocCursor, scanJsonl } from '../audit/stream.js';
import { actorAnchor, CSS, docAnchor, esc, evidenceAnchor, fmtScore } from './html.js';
import { renderMarked, type Mark } from './segments.js';

export const REPORT_FILE = 'report.html';

/** Where an actor's evidence is, gathered in a first pass over stances.jsonl (anchors only, no text). */
interface EvidenceLink {
  docId: string;
  anchor: string;
  index: number;
}

function scan<T>(outputDir: string, artifact: keyof typeof ARTIFACTS) {
  // Bad lines are skipped here: the pipeline already reports them in errors.jsonl.
  return scanJsonl<T>(path.join(outputDir, ARTIFACTS[artifact].file), { schema: ARTIFACTS[artifact].schema as never });
}

const label = (l: string): string => `<span class="label label-${esc(l)}">${esc(l)}</span>`;
const holderKey = (s: StanceRecord): string | null => s.holder?.entityId ?? null;

async function evidenceLinks(outputDir: string): Promise<Map<string, EvidenceLink[]>> {
  const links = new Map<string, EvidenceLink[]>();
  for await (const { value: s } of scan<StanceRecord>(outputDir, 'stances')) {
    if (!s.holder) continue;
    const key = actorAnchor(s.holder.entityId, s.target);
    const list = links.get(key) ?? [];
    s.evidence.forEach((_, i) => list.push({ docId: s.docId, anchor: evidenceAnchor(s.docId, s.holder!.entityId, s.target, i), index: i + 1 }));
    links.set(key, list);
  }
  return links;
}

function actorRow(a: ActorRecord, links: EvidenceLink[]): string {
  // One line per document: `docId #1 #2`, in stances.jsonl order (documents are contiguous there).
  const byDoc: string[] = [];
  links.forEach((l, i) => {
    if (i === 0 || links[i - 1]!.docId !== l.docId) byDoc.push(`<a class="ev-doc" href="#${docAnchor(l.docId)}">${esc(l.docId)}</a>`);
    byDoc[byDoc.length - 1] += ` <a class="ev-link" href="#${l.anchor}">#${l.index}</a>`;
  });
  const ev = byDoc.join('<br>') || '<span class="meta">none</span>';
  return (
    `<tr id="${actorAnchor(a.entityId, a.target)}" data-entity="${esc(a.entityId)}">` +
    `<td><strong>${esc(a.name)}</strong><br><code>${esc(a.entityId)}</code></td><td>${esc(a.target)}</td>` +
    `<td>${label(a.label)}</td><td class="num">${fmtScore(a.score)}</td><td class="num">${a.documents}</td>` +
    `<td class="num">${a.counts.support}</td><td class="num">${a.counts.oppose}</td><td class="num">${a.counts.neutral}</td><td>${ev}</td></tr>\n`
  );
}

function marksOf(doc: DocumentRecord, entities: EntityRecord[], quotes: QuoteRecord[], stances: StanceRecord[]): Mark[] {
  const marks: Mark[] = [];
  stances.forEach((s) => {
    const who = s.holder ? s.holder.name : 'the document';
    s.evidence.forEach((e, i) => {
      const anchor = evidenceAnchor(doc.id, holderKey(s), s.target, i);
      marks.push({
        start: e.start, end: e.end, layer: 0, key: anchor, id: anchor, className: `ev ev-${s.label}`,
        title: `evidence ${i + 1} for ${who}: ${s.label} on ${s.target} (statement score ${fmtScore(e.score)})`,
        extra: { 'data-holder': holderKey(s) ?? '@document' },
      });
    });
  });
  for (const q of quotes) {
    const speaker = q.speaker.name ?? q.speaker.text ?? 'unknown speaker';
    marks.push({
      start: q.start, end: q.end, layer: 1, key: q.id, className: `quote quote-${q.kind}`,
      title: `${q.kind} quote ${q.id}, speaker: ${speaker} (${q.speaker.resolution})`,
      extra: { 'data-speaker': speaker },
      after: `<span class="who" data-who="${esc(speaker)}" data-quote="${esc(q.id)}"></span>`,
    });
    const s = q.speaker;
    if (s.start !== null && s.end !== null) {
      marks.push({ start: s.start, end: s.end, layer: 2, key: `${q.id}/speaker`, className: 'speaker', title: `speaker of ${q.id}: ${speaker}` });
    }
  }
  const named = new Set<string>(NAMED_ENTITY_TYPES);
  for (const e of entities) {
    if (!named.has(e.type)) continue;
    e.mentions.forEach((m, i) => {
      marks.push({
        start: m.start, end: m.end, layer: 3, key: `${e.id}/${i}`, className: `ent ent-${e.type}`,
        title: `${e.name} (${e.type}) ${e.id}`, extra: { 'data-entity': e.id },
      });
    });
  }
  return marks;
}

function stanceList(doc: DocumentRecord, stances: StanceRecord[]): string {
  if (!stances.length) return '';
  const items = stances.map((s) => {
    const who = s.holder
      ? `<a href="#${actorAnchor(s.holder.entityId, s.target)}">${esc(s.holder.name)}</a>`
      : '<em>the document</em>';
    const ev = s.evidence.map((_, i) => `<a class="ev-link" href="#${evidenceAnchor(doc.id, holderKey(s), s.target, i)}">#${i + 1}</a>`).join(' ');
    return `<li>${who} ${label(s.label)} ${fmtScore(s.score)} on ${esc(s.target)} ${ev}</li>`;
  });
  return `<div class="stances"><h4>Stances</h4><ul>${items.join('')}</ul></div>`;
}

function documentSection(doc: DocumentRecord, entities: EntityRecord[], quotes: QuoteRecord[], stances: StanceRecord[]): string {
  const meta = [
    `<code>${esc(doc.id)}</code>`,
    `raw file ${esc(doc.source.path)}`,
    doc.author ? `by ${esc(doc.author)}` : '',
    doc.published ? esc(doc.published) : '',
    `${entities.filter((e) => (NAMED_ENTITY_TYPES as readonly string[]).includes(e.type)).length} entities, ${quotes.length} quotes`,
  ].filter(Boolean);
  const warnings = doc.warnings.map((w) => `<p class="meta">⚠ ${esc(w)}</p>`).join('');
  return (
    `<article id="${docAnchor(doc.id)}" data-doc="${esc(doc.id)}">\n<h3>${esc(doc.title ?? doc.id)}</h3>\n<p class="meta">${meta.join(' · ')}</p>${warnings}\n` +
    `${stanceList(doc, stances)}\n<div class="text">${renderMarked(doc.text, marksOf(doc, entities, quotes, stances))}</div>\n</article>\n`
  );
}

/** A list of the documents (a first, streamed pass over documents.jsonl). */
async function contents(outputDir: string): Promise<string> {
  let items = '';
  for await (const { value: d } of scan<DocumentRecord>(outputDir, 'documents')) {
    items += `<li><a href="#${docAnchor(d.id)}">${esc(d.title ?? d.id)}</a> <code>${esc(d.id)}</code></li>`;
  }
  return items ? `<nav><ol>${items}</ol></nav>\n` : '';
}

const LEGEND =
  '<p class="legend"><span class="ent ent-PERSON">entity</span><span class="quote">quote</span> (speaker beside it and on hover) ' +
  '<span class="ev ev-support">supports</span><span class="ev ev-oppose">opposes</span><span class="ev ev-neutral">neutral</span> stance evidence</p>';

export async function writeReport(outputDir: string): Promise<string> {
  const file = path.join(outputDir, REPORT_FILE);
  const temp = `${file}.tmp-${process.pid}`;
  const out = createWriteStream(temp, { encoding: 'utf8' });
  const write = async (s: string): Promise<void> => {
    if (!out.write(s)) await once(out, 'drain');
  };
  const entities = new DocCursor(scan<EntityRecord>(outputDir, 'entities'));
  const quotes = new DocCursor(scan<QuoteRecord>(outputDir, 'quotes'));
  const stances = new DocCursor(scan<StanceRecord>(outputDir, 'stances'));
  try {
    await write(
      '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
        // No script may run and nothing may load, whatever an article contains.
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">\n` +
        `<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>newsstance report</title>\n<style>${CSS}</style>\n</head>\n<body>\n` +
        `<h1>newsstance report</h1>\n${LEGEND}\n`,
    );
    const links = await evidenceLinks(outputDir);
    let actors = '';
    for await (const { value: a } of scan<ActorRecord>(outputDir, 'actors')) actors += actorRow(a, links.get(actorAnchor(a.entityId, a.target)) ?? []);
    await write(
      '<section id="actors">\n<h2>Actors</h2>\n' +
        (actors
          ? '<table>\n<thead><tr><th>Actor</th><th>Target</th><th>Stance</th><th>Score</th><th>Docs</th>' +
            `<th>Support</th><th>Oppose</th><th>Neutral</th><th>Evidence</th></tr></thead>\n<tbody>\n${actors}</tbody>\n</table>\n`
          : '<p class="meta">No actors (actors.jsonl is empty or absent).</p>\n') +
        '</section>\n<section id="documents">\n<h2>Documents</h2>\n',
    );
    await write(await contents(outputDir));
    let count = 0;
    for await (const { value: doc } of scan<DocumentRecord>(outputDir, 'documents')) {
      count++;
      await write(documentSection(doc, await entities.take(doc.id), await quotes.take(doc.id), await stances.take(doc.id)));
    }
    if (!count) await write('<p class="meta">No documents (documents.jsonl is empty or absent).</p>\n');
    const cursors = { entities, quotes, stances };
    const unshown: string[] = [];
    for (const [name, cursor] of Object.entries(cursors)) {
      await cursor.drain();
      if (cursor.skipped) unshown.push(`${cursor.skipped} ${name} record(s)`);
    }
    // Say so rather than silently drop records whose document is missing or that are out of docId order.
    if (unshown.length) await write(`<p class="meta" id="unshown">Not shown: ${unshown.join(', ')} (no matching document in documents.jsonl, or not in document order).</p>\n`);
    await write('</section>\n</body>\n</html>\n');
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    await fs.rename(temp, file);
    return file;
  } catch (error) {
    out.destroy();
    await fs.rm(temp, { force: true });
    throw error;
  } finally {
    await Promise.all([entities.close(), quotes.close(), stances.close()]);
  }
}
