import { describe, expect, it } from 'vitest';
import { fitSize, generate } from './generate';
import { decodeImage, decodeJpeg, encodeJpeg } from './jpeg';
import { decodePng, encodePng } from './png';
import { blend, createRaster, inpaint, maskLuminance, resizeBilinear, resizeNearest } from './raster';
import type { Raster } from './raster';
import { synthesize } from './synth';
import type { SynthInput } from './synth';

const base: SynthInput = { provider: 'modelslab', model: 'm', prompt: 'a lake at sunset', negativePrompt: '', seed: 42, width: 96, height: 64, sample: 0 };

/** Mean absolute difference per channel, 0..255. */
function difference(a: Raster, b: Raster): number {
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs((a.data[i] ?? 0) - (b.data[i] ?? 0));
  return sum / a.data.length;
}

describe('synthesiser', () => {
  it('is deterministic: same inputs, same bytes', () => {
    expect(encodePng(synthesize(base))).toEqual(encodePng(synthesize({ ...base })));
  });

  it.each([
    ['seed', { seed: 43 }],
    ['prompt', { prompt: 'a house in the snow' }],
    ['negative prompt', { negativePrompt: 'blurry' }],
    ['model', { model: 'other' }],
    ['provider', { provider: 'segmind' }],
    ['sample index', { sample: 1 }],
    ['style', { style: 'Anime' }],
  ])('changes visibly with the %s', (_, change) => {
    expect(difference(synthesize(base), synthesize({ ...base, ...change }))).toBeGreaterThan(4);
  });

  it('makes a picture, not noise: neighbouring pixels are mostly alike', () => {
    const image = synthesize({ ...base, width: 128, height: 128 });
    let jumps = 0;
    for (let i = 4; i < image.data.length; i += 4) if (Math.abs((image.data[i] ?? 0) - (image.data[i - 4] ?? 0)) > 40) jumps++;
    expect(jumps / (128 * 128)).toBeLessThan(0.05);
  });

  it('designer mode isolates the subject on a transparent background', () => {
    const image = synthesize({ ...base, designer: true, width: 64, height: 64 });
    expect(image.data[3]).toBe(0);
    expect(image.data[image.data.length - 1]).toBe(0);
    expect(image.data[(32 * 64 + 32) * 4 + 3]).toBe(255);
  });

  it('honours odd sizes', () => {
    const image = synthesize({ ...base, width: 67, height: 3 });
    expect([image.width, image.height, image.data.length]).toEqual([67, 3, 67 * 3 * 4]);
  });
});

describe('raster operations', () => {
  const init = synthesize({ ...base, prompt: 'init' });
  const generated = synthesize(base);

  it('blend: strength 0 is the init image, 1 the generated picture', () => {
    expect(blend(init, generated, 0)).toEqual(init);
    expect(blend(init, generated, 1)).toEqual(generated);
    const half = blend(init, generated, 0.5);
    expect(difference(half, init)).toBeGreaterThan(0);
    expect(difference(half, generated)).toBeGreaterThan(0);
  });

  it('inpaint keeps every pixel under a black mask and repaints the white ones', () => {
    const mask = createRaster(96, 64);
    for (let y = 0; y < 64; y++) {
      for (let x = 0; x < 96; x++) {
        const v = x >= 30 && x < 60 && y >= 20 && y < 40 ? 255 : 0;
        mask.data.set([v, v, v, 255], (y * 96 + x) * 4);
      }
    }
    const out = inpaint(init, generated, mask, 1);
    const lum = maskLuminance(mask);
    for (let p = 0; p < lum.length; p++) {
      const expected = (lum[p] ?? 0) >= 128 ? generated : init;
      expect(out.data.subarray(p * 4, p * 4 + 4)).toEqual(expected.data.subarray(p * 4, p * 4 + 4));
    }
  });

  it('resizes: same size is an exact copy; nearest keeps hard mask values', () => {
    expect(resizeBilinear(init, 96, 64)).toEqual(init);
    const small = resizeBilinear(init, 40, 30);
    expect([small.width, small.height]).toEqual([40, 30]);
    const mask = createRaster(4, 4);
    mask.data.fill(255, 0, 32);
    const big = resizeNearest(mask, 9, 9);
    expect(new Set(big.data)).toEqual(new Set([0, 255]));
  });

  it('generate applies img2img and inpainting at the requested size', () => {
    const [out] = generate({ ...base, width: 50, height: 40, samples: 1, init, strength: 0 });
    expect(out).toEqual(resizeBilinear(init, 50, 40));
    expect(fitSize(createRaster(1500, 601), 1024, 8)).toEqual({ width: 1024, height: 600 });
    expect(generate({ ...base, samples: 3 })).toHaveLength(3);
  });
});

describe('JPEG', () => {
  it('encodes and decodes with the right size and close colours', () => {
    const image = synthesize(base);
    const jpeg = encodeJpeg(image);
    expect([jpeg[0], jpeg[1]]).toEqual([0xff, 0xd8]);
    const back = decodeJpeg(jpeg);
    expect([back.width, back.height]).toEqual([96, 64]);
    expect(difference(back, image)).toBeLessThan(6);
    expect(decodeImage(jpeg).width).toBe(96);
    expect(decodeImage(encodePng(image))).toEqual(decodePng(encodePng(image)));
    expect(() => decodeImage(Uint8Array.of(1, 2, 3, 4))).toThrow(/PNG or JPEG/);
  });
});
