/**
 * Keeping the main thread's heap near its live size. The runner's live data is small (indexes,
 * the manifest: ~100 MB at 20,000 documents), but it churns through many short-lived objects per
 * document, and V8, with gigabytes of head-room, lets the garbage pile up: at 20,000 documents
 * the main heap reached 330 MB and the process passed 500 MB RSS. A full collection when the heap
 * has grown by half since the last one keeps the peak near 1.5 times the live size, at a few
 * dozen collections per run (docs/BENCH.md has the figures).
 */
import v8 from 'node:v8';
import vm from 'node:vm';

/** Heap below which no collection is forced (a small run never pays for one). */
const FLOOR_BYTES = 96 * 1024 * 1024;

/** Collect when the heap reaches this multiple of what the last collection left. */
const GROWTH = 1.5;

let collect: (() => void) | null | undefined;

/** `gc()`, exposed on first use (the CLI need not be started with --expose-gc). */
function collector(): (() => void) | null {
  if (collect === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) collect = exposed;
    else {
      try {
        v8.setFlagsFromString('--expose-gc');
        collect = vm.runInNewContext('gc') as () => void;
      } catch {
        collect = null;
      }
    }
  }
  return collect;
}

export class HeapGuard {
  private threshold = FLOOR_BYTES;
  private calls = 0;

  /**
   * Call often (per document); every `every` calls it looks at the heap, and collects when the
   * heap has grown past GROWTH times what was live after the last collection.
   */
  constructor(private readonly every = 256) {}

  tick(): void {
    if (++this.calls % this.every === 0) this.check();
  }

  /** Look now (at a stage boundary, after a corpus step). */
  check(): void {
    const used = v8.getHeapStatistics().used_heap_size;
    if (used < this.threshold) return;
    const gc = collector();
    if (!gc) return;
    gc();
    this.threshold = Math.max(FLOOR_BYTES, GROWTH * v8.getHeapStatistics().used_heap_size);
  }
}
