/**
 * Fits the quotes stage's speaker confidence (src/data/quotes/confidence.tsv) and prints reliability
 * tables. Run by hand: `npx tsx scripts/calibrate-quotes.ts [--write]` (reads ../shared/eval at run
 * time; nothing of it is copied).
 *
 * Model: confidence = P(source mention right | kind, speaker rule) x P(resolution right | resolution).
 * - The first factor is fitted on PolNeAR train (../shared/eval/polnear_train.jsonl): matched
 *   attributions at 0.3 overlap, the speaker right when our mention overlaps the gold source span
 *   (PolNeAR's sources are literal mentions), Laplace-smoothed, per (direct|indirect, speaker.rule),
 *   rules seen fewer than MIN_COUNT times pooled per resolution.
 * - The second factor (pronoun, descriptor; explicit and none are 1) is the share of pronoun and
 *   descriptor records whose resolved name is right on the real-world dev sets
 *   (../shared/eval/realworld/*): PolNeAR does not resolve pronouns. This factor is fitted on dev sets.
 * Reliability: PolNeAR dev (explicit and none records: there the mention is the answer) and the
 * real-world sets (every record matched to a gold item), in five confidence bins, with the expected
 * calibration error (ECE: bin-size-weighted |accuracy - mean confidence|).
 */
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { devsetConfig, devsetFile, readDevset, runDevset } from '../src/eval/devset.js';
import { goldItems, match, predictedItems, speakerRight, type PolnearDoc } from '../src/eval/attribution-devset.js';
import { normalizeStage } from '../src/stages/normalize/index.js';
import { entitiesStage } from '../src/stages/entities/index.js';
import { quotesStage } from '../src/stages/quotes/index.js';
import type { QuoteRecord } from '../src/schema.js';

const MIN_COUNT = 15;
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const write = process.argv.includes('--write');
const tablePath = path.join(root, 'src/data/quotes/confidence.tsv');

interface Obs { key: string; resolution: string; confidence: number; right: boolean }

const kindOf = (q: QuoteRecord) => (q.kind === 'direct' ? 'direct' : 'indirect');
const keyOf = (q: QuoteRecord) => `${kindOf(q)}:${q.speaker.rule ?? q.rule ?? 'none'}`;

async function polnear(split: 'train' | 'dev'): Promise<Obs[]> {
  const file = devsetFile(`polnear_${split}.jsonl`);
  if (!file) throw new Error(`polnear_${split}.jsonl not found`);
  const docs = await readDevset<PolnearDoc>(file);
  const run = runDevset(docs.map((d) => ({ id: d.doc_id, text: d.text })), devsetConfig(), [normalizeStage, entitiesStage, quotesStage]);
  const byDoc = new Map<string, QuoteRecord[]>();
  for (const q of (run.result.artifacts.quotes ?? []) as QuoteRecord[]) (byDoc.get(q.docId) ?? byDoc.set(q.docId, []).get(q.docId)!).push(q);
  const out: Obs[] = [];
  for (const doc of docs) {
    const quotes = byDoc.get(doc.doc_id) ?? [];
    const byId = new Map(quotes.map((q) => [q.id, q]));
    const { items } = goldItems(doc, run.mapper(doc.doc_id), true);
    const preds = predictedItems(quotes);
    for (const m of match(items, preds, 0.3).matches) {
      const q = byId.get(m.pred.ref)!;
      out.push({ key: keyOf(q), resolution: q.speaker.resolution, confidence: q.confidence, right: speakerRight(m) });
    }
  }
  return out;
}

// ---- real-world sets: a record's resolved name against the gold speaker ----
const norm = (s: string | null | undefined) => (s ?? '').normalize('NFKC').toLowerCase().replace(/[\u2018\u2019`]/g, "'").replace(/'s$/, '').replace(/[\u2010-\u2014-]/g, ' ').replace(/\./g, '').replace(/^(the|a|an) /, '').replace(/\s+/g, ' ').trim();
interface GoldEntity { name: string; type: string; aliases: string[]; variants: string[] }
interface GoldQuote { kind: string; optional?: boolean; text: string; occurrence?: number; speaker?: { name: string | null; accept?: string[]; unnamed?: string } }

function namesOf(e: GoldEntity): Set<string> {
  const out = new Set([e.name, ...e.aliases, ...e.variants.filter((v) => /^[A-Z]/.test(v) && !/^(The|A|An|He|She|They)\b/.test(v))].map(norm));
  if (e.type === 'PERSON') out.add(norm(e.name).split(' ').pop()!);
  return out;
}

function realworld(outputRoot: string): Obs[] {
  const base = path.resolve(root, '../shared/eval/realworld');
  const out: Obs[] = [];
  if (!existsSync(base)) return out;
  for (const set of readdirSync(base)) {
    const goldFile = path.join(base, set, 'gold.json');
    const dir = path.join(outputRoot, `rw-${set}`);
    if (!existsSync(goldFile) || !existsSync(path.join(dir, 'quotes.jsonl'))) continue;
    const gold = JSON.parse(readFileSync(goldFile, 'utf8')) as { documents: Array<{ docId: string; entities: GoldEntity[]; quotes: GoldQuote[] }> };
    const lines = (f: string) => readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const docs = new Map(lines('documents.jsonl').map((d: { id: string; text: string }) => [d.id, d.text]));
    const quotes = lines('quotes.jsonl') as QuoteRecord[];
    for (const gd of gold.documents) {
      const text = docs.get(gd.docId);
      if (!text) continue;
      const sys = quotes.filter((q) => q.docId === gd.docId);
      for (const gq of gd.quotes) {
        if (gq.kind === 'unattributed' || gq.optional || !gq.speaker) continue;
        const words = gq.text.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
        const found = [...text.matchAll(new RegExp(words.join('\\s+'), 'g'))][(gq.occurrence ?? 1) - 1];
        if (!found) continue;
        const span = [found.index!, found.index! + found[0].length];
        let best: QuoteRecord | null = null;
        let bestCov = 0;
        for (const q of sys) {
          const cov = Math.max(0, Math.min(span[1]!, q.end) - Math.max(span[0]!, q.start)) / (span[1]! - span[0]!);
          if (cov > bestCov) { best = q; bestCov = cov; }
        }
        if (!best || bestCov < 0.5) continue;
        const got = norm(best.speaker.name);
        let right: boolean;
        if (!gq.speaker.name) right = !got || norm(gq.speaker.unnamed).split(' ').some((w) => w.length > 3 && got.includes(w));
        else {
          const accepted = [gq.speaker.name, ...(gq.speaker.accept ?? [])];
          right = !!got && accepted.some((a) => {
            const e = gd.entities.find((x) => x.name === a);
            return e ? namesOf(e).has(got) : norm(a) === got;
          });
        }
        out.push({ key: keyOf(best), resolution: best.speaker.resolution, confidence: best.confidence, right });
      }
    }
  }
  return out;
}

function reliability(obs: Obs[], title: string): string[] {
  const bins = [0, 0.2, 0.4, 0.6, 0.8, 1.0001];
  const lines = [`${title} (${obs.length} records)`, '', '| confidence | records | mean confidence | share right |', '|---|---|---|---|'];
  let ece = 0;
  for (let b = 0; b < bins.length - 1; b++) {
    const inBin = obs.filter((o) => o.confidence >= bins[b]! && o.confidence < bins[b + 1]!);
    if (inBin.length === 0) continue;
    const conf = inBin.reduce((s, o) => s + o.confidence, 0) / inBin.length;
    const acc = inBin.filter((o) => o.right).length / inBin.length;
    ece += (inBin.length / obs.length) * Math.abs(acc - conf);
    lines.push(`| ${bins[b]!.toFixed(1)}–${Math.min(1, bins[b + 1]!).toFixed(1)} | ${inBin.length} | ${conf.toFixed(3)} | ${acc.toFixed(3)} |`);
  }
  lines.push('', `expected calibration error: ${ece.toFixed(3)}`, '');
  return lines;
}

const train = await polnear('train');
// P(mention right | key), pooled per (kind, resolution) below MIN_COUNT.
const stats = new Map<string, { n: number; right: number }>();
const add = (k: string, right: boolean) => { const s = stats.get(k) ?? { n: 0, right: 0 }; s.n++; if (right) s.right++; stats.set(k, s); };
for (const o of train) { add(o.key, o.right); add(`${o.key.split(':')[0]}:*${o.resolution}`, o.right); }
const rw = realworld(path.join(root, 'output'));
const resolutionFactor = new Map<string, number>([['explicit', 1], ['none', 1]]);
for (const r of ['pronoun', 'descriptor']) {
  const xs = rw.filter((o) => o.resolution === r);
  resolutionFactor.set(r, xs.length ? (xs.filter((o) => o.right).length + 1) / (xs.length + 2) : 0.7);
}
const rows: string[] = ['# key (kind:speaker rule)\tconfidence\ttrain records\tP(mention right)\tresolution factor (generated by scripts/calibrate-quotes.ts)'];
const keys = [...stats.keys()].sort();
for (const k of keys) {
  const s = stats.get(k)!;
  if (s.n < MIN_COUNT && !k.includes(':*')) continue;
  const p = (s.right + 1) / (s.n + 2);
  const resolution = k.includes(':*') ? k.split(':*')[1]! : train.find((o) => o.key === k)!.resolution;
  const f = resolutionFactor.get(resolution) ?? 1;
  rows.push(`${k}\t${(p * f).toFixed(3)}\t${s.n}\t${p.toFixed(3)}\t${f.toFixed(3)}`);
}
if (write) writeFileSync(tablePath, rows.join('\n') + '\n');
console.log(rows.join('\n'));
console.log('');
const dev = await polnear('dev');
console.log(reliability(train.filter((o) => o.resolution === 'explicit' || o.resolution === 'none'), 'PolNeAR train, explicit and none').join('\n'));
console.log(reliability(dev.filter((o) => o.resolution === 'explicit' || o.resolution === 'none'), 'PolNeAR dev, explicit and none').join('\n'));
console.log(reliability(rw, 'Real-world dev sets, pooled (every matched record)').join('\n'));
for (const r of ['explicit', 'descriptor', 'pronoun', 'none']) {
  const xs = rw.filter((o) => o.resolution === r);
  const d = dev.filter((o) => o.resolution === r);
  console.log(`${r}: real-world ${xs.filter((o) => o.right).length}/${xs.length} right, mean confidence ${(xs.reduce((s, o) => s + o.confidence, 0) / Math.max(1, xs.length)).toFixed(3)}; PolNeAR dev mention ${d.filter((o) => o.right).length}/${d.length}`);
}
