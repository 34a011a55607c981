/**
 * An exclusive lock on an output folder: two runs writing one folder would interleave artifacts
 * and manifest. The lock is a file (`.newsstance.lock`, JSON: pid, host, start time, command)
 * created with O_EXCL once the input has been checked, and removed when the run ends.
 * A lock whose process is gone (same host, pid not alive) is taken over with a warning.
 */
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from './errors.js';
import { shownPath } from '../io/shown.js';

export const LOCK_FILE = '.newsstance.lock';

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

export interface OutputLock {
  /** The lock file's path. */
  file: string;
  /** Set when a stale lock was taken over: what it said. */
  tookOver?: string;
  /** Remove the lock (idempotent). */
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describe(info: LockInfo): string {
  return `pid ${info.pid} on ${info.host}, started ${info.startedAt}${info.command ? `: ${info.command}` : ''}`;
}

/**
 * Check, without taking it, that no live run on this host holds the lock on `outputDir`.
 * @throws UsageError naming the run that holds it.
 */
export function assertNotLocked(outputDir: string): void {
  let held: LockInfo;
  try {
    held = JSON.parse(readFileSync(path.join(outputDir, LOCK_FILE), 'utf8')) as LockInfo;
  } catch {
    return; // no lock, or a torn one (taken over by the next run that writes)
  }
  if (held.host === os.hostname() && held.pid !== process.pid && alive(held.pid)) {
    throw new UsageError(`output folder ${shownPath(outputDir)} is in use by another run (${describe(held)}); wait for it to finish or stop it`);
  }
}

/**
 * Take the lock on `outputDir` (created if missing).
 * @throws UsageError when another live run holds it (naming that run), or when the lock file
 *   belongs to another host (it cannot be told whether that run is alive).
 */
export function acquireOutputLock(outputDir: string, command = process.argv.slice(2).join(' ')): OutputLock {
  mkdirSync(outputDir, { recursive: true });
  const file = path.join(outputDir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), command };
  let tookOver: string | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify(info) + '\n');
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          const held = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
          if (held.pid === info.pid && held.startedAt === info.startedAt) rmSync(file, { force: true });
        } catch {
          // Already gone.
        }
      };
      process.on('exit', release);
      return { file, release, ...(tookOver ? { tookOver } : {}) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let held: LockInfo | undefined;
    try {
      held = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
    } catch {
      held = undefined; // torn or empty: a run killed while writing it
    }
    const shown = shownPath(outputDir);
    if (held && held.host === info.host && alive(held.pid) && held.pid !== process.pid) {
      throw new UsageError(`output folder ${shown} is in use by another run (${describe(held)}); wait for it to finish or stop it`);
    }
    if (held && held.host !== info.host) {
      throw new UsageError(`output folder ${shown} is locked by a run on another machine (${describe(held)}); if that run is over, delete ${path.join(shown, LOCK_FILE)}`);
    }
    tookOver = held ? describe(held) : 'an unreadable lock file';
    rmSync(file, { force: true });
  }
  throw new UsageError(`cannot take the lock ${file}: another run keeps taking it`);
}
