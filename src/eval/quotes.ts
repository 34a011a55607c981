/**
 * Quotes against the seed gold: direct and indirect quotes matched by text overlap (greedy,
 * one-to-one), speakers compared by canonical name (gold `speaker` or one of `speakers`, or any
 * mention variant of those entities in the gold), and scare quotes (short direct quotes that
 * match no gold quote) counted: there must be none.
 */
import type { QuoteRecord } from '../schema.js';
import type { EvalContext } from './types.js';
import { formatPrf, prf, type EvalDiff, type EvalSection, type GoldDocument, type GoldQuote } from './types.js';

const norm = (s: string): string =>
  s
    .replace(/[’‘]/g, "'")
    .replace(/[“”„«»]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** Characters of `gold` text covered by the predicted span, via the gold text's place in the document. */
export function locate(text: string, needle: string): { start: number; end: number } | null {
  const at = text.indexOf(needle);
  if (at >= 0) return { start: at, end: at + needle.length };
  // Tolerate quote-style and whitespace differences: search on a normalized copy with an index map.
  const map: number[] = [];
  let flat = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (/\s/.test(c) && flat.endsWith(' ')) continue;
    flat += /\s/.test(c) ? ' ' : c;
    map.push(i);
  }
  const nflat = norm(flat);
  const k = nflat.indexOf(norm(needle));
  if (k < 0 || nflat.length !== flat.length) return null;
  const n = norm(needle).length;
  return { start: map[k]!, end: map[k + n - 1]! + 1 };
}

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** Does the predicted speaker name the gold speaker? */
export function speakerMatches(gold: GoldQuote, doc: GoldDocument, name: string | null): boolean {
  const wanted = [gold.speaker, ...(gold.speakers ?? [])].filter((x): x is string => !!x);
  if (wanted.length === 0) return name === null;
  if (!name) return false;
  const n = norm(name);
  for (const w of wanted) {
    if (norm(w) === n) return true;
    const entity = doc.entities.find((e) => e.name === w);
    if (entity && entity.mentions.some((m) => norm(m) === n)) return true;
  }
  return false;
}

export async function evalQuotes(ctx: EvalContext): Promise<EvalSection> {
  const diffs: EvalDiff[] = [];
  const byDoc = new Map<string, QuoteRecord[]>();
  for (const q of ctx.quotes) (byDoc.get(q.docId) ?? byDoc.set(q.docId, []).get(q.docId)!).push(q);
  const texts = new Map(ctx.documents.map((d) => [d.id, d.text]));
  const counts = {
    direct: { tp: 0, fp: 0, fn: 0, speakerOk: 0 },
    indirect: { tp: 0, fp: 0, fn: 0, speakerOk: 0 },
  };
  let scare = 0;
  for (const gdoc of ctx.gold.documents) {
    const text = texts.get(gdoc.id);
    const preds = byDoc.get(gdoc.id) ?? [];
    if (text === undefined) {
      diffs.push({ kind: 'missing-document', docId: gdoc.id });
      continue;
    }
    const matchedPreds = new Set<QuoteRecord>();
    for (const kind of ['direct', 'indirect'] as const) {
      const golds = gdoc.quotes.filter((q) => q.kind === kind);
      const candidates = preds.filter((p) => p.kind === kind);
      const pairs: Array<{ g: number; p: number; score: number }> = [];
      golds.forEach((g, gi) => {
        const span = locate(text, g.text);
        if (!span) {
          diffs.push({ kind: 'gold-not-found', docId: gdoc.id, expected: g.text });
          return;
        }
        candidates.forEach((p, pi) => {
          const score = overlap(span, p) / Math.max(1, span.end - span.start);
          if (score >= 0.5) pairs.push({ g: gi, p: pi, score });
        });
      });
      pairs.sort((a, b) => b.score - a.score);
      const gUsed = new Set<number>();
      const pUsed = new Set<number>();
      for (const { g, p } of pairs) {
        if (gUsed.has(g) || pUsed.has(p)) continue;
        gUsed.add(g);
        pUsed.add(p);
        const gq = golds[g]!;
        const pq = candidates[p]!;
        matchedPreds.add(pq);
        counts[kind].tp++;
        if (speakerMatches(gq, gdoc, pq.speaker.name)) counts[kind].speakerOk++;
        else diffs.push({ kind: 'wrong-speaker', docId: gdoc.id, expected: { speaker: gq.speaker, speakers: gq.speakers, text: gq.text.slice(0, 80) }, actual: { name: pq.speaker.name, text: pq.speaker.text, resolution: pq.speaker.resolution, id: pq.id } });
      }
      golds.forEach((g, gi) => {
        if (gUsed.has(gi)) return;
        counts[kind].fn++;
        diffs.push({ kind: `missed-${kind}`, docId: gdoc.id, expected: { speaker: g.speaker, cue: g.cue, text: g.text } });
      });
      candidates.forEach((p, pi) => {
        if (pUsed.has(pi)) return;
        counts[kind].fp++;
        diffs.push({ kind: `spurious-${kind}`, docId: gdoc.id, actual: { id: p.id, speaker: p.speaker.name, cue: p.cue?.text, text: p.text } });
      });
    }
    // Scare quotes: a short direct quote that overlaps no gold quote of either kind.
    for (const p of preds) {
      if (p.kind !== 'direct' || matchedPreds.has(p)) continue;
      const words = p.text.trim().split(/\s+/).length;
      const overlapsGold = gdoc.quotes.some((g) => {
        const span = locate(text, g.text);
        return span !== null && overlap(span, p) > 0;
      });
      if (words <= 5 && !overlapsGold) {
        scare++;
        diffs.push({ kind: 'scare-quote', docId: gdoc.id, actual: { id: p.id, text: p.text } });
      }
    }
  }
  const direct = prf(counts.direct.tp, counts.direct.fp, counts.direct.fn);
  const indirect = prf(counts.indirect.tp, counts.indirect.fp, counts.indirect.fn);
  const acc = (c: { tp: number; speakerOk: number }) => (c.tp === 0 ? 1 : c.speakerOk / c.tp);
  const lines = [
    formatPrf('direct', direct),
    `${'direct speaker accuracy'.padEnd(28)} ${counts.direct.tp === 0 ? 'n/a' : acc(counts.direct).toFixed(3)} (${counts.direct.speakerOk}/${counts.direct.tp})`,
    formatPrf('indirect', indirect),
    `${'indirect speaker accuracy'.padEnd(28)} ${counts.indirect.tp === 0 ? 'n/a' : acc(counts.indirect).toFixed(3)} (${counts.indirect.speakerOk}/${counts.indirect.tp})`,
    `${'scare quotes reported'.padEnd(28)} ${scare}`,
    '(gold indirect quotes are not exhaustive: indirect precision is indicative only)',
  ];
  return {
    name: 'quotes',
    lines,
    metrics: {
      direct,
      indirect,
      directSpeakerAccuracy: acc(counts.direct),
      indirectSpeakerAccuracy: acc(counts.indirect),
      scareQuotes: scare,
    },
    diffs,
  };
}
