/**
 * Logging: pino JSON lines to `<output>/logs/<runId>.log` for machines; warnings and errors also
 * to stderr as one readable line each, for people. Child loggers carry context (stage, docId).
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Per stage, lines shown on stderr before the rest go to the log file only: a systematic failure
 * (a bad config, a broken stage) would otherwise print one line per document, thousands of them.
 */
export const STDERR_LINES_PER_STAGE = 20;

/** Formats pino's JSON lines as `warn  [stage] docId: message`. */
function humanStderr(logFile: string): Writable {
  const shown = new Map<string, number>();
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        try {
          const r = JSON.parse(line) as { level: number; msg?: string; stage?: string; docId?: string; path?: string; line?: number };
          const level = r.level >= 50 ? 'error' : 'warn';
          const where = [r.stage && `[${r.stage}]`, r.docId ?? r.path, r.line && `line ${r.line}`].filter(Boolean).join(' ');
          const key = r.stage ?? '';
          const count = (shown.get(key) ?? 0) + 1;
          shown.set(key, count);
          if (count === STDERR_LINES_PER_STAGE + 1) process.stderr.write(`${level}: ${r.stage ? `[${r.stage}] ` : ''}more warnings; the rest are only in ${logFile} (and errors in errors.jsonl)\n`);
          if (count > STDERR_LINES_PER_STAGE) continue;
          process.stderr.write(`${level}: ${where ? where + ': ' : ''}${r.msg ?? ''}\n`);
        } catch {
          process.stderr.write(line + '\n');
        }
      }
      done();
    },
  });
}

export interface RunLogger {
  logger: Logger;
  file: string;
  /** Flush the file stream (call before exit). */
  flush(): void;
}

/** Run logs kept in `<output>/logs`: the newest ones (a run id is a timestamp, so names sort by time). */
export const LOGS_KEPT = 20;

/** Remove all but the newest `keep` `.log` files of `dir`; returns the names removed. */
export function pruneLogs(dir: string, keep = LOGS_KEPT): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.log')).sort();
  } catch {
    return [];
  }
  const old = names.slice(0, Math.max(0, names.length - keep));
  for (const name of old) rmSync(path.join(dir, name), { force: true });
  return old;
}

/** A run's logger; the log folder keeps the newest LOGS_KEPT runs (this one included). */
export function createRunLogger(outputDir: string, runId: string, options: { stderr?: boolean } = {}): RunLogger {
  const dir = path.join(outputDir, 'logs');
  mkdirSync(dir, { recursive: true });
  pruneLogs(dir, LOGS_KEPT - 1);
  const file = path.join(dir, `${runId}.log`);
  const fileStream = pino.destination({ dest: file, sync: true, mkdir: true });
  const streams: pino.StreamEntry[] = [{ stream: fileStream, level: 'debug' }];
  if (options.stderr !== false) streams.push({ stream: humanStderr(file), level: 'warn' });
  const logger = pino({ level: 'debug', base: { runId } }, pino.multistream(streams));
  return { logger, file, flush: () => fileStream.flushSync() };
}

/** A logger that drops everything (tests, library use). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
