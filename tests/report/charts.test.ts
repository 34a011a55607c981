/** The timeline's legend stays inside its SVG whatever the chart's width (a third column once fell outside a narrow chart). */
import { describe, expect, it } from 'vitest';
import { timeline } from '../../src/report/charts.js';

const series = (names: string[]) => names.map((name) => ({ name, points: new Map([['2024-01', { sum: 0.5, n: 2 }], ['2024-02', { sum: -0.2, n: 1 }]]) }));
const NAMES = ['Corpus', 'Alpha Beta', 'Gamma', 'Delta Epsilon', 'Zeta', 'Eta'];

describe('timeline legend', () => {
  it.each([[['2024-01', '2024-02']], [Array.from({ length: 40 }, (_, i) => `2024-${String(i).padStart(2, '0')}`)]])('every entry starts inside the chart (%#)', (buckets) => {
    const svg = timeline(series(NAMES), buckets, 'month');
    const [, w, h] = svg.match(/viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"/)!.map(Number);
    const swatches = [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    expect(swatches).toHaveLength(NAMES.length);
    for (const [x, y] of swatches) {
      expect(x + 160).toBeLessThanOrEqual(w!);
      expect(y).toBeLessThan(h!);
    }
    for (const name of NAMES) expect(svg).toContain(`>${name}<`);
  });
});
