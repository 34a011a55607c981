/**
 * `npm run train -- entities [--epochs N] [--seed N] [--out FILE] [--no-dev]`: trains the entity
 * tagger from ../shared/eval/conll2003_train.jsonl (or $NEWSSTANCE_EVAL_DIR) ONLY, writes
 * src/data/entities/tagger.bin, and prints token-projection counts, model size, time and exact-span
 * scores on conll2003_dev.jsonl (dev is read for measuring and model choice, never for training).
 * Exit codes: 0 trained; 2 usage error or training file missing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { devsetFile } from '../eval/devset.js';
import { BEAM, TAGGER_WEIGHTS_FILE } from '../stages/entities/tagger/index.js';
import { TaggerModel } from '../stages/entities/tagger/model.js';

/** src/data of the checkout (this module runs from dist/scripts or src/scripts). */
const SOURCE_DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'data');
import { project, scoreSpans, train, type GoldDoc } from '../stages/entities/tagger/train.js';

/** Model format and feature set version: bump when features.ts or the training data handling changes. */
export const TAGGER_VERSION = '1';
const DEFAULTS = { epochs: 16, seed: 20261130, scale: 1000, minWeight: 0.05 };

function readDocs(file: string): GoldDoc[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as GoldDoc);
}

function main(argv: string[]): number {
  const [what, ...rest] = argv;
  if (what !== 'entities') {
    process.stderr.write('usage: npm run train -- entities [--epochs N] [--seed N] [--min-weight X] [--out FILE] [--no-dev]\n');
    return 2;
  }
  // Written into the source tree (src/data), which the build copies to dist/data.
  const opt = { ...DEFAULTS, out: path.join(SOURCE_DATA, TAGGER_WEIGHTS_FILE), dev: true };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--epochs') opt.epochs = Number(rest[++i]);
    else if (a === '--seed') opt.seed = Number(rest[++i]);
    else if (a === '--min-weight') opt.minWeight = Number(rest[++i]);
    else if (a === '--out') opt.out = rest[++i]!;
    else if (a === '--no-dev') opt.dev = false;
    else {
      process.stderr.write(`train: unknown option ${a}\n`);
      return 2;
    }
  }
  const trainFile = devsetFile('conll2003_train.jsonl');
  if (!trainFile) {
    process.stderr.write('train: conll2003_train.jsonl not found (../shared/eval or $NEWSSTANCE_EVAL_DIR)\n');
    return 2;
  }
  const t0 = Date.now();
  const docs = readDocs(trainFile);
  const data = project(docs);
  const t1 = Date.now();
  process.stderr.write(
    `train: ${docs.length} documents, ${data.tokens} wink tokens, ${data.spans} gold spans; ${data.misaligned} not on token edges, ${data.lost} with no whole token (${t1 - t0} ms)\n`,
  );
  const sha = createHash('sha256').update(readFileSync(trainFile)).digest('hex').slice(0, 16);
  const bytes = train(data.examples, {
    ...opt,
    version: TAGGER_VERSION,
    meta: { data: 'conll2003_train.jsonl', dataSha256: sha, documents: docs.length, tokens: data.tokens, misaligned: data.misaligned, minWeight: opt.minWeight },
    onEpoch: (e, acc) => process.stderr.write(`  epoch ${e}: token accuracy ${(acc * 100).toFixed(2)}% (${Date.now() - t1} ms)\n`),
  });
  writeFileSync(opt.out, bytes);
  const model = TaggerModel.fromBytes(bytes);
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  process.stderr.write(`train: wrote ${opt.out}: ${model.size} feature rows, ${bytes.length} bytes, sha256 ${hash} (${Date.now() - t0} ms)\n`);
  const devFile = opt.dev ? devsetFile('conll2003_dev.jsonl') : null;
  if (devFile) {
    const dev = project(readDocs(devFile));
    for (const beam of [1, BEAM]) {
      const s = scoreSpans(model, dev.examples, beam);
      for (const t of ['PER', 'ORG', 'LOC', 'overall']) {
        const v = s[t]!;
        process.stderr.write(`  dev (beam ${beam}) ${t.padEnd(7)} P ${v.p.toFixed(3)} R ${v.r.toFixed(3)} F1 ${v.f1.toFixed(3)}\n`);
      }
    }
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
