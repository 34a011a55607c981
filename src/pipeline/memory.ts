/**
 * Keeping a thread's heap near its live size (the runner's main thread, and each worker). The runner's live data is small (indexes,
 * the manifest: ~100 MB at 20,000 documents), but it churns through many short-lived objects per
 * document, and V8, with gigabytes of head-room, lets the garbage pile up: at 20,000 documents
 * the main heap reached 330 MB and the process passed 500 MB RSS. A full collection when the heap
 * has grown by half since the last one keeps the peak near 1.5 times the live size, at a few
 * dozen collections per run (docs/BENCH.md has the figures).
 */
import v8 from 'node:v8';
import vm from 'node:vm';

const MB = 1024 * 1024;

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

export interface HeapGuardOptions {
  /** Look at the heap every this many `tick()`s (default 256). */
  every?: number;
  /** Heap size in MB below which no collection is forced, so a small run never pays for one (default 64). */
  floorMb?: number;
}

export class HeapGuard {
  private readonly every: number;
  private readonly floor: number;
  private threshold: number;
  private calls = 0;

  /**
   * Call `tick()` often (per document); every `every` calls it looks at the heap, and collects
   * when the heap has grown past GROWTH times what was live after the last collection.
   */
  constructor(options: HeapGuardOptions = {}) {
    this.every = options.every ?? 256;
    this.floor = (options.floorMb ?? 64) * MB;
    this.threshold = this.floor;
  }

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
    this.threshold = Math.max(this.floor, GROWTH * v8.getHeapStatistics().used_heap_size);
  }
}

/**
 * Bytes a thread's V8 heap allocates between `begin()` and `end()`: the used heap after minus
 * before, plus what every collection in between freed (v8.GCProfiler reports each collection's
 * used heap before and after, so a collection during the span does not hide what it freed).
 * Objects only: Buffer and ArrayBuffer contents live outside the V8 heap and are not counted. A
 * collection that runs inside one span may free garbage of an earlier one: per span the figure is
 * approximate, summed over spans it is the total. Cost: two heap-statistics reads and a GC-callback
 * install per span (tens of microseconds). For measuring only (the bench sets
 * NEWSSTANCE_ALLOC_STATS=1; see docs/BENCH.md).
 */
export class AllocationProbe {
  private readonly profiler = new v8.GCProfiler();
  private before = 0;

  begin(): void {
    this.profiler.start();
    this.before = v8.getHeapStatistics().used_heap_size;
  }

  /** Bytes allocated since `begin()`. */
  end(): number {
    const after = v8.getHeapStatistics().used_heap_size;
    let freed = 0;
    for (const gc of this.profiler.stop()?.statistics ?? []) freed += usedOf(gc.beforeGC.heapStatistics) - usedOf(gc.afterGC.heapStatistics);
    return Math.max(0, after - this.before + freed);
  }
}

/** GCProfiler's statistics are camel-cased (usedHeapSize), whatever @types/node says. */
function usedOf(stats: object): number {
  const s = stats as { usedHeapSize?: number; used_heap_size?: number };
  return s.usedHeapSize ?? s.used_heap_size ?? 0;
}

/** Whether worker tasks report the bytes they allocate (WorkerResult.allocated). */
export const MEASURE_ALLOCATION = process.env.NEWSSTANCE_ALLOC_STATS === '1';
