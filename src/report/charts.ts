/**
 * The report's charts as inline SVG strings: no script, no network, readable without CSS. Every
 * mark has a `<title>` (the browser's tooltip) and links where a reader would click. Pure functions
 * over plain numbers; scores are in [-1, 1], counts are record counts, dates are `YYYY-MM-DD`.
 */
import { esc } from './html.js';

export const COLOURS = { support: '#2e9e4f', oppose: '#cf3b3b', neutral: '#9a9a9a', grid: '#e4e4e0', axis: '#777', text: '#333' } as const;
/** Series colours for the actors of the timeline (Okabe–Ito, readable by most colour-blind readers); the corpus line is black. */
const SERIES = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00'];

export type Sign = 'support' | 'oppose' | 'neutral';

/** The colour class of a score: its sign, with |score| < `band` neutral (band = the stance stage's default neutralThreshold, 0.15). */
export function signOf(score: number, band = 0.15): Sign {
  return score >= band ? 'support' : score <= -band ? 'oppose' : 'neutral';
}

const f1 = (n: number): string => (Math.round(n * 10) / 10).toString();
const text = (x: number, y: number, s: string, extra = ''): string => `<text x="${f1(x)}" y="${f1(y)}"${extra}>${esc(s)}</text>`;
const clip = (s: string, n: number): string => (s.length > n ? s.slice(0, n - 1) + '…' : s);

export interface BarRow {
  name: string;
  /** Link of the row (the actor's evidence). */
  href: string;
  score: number;
  counts: { support: number; oppose: number; neutral: number };
  documents: number;
}

/**
 * One row per actor: a bar from 0 to its score (left oppose, right support) and, beside it, its
 * documents split into support / neutral / oppose. Rows in the given order.
 */
export function divergingBars(rows: BarRow[]): string {
  if (!rows.length) return '<p class="meta">No actors to chart.</p>';
  const rowH = 22;
  const nameW = 210;
  const half = 150;
  const mid = nameW + half + 10;
  const countX = mid + half + 30;
  const countW = 170;
  const width = countX + countW + 100;
  const top = 26;
  const height = top + rows.length * rowH + 8;
  const maxTotal = Math.max(...rows.map((r) => r.counts.support + r.counts.oppose + r.counts.neutral), 1);
  const parts: string[] = [
    text(mid - half, 14, 'oppose', ` fill="${COLOURS.oppose}" font-size="11"`),
    text(mid + half, 14, 'support', ` fill="${COLOURS.support}" font-size="11" text-anchor="end"`),
    text(mid, 14, 'score', ' font-size="11" text-anchor="middle"'),
    text(countX, 14, 'documents: support / neutral / oppose', ' font-size="11"'),
    `<line x1="${mid}" y1="${top - 4}" x2="${mid}" y2="${height - 4}" stroke="${COLOURS.axis}"/>`,
  ];
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const len = Math.abs(r.score) * half;
    const x = r.score >= 0 ? mid : mid - len;
    const scale = countW / maxTotal;
    let cx = countX;
    const seg = (n: number, colour: string): string => {
      const w = n * scale;
      const out = n > 0 ? `<rect x="${f1(cx)}" y="${y + 4}" width="${f1(w)}" height="${rowH - 8}" fill="${colour}"/>` : '';
      cx += w;
      return out;
    };
    const tip = `${r.name}: score ${r.score.toFixed(2)}; ${r.documents} document(s): ${r.counts.support} support, ${r.counts.neutral} neutral, ${r.counts.oppose} oppose`;
    parts.push(
      `<a href="${esc(r.href)}" class="bar-row"><title>${esc(tip)}</title>` +
        (i % 2 ? '' : `<rect x="0" y="${y}" width="${width}" height="${rowH}" fill="#f6f6f2"/>`) +
        text(nameW, y + 15, clip(r.name, 30), ' text-anchor="end" font-size="12"') +
        `<rect x="${f1(x)}" y="${y + 4}" width="${f1(Math.max(len, 1))}" height="${rowH - 8}" fill="${COLOURS[signOf(r.score)]}"/>` +
        text(r.score >= 0 ? mid - 4 : mid + 4, y + 15, (r.score > 0 ? '+' : '') + r.score.toFixed(2), ` font-size="10" fill="${COLOURS.axis}" text-anchor="${r.score >= 0 ? 'end' : 'start'}"`) +
        seg(r.counts.support, COLOURS.support) + seg(r.counts.neutral, COLOURS.neutral) + seg(r.counts.oppose, COLOURS.oppose) +
        text(cx + 5, y + 15, `${r.counts.support}/${r.counts.neutral}/${r.counts.oppose}`, ` font-size="10" fill="${COLOURS.axis}"`) +
        '</a>',
    );
  });
  return svg('chart-bars', width, height, 'Stance score and documents by stance, per actor', parts);
}

export interface Series {
  name: string;
  /** Mean score per bucket key (see bucketOf). */
  points: Map<string, { sum: number; n: number }>;
}

export type Granularity = 'day' | 'week' | 'month';

/** Bucket size for a span of dates: days up to 62 days, ISO-ish weeks (Monday) up to 2 years, else months. */
export function granularityFor(first: string, last: string): Granularity {
  const days = (Date.parse(last) - Date.parse(first)) / 86_400_000;
  return days <= 62 ? 'day' : days <= 730 ? 'week' : 'month';
}

/** The bucket key of a `YYYY-MM-DD` date: the day, the Monday of its week, or `YYYY-MM`. */
export function bucketOf(date: string, g: Granularity): string {
  if (g === 'day') return date;
  if (g === 'month') return date.slice(0, 7);
  const t = Date.parse(date);
  const dow = (new Date(t).getUTCDay() + 6) % 7; // Monday = 0
  return new Date(t - dow * 86_400_000).toISOString().slice(0, 10);
}

/** Every bucket key from `first` to `last` inclusive (so gaps in coverage show as gaps). */
export function bucketRange(first: string, last: string, g: Granularity): string[] {
  const out: string[] = [];
  if (g === 'month') {
    let [y, m] = first.slice(0, 7).split('-').map(Number) as [number, number];
    const end = last.slice(0, 7);
    for (let k = 0; k < 1200; k++) {
      const key = `${y}-${String(m).padStart(2, '0')}`;
      out.push(key);
      if (key >= end) break;
      m++;
      if (m > 12) ((m = 1), y++);
    }
    return out;
  }
  const step = g === 'day' ? 1 : 7;
  const end = Date.parse(bucketOf(last, g));
  for (let t = Date.parse(bucketOf(first, g)), k = 0; t <= end && k < 5000; t += step * 86_400_000, k++) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Width (px) of one legend entry of the timeline: a 14 px swatch and up to 26 characters at 11 px. */
const LEGEND_COLUMN = 190;

/**
 * Mean score per date bucket: the corpus (documents' own stance, first series, drawn black and
 * thicker) and the top actors. A point's radius grows with the records behind it; buckets without
 * records have no point (the line joins the points on either side).
 */
export function timeline(series: Series[], buckets: string[], granularity: Granularity): string {
  if (!buckets.length || !series.some((s) => s.points.size)) return '<p class="meta">No publication dates: nothing to chart over time.</p>';
  const left = 44;
  const plotW = Math.max(320, Math.min(760, buckets.length * 24));
  const top = 12;
  const plotH = 220;
  const legendY = top + plotH + 58;
  const width = left + plotW + 44;
  // Legend columns that fit the chart's width (a column is LEGEND_COLUMN px: swatch and a clipped name).
  const columns = Math.max(1, Math.floor((width - left) / LEGEND_COLUMN));
  const height = legendY + Math.ceil(series.length / columns) * 18 + 6;
  const x = (i: number): number => left + (buckets.length === 1 ? plotW / 2 : (i / (buckets.length - 1)) * plotW);
  const y = (s: number): number => top + ((1 - s) / 2) * plotH;
  const parts: string[] = [];
  for (const v of [1, 0.5, 0, -0.5, -1]) {
    parts.push(`<line x1="${left}" y1="${f1(y(v))}" x2="${left + plotW}" y2="${f1(y(v))}" stroke="${v === 0 ? COLOURS.axis : COLOURS.grid}"${v === 0 ? ' stroke-dasharray="4 3"' : ''}/>`);
    parts.push(text(left - 6, y(v) + 4, (v > 0 ? '+' : '') + v.toFixed(1), ' font-size="10" text-anchor="end"'));
  }
  parts.push(text(left + 4, y(1) + 12, 'support', ` font-size="10" fill="${COLOURS.support}"`));
  parts.push(text(left + 4, y(-1) - 4, 'oppose', ` font-size="10" fill="${COLOURS.oppose}"`));
  const ticks = Math.min(buckets.length, 6);
  for (let k = 0; k < ticks; k++) {
    const i = ticks === 1 ? 0 : Math.round((k / (ticks - 1)) * (buckets.length - 1));
    parts.push(text(x(i), top + plotH + 16, buckets[i]!, ' font-size="10" text-anchor="middle"'));
  }
  parts.push(text(left + plotW / 2, top + plotH + 32, `publication date (per ${granularity}); mean stance score`, ' font-size="11" text-anchor="middle"'));
  const index = new Map(buckets.map((b, i) => [b, i]));
  series.forEach((s, si) => {
    const colour = si === 0 ? '#111' : SERIES[(si - 1) % SERIES.length]!;
    const pts = [...s.points.entries()].filter(([b]) => index.has(b)).sort((a, b) => index.get(a[0])! - index.get(b[0])!);
    // Points with data are joined in date order (a bucket without records is passed over, not drawn as 0).
    const path = pts.map(([b, p], k) => `${k ? 'L' : 'M'}${f1(x(index.get(b)!))} ${f1(y(p.sum / p.n))}`).join(' ');
    parts.push(`<g class="series" data-series="${esc(s.name)}"><path d="${path}" fill="none" stroke="${colour}" stroke-width="${si === 0 ? 2.5 : 1.5}" stroke-opacity="0.8"/>`);
    for (const [b, p] of pts) {
      const i = index.get(b)!;
      const mean = p.sum / p.n;
      parts.push(`<circle cx="${f1(x(i))}" cy="${f1(y(mean))}" r="${f1(pointRadius(p.n, buckets.length))}" fill="${colour}"><title>${esc(`${s.name}, ${b}: mean ${mean.toFixed(2)} over ${p.n} record(s)`)}</title></circle>`);
    }
    parts.push('</g>');
    const lx = left + (si % columns) * LEGEND_COLUMN;
    const ly = legendY + Math.floor(si / columns) * 18;
    parts.push(`<rect x="${lx}" y="${ly - 9}" width="14" height="${si === 0 ? 4 : 3}" fill="${colour}"/>` + text(lx + 20, ly - 4, clip(s.name, 26), ' font-size="11"'));
  });
  return svg('chart-timeline', width, height, 'Mean stance score over publication dates', parts);
}

/** A point's radius (px): grows with the records behind it, smaller when buckets are many. */
function pointRadius(n: number, buckets: number): number {
  return Math.min(3 + Math.sqrt(n) / 2, buckets > 40 ? 3 : 6);
}

export interface GridCell {
  label: Sign;
  score: number;
}

/**
 * Actors (rows) × documents (columns): a coloured cell where the actor holds a stance in the
 * document, linking to the document's page.
 */
export function actorDocumentGrid(
  actors: Array<{ name: string; href: string }>,
  docs: Array<{ id: string; title: string; href: string; published: string | null }>,
  cell: (actor: number, doc: number) => GridCell | undefined,
): string {
  if (!actors.length || !docs.length) return '<p class="meta">No actor holds a stance in any document.</p>';
  const nameW = 200;
  const size = Math.max(8, Math.min(18, Math.floor(760 / docs.length)));
  const top = 8;
  const width = Math.max(nameW + docs.length * size + 10, nameW + 280);
  const height = top + actors.length * size + 24;
  const parts: string[] = [];
  actors.forEach((a, r) => {
    const y = top + r * size;
    parts.push(`<a href="${esc(a.href)}">${text(nameW - 6, y + size - 4, clip(a.name, 28), ' font-size="11" text-anchor="end"')}</a>`);
    parts.push(`<line x1="${nameW}" y1="${y + size}" x2="${nameW + docs.length * size}" y2="${y + size}" stroke="${COLOURS.grid}" stroke-width="0.5"/>`);
    docs.forEach((d, c) => {
      const v = cell(r, c);
      if (!v) return;
      const tip = `${a.name} in ${d.title} (${d.published ?? 'no date'}): ${v.label} ${v.score.toFixed(2)}`;
      parts.push(
        `<a href="${esc(d.href)}" class="cell" data-label="${v.label}"><title>${esc(tip)}</title><rect x="${nameW + c * size + 1}" y="${y + 1}" width="${size - 2}" height="${size - 2}" fill="${COLOURS[v.label]}"/></a>`,
      );
    });
  });
  parts.push(text(nameW, top + actors.length * size + 16, `${docs.length} document(s), by publication date →`, ' font-size="10"'));
  return svg('chart-grid', width, height, 'Stance of each actor in each document', parts);
}

function svg(id: string, width: number, height: number, title: string, parts: string[]): string {
  return (
    `<svg id="${id}" class="chart" role="img" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${f1(width)} ${f1(height)}" width="${f1(width)}" height="${f1(height)}" ` +
    `font-family="system-ui, sans-serif" fill="${COLOURS.text}"><title>${esc(title)}</title>${parts.join('')}</svg>`
  );
}
