/**
 * Step 4 of a stage's run (see runner.ts): its corpus step. Fold over the per-document file (lines
 * filtered by bytes, parsed one at a time), plan, then write the final artifact document by
 * document: documents the plan touches are parsed, rewritten (execute.ts rewriteDocument, as in
 * memory) and serialized again; the others are copied as bytes. Artifacts the step emits (the
 * actor table) are written whole. Every artifact is written over its previous version: only
 * what changed is written (io/artifact-writer.ts).
 *
 * A step that can save its fold's state (CorpusStepSpec save/restore) keeps it in
 * `cache/<artifact>.fold.json` with the documents folded (their count and content hash) and the
 * stage's key (name, version, code, options). The next run restores it when the key is the same
 * and the per-document file still starts with exactly those documents, and folds only the ones
 * after them (a document added at the end of the corpus: its lines only). Anything else (a
 * document changed, removed or added before the last one folded) folds everything again, so the
 * state is always the one a fold from scratch gives.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { PipelineConfig } from '../config.js';
import { ArtifactWriter } from '../io/artifact-writer.js';
import { forEachLine, forEachLineContaining, readRange } from '../io/lines.js';
import { ARTIFACTS, type ArtifactName } from '../schema.js';
import { combineHashes, contentHash, freshIndex, writeIndex, type ArtifactIndex, type DocSpan } from './artifact-index.js';
import { sha256 } from './cache.js';
import { rewriteDocument } from './execute.js';
import type { Logger } from './logger.js';
import type { HeapGuard } from './memory.js';
import type { StagePlan } from './plan.js';
import { CACHE_DIR, type RunOptions } from './run-options.js';
import type { CorpusRun, Stage } from './stage.js';

/** Returns the index of every artifact written (the rewritten one and the emitted ones). */
export function runCorpusStep(
  stage: Stage,
  outputDir: string,
  perDocRel: string,
  perDocIndex: ArtifactIndex,
  config: PipelineConfig,
  log: Logger,
  heap?: HeapGuard,
  stateKey?: string,
): Map<ArtifactName, ArtifactIndex> {
  const step = stage.corpus;
  if (!step) throw new Error(`stage ${stage.name} has no corpus step`);
  const perDocFile = path.join(outputDir, perDocRel);
  const journalDir = path.join(outputDir, CACHE_DIR);
  // Documents with lines, in file order: what the fold goes through.
  const folded = perDocIndex.docs.filter((d) => d.lines > 0);
  const stateFile = path.join(journalDir, `${step.artifact}.fold.json`);
  const saved = step.resumable && stateKey ? readFoldState(stateFile, stateKey, folded) : null;
  let run: CorpusRun | null = null;
  if (saved) {
    try {
      run = step.start(config, saved.state);
    } catch (error) {
      log.warn({ file: stateFile, error: (error as Error).message }, 'saved corpus-step state unreadable; folding every document');
    }
  }
  const from = run ? saved!.count : 0;
  run ??= step.start(config);
  const fold = (bytes: Buffer) => {
    const text = bytes.toString('utf8');
    if (text.trim() !== '') run.add(JSON.parse(text));
    heap?.tick();
  };
  const needle = step.select ? Buffer.from(step.select, 'utf8') : null;
  if (from === 0) {
    if (needle) forEachLineContaining(perDocFile, needle, fold);
    else forEachLine(perDocFile, fold);
  } else if (from < folded.length) {
    // Only the documents after those folded before: their lines are the end of the file.
    const start = folded[from]!.offset;
    const last = folded[folded.length - 1]!;
    const bytes = readRange(perDocFile, start, last.offset + last.length - start);
    for (let at = 0; at < bytes.length; ) {
      let nl = bytes.indexOf(10, at);
      if (nl === -1) nl = bytes.length;
      const line = bytes.subarray(at, nl);
      if (!needle || line.includes(needle)) fold(line);
      at = nl + 1;
    }
  }
  if (step.resumable && stateKey && run.save && (from < folded.length || !saved)) {
    writeFoldState(stateFile, { schema: 2, key: stateKey, count: folded.length, hash: contentHash(folded) }, run.save());
  }
  log.debug({ artifact: step.artifact, foldedBefore: from, folded: folded.length - from }, 'corpus step fold');
  const plan = run.plan();
  heap?.check();

  const written = new Map<ArtifactName, ArtifactIndex>();
  const finalRel = ARTIFACTS[step.artifact].file;
  const finalFile = path.join(outputDir, finalRel);
  // The previous run's rewrites, reusable when their basis is unchanged.
  const finalIndex = freshIndex(outputDir, finalRel);
  const previous = new Map<string, DocSpan>();
  if (plan.digest) for (const d of finalIndex?.docs ?? []) if (d.basis) previous.set(d.docId, d);
  let copied = 0;
  const writer = new ArtifactWriter(path.join(outputDir, finalRel), finalRel, { base: finalIndex, journalDir });
  try {
    for (const span of perDocIndex.docs) {
      heap?.tick();
      if (!plan.rewrite || span.length === 0 || !plan.touches(span.docId)) {
        writer.copyDoc(perDocFile, span);
        continue;
      }
      const basis = plan.digest ? combineHashes([span.sha256, plan.digest(span.docId)]) : undefined;
      const before = basis ? previous.get(span.docId) : undefined;
      if (before && before.basis === basis) {
        writer.copyDoc(finalFile, before);
        copied++;
        continue;
      }
      const records = readRange(perDocFile, span.offset, span.length)
        .toString('utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as unknown);
      const rewritten = rewriteDocument(plan, span.docId, records);
      let text = '';
      for (const r of rewritten) text += JSON.stringify(r) + '\n';
      writer.writeDoc(span.docId, text, rewritten.length, createHash('sha256').update(text).digest('hex'), basis);
    }
    written.set(step.artifact, writer.commit());
  } catch (error) {
    writer.abort();
    throw error;
  }

  const emitted = plan.emit();
  // A step that emits writes the stage's other artifacts whole; one that does not leaves them as
  // the stage wrote them per document (normalize's tokens).
  for (const name of step.emits ? stage.writes : []) {
    if (name === step.artifact) continue;
    const rel = ARTIFACTS[name].file;
    const records: unknown[] = emitted[name] ?? [];
    let text = '';
    for (const r of records) text += JSON.stringify(r) + '\n';
    const out = new ArtifactWriter(path.join(outputDir, rel), rel, { base: freshIndex(outputDir, rel), journalDir });
    out.writeDoc('', text, records.length, createHash('sha256').update(text).digest('hex'));
    written.set(name, out.commit());
  }
  log.debug({ artifact: step.artifact, rewritesCopied: copied }, 'corpus step done');
  return written;
}

/**
 * Step 4 of a stage's run: its corpus step, if it has one, over the per-document artifacts just
 * written (`indexes`); returns the index of every artifact the stage wrote, each index published.
 */
export async function corpusStage(plan: StagePlan, indexes: Map<ArtifactName, ArtifactIndex>, options: RunOptions, log: Logger, heap: HeapGuard): Promise<Map<ArtifactName, ArtifactIndex>> {
  const written = new Map(indexes);
  const { stage } = plan;
  if (!stage.corpus) return written;
  const artifact = stage.corpus.artifact;
  heap.check();
  // The saved fold is the stage's as long as its code and options are (and --force starts afresh).
  const stateKey = options.force ? undefined : sha256(`${stage.name}\n${stage.version}\n${plan.code}\n${plan.optionsHash}`);
  for (const [name, index] of runCorpusStep(stage, options.outputDir, plan.perDocRel.get(artifact)!, indexes.get(artifact)!, options.config, log, heap, stateKey)) {
    written.set(name, index);
    await writeIndex(options.outputDir, index, true);
  }
  return written;
}

/**
 * cache/<artifact>.fold.json: a corpus step's fold state and what it folded, as JSON lines: this
 * header, then one line per state entry (written and read a line at a time, never as one string).
 */
interface FoldHeader {
  /** 2: entries as lines after the header. */
  schema: 2;
  /** The stage's name, version, code fingerprint and options hash, hashed. */
  key: string;
  /** Documents with lines folded (the first `count` of the per-document file) and their content hash. */
  count: number;
  hash: string;
}

/** The saved fold when it is the stage's and the per-document file still starts with what it folded; else null. */
function readFoldState(file: string, key: string, folded: readonly DocSpan[]): (FoldHeader & { state: unknown[] }) | null {
  if (!existsSync(file)) return null;
  try {
    let header: FoldHeader | null = null;
    const state: unknown[] = [];
    let valid = true;
    forEachLine(file, (bytes) => {
      if (!valid) return;
      if (header) {
        state.push(JSON.parse(bytes.toString('utf8')));
        return;
      }
      const h = JSON.parse(bytes.toString('utf8')) as FoldHeader;
      valid = h.schema === 2 && h.key === key && Number.isInteger(h.count) && h.count > 0 && h.count <= folded.length && contentHash(folded.slice(0, h.count)) === h.hash;
      header = h;
    });
    return valid && header ? { ...(header as FoldHeader), state } : null;
  } catch {
    return null;
  }
}

/** Write the fold (header, then each entry on its own line) through a temp file renamed into place. */
function writeFoldState(file: string, header: FoldHeader, entries: Iterable<unknown>): void {
  const temp = `${file}.tmp-${process.pid}`;
  const fd = openSync(temp, 'w');
  try {
    let chunk = JSON.stringify(header) + '\n';
    for (const entry of entries) {
      chunk += JSON.stringify(entry) + '\n';
      if (chunk.length >= 1 << 20) {
        writeText(fd, chunk);
        chunk = '';
      }
    }
    writeText(fd, chunk);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temp, file);
}

function writeText(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}
