/**
 * Stance on GWSD (Global Warming Stance Dataset, Luo, Card & Jurafsky 2020), read from
 * ../shared/eval/gwsd_dev.jsonl and never copied: each sentence is a document, the target is
 * the proposition configured in gwsd.config.json, written as a user would (its name and aliases
 * only; the stage infers a proposition and its defaults). A sentence's stance is the
 * document's own when not neutral, else its strongest holder's; support = agree, oppose = disagree.
 * Prints macro-F1, accuracy, per-class F1, the confusion matrix and the majority baseline.
 */
import { parseConfig, type PipelineConfig } from '../config.js';
import { runInProcess, rawInputFromText } from '../pipeline/inprocess.js';
import { normalizeStage } from '../stages/normalize/index.js';
import { entitiesStage } from '../stages/entities/index.js';
import { quotesStage } from '../stages/quotes/index.js';
import { stanceStage } from '../stages/stance/index.js';
import type { StanceRecord } from '../schema.js';
import { devsetFile, readDevset } from './devset.js';
import type { EvalContext } from './types.js';
import type { EvalDiff, EvalSection } from './types.js';
import gwsdConfig from './gwsd.config.json' with { type: 'json' };

export const GWSD_LABELS = ['agree', 'neutral', 'disagree'] as const;
export type GwsdLabel = (typeof GWSD_LABELS)[number];

interface GwsdItem {
  id: string;
  sentence: string;
  label: GwsdLabel;
}

export function gwsdPipelineConfig(): PipelineConfig {
  return parseConfig({
    ...gwsdConfig,
    // The proposition as a user writes it (name and aliases); one sentence a document, so no chrome or metadata.
    stages: { normalize: { removeChrome: false, detectMetadata: false } },
  });
}

/** A sentence's label from its stance records: the document's own unless neutral, else the strongest holder's. */
export function sentenceLabel(records: readonly StanceRecord[]): GwsdLabel {
  const own = records.find((r) => r.holder === null);
  let pick = own && own.label !== 'neutral' ? own : undefined;
  if (!pick) pick = records.filter((r) => r.holder !== null && r.label !== 'neutral').sort((a, b) => Math.abs(b.score) - Math.abs(a.score))[0];
  return pick?.label === 'support' ? 'agree' : pick?.label === 'oppose' ? 'disagree' : 'neutral';
}

export interface ClassificationReport {
  accuracy: number;
  macroF1: number;
  perClass: Record<string, { precision: number; recall: number; f1: number; support: number }>;
  confusion: Record<string, Record<string, number>>;
}

export function classificationReport(gold: readonly string[], predicted: readonly string[], labels: readonly string[]): ClassificationReport {
  const confusion: Record<string, Record<string, number>> = {};
  for (const g of labels) confusion[g] = Object.fromEntries(labels.map((p) => [p, 0]));
  let right = 0;
  gold.forEach((g, i) => {
    const p = predicted[i]!;
    confusion[g]![p] = (confusion[g]![p] ?? 0) + 1;
    if (g === p) right++;
  });
  const perClass: ClassificationReport['perClass'] = {};
  for (const l of labels) {
    const tp = confusion[l]![l]!;
    const fp = labels.reduce((acc, g) => acc + (g === l ? 0 : confusion[g]![l]!), 0);
    const fn = labels.reduce((acc, p) => acc + (p === l ? 0 : confusion[l]![p]!), 0);
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    perClass[l] = { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, support: tp + fn };
  }
  const macroF1 = labels.reduce((acc, l) => acc + perClass[l]!.f1, 0) / labels.length;
  return { accuracy: gold.length ? right / gold.length : 0, macroF1, perClass, confusion };
}

export function formatReport(r: ClassificationReport, labels: readonly string[]): string[] {
  const f = (x: number) => x.toFixed(3);
  const lines = [`macro-F1 ${f(r.macroF1)}  accuracy ${f(r.accuracy)}`];
  for (const l of labels) {
    const c = r.perClass[l]!;
    lines.push(`  ${l.padEnd(9)} P ${f(c.precision)}  R ${f(c.recall)}  F1 ${f(c.f1)}  (n ${c.support})`);
  }
  lines.push(`confusion (rows gold, columns predicted): ${labels.map((l) => l.padStart(9)).join('')}`);
  for (const g of labels) lines.push(`  ${g.padEnd(9)}${' '.repeat(32)}${labels.map((p) => String(r.confusion[g]![p]).padStart(9)).join('')}`);
  return lines;
}

export async function evalGwsd(ctx: EvalContext, options: { limit?: number } = {}): Promise<EvalSection> {
  void ctx;
  const file = devsetFile('gwsd_dev.jsonl');
  if (!file) return { name: 'stance/gwsd', lines: [], metrics: {}, diffs: [], skipped: 'gwsd_dev.jsonl not found' };
  const items = await readDevset<GwsdItem>(file, options.limit);
  const config = gwsdPipelineConfig();
  const { artifacts } = runInProcess(
    items.map((it) => rawInputFromText(it.id, it.sentence)),
    config,
    [normalizeStage, entitiesStage, quotesStage, stanceStage],
  );
  const byDoc = new Map<string, StanceRecord[]>();
  for (const s of (artifacts.stances ?? []) as StanceRecord[]) byDoc.set(s.docId, [...(byDoc.get(s.docId) ?? []), s]);
  const gold = items.map((it) => it.label);
  const predicted = items.map((it) => sentenceLabel(byDoc.get(it.id) ?? []));
  const report = classificationReport(gold, predicted, GWSD_LABELS);
  const counts = Object.fromEntries(GWSD_LABELS.map((l) => [l, gold.filter((g) => g === l).length]));
  const majority = GWSD_LABELS.reduce((a, b) => (counts[a]! >= counts[b]! ? a : b));
  const baseline = classificationReport(gold, gold.map(() => majority), GWSD_LABELS);
  const diffs: EvalDiff[] = [];
  items.forEach((it, i) => {
    if (predicted[i] === it.label) return;
    const records = byDoc.get(it.id) ?? [];
    diffs.push({
      kind: 'wrong-label',
      docId: it.id,
      expected: it.label,
      actual: predicted[i],
      note: records
        .filter((r) => r.evidence.length)
        .map((r) => `${r.holder?.name ?? 'document'} ${r.score}`)
        .join('; '),
    });
  });
  const lines = [
    `${items.length} sentences, target "${config.proposal instanceof Array ? config.proposal[0]!.name : config.proposal.name}"`,
    ...formatReport(report, GWSD_LABELS),
    `majority baseline (${majority}): macro-F1 ${baseline.macroF1.toFixed(3)}  accuracy ${baseline.accuracy.toFixed(3)}`,
  ];
  return {
    name: 'stance/gwsd',
    lines,
    metrics: { macroF1: report.macroF1, accuracy: report.accuracy, perClass: report.perClass, confusion: report.confusion, majorityMacroF1: baseline.macroF1 },
    diffs,
  };
}
