import { describe, expect, it } from 'vitest';
import { fillPolygon } from './mask-shapes';
import { contentRect, isPadded, onlyMaskedRegion, regionContent, wholePictureRegion } from './region';
import { MODELSLAB_SIZE_RULE, SEGMIND_SIZE_RULE, allowsSize } from './size-rules';
import type { SizeRule } from './size-rules';
import { padMask, padRgba, prepareCrop, resultContent, stitchResult } from './stitch';
import type { RgbaImage, Size } from './types';
import { createMask, createRgba } from './types';

const aspect = (s: Size) => s.width / s.height;

/** A white disc of radius r centred in a black w×h picture. */
function disc(width: number, height: number, r: number): RgbaImage {
  const img = createRgba(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const on = (x + 0.5 - width / 2) ** 2 + (y + 0.5 - height / 2) ** 2 <= r * r ? 255 : 0;
      img.data[i] = img.data[i + 1] = img.data[i + 2] = on;
      img.data[i + 3] = 255;
    }
  }
  return img;
}

/** Width over height of the white pixels' bounding box. */
function whiteAspect(img: RgbaImage, area = { x: 0, y: 0, width: img.width, height: img.height }): number {
  let x0 = Infinity;
  let x1 = -1;
  let y0 = Infinity;
  let y1 = -1;
  for (let y = area.y; y < area.y + area.height; y++) {
    for (let x = area.x; x < area.x + area.width; x++) {
      if (img.data[(y * img.width + x) * 4]! < 128) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  return (x1 - x0 + 1) / (y1 - y0 + 1);
}

describe('contentRect', () => {
  it('fills the send size when the aspects agree, and centres a narrower crop', () => {
    expect(contentRect({ width: 4032, height: 3024 }, { width: 1024, height: 768 })).toEqual({ x: 0, y: 0, width: 1024, height: 768 });
    expect(contentRect({ width: 1280, height: 768 }, { width: 1024, height: 768 })).toEqual({ x: 0, y: 77, width: 1024, height: 614 });
    expect(contentRect({ width: 768, height: 1280 }, { width: 768, height: 1024 })).toEqual({ x: 77, y: 0, width: 614, height: 1024 });
  });
});

describe.each([
  ['ModelsLab', MODELSLAB_SIZE_RULE],
  ['Segmind', SEGMIND_SIZE_RULE],
] as [string, SizeRule][])('the aspect is kept, %s', (_name, rule) => {
  const pictures: Size[] = [
    { width: 4032, height: 3024 },
    { width: 8192, height: 6144 },
    { width: 3024, height: 4032 },
    { width: 1280, height: 768 }, // 1024×768 extended right by 256
    { width: 1024, height: 1024 },
    { width: 6000, height: 1000 },
  ];
  it.each(pictures)('"Whole picture" of $width×$height: an allowed size, the content within one pixel of the picture\'s aspect', (picture) => {
    const region = wholePictureRegion(picture, rule);
    expect(allowsSize(rule, region.send)).toBe(true);
    const c = regionContent(region);
    // Rounding to whole pixels: the content's aspect is the picture's to within half a pixel on the short side.
    const tolerance = 1 / Math.min(c.width, c.height);
    expect(Math.abs(aspect(c) / aspect(picture) - 1)).toBeLessThanOrEqual(tolerance);
    expect(c.x + c.width).toBeLessThanOrEqual(region.send.width);
    expect(c.y + c.height).toBeLessThanOrEqual(region.send.height);
  });

  it('"Only masked" at a picture\'s edge, where the crop cannot grow to the send aspect: padded, not stretched', () => {
    const picture = { width: 1280, height: 768 };
    const region = onlyMaskedRegion(picture, { x: 1000, y: 0, width: 280, height: 768 }, rule);
    const c = regionContent(region);
    expect(Math.abs(aspect(c) / aspect(region.crop) - 1)).toBeLessThanOrEqual(1 / Math.min(c.width, c.height));
  });
});

describe('padding and cutting it off again', () => {
  it('padRgba repeats the edge pixels; padMask pads with 0', () => {
    const img = createRgba(2, 1);
    img.data.set([10, 20, 30, 255, 40, 50, 60, 255]);
    const out = padRgba(img, 4, 3, { x: 1, y: 1 });
    const px = (x: number, y: number) => [...out.data.subarray((y * 4 + x) * 4, (y * 4 + x) * 4 + 4)];
    expect(px(0, 0)).toEqual([10, 20, 30, 255]);
    expect(px(1, 1)).toEqual([10, 20, 30, 255]);
    expect(px(2, 1)).toEqual([40, 50, 60, 255]);
    expect(px(3, 2)).toEqual([40, 50, 60, 255]);
    const m = padMask({ width: 2, height: 1, data: new Uint8ClampedArray([255, 255]) }, 4, 3, { x: 1, y: 1 });
    expect([...m.data]).toEqual([0, 0, 0, 0, 0, 255, 255, 0, 0, 0, 0, 0]);
  });

  it('Segmind, 1280×768 (Extend right by 256): a round disc is sent round and stitched back round', () => {
    const W = 1280;
    const H = 768;
    const original = disc(W, H, 300);
    const region = wholePictureRegion(original, SEGMIND_SIZE_RULE);
    expect(region.send).toEqual({ width: 1024, height: 768 });
    expect(isPadded(region)).toBe(true);
    const mask = createMask(W, H);
    fillPolygon(mask, [{ x: 1100, y: 0 }, { x: 1279, y: 0 }, { x: 1279, y: 767 }, { x: 1100, y: 767 }]);
    const sent = prepareCrop(original, mask, region);
    const c = regionContent(region);
    // The disc in the sent picture: as wide as tall (the old stretch made it 0.8 as wide).
    expect(whiteAspect(sent.image, c)).toBeCloseTo(1, 1);
    expect(sent.mask.data[0]).toBe(0); // padding is kept, never repainted
    // A provider answering at twice the size: the content is found and the disc comes back round.
    const answer = createRgba(2048, 1536);
    for (let y = 0; y < 1536; y++) for (let x = 0; x < 2048; x++) answer.data.set(sent.image.data.subarray(((y >> 1) * 1024 + (x >> 1)) * 4, ((y >> 1) * 1024 + (x >> 1)) * 4 + 4), (y * 2048 + x) * 4);
    const content = resultContent(answer, region);
    expect(content.width).toBe(2048);
    expect(Math.abs(content.height - 1228)).toBeLessThanOrEqual(1);
    const all = createMask(W, H);
    all.data.fill(255);
    const { image } = stitchResult(original, all, region, answer, { maskBlur: 0 });
    expect(whiteAspect(image)).toBeCloseTo(1, 1);
  });
});
