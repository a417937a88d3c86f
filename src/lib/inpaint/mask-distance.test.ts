import { describe, expect, it } from 'vitest';
import { seededRandom } from './outpaint';
import { featherMask, growMask, shrinkMask } from './mask-distance';
import type { MaskImage } from './types';
import { createMask } from './types';

function randomMask(w: number, h: number, seed: number, density: number): MaskImage {
  const rnd = seededRandom(seed);
  const m = createMask(w, h);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rnd() < density ? 255 : rnd() < 0.5 ? 100 : 0;
  return m;
}

/** Brute force: the squared Euclidean distance to the nearest pixel where `pred` holds. */
function bruteSq(m: MaskImage, x: number, y: number, pred: (v: number) => boolean): number {
  let best = Infinity;
  for (let j = 0; j < m.height; j++) {
    for (let i = 0; i < m.width; i++) if (pred(m.data[j * m.width + i]!)) best = Math.min(best, (i - x) ** 2 + (j - y) ** 2);
  }
  return best;
}

describe('growMask / shrinkMask', () => {
  it('grow by r equals "within r of a masked pixel" (brute force, random masks)', () => {
    for (const [seed, r] of [[1, 1], [2, 3], [3, 5.5], [4, 12]] as const) {
      const m = randomMask(37, 23, seed, 0.02);
      const g = growMask(m, r);
      for (let y = 0; y < m.height; y++) {
        for (let x = 0; x < m.width; x++) {
          const want = bruteSq(m, x, y, (v) => v >= 128) <= r * r ? 255 : 0;
          expect(g.data[y * m.width + x], `seed ${seed} r ${r} at ${x},${y}`).toBe(want);
        }
      }
    }
  });

  it('shrink by r keeps only pixels farther than r from an unmasked one', () => {
    for (const [seed, r] of [[5, 1], [6, 2], [7, 4]] as const) {
      const m = randomMask(31, 29, seed, 0.85);
      const s = shrinkMask(m, r);
      for (let y = 0; y < m.height; y++) {
        for (let x = 0; x < m.width; x++) {
          const want = bruteSq(m, x, y, (v) => v < 128) > r * r ? 255 : 0;
          expect(s.data[y * m.width + x], `seed ${seed} r ${r} at ${x},${y}`).toBe(want);
        }
      }
    }
  });

  it('a disc grows into a bigger disc; the picture edge does not erode; negative N swaps the two', () => {
    const m = createMask(101, 101);
    m.data[50 * 101 + 50] = 255;
    const g = growMask(m, 20);
    const count = g.data.reduce((s, v) => s + (v ? 1 : 0), 0);
    expect(Math.abs(count - Math.PI * 400) / (Math.PI * 400)).toBeLessThan(0.03);
    expect(g.data[50 * 101 + 70]).toBe(255);
    expect(g.data[50 * 101 + 71]).toBe(0);
    expect(g.data[(50 + 14) * 101 + 50 + 14]).toBe(255);
    expect(g.data[(50 + 15) * 101 + 50 + 15]).toBe(0);
    const full = createMask(20, 10);
    full.data.fill(255);
    expect(shrinkMask(full, 3).data.every((v) => v === 255)).toBe(true);
    expect(growMask(g, -20).data).toEqual(shrinkMask(g, 20).data);
    expect(shrinkMask(m, -20).data).toEqual(g.data);
    expect(growMask(createMask(9, 9), 4).data.every((v) => v === 0)).toBe(true);
  });
});

describe('featherMask', () => {
  it('ramps linearly across the edge, centred on it, and keeps far pixels', () => {
    const m = createMask(60, 5);
    for (let y = 0; y < 5; y++) m.data.fill(255, y * 60, y * 60 + 30);
    const f = featherMask(m, 8);
    const row = [...f.data.subarray(2 * 60, 3 * 60)];
    // Deep inside 255, far outside 0, monotone in between.
    expect(row.slice(0, 25).every((v) => v === 255)).toBe(true);
    expect(row.slice(35).every((v) => v === 0)).toBe(true);
    for (let x = 1; x < 60; x++) expect(row[x]!).toBeLessThanOrEqual(row[x - 1]!);
    // Centred: the two pixels beside the edge sum to 255.
    expect(row[29]! + row[30]!).toBeGreaterThanOrEqual(254);
    expect(row[29]! + row[30]!).toBeLessThanOrEqual(256);
    expect(row[29]).toBeGreaterThan(128);
    expect(row[30]).toBeLessThan(128);
    // 0 px binarises.
    expect(featherMask({ width: 2, height: 1, data: new Uint8ClampedArray([100, 200]) }, 0).data).toEqual(new Uint8ClampedArray([0, 255]));
  });
});
