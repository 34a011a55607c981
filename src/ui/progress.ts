/**
 * The progress display of `newsstance run`: one cli-progress bar per stage on stderr, with the
 * percentage, documents done of total, the rate (documents/s since the stage started) and the time
 * left (cli-progress's estimate). Only on a terminal, never under CI, never with --quiet.
 */
import cliProgress from 'cli-progress';

export type ProgressFn = (stage: string, done: number, total: number | undefined) => void;

export interface Progress {
  update: ProgressFn;
  /** Remove the bar (before printing anything else, and at the end). */
  stop(): void;
}

/** A progress display when stderr is a terminal (and not CI, and not quiet), else undefined. */
export function createProgress(options: { quiet?: boolean; stream?: NodeJS.WriteStream; ci?: boolean } = {}): Progress | undefined {
  const stream = options.stream ?? process.stderr;
  if (options.quiet || !stream.isTTY || (options.ci ?? Boolean(process.env.CI))) return undefined;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{stage} [{bar}] {percentage}% | {value}/{total} docs | {rate} docs/s | {eta_formatted} left',
      barsize: 24,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 200,
      fps: 8,
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let current: string | null = null;
  let started = 0;
  return {
    update(stage, done, total) {
      if (stage !== current) {
        if (current !== null) bar.stop();
        current = stage;
        started = Date.now();
        bar.start(total ?? done, done, { stage: stage.padEnd(9), rate: '0.0' });
      }
      if (total !== undefined && total !== bar.getTotal()) bar.setTotal(total);
      else if (total === undefined && done > bar.getTotal()) bar.setTotal(done);
      const seconds = (Date.now() - started) / 1000;
      bar.update(done, { rate: seconds > 0 ? (done / seconds).toFixed(1) : '0.0' });
    },
    stop() {
      if (current !== null) bar.stop();
      current = null;
    },
  };
}
