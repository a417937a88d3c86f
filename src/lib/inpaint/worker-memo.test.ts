import { describe, expect, it } from 'vitest';
import { decodesWithoutColourConversion } from './send-format';
import { maskWindowRect, planStitch, planStitchInWindow, cropMask } from './stitch';
import { contentKey, Slot, windowKey } from './worker-memo';
import { createMask } from './types';
import { fillPolygon, fillRect } from './mask-shapes';

describe('contentKey', () => {
  it('is the same for the same bytes and differs for a change anywhere, at any alignment', () => {
    const a = new Uint8Array(100_003).map((_, i) => (i * 31) & 255);
    const b = a.slice();
    expect(contentKey(a)).toBe(contentKey(b));
    for (const at of [0, 50_000, 100_000, 100_002]) {
      const c = a.slice();
      c[at] = c[at]! ^ 1;
      expect(contentKey(c)).not.toBe(contentKey(a));
    }
    // A view at an odd offset reads the same bytes as its copy.
    const big = new Uint8Array(a.length + 1);
    big.set(a, 1);
    expect(contentKey(big.subarray(1))).toBe(contentKey(a));
    expect(contentKey(a.subarray(0, 100_002))).not.toBe(contentKey(a));
  });
});

describe('Slot', () => {
  const fake = () => ({ closed: 0, close() { this.closed++; } });

  it('keeps one value by key, closing the one it replaces and the one released', () => {
    const slot = new Slot<ReturnType<typeof fake>>((v) => v.close());
    const one = fake();
    const two = fake();
    slot.put('a', one);
    expect(slot.get('a')).toBe(one);
    expect(slot.get('b')).toBeUndefined();
    expect(slot.holds(one)).toBe(true);
    slot.put('b', two);
    expect(one.closed).toBe(1);
    expect(slot.get('a')).toBeUndefined();
    expect(slot.size).toBe(1);
    slot.put('b', two); // the same value again: not closed
    expect(two.closed).toBe(0);
    slot.release();
    expect(two.closed).toBe(1);
    expect(slot.size).toBe(0);
    expect(slot.get('b')).toBeUndefined();
    expect(slot.holds(two)).toBe(false);
  });

  it('keys a mask window by the mask, the crop and the blur', () => {
    const crop = { x: 1, y: 2, width: 3, height: 4 };
    expect(windowKey('m', crop, 4)).not.toBe(windowKey('m', crop, 8));
    expect(windowKey('m', crop, 4)).not.toBe(windowKey('m', { ...crop, x: 0 }, 4));
    expect(windowKey('m', crop, 4)).toBe(windowKey('m', { ...crop }, 4));
  });
});

describe('planStitchInWindow', () => {
  it('gives planStitch’s window and alpha from the mask window alone', () => {
    const cases = [
      { crop: { x: 0, y: 0, width: 200, height: 150 }, blur: 4 },
      { crop: { x: 30, y: 20, width: 120, height: 100 }, blur: 8 },
      { crop: { x: 40, y: 40, width: 60, height: 60 }, blur: 0 },
    ];
    const mask = createMask(200, 150);
    fillRect(mask, { x: 50, y: 45, width: 40, height: 30 });
    fillPolygon(mask, [{ x: 100, y: 60 }, { x: 140, y: 90 }, { x: 95, y: 110 }]);
    for (const { crop, blur } of cases) {
      const region = { crop, bounds: crop, send: { width: 64, height: 64 }, content: { x: 0, y: 0, width: 64, height: 64 } };
      const want = planStitch(mask, region, blur);
      const rect = maskWindowRect({ x: 50, y: 45, width: 90, height: 65 }, crop, blur)!;
      const got = planStitchInWindow(cropMask(mask, rect), rect, crop, blur);
      expect(got.window).toEqual(want.window);
      expect(got.windowAlpha?.width).toBe(want.windowAlpha?.width);
      expect(Buffer.from(got.windowAlpha!.data).equals(Buffer.from(want.windowAlpha!.data))).toBe(true);
    }
  });

  it('finds nothing in an empty window, and refuses a window that misses the blur’s reach', () => {
    const crop = { x: 0, y: 0, width: 100, height: 100 };
    expect(planStitchInWindow(createMask(10, 10), { x: 5, y: 5, width: 10, height: 10 }, crop, 4)).toEqual({ window: null, windowAlpha: null });
    const painted = fillRect(createMask(10, 10), { x: 2, y: 2, width: 4, height: 4 });
    expect(() => planStitchInWindow(painted, { x: 40, y: 40, width: 10, height: 10 }, crop, 8)).toThrow(RangeError);
    expect(maskWindowRect({ x: 0, y: 0, width: 5, height: 5 }, { x: 50, y: 50, width: 10, height: 10 }, 0)).toBeNull();
  });
});

describe('decodesWithoutColourConversion', () => {
  const seg = (marker: number, payload: number[]) => [0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 255, ...payload];
  const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
  it('is true for a JPEG without an ICC profile before its scan, false with one or when cut short', () => {
    const plain = new Uint8Array([0xff, 0xd8, ...seg(0xe0, ascii('JFIF\0')), ...seg(0xda, [0, 0])]);
    expect(decodesWithoutColourConversion(plain)).toBe(true);
    const icc = new Uint8Array([0xff, 0xd8, ...seg(0xe2, [...ascii('ICC_PROFILE\0'), 1, 1, 0, 0]), ...seg(0xda, [0, 0])]);
    expect(decodesWithoutColourConversion(icc)).toBe(false);
    expect(decodesWithoutColourConversion(plain.subarray(0, 8))).toBe(false);
  });

  it('is true for a PNG with no colour chunk before IDAT', () => {
    const chunk = (type: string, len = 0) => [0, 0, 0, len, ...ascii(type), ...new Array(len).fill(0), 0, 0, 0, 0];
    const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    expect(decodesWithoutColourConversion(new Uint8Array([...sig, ...chunk('IHDR', 13), ...chunk('IDAT', 2)]))).toBe(true);
    expect(decodesWithoutColourConversion(new Uint8Array([...sig, ...chunk('IHDR', 13), ...chunk('gAMA', 4), ...chunk('IDAT', 2)]))).toBe(false);
    expect(decodesWithoutColourConversion(new Uint8Array([...sig, ...chunk('IHDR', 13), ...chunk('iCCP', 4), ...chunk('IDAT', 2)]))).toBe(false);
  });
});
