/** Helpers for end-to-end tests: a temp project folder and the built CLI run as a child process. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd: string): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temp folder with a config and an input folder (optionally the seed articles). */
export function makeProject(options: { seeds?: boolean; config?: Record<string, unknown> } = {}): { dir: string; raw: string; out: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsstance-'));
  const raw = path.join(dir, 'raw');
  mkdirSync(raw);
  if (options.seeds) cpSync(path.join(ROOT, 'raw'), raw, { recursive: true });
  const config = options.config ?? JSON.parse(readFileSync(path.join(ROOT, 'pipeline.config.json'), 'utf8'));
  writeFileSync(path.join(dir, 'pipeline.config.json'), JSON.stringify(config, null, 2));
  return { dir, raw, out: path.join(dir, 'output') };
}

export function readLines(file: string): unknown[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as unknown);
}
