/**
 * One document's page (`report/doc/<docId>.html`): its stances with links to their evidence and to
 * the actor table, and its text with one highlighting scheme: the proposal's own mentions in bold
 * blue, quotes on a beige ground with the speaker named once beside the closing mark, and stance
 * evidence underlined in the colour of its own sign (green support, red oppose, dashed grey
 * neutral) whatever the holder's overall label. Article text is escaped.
 */
import { NAMED_ENTITY_TYPES, type DocumentRecord, type EntityRecord, type QuoteRecord, type StanceRecord } from '../schema.js';
import { signOf } from './charts.js';
import { actorAnchor, DOC_CSS, docDepth, docHref, esc, evidenceAnchor, fmtScore, labelPill, pageHead, up } from './html.js';
import { renderMarked, type Insert, type Mark } from './segments.js';

/** The names a report marks as the proposal in text: each target's name and aliases. */
export interface TargetNames {
  name: string;
  aliases: string[];
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One regular expression for every name and alias (longest first), case-insensitive, on word
 * edges, any run of spaces matching any other. Null when there is no name.
 */
export function targetPattern(targets: TargetNames[]): RegExp | null {
  const names = [...new Set(targets.flatMap((t) => [t.name, ...t.aliases]).map((n) => n.trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (!names.length) return null;
  const alt = names.map((n) => n.split(/\s+/).map(escapeRe).join('\\s+')).join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alt})(?![\\p{L}\\p{N}])`, 'giu');
}

/** Closing quotation marks the speaker tag is placed after (so it never sits inside the quote). */
const CLOSERS = new Set(['"', "'", '\u201d', '\u2019', '\u00bb', '\u203a', '\u300d', '\u300f']);

/** Where a quote's speaker tag goes: after the quote and any closing marks right after it. */
export function tagPosition(text: string, end: number): number {
  let at = end;
  while (at < text.length && at - end < 3 && CLOSERS.has(text[at]!)) at++;
  return at;
}

/**
 * The speaker tag is left out when the speaker's own words are marked next to the quote (within
 * 60 characters: `"...," she said` / `X said: "..."`), and for all but the last fragment of a group.
 */
function needsTag(q: QuoteRecord, lastOfGroup: boolean): boolean {
  if (!lastOfGroup) return false;
  const s = q.speaker;
  if (s.start === null || s.end === null || s.resolution !== 'explicit') return true;
  return !(s.start >= q.end && s.start - q.end <= 60) && !(s.end <= q.start && q.start - s.end <= 60);
}

export function marksOf(doc: DocumentRecord, quotes: QuoteRecord[], stances: StanceRecord[], pattern: RegExp | null): { marks: Mark[]; inserts: Insert[] } {
  const marks: Mark[] = [];
  const inserts: Insert[] = [];
  // Evidence: one mark per distinct span (several holders often rest on one sentence), coloured by
  // the statement's own score, with an anchor for every (holder, index) that points at it.
  const bySpan = new Map<string, { start: number; end: number; ids: string[]; tips: string[]; score: number; holders: string[] }>();
  for (const s of stances) {
    const who = s.holder ? s.holder.name : 'the document';
    s.evidence.forEach((e, i) => {
      const key = `${e.start}:${e.end}`;
      const entry = bySpan.get(key) ?? { start: e.start, end: e.end, ids: [], tips: [], score: e.score, holders: [] };
      entry.ids.push(evidenceAnchor(doc.id, s.holder?.entityId ?? null, s.target, i));
      entry.tips.push(`${who} #${i + 1} (${s.target}: statement ${fmtScore(e.score)})`);
      entry.holders.push(s.holder?.entityId ?? '@document');
      if (Math.abs(e.score) > Math.abs(entry.score)) entry.score = e.score;
      bySpan.set(key, entry);
    });
  }
  for (const e of bySpan.values()) {
    const sign = signOf(e.score);
    marks.push({
      start: e.start, end: e.end, layer: 0, key: e.ids[0]!, id: e.ids[0], anchors: e.ids.slice(1), className: `ev ev-${sign}`,
      title: `${sign} evidence: ${e.tips.join('; ')}`, extra: { 'data-holder': e.holders.join(' '), 'data-score': e.score.toFixed(3) },
    });
  }
  const lastOfGroup = new Map<string, string>();
  for (const q of quotes) lastOfGroup.set(q.group ?? q.id, q.id);
  for (const q of quotes) {
    const speaker = q.speaker.name ?? q.speaker.text ?? 'unknown speaker';
    marks.push({
      start: q.start, end: q.end, layer: 1, key: q.id, className: `quote quote-${q.kind}`,
      title: `${q.kind} quote ${q.id}, speaker: ${speaker} (${q.speaker.resolution})${q.confidence !== undefined ? `, confidence ${q.confidence.toFixed(2)}` : ''}`,
      extra: { 'data-speaker': speaker },
    });
    if (needsTag(q, lastOfGroup.get(q.group ?? q.id) === q.id)) {
      inserts.push({ at: tagPosition(doc.text, q.end), html: `<span class="who" data-who="${esc(speaker)}" data-quote="${esc(q.id)}"></span>` });
    }
    const s = q.speaker;
    if (s.start !== null && s.end !== null) marks.push({ start: s.start, end: s.end, layer: 2, key: `${q.id}/speaker`, className: 'speaker' });
  }
  if (pattern) {
    pattern.lastIndex = 0;
    for (const m of doc.text.matchAll(pattern)) marks.push({ start: m.index, end: m.index + m[0].length, layer: 3, key: `tgt/${m.index}`, className: 'tgt' });
  }
  return { marks, inserts };
}

function stanceList(doc: DocumentRecord, stances: StanceRecord[], depth: number): string {
  if (!stances.length) return '<p class="meta">No stance toward the proposal found in this document.</p>';
  const items = [...stances]
    .sort((a, b) => (a.holder === null ? -1 : b.holder === null ? 1 : Math.abs(b.score) - Math.abs(a.score)))
    .map((s) => {
      const who = s.holder ? `<a href="${up(depth)}actors.html#${actorAnchor(s.holder.entityId, s.target)}">${esc(s.holder.name)}</a>` : '<strong>The document</strong>';
      const ev = s.evidence.map((_, i) => `<a class="ev-link" href="#${evidenceAnchor(doc.id, s.holder?.entityId ?? null, s.target, i)}">#${i + 1}</a>`).join(' ');
      const c = (s as { confidence?: unknown }).confidence;
      const conf = typeof c === 'number' ? ` <span class="meta">confidence ${c.toFixed(2)}</span>` : '';
      return `<li data-holder="${esc(s.holder?.entityId ?? '@document')}">${who} ${labelPill(s.label)} ${fmtScore(s.score)} on ${esc(s.target)}${conf} ${ev}</li>`;
    });
  return `<div class="stances"><h4>Stances</h4><ul>${items.join('')}</ul></div>`;
}

/** The whole page of one document. */
export function documentPage(doc: DocumentRecord, entities: EntityRecord[], quotes: QuoteRecord[], stances: StanceRecord[], pattern: RegExp | null): string {
  const depth = docDepth(doc.id);
  const named = entities.filter((e) => (NAMED_ENTITY_TYPES as readonly string[]).includes(e.type));
  const meta = [
    `<code>${esc(doc.id)}</code>`,
    `raw file ${esc(doc.source.path)}`,
    doc.author ? `by ${esc(doc.author)}` : '',
    doc.published ? `published ${esc(doc.published)}` : 'no publication date',
    `${named.length} named entities, ${quotes.length} quotes`,
  ].filter(Boolean);
  // A later copy of an article (normalize's duplicatesStep): its stances stay out of the actor table.
  const duplicate = doc.duplicateOf
    ? `<p class="meta">Duplicate of <a href="${esc(docHref(doc.duplicateOf, depth))}"><code>${esc(doc.duplicateOf)}</code></a> (same body text): its stances are listed here but counted once, in that document.</p>`
    : '';
  const warnings = doc.warnings.map((w) => `<p class="meta">⚠ ${esc(w)}</p>`).join('');
  const groups = [['PERSON', 'People'], ['ORG', 'Organizations'], ['GPE', 'Places'], ['LOC', 'Places'], ['NORP', 'Groups']] as const;
  const byGroup = new Map<string, string[]>();
  for (const e of named) {
    const g = groups.find(([t]) => t === e.type)?.[1] ?? 'Other';
    byGroup.set(g, [...(byGroup.get(g) ?? []), esc(e.name)]);
  }
  const names = named.length ? `<p class="meta">${[...byGroup].map(([g, list]) => `<b>${g}:</b> ${list.join(', ')}`).join(' · ')}</p>` : '';
  const { marks, inserts } = marksOf(doc, quotes, stances, pattern);
  return (
    pageHead(`${doc.title ?? doc.id} · newsstance`, DOC_CSS) +
    `<nav class="crumbs"><a href="${up(depth)}../report.html">← report</a><a href="${up(depth)}documents.html">all documents</a><a href="${up(depth)}actors.html">all actors</a></nav>\n` +
    `<article id="doc" data-doc="${esc(doc.id)}">\n<h3>${esc(doc.title ?? doc.id)}</h3>\n<p class="meta">${meta.join(' · ')}</p>${duplicate}${warnings}\n${names}\n` +
    `${stanceList(doc, stances, depth)}\n${LEGEND}\n<div class="text">${renderMarked(doc.text, marks, inserts)}</div>\n</article>\n</body>\n</html>\n`
  );
}

export const LEGEND =
  '<p class="legend"><span class="tgt">proposal</span><span class="quote">quote</span><span class="who" data-who="speaker"></span>' +
  '<span class="ev ev-support">supporting</span><span class="ev ev-oppose">opposing</span><span class="ev ev-neutral">neutral</span> statement (its own sign)</p>';
