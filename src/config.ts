/**
 * pipeline.config.json: its schema, defaults and loading. An unknown key or a wrong type is a
 * ConfigError naming the JSON path of the field and what was expected (the CLI exits 2 on it).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { NormalizeOptions } from './stages/normalize/options.js';
import { EntitiesOptions } from './stages/entities/options.js';
import { QuotesOptions } from './stages/quotes/options.js';
import { StanceOptions } from './stages/stance/options.js';

/** A proposal (stance target): its name and the other ways articles refer to it. */
export const Proposal = z.strictObject({
  /** The name every stance record carries as its `target`. */
  name: z.string().min(1),
  /** Other names for it (matched case-, quote- and possessive-insensitively). Default []. */
  aliases: z.array(z.string().min(1)).default([]),
  /** Topical terms that signal the proposal without naming it (optional). Default []. */
  related: z.array(z.string().min(1)).default([]),
});
export type Proposal = z.infer<typeof Proposal>;

/** The `executor` block (see PipelineConfig). */
export const ExecutorConfig = z.strictObject({
  kind: z.enum(['local', 'bullmq']).default('local'),
  /** bullmq: the Redis URL (redis://host:port/db). */
  redis: z.string().min(1).optional(),
  /** bullmq: the queue name (workers must use the same). Default "newsstance". */
  queue: z.string().regex(/^[A-Za-z0-9_-]+$/).default('newsstance'),
  /** bullmq: jobs in flight at most (bounds Redis memory). Default 256. */
  window: z.number().int().min(1).max(100_000).default(256),
  /** bullmq: how long a finished job's result stays in Redis for a rerun to reuse, in seconds. Default 86400 (a day). */
  ttlSeconds: z.number().int().min(1).default(86_400),
  /** bullmq: tries per job (a worker crash or a lost connection), with exponential backoff from 1 s. Default 3. */
  attempts: z.number().int().min(1).max(100).default(3),
  /** bullmq: a job whose payload is bigger than this (bytes) runs on the coordinator instead. Default 8 MB. */
  maxPayloadBytes: z.number().int().positive().default(8 * 1024 * 1024),
});
export type ExecutorConfig = z.infer<typeof ExecutorConfig>;

export const PipelineConfig = z.strictObject({
  input: z
    .strictObject({
      /** Folder of raw articles, relative to the config file. Default "raw". */
      dir: z.string().default('raw'),
      /** Glob patterns (relative to `dir`) of the files to read. Default ["**\/*.txt"]. */
      patterns: z.array(z.string()).min(1).default(['**/*.txt']),
      /** Largest raw file accepted, in bytes; bigger ones are set aside. Default 20 MB. */
      maxBytes: z.number().int().positive().default(20 * 1024 * 1024),
    })
    .prefault({}),
  output: z
    .strictObject({
      /** Folder for artifacts, logs and the manifest, relative to the config file. Default "output". */
      dir: z.string().default('output'),
      /**
       * Largest share of the documents in the output that a run may remove (their raw files gone
       * from the input) without `--prune`; a run removing all of them always needs it. Default 0.5.
       */
      maxRemovedShare: z.number().min(0).max(1).default(0.5),
    })
    .prefault({}),
  /** Worker threads for CPU work; 0 = one per core. Default 0. */
  concurrency: z.number().int().min(0).max(256).default(0),
  /**
   * Where stage tasks run: worker threads of this process (`local`, the default), or BullMQ workers
   * over Redis (`bullmq`: `newsstance worker` processes on any machine; README "Running on several
   * machines"). Not part of any cache key or of the manifest's configHash: results are the same bytes.
   */
  executor: ExecutorConfig.optional(),
  /** The proposal(s) whose stance is measured: one object or a list. */
  proposal: z.union([Proposal, z.array(Proposal).min(1)]),
  /** The HTML report (output/report.html); read by the report only, no stage depends on it. */
  report: z
    .strictObject({
      /** Actors shown on the index page (table and charts); all of them are on report/actors.html. Default 25. */
      topActors: z.number().int().min(1).max(500).default(25),
      /** Documents listed on the index page, newest first; all of them are on report/documents.html. Default 200. */
      topDocuments: z.number().int().min(1).max(5000).default(200),
    })
    .prefault({}),
  stages: z
    .strictObject({
      normalize: NormalizeOptions.prefault({}),
      entities: EntitiesOptions.prefault({}),
      quotes: QuotesOptions.prefault({}),
      stance: StanceOptions.prefault({}),
    })
    .prefault({}),
});
export type PipelineConfigInput = z.input<typeof PipelineConfig>;
export type PipelineConfig = z.infer<typeof PipelineConfig>;

/** A config problem: `field` is the JSON path (`stages.normalize.removeChrome`). */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The proposals as a list, whichever form the config used. */
export function proposalsOf(config: PipelineConfig): Proposal[] {
  return Array.isArray(config.proposal) ? config.proposal : [config.proposal];
}

/**
 * Warnings about proposal names and aliases that will match far more than the proposal: a single
 * lower-case word ("ban", "plan", "tax") is counted as a full-weight mention of the proposal
 * wherever it occurs, whatever it bans or plans. One line per such name; [] when there is none.
 * Capitalized single words ("Brexit") and phrases are not flagged. Such words belong in
 * `related`, which weighs a mention less (stance/targets.ts MENTION_WEIGHT).
 */
export function proposalWarnings(proposals: readonly Proposal[]): string[] {
  const warnings: string[] = [];
  for (const p of proposals) {
    for (const [field, value] of [['name', p.name] as const, ...p.aliases.map((a) => ['aliases', a] as const)]) {
      const word = value.trim();
      if (/^\p{Ll}[\p{Ll}'’-]*$/u.test(word)) {
        warnings.push(`proposal "${p.name}": ${field === 'name' ? 'the name' : 'alias'} "${word}" is one common word, so every "${word}" in an article will count as a mention of the proposal; use a phrase (e.g. "${word} on ...") or move it to "related"`);
      }
    }
  }
  return warnings;
}

/** What a field expects, for messages where zod's own says only "Invalid input". */
const EXPECTS: Record<string, string> = {
  proposal: '{name, aliases?, related?} or a list of them',
};

function received(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? `the string ${JSON.stringify(value)}` : `a ${typeof value}`;
}

function valueAt(raw: unknown, at: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const key of at) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/**
 * One readable line per zod issue: the JSON path of the field and what it expects. A union
 * (`proposal`: an object or a list) reports the branch that fits the value's shape, or what the
 * field expects when none does.
 */
function describeIssue(issue: z.core.$ZodIssue, raw: unknown, base: readonly PropertyKey[] = []): { field: string; message: string } {
  const at = [...base, ...issue.path];
  const field = at.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return { field: [field, issue.keys[0]].filter(Boolean).join('.'), message: `unknown key "${issue.keys.join('", "')}"` };
  }
  if (issue.code === 'invalid_union') {
    const fitting = issue.errors.find((branch) => !branch.some((i) => i.path.length === 0 && i.code === 'invalid_type'));
    if (fitting?.[0]) return describeIssue(fitting[0], raw, at);
    const expects = EXPECTS[field] ?? 'a value of another shape';
    const value = valueAt(raw, at);
    return { field: field || '(root)', message: value === undefined ? `required: ${expects}` : `expected ${expects}, got ${received(value)}` };
  }
  if (issue.code === 'invalid_type' && valueAt(raw, at) === undefined) {
    return { field: field || '(root)', message: `required: ${EXPECTS[field] ?? `expected ${issue.expected}`}` };
  }
  return { field: field || '(root)', message: issue.message };
}

/**
 * Validate a parsed config object.
 * @throws ConfigError naming every bad field once (JSON path and what it expects); `field` is the first.
 */
export function parseConfig(raw: unknown, source = 'config'): PipelineConfig {
  const result = PipelineConfig.safeParse(raw);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => describeIssue(issue, raw));
  const first = issues[0]!;
  const message =
    issues.length === 1
      ? `${source}: invalid field "${first.field}": ${first.message}`
      : `${source}: ${issues.length} invalid fields:\n${issues.map((i) => `  ${i.field}: ${i.message}`).join('\n')}`;
  throw new ConfigError(message, first.field);
}

export interface LoadedConfig {
  config: PipelineConfig;
  /** Folder the config's relative paths are resolved against. */
  baseDir: string;
  inputDir: string;
  outputDir: string;
}

/** Command-line flags that override the file. */
export interface ConfigOverrides {
  input?: string;
  output?: string;
  concurrency?: number;
}

export function loadConfig(file: string, overrides: ConfigOverrides = {}): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${file}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  const config = parseConfig(raw, file);
  if (overrides.concurrency !== undefined) config.concurrency = overrides.concurrency;
  const baseDir = path.dirname(path.resolve(file));
  const inputDir = overrides.input ? path.resolve(overrides.input) : path.resolve(baseDir, config.input.dir);
  const outputDir = overrides.output ? path.resolve(overrides.output) : path.resolve(baseDir, config.output.dir);
  return { config, baseDir, inputDir, outputDir };
}
