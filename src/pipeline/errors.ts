/**
 * Errors that end a command rather than set a document aside. The CLI prints their message as one
 * line and exits 2 (UsageError) or 130 (Interrupted); neither ever shows a stack trace.
 */

/** A user mistake (wrong folder, bad flag combination, a run that would lose results): exit 2, nothing written. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The run was stopped by SIGINT or SIGTERM: published artifacts are left as they were; exit 130. */
export class Interrupted extends Error {
  override name = 'Interrupted';
  constructor(readonly signal: string = 'SIGINT') {
    super(`interrupted (${signal})`);
  }
}

/** Throws Interrupted when `signal` was aborted (checked between documents and between stages). */
export function throwIfInterrupted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Interrupted(typeof signal.reason === 'string' ? signal.reason : 'SIGINT');
}
