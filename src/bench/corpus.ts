/**
 * The benchmark corpus: N synthetic articles written to a folder, recombined from text the project
 * may use — the seed articles in raw/ (paragraphs and titles, in varied orders) and, when present at
 * run time, PolNeAR texts from ../shared/eval/polnear_train.jsonl (read, never copied into the repo).
 * Names come from the general lists in names.ts, never from the seeds.
 *
 * Document i depends only on (seed, i), so a corpus of 1,000 is the first 1,000 of a corpus of
 * 20,000, and "one more document" is simply document N.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FAMILY_NAMES, GIVEN_NAMES, NEUTRAL_CLAUSES, OPPOSE_CLAUSES, ORGANISATIONS, OUTLETS, ROLES, SUPPORT_CLAUSES } from './names.js';

export interface CorpusSources {
  /** Body paragraphs (seed and PolNeAR). */
  paragraphs: string[];
  /** Headline candidates. */
  titles: string[];
  /** Sentences usable as quoted speech. */
  sentences: string[];
  counts: { seedFiles: number; seedParagraphs: number; polnearDocs: number; polnearParagraphs: number };
}

export interface CorpusOptions {
  docs: number;
  seed?: number;
  /** First document index (to append documents to an existing corpus). Default 0. */
  start?: number;
}

export interface CorpusResult {
  dir: string;
  files: number;
  bytes: number;
  ms: number;
}

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mix(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ index, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

function shuffle<T>(r: () => number, list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

function splitSentences(paragraph: string): string[] {
  return paragraph.split(/(?<=[.!?])\s+(?=[A-Z“"])/).map((s) => s.trim()).filter((s) => s.length >= 40 && s.length <= 240 && /[.!?]$/.test(s));
}

/** Paragraphs and titles from the seed articles, and from PolNeAR when the file is given and exists. */
export function loadSources(rawDir: string, polnearFile?: string | null, polnearLimit = 400): CorpusSources {
  const paragraphs: string[] = [];
  const titles: string[] = [];
  const seedFiles = existsSync(rawDir) ? readdirSync(rawDir).filter((f) => f.endsWith('.txt')).sort() : [];
  for (const file of seedFiles) {
    const lines = readFileSync(path.join(rawDir, file), 'utf8').split(/\r?\n/).map((l) => l.trim());
    lines.slice(0, 6).forEach((l) => {
      if (l.length >= 20 && l.length <= 120 && !/[.:]$/.test(l) && /[a-z]/.test(l) && !/\d{4}/.test(l)) titles.push(l);
    });
    for (const l of lines) if (l.length >= 80 && /[.!?”"]$/.test(l)) paragraphs.push(l);
  }
  const seedParagraphs = paragraphs.length;
  let polnearDocs = 0;
  if (polnearFile && existsSync(polnearFile)) {
    for (const line of readFileSync(polnearFile, 'utf8').split('\n')) {
      if (!line.trim() || polnearDocs >= polnearLimit) continue;
      let doc: { text?: string; title?: string };
      try {
        doc = JSON.parse(line) as { text?: string; title?: string };
      } catch {
        continue;
      }
      if (typeof doc.text !== 'string') continue;
      polnearDocs++;
      if (doc.title && doc.title.length <= 120) titles.push(doc.title.trim());
      for (const p of doc.text.split(/\n\s*\n|\n/)) {
        const t = p.trim();
        if (t.length >= 80 && t.length <= 1500) paragraphs.push(t);
      }
    }
  }
  if (paragraphs.length === 0) throw new Error(`no paragraphs found in ${rawDir}${polnearFile ? ` or ${polnearFile}` : ''}`);
  if (titles.length === 0) titles.push('Regional security proposal draws debate');
  const sentences = paragraphs.flatMap(splitSentences).slice(0, 20_000);
  return { paragraphs, titles, sentences, counts: { seedFiles: seedFiles.length, seedParagraphs, polnearDocs, polnearParagraphs: paragraphs.length - seedParagraphs } };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function personName(r: () => number): string {
  return `${pick(r, GIVEN_NAMES)} ${pick(r, FAMILY_NAMES)}`;
}

/** One attributed sentence with a freshly generated speaker. */
function attributed(r: () => number, sources: CorpusSources): { text: string; speaker: string } {
  const speaker = personName(r);
  const family = speaker.split(' ').slice(1).join(' ');
  const role = `${pick(r, ROLES)} at ${pick(r, ORGANISATIONS)}`;
  const stance = r();
  const clause = stance < 0.35 ? pick(r, SUPPORT_CLAUSES) : stance < 0.7 ? pick(r, OPPOSE_CLAUSES) : pick(r, NEUTRAL_CLAUSES);
  const quoted = sources.sentences.length && r() < 0.5 ? pick(r, sources.sentences).replace(/[.!?]$/, '') : clause.charAt(0).toUpperCase() + clause.slice(1);
  switch (Math.floor(r() * 5)) {
    case 0:
      return { speaker, text: `“${quoted},” said ${speaker}, ${role}.` };
    case 1:
      return { speaker, text: `${speaker}, ${role}, said ${clause}.` };
    case 2:
      return { speaker, text: `According to ${speaker}, ${role}, ${clause}.` };
    case 3:
      return { speaker, text: `${speaker} told ${pick(r, OUTLETS)} that ${clause}. “${quoted},” ${family} added.` };
    default:
      return { speaker, text: `“${quoted},” ${speaker} said in a statement on ${pick(r, MONTHS)} ${1 + Math.floor(r() * 28)}.` };
  }
}

export interface BenchDocument {
  /** File name, e.g. `bench-000042.txt`. */
  name: string;
  text: string;
  speakers: string[];
}

export function documentName(index: number): string {
  return `bench-${String(index).padStart(6, '0')}.txt`;
}

/** Document `index` of the corpus for `seed`. */
export function makeDocument(sources: CorpusSources, index: number, seed = 1): BenchDocument {
  const r = rng(mix(seed, index));
  const speakers: string[] = [];
  const title = pick(r, sources.titles);
  const date = `${pick(r, MONTHS)} ${1 + Math.floor(r() * 28)}, ${2015 + Math.floor(r() * 11)}`;
  const byline = `By ${personName(r)}`;
  const count = 5 + Math.floor(r() * 6);
  const body: string[] = [];
  const seedShare = sources.counts.seedParagraphs;
  for (let i = 0; i < count; i++) {
    // Half the paragraphs from the seed articles (on topic), half from the whole pool.
    let p = r() < 0.5 && seedShare > 0 ? sources.paragraphs[Math.floor(r() * seedShare)]! : pick(r, sources.paragraphs);
    if (r() < 0.6) {
      const a = attributed(r, sources);
      speakers.push(a.speaker);
      p = r() < 0.5 ? `${a.text} ${p}` : `${p} ${a.text}`;
    }
    body.push(p);
  }
  // At least two generated speakers per document, on their own paragraphs.
  while (speakers.length < 2) {
    const a = attributed(r, sources);
    speakers.push(a.speaker);
    body.splice(Math.floor(r() * (body.length + 1)), 0, a.text);
  }
  shuffle(r, body);
  const text = [title, date, byline, '', ...body.flatMap((p) => [p, ''])].join('\n');
  return { name: documentName(index), text, speakers };
}

/** Write documents [start, start + docs) into `dir` (created if needed). */
export function buildCorpus(dir: string, sources: CorpusSources, options: CorpusOptions): CorpusResult {
  const started = performance.now();
  mkdirSync(dir, { recursive: true });
  const start = options.start ?? 0;
  let bytes = 0;
  for (let i = start; i < start + options.docs; i++) {
    const doc = makeDocument(sources, i, options.seed ?? 1);
    const data = Buffer.from(doc.text, 'utf8');
    bytes += data.length;
    writeFileSync(path.join(dir, doc.name), data);
  }
  return { dir, files: options.docs, bytes, ms: performance.now() - started };
}
