import { describe, expect, it } from 'vitest';
import { blurReach } from './mask-blur';
import { maskBounds, onlyMaskedRegion, regionForMask, wholePictureRegion } from './region';
import type { InpaintRegion } from './region';
import { allowsSize } from './size-rules';
import { MODELSLAB_SIZE_RULE, SEGMIND_SIZE_RULE } from './size-rule-test-helpers';
import type { Rect } from './types';
import { createMask } from './types';

const contains = (outer: Rect, inner: Rect) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

function expectValid(region: InpaintRegion, image: { width: number; height: number }) {
  const { crop } = region;
  expect(contains({ x: 0, y: 0, ...image }, crop)).toBe(true);
  for (const [len, limit] of [[crop.width, image.width], [crop.height, image.height]] as const) {
    expect(len % 8 === 0 || len === limit).toBe(true);
  }
}

describe('maskBounds', () => {
  it('finds the box of the pixels above the threshold, or null', () => {
    const m = createMask(10, 8);
    expect(maskBounds(m)).toBeNull();
    m.data[2 * 10 + 3] = 255;
    m.data[5 * 10 + 7] = 1;
    expect(maskBounds(m)).toEqual({ x: 3, y: 2, width: 5, height: 4 });
    expect(maskBounds(m, 1)).toEqual({ x: 3, y: 2, width: 1, height: 1 });
    // Within an area only, in the mask's coordinates.
    expect(maskBounds(m, 0, { x: 4, y: 0, width: 6, height: 8 })).toEqual({ x: 7, y: 5, width: 1, height: 1 });
    expect(maskBounds(m, 0, { x: 0, y: 6, width: 10, height: 2 })).toBeNull();
  });
});

describe('onlyMaskedRegion', () => {
  const image = { width: 4096, height: 3072 };

  it('grows the box by the padding and expands it to the send aspect around its centre', () => {
    const bounds = { x: 2000, y: 1500, width: 100, height: 100 };
    const r = onlyMaskedRegion(image, bounds, MODELSLAB_SIZE_RULE, { padding: 32, maskBlur: 4 });
    expect(r.send).toEqual({ width: 1024, height: 1024 });
    // 100 + 2·32 = 164, rounded up to 168; centred on the box.
    expect(r.crop).toEqual({ x: 1966, y: 1466, width: 168, height: 168 });
    expect(r.bounds).toEqual(bounds);
    expectValid(r, image);
  });

  it('expands the short side to the aspect of the chosen size', () => {
    const bounds = { x: 1000, y: 1000, width: 400, height: 100 };
    const r = onlyMaskedRegion(image, bounds, SEGMIND_SIZE_RULE, { padding: 0, maskBlur: 0 });
    expect(r.send).toEqual({ width: 1024, height: 512 });
    expect(r.crop.width / r.crop.height).toBeCloseTo(2, 1);
    expect(contains(r.crop, bounds)).toBe(true);
    expectValid(r, image);
  });

  it('a stroke in a corner: clamped at the edges by shifting inside, never cut', () => {
    const bounds = { x: 0, y: 0, width: 300, height: 200 };
    const r = onlyMaskedRegion(image, bounds, MODELSLAB_SIZE_RULE, { padding: 32 });
    expect(r.crop.x).toBe(0);
    expect(r.crop.y).toBe(0);
    expect(contains(r.crop, { x: 0, y: 0, width: 332, height: 232 })).toBe(true);
    expect(allowsSize(MODELSLAB_SIZE_RULE, r.send)).toBe(true);
    expect(Math.abs(r.crop.width / r.crop.height / (r.send.width / r.send.height) - 1)).toBeLessThan(0.03);
    expectValid(r, image);
    const far = onlyMaskedRegion(image, { x: 4000, y: 3000, width: 96, height: 72 }, MODELSLAB_SIZE_RULE, { padding: 32 });
    expect(far.crop.x + far.crop.width).toBe(4096);
    expect(far.crop.y + far.crop.height).toBe(3072);
    expectValid(far, image);
  });

  it('the padding always covers the blur reach, so the blend stays inside the crop', () => {
    const bounds = { x: 1000, y: 1000, width: 64, height: 64 };
    const r = onlyMaskedRegion(image, bounds, MODELSLAB_SIZE_RULE, { padding: 0, maskBlur: 8 });
    const reach = blurReach(8);
    expect(contains(r.crop, { x: 1000 - reach, y: 1000 - reach, width: 64 + 2 * reach, height: 64 + 2 * reach })).toBe(true);
  });

  it('takes the whole axis when the region would be larger than the picture', () => {
    const narrow = { width: 300, height: 3000 };
    // A wide stroke in a tall, narrow picture: the width is the whole axis; the height follows the aspect.
    const r = onlyMaskedRegion(narrow, { x: 10, y: 1400, width: 280, height: 40 }, MODELSLAB_SIZE_RULE, { padding: 32 });
    expect(r.crop.x).toBe(0);
    expect(r.crop.width).toBe(300);
    expect(allowsSize(MODELSLAB_SIZE_RULE, r.send)).toBe(true);
    expect(Math.abs(r.crop.width / r.crop.height / (r.send.width / r.send.height) - 1)).toBeLessThan(0.05);
    expectValid(r, narrow);
    // A picture smaller than any allowed send size: the whole picture, scaled up.
    const tiny = onlyMaskedRegion({ width: 100, height: 60 }, { x: 10, y: 10, width: 80, height: 40 }, SEGMIND_SIZE_RULE);
    expect(tiny.crop).toEqual({ x: 0, y: 0, width: 100, height: 60 });
    expect(tiny.send).toEqual({ width: 1024, height: 768 });
  });

  it("Segmind's fixed sizes: the crop follows 1024×768, 768×1024 or 1024×1024", () => {
    for (const bounds of [
      { x: 500, y: 500, width: 800, height: 600 },
      { x: 500, y: 500, width: 300, height: 400 },
      { x: 2000, y: 100, width: 50, height: 50 },
    ]) {
      const r = onlyMaskedRegion(image, bounds, SEGMIND_SIZE_RULE);
      expect(allowsSize(SEGMIND_SIZE_RULE, r.send)).toBe(true);
      expect(contains(r.crop, bounds)).toBe(true);
      expect(Math.abs(r.crop.width / r.crop.height / (r.send.width / r.send.height) - 1)).toBeLessThan(0.03);
      expectValid(r, image);
    }
  });

  it('a corner stroke sends ≥ 3× the linear resolution of "Whole picture"', () => {
    const mask = createMask(4096, 3072);
    for (let y = 100; y < 400; y++) mask.data.fill(255, y * 4096 + 100, y * 4096 + 500);
    const only = regionForMask(mask, MODELSLAB_SIZE_RULE)!;
    const whole = wholePictureRegion(mask, MODELSLAB_SIZE_RULE);
    expect(whole.send).toEqual({ width: 1024, height: 768 });
    expect(whole.crop).toEqual({ x: 0, y: 0, width: 4096, height: 3072 });
    const linear = (r: InpaintRegion) => r.send.width / r.crop.width;
    expect(linear(only) / linear(whole)).toBeGreaterThanOrEqual(3);
    expect(regionForMask(createMask(8, 8), MODELSLAB_SIZE_RULE)).toBeNull();
  });
});
