/**
 * Step 4 of a stage's run (see runner.ts): its corpus step. Fold over the per-document file (lines
 * filtered by bytes, parsed one at a time), plan, then write the final artifact document by
 * document: documents the plan touches are parsed, rewritten (execute.ts rewriteDocument, as in
 * memory) and serialized again; the others are copied as bytes. Artifacts the step emits (the
 * actor table) are written whole.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { PipelineConfig } from '../config.js';
import { ArtifactWriter } from '../io/artifact-writer.js';
import { forEachLine, forEachLineContaining, readRange } from '../io/lines.js';
import { ARTIFACTS, type ArtifactName } from '../schema.js';
import { combineHashes, freshIndex, writeIndex, type ArtifactIndex, type DocSpan } from './artifact-index.js';
import { rewriteDocument } from './execute.js';
import type { Logger } from './logger.js';
import type { HeapGuard } from './memory.js';
import type { StagePlan } from './plan.js';
import type { RunOptions } from './run-options.js';
import type { Stage } from './stage.js';

/** Returns the index of every artifact written (the rewritten one and the emitted ones). */
export function runCorpusStep(stage: Stage, outputDir: string, perDocRel: string, perDocIndex: ArtifactIndex, config: PipelineConfig, log: Logger, heap?: HeapGuard): Map<ArtifactName, ArtifactIndex> {
  const step = stage.corpus;
  if (!step) throw new Error(`stage ${stage.name} has no corpus step`);
  const perDocFile = path.join(outputDir, perDocRel);
  const run = step.start(config);
  const fold = (bytes: Buffer) => {
    const text = bytes.toString('utf8');
    if (text.trim() !== '') run.add(JSON.parse(text));
    heap?.tick();
  };
  if (step.select) forEachLineContaining(perDocFile, Buffer.from(step.select, 'utf8'), fold);
  else forEachLine(perDocFile, fold);
  const plan = run.plan();
  heap?.check();

  const written = new Map<ArtifactName, ArtifactIndex>();
  const finalRel = ARTIFACTS[step.artifact].file;
  const finalFile = path.join(outputDir, finalRel);
  // The previous run's rewrites, reusable when their basis is unchanged.
  const previous = new Map<string, DocSpan>();
  if (plan.digest) for (const d of freshIndex(outputDir, finalRel)?.docs ?? []) if (d.basis) previous.set(d.docId, d);
  let copied = 0;
  const writer = new ArtifactWriter(path.join(outputDir, finalRel), finalRel);
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
  for (const name of stage.writes) {
    if (name === step.artifact) continue;
    const rel = ARTIFACTS[name].file;
    const records: unknown[] = emitted[name] ?? [];
    let text = '';
    for (const r of records) text += JSON.stringify(r) + '\n';
    const out = new ArtifactWriter(path.join(outputDir, rel), rel);
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
  for (const [name, index] of runCorpusStep(stage, options.outputDir, plan.perDocRel.get(artifact)!, indexes.get(artifact)!, options.config, log, heap)) {
    written.set(name, index);
    await writeIndex(options.outputDir, index);
  }
  return written;
}
