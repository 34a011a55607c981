/**
 * `npm run check` (part of `.ci/run`, not of the 5-minute `npm test`): every text of
 * ../shared/eval (or $NEWSSTANCE_EVAL_DIR) — CoNLL-2003 train and dev, PolNeAR train and dev,
 * GWSD dev (50 sentences a document), the real-world sets' raw files — goes through all stages.
 * An internal exception (`stage/exception`) on a real document is a bug: any one fails the check
 * (exit 1), listing the documents and messages. The texts are written to a temp folder outside
 * the repository and removed afterwards. Skips cleanly (exit 0) where the data is absent.
 *
 * Usage: node dist/check/corpora.js [--limit N] (N documents per data file, for a quick run; the
 * real-world sets are always taken whole).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../config.js';
import { silentLogger } from '../pipeline/logger.js';
import { runPipeline } from '../pipeline/runner.js';
import { STAGES, STAGES_MODULE } from '../stages/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const EVAL_DIR = process.env.NEWSSTANCE_EVAL_DIR ?? path.resolve(ROOT, '..', 'shared', 'eval');
/** GWSD is one sentence a line: this many sentences make one document. */
const GWSD_SENTENCES_PER_DOC = 50;

interface Source {
  name: string;
  file: string;
  texts: (lines: string[]) => string[];
}

const textField = (field: string) => (lines: string[]) => lines.map((l) => String((JSON.parse(l) as Record<string, unknown>)[field] ?? ''));

const SOURCES: Source[] = [
  { name: 'conll-train', file: 'conll2003_train.jsonl', texts: textField('text') },
  { name: 'conll-dev', file: 'conll2003_dev.jsonl', texts: textField('text') },
  { name: 'polnear-train', file: 'polnear_train.jsonl', texts: textField('text') },
  { name: 'polnear-dev', file: 'polnear_dev.jsonl', texts: textField('text') },
  {
    name: 'gwsd-dev',
    file: 'gwsd_dev.jsonl',
    texts: (lines) => {
      const sentences = textField('sentence')(lines);
      const docs: string[] = [];
      for (let i = 0; i < sentences.length; i += GWSD_SENTENCES_PER_DOC) docs.push(sentences.slice(i, i + GWSD_SENTENCES_PER_DOC).join('\n\n'));
      return docs;
    },
  },
];

async function main(): Promise<number> {
  const limitAt = process.argv.indexOf('--limit');
  const limit = limitAt > 0 ? Number(process.argv[limitAt + 1]) : Infinity;
  if (!existsSync(EVAL_DIR)) {
    process.stderr.write(`check: ${EVAL_DIR} not found; nothing to check\n`);
    return 0;
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'newsstance-check-'));
  try {
    const raw = path.join(work, 'raw');
    let count = 0;
    for (const source of SOURCES) {
      const file = path.join(EVAL_DIR, source.file);
      if (!existsSync(file)) continue;
      const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
      const texts = source.texts(lines).slice(0, limit);
      mkdirSync(path.join(raw, source.name), { recursive: true });
      texts.forEach((text, i) => writeFileSync(path.join(raw, source.name, `${String(i).padStart(4, '0')}.txt`), text));
      count += texts.length;
    }
    const realworld = path.join(EVAL_DIR, 'realworld');
    if (existsSync(realworld)) {
      for (const set of readdirSync(realworld)) {
        const dir = path.join(realworld, set, 'raw');
        if (!existsSync(dir)) continue;
        cpSync(dir, path.join(raw, `realworld-${set}`), { recursive: true });
        count += readdirSync(dir, { recursive: true }).filter((n) => String(n).endsWith('.txt')).length;
      }
    }
    process.stderr.write(`check: ${count} documents from ${EVAL_DIR} through every stage...\n`);
    const config = parseConfig({ proposal: { name: 'the proposal', aliases: ['the plan', 'the bill'] } });
    const started = Date.now();
    const output = path.join(work, 'output');
    const summary = await runPipeline({ config, stages: STAGES, stagesModule: STAGES_MODULE, inputDir: raw, outputDir: output, logger: silentLogger(), runId: 'check' });
    const errors = readFileSync(path.join(output, 'errors.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { stage: string; docId?: string; error: string; message: string });
    const exceptions = errors.filter((e) => e.error === 'stage/exception');
    process.stderr.write(
      `check: ${summary.documents} documents in ${((Date.now() - started) / 1000).toFixed(1)} s; ${errors.length} set aside, ${exceptions.length} internal exception(s)\n`,
    );
    for (const e of errors.slice(0, 50)) process.stderr.write(`  ${e.error} [${e.stage}] ${e.docId ?? ''}: ${e.message}\n`);
    return exceptions.length > 0 ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`check: ${(error as Error).message}\n`);
    process.exitCode = 2;
  },
);
