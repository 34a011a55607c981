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
    })
    .prefault({}),
  /** Worker threads for CPU work; 0 = one per core. Default 0. */
  concurrency: z.number().int().min(0).max(256).default(0),
  /** The proposal(s) whose stance is measured: one object or a list. */
  proposal: z.union([Proposal, z.array(Proposal).min(1)]),
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

function describeIssue(issue: z.core.$ZodIssue): { field: string; message: string } {
  const base = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const field = [base, issue.keys[0]].filter(Boolean).join('.');
    return { field, message: `unknown key "${issue.keys.join('", "')}"` };
  }
  return { field: base || '(root)', message: issue.message };
}

/** Validate a parsed config object; throws ConfigError naming the first bad field. */
export function parseConfig(raw: unknown, source = 'config'): PipelineConfig {
  const result = PipelineConfig.safeParse(raw);
  if (result.success) return result.data;
  const issues = result.error.issues.map(describeIssue);
  const first = issues[0]!;
  const all = issues.map((i) => `  ${i.field}: ${i.message}`).join('\n');
  throw new ConfigError(`${source}: invalid field "${first.field}": ${first.message}\n${all}`, first.field);
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
