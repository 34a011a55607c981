import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/ui/progress.js';

/** A stream that says it is a terminal and keeps what was written (cursor moves included). */
function fakeTerminal(isTTY: boolean): NodeJS.WriteStream & { text: () => string } {
  const chunks: string[] = [];
  const w = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as unknown as NodeJS.WriteStream & { text: () => string };
  Object.assign(w, { isTTY, columns: 120, rows: 40, cursorTo: (_x: number, _y?: unknown, cb?: () => void) => (cb?.(), true), clearLine: (_d: number, cb?: () => void) => (cb?.(), true), moveCursor: () => true, text: () => chunks.join('') });
  return w;
}

describe('progress display', () => {
  it('is off when stderr is not a terminal, under CI, and with --quiet', () => {
    expect(createProgress({ stream: fakeTerminal(false), ci: false })).toBeUndefined();
    expect(createProgress({ stream: fakeTerminal(true), ci: true })).toBeUndefined();
    expect(createProgress({ stream: fakeTerminal(true), ci: false, quiet: true })).toBeUndefined();
  });

  it('shows the stage, percentage, documents done of total, rate and time left', () => {
    const term = fakeTerminal(true);
    const progress = createProgress({ stream: term, ci: false })!;
    progress.update('entities', 25, 100);
    progress.update('entities', 50, 100);
    progress.stop();
    const text = term.text();
    expect(text).toMatch(/entities\s+\[[^\]]+\] 50% \| 50\/100 docs \| [\d.]+ docs\/s \| .+ left/);
  });
});
