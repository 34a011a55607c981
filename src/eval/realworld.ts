/**
 * `newsstance eval`, real-world sections: one per set folder under ../shared/eval/realworld (or
 * $NEWSSTANCE_EVAL_DIR/realworld) holding `gold.json`, `config.json` and `raw/`
 * (format: ../shared/eval/realworld/README.md). Each section is named `realworld/<set>`, prints
 * the figures of the reference scorer score.mjs (ported in realworld-score.ts, same numbers) plus
 * the opposite-polarity count, writes its per-item differences to eval/realworld-<set>.diff.jsonl
 * and its counts into eval/summary.json.
 *
 * What is scored, per set:
 * - by default, the output folder `<output>/rw-<set>` (what
 *   `newsstance run --config ../shared/eval/realworld/<set>/config.json --output output/rw-<set>`
 *   writes) when it holds documents.jsonl; otherwise the pipeline is run on the set's raw files in
 *   memory (nothing written but the eval files);
 * - `--realworld-output DIR` scores DIR instead (`{set}` in DIR is replaced by the set's name);
 * - `--realworld-run` always runs the pipeline in memory with the current code.
 * The printed header says which was scored.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { readJsonl } from '../io/jsonl.js';
import { listInputs } from '../io/inputs.js';
import { runInProcess } from '../pipeline/inprocess.js';
import type { RawInput } from '../pipeline/stage.js';
import { devsetDir } from './devset.js';
import type { EvalContext, Evaluator } from './types.js';
import { STAGES } from '../stages/index.js';
import { MissingDocumentError, scoreRealworld, type RealworldResult, type RwGold, type RwOutput } from './realworld-score.js';
import type { EvalDiff, EvalSection } from './types.js';

/** How the real-world sections find what to score (command-line options of `eval`). */
export interface RealworldOptions {
  /** Output folder to score; `{set}` is replaced by the set name. Default `<eval output>/rw-{set}`. */
  output?: string;
  /** Run the pipeline in memory on each set instead of reading an output folder. */
  run?: boolean;
}

/** The folder holding the real-world sets: `<devsetDir()>/realworld`. */
export function realworldDir(): string {
  return path.join(devsetDir(), 'realworld');
}

/** Names of the set folders (those with a gold.json), sorted; [] when the folder is absent. */
export function realworldSets(dir = realworldDir()): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, 'gold.json')))
    .map((e) => e.name)
    .sort();
}

/** One evaluator per set found at load time (`realworld/<set>`), or one that reports itself skipped. */
export function realworldEvaluators(dir = realworldDir()): Evaluator[] {
  const sets = realworldSets(dir);
  if (!sets.length)
    return [{ name: 'realworld', devset: true, run: () => ({ name: 'realworld', lines: [], metrics: {}, diffs: [], skipped: `no sets in ${dir}` }) }];
  return sets.map((set) => ({ name: `realworld/${set}`, devset: true, run: (ctx: EvalContext) => evalRealworldSet(path.join(dir, set), ctx) }));
}

async function readAll<T>(file: string): Promise<T[]> {
  const out: T[] = [];
  for await (const r of readJsonl<T>(file)) out.push(r);
  return out;
}

/** The five artifacts of an output folder (a missing file reads as no records). */
export async function readOutputFolder(dir: string): Promise<RwOutput> {
  return {
    documents: await readAll(path.join(dir, 'documents.jsonl')),
    entities: await readAll(path.join(dir, 'entities.jsonl')),
    quotes: await readAll(path.join(dir, 'quotes.jsonl')),
    stances: await readAll(path.join(dir, 'stances.jsonl')),
    actors: await readAll(path.join(dir, 'actors.jsonl')),
  };
}

/**
 * Runs the whole pipeline in memory on a set's raw files with the set's config.json (input paths
 * resolved against the set folder, as `run --config` does). Throws ConfigError on a bad config.
 */
export async function runSetInMemory(setDir: string): Promise<RwOutput> {
  const { config, inputDir } = loadConfig(path.join(setDir, 'config.json'));
  const { files } = await listInputs(inputDir, config.input.patterns);
  const inputs: RawInput[] = files.map((f) => {
    const bytes = new Uint8Array(readFileSync(f.absPath));
    return { docId: f.docId, path: f.relPath, bytes, sha256: createHash('sha256').update(bytes).digest('hex'), absPath: f.absPath };
  });
  const { artifacts } = runInProcess(inputs, config, STAGES);
  return {
    documents: (artifacts.documents ?? []) as RwOutput['documents'],
    entities: (artifacts.entities ?? []) as RwOutput['entities'],
    quotes: (artifacts.quotes ?? []) as RwOutput['quotes'],
    stances: (artifacts.stances ?? []) as RwOutput['stances'],
    actors: (artifacts.actors ?? []) as RwOutput['actors'],
  };
}

/** Scores one set folder; the section is skipped (not failed) when its output cannot be scored. */
export async function evalRealworldSet(setDir: string, ctx: Pick<EvalContext, 'outputDir'> & { realworld?: RealworldOptions }): Promise<EvalSection> {
  const set = path.basename(setDir);
  const name = `realworld/${set}`;
  const skipped = (reason: string): EvalSection => ({ name, lines: [], metrics: {}, diffs: [], skipped: reason });
  let gold: RwGold;
  try {
    gold = JSON.parse(readFileSync(path.join(setDir, 'gold.json'), 'utf8')) as RwGold;
  } catch (error) {
    return skipped(`cannot read ${path.join(setDir, 'gold.json')}: ${(error as Error).message}`);
  }
  const options = ctx.realworld ?? {};
  const folder = options.output ? path.resolve(options.output.replaceAll('{set}', set)) : path.join(ctx.outputDir, `rw-${set}`);
  let output: RwOutput;
  let source: string;
  const folderHasOutput = existsSync(path.join(folder, 'documents.jsonl'));
  if (options.run || (!folderHasOutput && !options.output)) {
    try {
      output = await runSetInMemory(setDir);
    } catch (error) {
      return skipped(`cannot run the pipeline on ${setDir}: ${(error as Error).message}`);
    }
    source = `pipeline run in memory on ${path.join(setDir, 'raw')}${options.run ? '' : ` (no ${folder})`}`;
  } else {
    if (!folderHasOutput) return skipped(`no documents.jsonl in ${folder}`);
    output = await readOutputFolder(folder);
    source = `${folder} (written ${statSync(path.join(folder, 'documents.jsonl')).mtime.toISOString().slice(0, 16)}Z)`;
  }
  let result: RealworldResult;
  try {
    result = scoreRealworld(gold, output);
  } catch (error) {
    if (error instanceof MissingDocumentError) return skipped(`${error.message} in ${source}: run the set again`);
    throw error;
  }
  return { name, lines: [`${gold.documents.length} documents; scored: ${source}`, ...realworldLines(result)], metrics: realworldMetrics(result), diffs: realworldDiffs(result) };
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');
const f1 = (p: number, r: number) => (p + r ? (2 * p * r) / (p + r) : 0);

/** Clear gold stances whose system record has the opposite polarity (support ↔ oppose). */
export function oppositePolarity(r: RealworldResult): number {
  return (r.stance.confusion['support→oppose'] ?? 0) + (r.stance.confusion['oppose→support'] ?? 0);
}

/** The printed figures: score.mjs's table, one line per measure, plus opposite polarity. */
export function realworldLines(r: RealworldResult): string[] {
  const lines: string[] = [];
  for (const T of ['PERSON', 'ORG'] as const) {
    const e = r.entities[T];
    const pS = e.tpS / (e.tpL + e.fp || 1);
    const pL = e.tpL / (e.tpL + e.fp || 1);
    const rS = e.gold ? e.tpS / e.gold : 0;
    const rL = e.gold ? e.tpL / e.gold : 0;
    lines.push(
      `${T.padEnd(6)} entities  strict P ${pct(e.tpS, e.tpL + e.fp)} R ${pct(e.tpS, e.gold)} (${e.tpS}/${e.gold}) F1 ${(100 * f1(pS, rS)).toFixed(1)}` +
        ` · lenient P ${pct(e.tpL, e.tpL + e.fp)} R ${pct(e.tpL, e.gold)} (${e.tpL}/${e.gold}) F1 ${(100 * f1(pL, rL)).toFixed(1)} · ${e.fp} spurious/duplicate/wrong-type of ${e.sys}`,
    );
  }
  lines.push(`name/variant mentions on the right entity ${pct(r.variants.found, r.variants.total)} (${r.variants.found}/${r.variants.total}; ${r.variants.misassigned} on another entity)`);
  lines.push(`entities in >1 document with one id ${r.crossDoc.oneId}/${r.crossDoc.entities}`);
  for (const k of ['direct', 'fragment', 'indirect'] as const) {
    const q = r.quotes[k];
    lines.push(
      `${k.padEnd(8)} quotes  recall ${pct(q.found, q.gold)} (${q.found}/${q.gold}; ≥90% covered ${q.foundStrict}; partial ${q.partial}; ${q.kindMismatch} under the other kind)` +
        ` · speaker on found ${pct(q.speakerOk, q.found)} (${q.speakerOk}/${q.found}), end-to-end ${pct(q.speakerOk, q.gold)}`,
    );
  }
  lines.push(
    `system quotes matching a gold item: direct ${pct(r.quotes.systemOk.direct, r.quotes.system.direct)} (${r.quotes.systemOk.direct}/${r.quotes.system.direct})` +
      `, indirect ${pct(r.quotes.systemOk.indirect, r.quotes.system.indirect)} (${r.quotes.systemOk.indirect}/${r.quotes.system.indirect})`,
  );
  const st = r.stance;
  lines.push(`clear actor stances right ${pct(st.clearOk, st.clear)} (${st.clearOk}/${st.clear}; no record counts as wrong)`);
  lines.push(`  labelled (a record of any label) ${st.clearCovered}; right among labelled ${pct(st.clearOk, st.clearCovered)}`);
  const opp = oppositePolarity(r);
  lines.push(`  opposite polarity ${opp} (${pct(opp, st.clear)} of clear); confusion ${Object.entries(st.confusion).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  lines.push(`arguable actor stances agreeing ${pct(st.arguableOk, st.arguable)} (${st.arguableOk}/${st.arguable}); labelled ${st.arguableCovered}`);
  lines.push(`stance records for holders with no gold stance ${st.unsupported}`);
  lines.push(`document stances (clear) right ${st.docOk}/${st.docClear}`);
  lines.push(`corpus actor table rows matching gold ${r.actors.filter((a) => a.ok).length}/${r.actors.length}`);
  if (r.warnings.length) lines.push(...r.warnings.map((w) => `warning: ${w}`));
  return lines;
}

/** Counts for summary.json: the scorer's own counts plus the derived rates the acceptance figures use. */
export function realworldMetrics(r: RealworldResult): EvalSection['metrics'] {
  const st = r.stance;
  const rate = (a: number, b: number) => (b ? a / b : 0);
  return {
    entities: { ...r.entities },
    variants: { ...r.variants },
    crossDoc: { entities: r.crossDoc.entities, oneId: r.crossDoc.oneId },
    quotes: { ...r.quotes },
    stance: { ...st, confusion: { ...st.confusion } },
    clearActors: { right: st.clearOk, total: st.clear, rate: rate(st.clearOk, st.clear) },
    clearActorsLabelled: { right: st.clearOk, total: st.clearCovered, rate: rate(st.clearOk, st.clearCovered) },
    oppositePolarity: { count: oppositePolarity(r), total: st.clear, rate: rate(oppositePolarity(r), st.clear) },
    documents: { right: st.docOk, total: st.docClear, rate: rate(st.docOk, st.docClear) },
    actorTable: { right: r.actors.filter((a) => a.ok).length, total: r.actors.length },
  };
}

/** Per-item differences: every entity, quote and stance error score.mjs lists, one line each. */
export function realworldDiffs(r: RealworldResult): EvalDiff[] {
  const diffs: EvalDiff[] = [];
  for (const e of r.errors.entities) diffs.push({ kind: `entity/${e.kind}`, docId: e.doc, expected: e.gold, actual: e.system, note: e.type });
  for (const e of r.errors.quotes) diffs.push({ kind: `quote/${e.verdict}`, docId: e.doc, expected: { kind: e.kind, text: e.text, speaker: e.expected }, actual: e.got, note: e.sentence });
  for (const e of r.errors.spurious) diffs.push({ kind: 'quote/spurious', docId: e.doc, actual: { id: e.id, kind: e.kind, text: e.text, cue: e.cue, speaker: e.speaker }, note: `${e.verdict}: ${e.sentence}` });
  for (const e of r.errors.stances)
    diffs.push({
      kind: e.holder === '(document)' ? 'stance/document' : e.certainty === '-' ? 'stance/extra-holder' : `stance/${e.certainty}`,
      docId: e.doc,
      expected: { holder: e.holder, label: e.expected, certainty: e.certainty, note: e.note },
      actual: e.got,
      note: e.evidence,
    });
  return diffs;
}
