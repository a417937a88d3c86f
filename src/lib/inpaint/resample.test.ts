import { describe, expect, it } from 'vitest';
import { resampleChannels, resampleWindow, resizeMask, resizeRgba, resizeRgbaWindow } from './resample';
import { cropRgba } from './stitch';
import { createRgba } from './types';

describe('resampling', () => {
  it('an area average: 2×2 blocks become their mean', () => {
    const src = new Uint8ClampedArray([0, 100, 10, 20, 200, 40, 30, 40]);
    // 4×2 single channel → 2×1.
    expect([...resampleChannels(src, 4, 2, 1, 2, 1)]).toEqual([85, 25]);
  });

  it('a non-integer shrink weighs partial pixels by coverage', () => {
    // 3 → 2: output 0 covers [0, 1.5): 1 × a + 0.5 × b over 1.5.
    const out = resampleChannels(new Uint8ClampedArray([0, 90, 180]), 3, 1, 1, 2, 1);
    expect([...out]).toEqual([30, 150]);
  });

  it('bilinear upscale keeps the ends and interpolates between centres', () => {
    const out = resampleChannels(new Uint8ClampedArray([0, 200]), 2, 1, 1, 4, 1);
    // Centres at 0.25 and 0.75 of a source pixel: 0, 50, 150, 200.
    expect([...out]).toEqual([0, 50, 150, 200]);
  });

  it('a constant image stays constant at any size; the same size is a copy', () => {
    const img = createRgba(37, 23);
    for (let i = 0; i < img.data.length; i += 4) img.data.set([12, 200, 99, 255], i);
    for (const [w, h] of [[10, 7], [100, 51], [37, 9], [80, 23], [1, 1]] as const) {
      const out = resizeRgba(img, w, h);
      expect(out.width).toBe(w);
      expect(out.data.length).toBe(w * h * 4);
      for (let i = 0; i < out.data.length; i += 4) expect([...out.data.subarray(i, i + 4)]).toEqual([12, 200, 99, 255]);
    }
    const same = resizeRgba(img, 37, 23);
    expect(same.data).toEqual(img.data);
    expect(same.data).not.toBe(img.data);
  });

  it('down then up keeps a smooth gradient within a couple of levels, on both axes', () => {
    const w = 256;
    const h = 128;
    const img = createRgba(w, h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) img.data.set([x, y * 2, 128, 255], (y * w + x) * 4);
    const back = resizeRgba(resizeRgba(img, 64, 32), w, h);
    let worst = 0;
    for (let y = 4; y < h - 4; y++) {
      for (let x = 4; x < w - 4; x++) {
        const i = (y * w + x) * 4;
        worst = Math.max(worst, Math.abs(back.data[i]! - x), Math.abs(back.data[i + 1]! - y * 2));
      }
    }
    expect(worst).toBeLessThanOrEqual(2);
  });

  it('masks resize as one channel; bad sizes throw', () => {
    const m = { width: 2, height: 2, data: new Uint8ClampedArray([255, 0, 255, 0]) };
    expect([...resizeMask(m, 1, 1).data]).toEqual([128]);
    expect(() => resizeMask(m, 0, 3)).toThrow(RangeError);
    expect(() => resizeMask(m, 1.5, 3)).toThrow(RangeError);
    expect(() => resizeRgba({ width: 2, height: 2, data: new Uint8ClampedArray(3) }, 1, 1)).toThrow(RangeError);
  });

  it('a window of the output equals the same crop of the whole output, up and down', () => {
    const img = createRgba(53, 41);
    for (let i = 0; i < img.data.length; i++) img.data[i] = (i * 37 + (i >> 7)) & 255;
    for (const [dw, dh] of [[20, 17], [131, 97], [53, 90], [40, 41]] as const) {
      const whole = resizeRgba(img, dw, dh);
      for (const win of [
        { x: 0, y: 0, width: dw, height: dh },
        { x: 3, y: 5, width: Math.floor(dw / 2), height: Math.floor(dh / 3) },
        { x: dw - 1, y: dh - 2, width: 1, height: 2 },
      ]) {
        expect([...resizeRgbaWindow(img, dw, dh, win).data]).toEqual([...cropRgba(whole, win).data]);
      }
    }
    expect(() => resampleWindow(img.data, 53, 41, 4, 20, 20, { x: 15, y: 0, width: 6, height: 1 })).toThrow(RangeError);
  });
});
