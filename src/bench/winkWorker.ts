/**
 * Baseline worker for the benchmark (piscina): loads wink-nlp and its model once per thread, then
 * per task runs one readDoc and reads the tokens out (value and part of speech) — the least any
 * wink-based pipeline must do per document.
 */
import { threadId } from 'node:worker_threads';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

const nlp = winkNLP(model);
const its = nlp.its;
let tasks = 0;
let peakHeap = 0;

export interface WinkTask {
  text: string;
}

export interface WinkResult {
  /** All wink tokens, including whitespace tokens (line breaks). */
  tokens: number;
  /** Tokens that are not whitespace. */
  words: number;
  threadId: number;
  /** This worker thread's own V8 heap in use, peak so far (bytes, sampled every 25 tasks). */
  peakHeapUsed: number;
}

export default function run(task: WinkTask): WinkResult {
  const doc = nlp.readDoc(task.text);
  const values = doc.tokens().out(its.value) as string[];
  const pos = doc.tokens().out(its.pos) as string[];
  let words = 0;
  for (let i = 0; i < values.length; i++) if (pos[i] !== 'SPACE' && values[i]!.trim() !== '') words++;
  if (tasks++ % 25 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  return { tokens: values.length, words, threadId, peakHeapUsed: peakHeap };
}
