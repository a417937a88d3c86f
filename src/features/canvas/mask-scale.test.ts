import { describe, expect, it } from 'vitest';
import { displaySize, regionToImage, scaleShape, scaleStamp } from './mask-scale';

describe('displaySize', () => {
  it('keeps a picture no larger than the display side as it is', () => {
    expect(displaySize(2048, 1536)).toEqual({ width: 2048, height: 1536, scale: 1 });
  });

  it('scales a camera photo down to 2560 px on its long side', () => {
    expect(displaySize(8192, 6144)).toEqual({ width: 2560, height: 1920, scale: 0.3125 });
    const phone = displaySize(3024, 4032);
    expect(phone.height).toBe(2560);
    expect(phone.width).toBe(1920);
  });
});

describe('scaleStamp', () => {
  it('scales the centre and rounds the diameter to a whole pixel, at least one', () => {
    expect(scaleStamp(100, 40, 48, 0.25)).toEqual({ x: 25, y: 10, d: 12 });
    expect(scaleStamp(10, 10, 2, 0.1)).toEqual({ x: 1, y: 1, d: 1 });
    expect(scaleStamp(7.5, 3, 5, 1)).toEqual({ x: 7.5, y: 3, d: 5 });
  });
});

describe('scaleShape', () => {
  it('keeps a rectangle on whole pixels and at least one pixel wide', () => {
    expect(scaleShape({ kind: 'rect', rect: { x: 10, y: 21, width: 3, height: 40 } }, 0.1)).toEqual({
      kind: 'rect',
      rect: { x: 1, y: 2, width: 1, height: 4 },
    });
  });

  it('scales a lasso point by point', () => {
    const out = scaleShape({ kind: 'polygon', points: new Float32Array([0, 0, 100, 0, 100, 50]) }, 0.5);
    expect(out.kind === 'polygon' && [...out.points]).toEqual([0, 0, 50, 0, 50, 25]);
  });
});

describe('regionToImage', () => {
  it('covers the display region in image pixels', () => {
    expect(regionToImage({ x: 3, y: 5, width: 2, height: 1 }, 0.5)).toEqual({ x: 6, y: 10, width: 4, height: 2 });
    expect(regionToImage({ x: 1, y: 1, width: 1, height: 1 }, 0.3)).toEqual({ x: 3, y: 3, width: 4, height: 4 });
  });
});
