import { describe, expect, it } from 'vitest';
import { fillRect } from './mask-shapes';
import { regionForMask } from './region';
import { MODELSLAB_SIZE_RULE } from './size-rule-test-helpers';
import { prepareCrop, stitchResult } from './stitch';
import { handleStitchRequest, transferablesOf } from './stitch-protocol';
import type { CropResponse, RgbaScaler, StitchResponse } from './stitch-protocol';
import { resizeRgba } from './resample';
import { createMask, createRgba } from './types';

/** Byte equality without Vitest's deep-equal walk, which is slow on megabytes. */
const sameBytes = (a: Uint8ClampedArray, b: Uint8ClampedArray) =>
  a.length === b.length && Buffer.compare(new Uint8Array(a.buffer, a.byteOffset, a.length), new Uint8Array(b.buffer, b.byteOffset, b.length)) === 0;

function setup() {
  const original = createRgba(640, 480);
  for (let i = 0; i < original.data.length; i++) original.data[i] = (i * 13) & 255;
  for (let i = 3; i < original.data.length; i += 4) original.data[i] = 255;
  const mask = fillRect(createMask(640, 480), { x: 500, y: 30, width: 80, height: 60 });
  const region = regionForMask(mask, MODELSLAB_SIZE_RULE)!;
  return { original, mask, region };
}

describe('handleStitchRequest (the Worker job, run in Node)', () => {
  it('crop: the same as prepareCrop, and the caller buffers come back', async () => {
    const { original, mask, region } = setup();
    const r = (await handleStitchRequest({ op: 'crop', original, mask, region })) as CropResponse;
    const want = prepareCrop(original, mask, region);
    expect(r.op).toBe('crop');
    expect(sameBytes(r.image.data, want.image.data)).toBe(true);
    expect(sameBytes(r.mask.data, want.mask.data)).toBe(true);
    expect(r.original).toBe(original);
    expect(r.originalMask).toBe(mask);
    expect(r.timings.scaler).toBe('pure');
    expect(r.timings.total).toBeGreaterThanOrEqual(0);
  });

  it('stitch: the same as stitchResult', async () => {
    const { original, mask, region } = setup();
    const result = createRgba(region.send.width, region.send.height);
    result.data.fill(200);
    const r = (await handleStitchRequest({ op: 'stitch', original, mask, region, result, maskBlur: 4 })) as StitchResponse;
    const want = stitchResult(original, mask, region, result, { maskBlur: 4 });
    expect(sameBytes(r.image.data, want.image.data)).toBe(true);
    expect(sameBytes(r.alpha.data, want.alpha.data)).toBe(true);
    expect(r.image.data).not.toBe(original.data);
    // In place: the original's own buffer is the stitched one.
    const copy = { ...original, data: original.data.slice() };
    const inPlace = (await handleStitchRequest({ op: 'stitch', original: copy, mask, region, result, maskBlur: 4, inPlace: true })) as StitchResponse;
    expect(inPlace.image).toBe(copy);
    expect(sameBytes(copy.data, want.image.data)).toBe(true);
    expect(transferablesOf(inPlace)).toHaveLength(3);
  });

  it('uses the scaler it is given for RGBA, and rejects mismatched sizes', async () => {
    const { original, mask, region } = setup();
    const calls: string[] = [];
    const scaler: RgbaScaler = {
      name: 'canvas',
      scale: async (img, w, h) => {
        calls.push(`${img.width}×${img.height}→${w}×${h}`);
        return resizeRgba(img, w, h);
      },
    };
    const r = await handleStitchRequest({ op: 'crop', original, mask, region }, scaler);
    expect(r.timings.scaler).toBe('canvas');
    expect(calls).toEqual([`${region.crop.width}×${region.crop.height}→${region.send.width}×${region.send.height}`]);
    await expect(handleStitchRequest({ op: 'crop', original, mask: createMask(2, 2), region })).rejects.toThrow(RangeError);
  });
});

describe('transferablesOf', () => {
  it('lists each image buffer once, and nothing else', () => {
    const { original, mask, region } = setup();
    const list = transferablesOf({ op: 'stitch', original, mask, region, result: original, maskBlur: 4 });
    expect(list).toHaveLength(2);
    expect(list).toContain(original.data.buffer);
    expect(list).toContain(mask.data.buffer);
  });
});
