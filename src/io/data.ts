/**
 * The one loader of the data files under `data/` (word lists, gazetteers, lexicons). They sit next
 * to the compiled modules: `npm run build` copies src/data/ to dist/data/ (scripts/copy-data.mjs),
 * so the built CLI never reads the source tree; under vitest this module is the source and reads
 * src/data/ beside it. Each load returns the parsed value and a digest of the file's bytes (a
 * stage's resources digest, part of its cache key).
 *
 * Formats: word lists are UTF-8 text, one entry per line, `#` comments and blank lines ignored;
 * JSON files are validated with a zod schema (an invalid file throws, naming the field).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';

/** The data folder beside this module's folder (src/data or dist/data). */
export const DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));

export interface Loaded<T> {
  value: T;
  /** sha256 of the file's bytes, hex, first 16 characters. */
  digest: string;
}

const loaded = new Set<string>();

/** Every data file read so far in this thread (to check that stages declare what they load). */
export function loadedFiles(): ReadonlySet<string> {
  return loaded;
}

/** The bytes of `data/<rel>` (model weights) and their digest. Throws when the file is missing. */
export function loadBytes(rel: string): Loaded<Buffer> {
  const bytes = readFileSync(path.join(DATA_DIR, rel));
  loaded.add(rel);
  return { value: bytes, digest: createHash('sha256').update(bytes).digest('hex').slice(0, 16) };
}

/** The text of `data/<rel>` and its digest. Throws when the file is missing. */
export function loadText(rel: string): Loaded<string> {
  const { value, digest } = loadBytes(rel);
  return { value: value.toString('utf8'), digest };
}

/** The entries of a word list, in file order (trimmed; comments and blank lines dropped). */
export function parseWordList(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const entry = line.trim();
    if (entry && !entry.startsWith('#')) out.push(entry);
  }
  return out;
}

/** A word list of `data/<rel>` as a set. */
export function loadWordList(rel: string): Loaded<ReadonlySet<string>> {
  const { value, digest } = loadText(rel);
  return { value: new Set(parseWordList(value)), digest };
}

/** A JSON data file, validated: throws `data/<rel>: field <path>: <problem>` when it does not fit. */
export function loadJson<T>(rel: string, schema: z.ZodType<T>): Loaded<T> {
  const { value: text, digest } = loadText(rel);
  const checked = schema.safeParse(JSON.parse(text));
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new Error(`data/${rel}: field ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
  }
  return { value: checked.data, digest };
}

/**
 * The files named by `entries` (paths under data/): a path ending in `/` is a folder and stands
 * for every file under it (recursively, sorted); others are files. Throws when one is missing.
 */
export function dataFiles(entries: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(DATA_DIR, rel)).sort()) {
      const child = `${rel}${name}`;
      if (statSync(path.join(DATA_DIR, child)).isDirectory()) walk(`${child}/`);
      else out.push(child);
    }
  };
  for (const entry of entries) {
    if (entry.endsWith('/')) walk(entry);
    else {
      statSync(path.join(DATA_DIR, entry));
      out.push(entry);
    }
  }
  return out;
}

/** Whether `file` is one of `entries` or under one of its folders (see `dataFiles`). */
export function declares(entries: readonly string[], file: string): boolean {
  return entries.some((e) => (e.endsWith('/') ? file.startsWith(e) : file === e));
}

/** A digest of the files `entries` names, their paths included (a stage's data digest). */
export function dataDigest(entries: readonly string[]): string {
  return combineDigests(dataFiles(entries).map((file) => `${file} ${loadText(file).digest}`));
}

/** One digest for several (a stage's resources built from several files). */
export function combineDigests(digests: readonly string[]): string {
  return createHash('sha256').update(digests.join('\n')).digest('hex').slice(0, 16);
}

/**
 * A regular-expression alternation of `words` (escaped, longest first, so an `exec` prefers the
 * longest): `(?:getty images|reuters|...)`. For rules whose patterns embed a word list.
 */
export function alternation(words: Iterable<string>): string {
  const sorted = [...words].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  return `(?:${sorted.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`;
}
