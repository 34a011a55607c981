/**
 * `newsstance eval`: scores the artifacts in the output folder against the seed gold, and the
 * pipeline against the dev sets in ../shared/eval when they are present. Prints P/R/F1 per stage
 * and writes the numbers (eval/summary.json) and per-item differences (eval/<section>.diff.jsonl).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { UsageError } from '../pipeline/errors.js';
import path from 'node:path';
import { readJsonl, removeStaleTempFiles, writeFileAtomic } from '../io/jsonl.js';
import type { ActorRecord, DocumentRecord, EntityRecord, QuoteRecord, StanceRecord } from '../schema.js';
import type { EvalContext, EvalSection, Evaluator, SeedGold } from './types.js';
import { evalNormalize } from './normalize.js';
import { evalEntities } from './entities.js';
import { evalConll } from './conll.js';
import { evalQuotes } from './quotes.js';
import { evalPolnear } from './attribution-devset.js';
import { evalStance } from './stance.js';
import { evalGwsd } from './gwsd.js';
import { realworldEvaluators, type RealworldOptions } from './realworld.js';
import { shownPath } from '../io/shown.js';

export type { Evaluator } from './types.js';

export const EVALUATORS: Evaluator[] = [
  { name: 'normalize', devset: false, run: (ctx) => evalNormalize(ctx.gold, ctx.documents) },
  { name: 'entities', devset: false, run: evalEntities },
  { name: 'entities/conll2003', devset: true, run: evalConll },
  { name: 'quotes', devset: false, run: evalQuotes },
  { name: 'quotes/polnear', devset: true, run: evalPolnear },
  { name: 'stance', devset: false, run: evalStance },
  { name: 'stance/gwsd', devset: true, run: evalGwsd },
  ...realworldEvaluators(),
];

async function readAll<T>(file: string): Promise<T[]> {
  const out: T[] = [];
  for await (const r of readJsonl<T>(file)) out.push(r);
  return out;
}

export interface EvalOptions {
  goldFile: string;
  outputDir: string;
  devsets: boolean;
  /** Only evaluators whose name starts with one of these. */
  only?: string[];
  /** Real-world sections: output folder pattern or an in-memory run. */
  realworld?: RealworldOptions;
  /** Where printable lines go (stdout by default). */
  print?: (line: string) => void;
}

/**
 * Check what `eval` was given before it reads or writes anything.
 * @throws UsageError for a missing gold file, one that is not JSON or has no `documents` list, an output folder without
 *   artifacts, or an `--only` name that matches no evaluator (the message lists the known ones).
 */
function checkEvalOptions(options: EvalOptions): SeedGold {
  const shown = (p: string) => shownPath(p);
  for (const o of options.only ?? []) {
    if (!EVALUATORS.some((e) => e.name.startsWith(o))) throw new UsageError(`unknown evaluator "${o}" for --only (known: ${EVALUATORS.map((e) => e.name).join(', ')})`);
  }
  if (!existsSync(path.join(options.outputDir, 'documents.jsonl'))) {
    throw new UsageError(`no artifacts in ${shown(options.outputDir)} (documents.jsonl is missing): run "newsstance run" first, or give the output folder with --output`);
  }
  if (!existsSync(options.goldFile)) throw new UsageError(`gold file ${shown(options.goldFile)} not found (give one with --gold)`);
  let gold: SeedGold;
  try {
    gold = JSON.parse(readFileSync(options.goldFile, 'utf8')) as SeedGold;
  } catch (error) {
    throw new UsageError(`gold file ${shown(options.goldFile)} cannot be read as JSON: ${(error as Error).message}`);
  }
  if (!gold || typeof gold !== 'object' || !Array.isArray(gold.documents)) {
    throw new UsageError(`gold file ${shown(options.goldFile)} is not a gold file: it has no "documents" list (see tests/fixtures/seeds.gold.json for the format)`);
  }
  return gold;
}

export async function runEval(options: EvalOptions): Promise<EvalSection[]> {
  const print = options.print ?? ((line: string) => process.stdout.write(line + '\n'));
  const gold = checkEvalOptions(options);
  const out = options.outputDir;
  const ctx: EvalContext = {
    gold,
    outputDir: out,
    documents: await readAll(path.join(out, 'documents.jsonl')),
    entities: await readAll(path.join(out, 'entities.jsonl')),
    quotes: await readAll(path.join(out, 'quotes.jsonl')),
    stances: await readAll(path.join(out, 'stances.jsonl')),
    actors: await readAll(path.join(out, 'actors.jsonl')),
    devsets: options.devsets,
    realworld: options.realworld,
  };
  const sections: EvalSection[] = [];
  const evalDir = path.join(out, 'eval');
  mkdirSync(evalDir, { recursive: true });
  await removeStaleTempFiles(evalDir); // left by an eval stopped mid-write (a closed pipe, Ctrl-C)
  for (const evaluator of EVALUATORS) {
    if (evaluator.devset && !options.devsets) continue;
    if (options.only && !options.only.some((o) => evaluator.name.startsWith(o))) continue;
    const started = Date.now();
    // A gold file with no documents scores nothing: say so rather than print 0 of 0 as figures.
    const section = !evaluator.devset && gold.documents.length === 0 ? { name: evaluator.name, lines: [], metrics: {}, diffs: [], skipped: 'the gold file has no documents' } : await evaluator.run(ctx);
    sections.push(section);
    print(`== ${section.name}${section.skipped ? ` (skipped: ${section.skipped})` : ''}`);
    for (const line of section.lines) print(`  ${line}`);
    if (!section.skipped) print(`  (${section.diffs.length} differences in eval/${fileSafe(section.name)}.diff.jsonl; ${Date.now() - started} ms)`);
    await writeFileAtomic(
      path.join(evalDir, `${fileSafe(section.name)}.diff.jsonl`),
      section.diffs.map((d) => JSON.stringify(d) + '\n').join(''),
    );
  }
  const summary = Object.fromEntries(sections.map((s) => [s.name, s.skipped ? { skipped: s.skipped } : s.metrics]));
  await writeFileAtomic(path.join(evalDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  return sections;
}

function fileSafe(name: string): string {
  return name.replace(/[^a-z0-9-]+/gi, '-');
}
