/**
 * Logging: pino JSON lines to `<output>/logs/<runId>.log` for machines; warnings and errors also
 * to stderr as one readable line each, for people. Child loggers carry context (stage, docId).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

export type { Logger };

/** Formats pino's JSON lines as `warn  [stage] docId: message`. */
function humanStderr(): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        try {
          const r = JSON.parse(line) as { level: number; msg?: string; stage?: string; docId?: string; path?: string; line?: number };
          const level = r.level >= 50 ? 'error' : 'warn';
          const where = [r.stage && `[${r.stage}]`, r.docId ?? r.path, r.line && `line ${r.line}`].filter(Boolean).join(' ');
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

export function createRunLogger(outputDir: string, runId: string, options: { stderr?: boolean } = {}): RunLogger {
  const dir = path.join(outputDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${runId}.log`);
  const fileStream = pino.destination({ dest: file, sync: true, mkdir: true });
  const streams: pino.StreamEntry[] = [{ stream: fileStream, level: 'debug' }];
  if (options.stderr !== false) streams.push({ stream: humanStderr(), level: 'warn' });
  const logger = pino({ level: 'debug', base: { runId } }, pino.multistream(streams));
  return { logger, file, flush: () => fileStream.flushSync() };
}

/** A logger that drops everything (tests, library use). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
