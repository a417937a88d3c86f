import { describe, expect, it } from 'vitest';
import { extendCanvas, seededRandom } from './outpaint';
import { regionForMask } from './region';
import { MODELSLAB_SIZE_RULE, SEGMIND_SIZE_RULE } from './size-rule-test-helpers';
import { prepareCrop, stitchResult } from './stitch';
import type { RgbaImage } from './types';
import { createRgba } from './types';

function gradient(width: number, height: number): RgbaImage {
  const img = createRgba(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      img.data[i] = x & 255;
      img.data[i + 1] = y & 255;
      img.data[i + 2] = (x + y) & 255;
      img.data[i + 3] = 255;
    }
  }
  return img;
}

const px = (img: RgbaImage, x: number, y: number) => [...img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4)];

describe('seededRandom', () => {
  it('repeats for a seed and differs between seeds, in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.slice(0, 10)).not.toEqual(Array.from({ length: 10 }, () => c()));
    expect(xs.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
  });
});

describe('extendCanvas', () => {
  it('places the picture, stretches its edges into the new area, and masks the new area plus the overlap', () => {
    const img = gradient(10, 6);
    const { image, mask, offset } = extendCanvas(img, { left: 3, top: 2, right: 0, bottom: 1 }, { overlap: 2 });
    expect([image.width, image.height]).toEqual([13, 9]);
    expect(offset).toEqual({ x: 3, y: 2 });
    expect(px(image, 3, 2)).toEqual(px(img, 0, 0));
    expect(px(image, 12, 7)).toEqual(px(img, 9, 5));
    // Stretch: the corner repeats the corner pixel; the left band repeats the first column.
    expect(px(image, 0, 0)).toEqual(px(img, 0, 0));
    expect(px(image, 1, 4)).toEqual(px(img, 0, 2));
    expect(px(image, 8, 8)).toEqual(px(img, 5, 5));
    const m = (x: number, y: number) => mask.data[y * 13 + x];
    expect(m(0, 0)).toBe(255);
    expect(m(3, 4)).toBe(255); // overlap on the left
    expect(m(4, 4)).toBe(255);
    expect(m(5, 4)).toBe(0);
    expect(m(12, 4)).toBe(0); // right side not extended: no overlap there
    expect(m(8, 3)).toBe(255); // overlap at the top (rows 2–3)
    expect(m(8, 4)).toBe(0);
    expect(m(8, 6)).toBe(255); // overlap at the bottom (rows 6–7) and the new row 8
    expect(m(8, 5)).toBe(0);
  });

  it('seeded noise: repeatable, opaque, leaves the picture alone; amount 0 is the stretch', () => {
    const img = gradient(8, 8);
    const by = { left: 0, top: 0, right: 8, bottom: 0 };
    const a = extendCanvas(img, by, { fill: { kind: 'noise', seed: 7 } });
    const b = extendCanvas(img, by, { fill: { kind: 'noise', seed: 7 } });
    const c = extendCanvas(img, by, { fill: { kind: 'noise', seed: 8 } });
    expect(a.image.data).toEqual(b.image.data);
    expect(a.image.data).not.toEqual(c.image.data);
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) expect(px(a.image, x, y)).toEqual(px(img, x, y));
    for (let y = 0; y < 8; y++) for (let x = 8; x < 16; x++) expect(px(a.image, x, y)[3]).toBe(255);
    const zero = extendCanvas(img, by, { fill: { kind: 'noise', seed: 7, amount: 0 } });
    expect(zero.image.data).toEqual(extendCanvas(img, by).image.data);
  });

  it('rejects negative or fractional sizes', () => {
    expect(() => extendCanvas(gradient(2, 2), { left: -1, top: 0, right: 0, bottom: 0 })).toThrow(RangeError);
    expect(() => extendCanvas(gradient(2, 2), { left: 0.5, top: 0, right: 0, bottom: 0 })).toThrow(RangeError);
  });

  it.each([
    ['ModelsLab', MODELSLAB_SIZE_RULE],
    ['Segmind', SEGMIND_SIZE_RULE],
  ] as const)('512×512 extended by 256 to the right through crop and stitch (%s): 768×512, the left columns unchanged outside the overlap', (_name, rule) => {
    const img = gradient(512, 512);
    const overlap = 16;
    const blur = 4;
    const ext = extendCanvas(img, { left: 0, top: 0, right: 256, bottom: 0 }, { overlap, fill: { kind: 'noise', seed: 1 } });
    const region = regionForMask(ext.mask, rule, { padding: 32, maskBlur: blur })!;
    const sent = prepareCrop(ext.image, ext.mask, region);
    // The provider paints everything mid-grey.
    const painted = { ...sent.image, data: new Uint8ClampedArray(sent.image.data.length).map((_, i) => (i % 4 === 3 ? 255 : 128)) };
    const { image } = stitchResult(ext.image, ext.mask, region, painted, { maskBlur: blur });
    expect([image.width, image.height]).toEqual([768, 512]);
    // Unchanged left of the overlap minus the blur's reach (10 px for a blur of 4).
    let changed = 0;
    for (let y = 0; y < 512; y++) for (let x = 0; x < 512 - overlap - 10; x++) if (px(image, x, y).join() !== px(img, x, y).join()) changed++;
    expect(changed).toBe(0);
    expect(px(image, 700, 200)).toEqual([128, 128, 128, 255]);
  });
});
