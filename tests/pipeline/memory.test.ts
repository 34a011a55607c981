import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { HeapGuard } from '../../src/pipeline/memory.js';

const MB = 1024 * 1024;
const used = () => v8.getHeapStatistics().used_heap_size;

describe('HeapGuard', () => {
  it('collects the garbage once the heap passes its floor', () => {
    let junk: Array<{ i: number; s: string }> | null = Array.from({ length: 300_000 }, (_, i) => ({ i, s: `item ${i}` }));
    const before = used();
    expect(junk.length).toBe(300_000);
    junk = null;
    new HeapGuard({ every: 1, floorMb: 1 }).tick();
    expect(used()).toBeLessThan(before - 10 * MB);
  });
});
