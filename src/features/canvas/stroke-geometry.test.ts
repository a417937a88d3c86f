import { describe, expect, it } from 'vitest';
import {
  SampleBuffer,
  Stamper,
  effectivePressure,
  packSamples,
  pressureToDiameter,
  replaySamples,
  stampOrigin,
  stampSpacing,
} from './stroke-geometry';

type Stamp = [x: number, y: number, d: number];

function collect(size: number, samples: Array<[number, number, number]>): Stamp[] {
  const out: Stamp[] = [];
  const stamper = new Stamper(size, (x, y, d) => out.push([x, y, d]));
  for (const [x, y, p] of samples) stamper.add(x, y, p);
  return out;
}

describe('pressure', () => {
  it('only trusts pens, and pens that report a value', () => {
    expect(effectivePressure('mouse', 0.5)).toBe(1);
    expect(effectivePressure('touch', 0)).toBe(1);
    expect(effectivePressure('pen', 0)).toBe(1);
    expect(effectivePressure('pen', 0.25)).toBe(0.25);
    expect(effectivePressure('pen', 1.5)).toBe(1);
  });

  it('maps pressure to a whole-pixel diameter between 20 % and 100 % of the size', () => {
    expect(pressureToDiameter(50, 1)).toBe(50);
    expect(pressureToDiameter(50, 0)).toBe(10);
    expect(pressureToDiameter(50, 0.5)).toBe(30);
    expect(pressureToDiameter(2, 0)).toBe(1);
    expect(pressureToDiameter(50, Number.NaN)).toBe(50);
  });

  it('keeps the exact size at full pressure and snaps large partial diameters to few steps', () => {
    expect(pressureToDiameter(301, 1)).toBe(301);
    const seen = new Set<number>();
    for (let i = 0; i <= 1000; i++) seen.add(pressureToDiameter(512, i / 1001));
    expect(seen.size).toBeLessThan(45);
    for (const d of seen) expect(d).toBeGreaterThanOrEqual(100);
  });
});

describe('Stamper', () => {
  it('stamps the first sample at once', () => {
    expect(collect(20, [[5, 6, 1]])).toEqual([[5, 6, 20]]);
  });

  it('fills the gap between coalesced samples at even spacing', () => {
    const stamps = collect(20, [
      [0, 0, 1],
      [10, 0, 1],
    ]);
    // spacing = 1 px for a 20 px brush
    expect(stampSpacing(20)).toBe(1);
    expect(stamps).toHaveLength(11);
    stamps.forEach(([x, y], i) => {
      expect(x).toBeCloseTo(i, 5);
      expect(y).toBe(0);
    });
  });

  it('carries the leftover distance across samples so spacing stays even', () => {
    // 200 px brush: spacing 10. Samples every 4 px: stamps at 0, 10, 20, 30.
    const samples: Array<[number, number, number]> = [];
    for (let x = 0; x <= 32; x += 4) samples.push([x, 0, 1]);
    const xs = collect(200, samples).map(([x]) => Math.round(x));
    expect(xs).toEqual([0, 10, 20, 30]);
  });

  it('interpolates pressure along a segment', () => {
    const stamps = collect(100, [
      [0, 0, 0],
      [100, 0, 1],
    ]);
    const ds = stamps.map(([, , d]) => d);
    expect(ds[0]).toBe(20);
    expect(ds.at(-1)).toBeGreaterThanOrEqual(98);
    for (let i = 1; i < ds.length; i++) expect(ds[i]!).toBeGreaterThanOrEqual(ds[i - 1]!);
  });

  it('ignores repeated samples unless a pen presses harder', () => {
    expect(collect(10, [[1, 1, 0.5], [1, 1, 0.5]])).toHaveLength(1);
    expect(collect(10, [[1, 1, 0.5], [1, 1, 0.9]])).toHaveLength(2);
  });

  it('replays committed (Float32) samples to exactly the live stamps', () => {
    const raw: Array<[number, number, number]> = [];
    let x = 3.3;
    let y = 7.7;
    for (let i = 0; i < 200; i++) {
      x += Math.sin(i / 7) * 3.123456789;
      y += Math.cos(i / 11) * 2.987654321;
      raw.push([x, y, 0.3 + 0.7 * Math.abs(Math.sin(i / 13))]);
    }
    const live = collect(37, raw);
    const buffer = new SampleBuffer();
    for (const [sx, sy, sp] of raw) buffer.push(sx, sy, sp);
    expect(buffer.count).toBe(200);
    const replayed: Stamp[] = [];
    replaySamples(buffer.toArray(), 37, (rx, ry, d) => replayed.push([rx, ry, d]));
    expect(replayed).toEqual(live);
    const packed = packSamples(raw.map(([px, py, pressure]) => ({ x: px, y: py, pressure })));
    expect(Array.from(packed)).toEqual(Array.from(buffer.toArray()));
  });
});

describe('stampOrigin', () => {
  it('puts stamps on whole pixels around the centre', () => {
    expect(stampOrigin(10, 10, 4)).toEqual({ left: 8, top: 8 });
    expect(stampOrigin(10.4, 9.6, 5)).toEqual({ left: 8, top: 7 });
  });
});
