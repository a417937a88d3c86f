import { describe, expect, it } from 'vitest';
import { describeFit, fitSize } from './fit-size';

describe('fitSize', () => {
  it('scales the long side down to maxSide and keeps the aspect ratio', () => {
    expect(fitSize(3000, 2000, 1024, 8)).toEqual({ width: 1024, height: 680, changed: true, scaledDown: true });
    expect(fitSize(2000, 3000, 1024, 8)).toEqual({ width: 680, height: 1024, changed: true, scaledDown: true });
    expect(fitSize(3000, 2000, 1024)).toMatchObject({ width: 1024, height: 683 });
  });

  it('lands exactly on maxSide despite floating point', () => {
    for (const w of [1025, 3000, 4097, 7777, 12345]) {
      expect(fitSize(w, 17, 1024).width).toBe(1024);
      expect(fitSize(17, w, 1000).height).toBe(1000);
    }
  });

  it('never scales up and leaves fitting sizes alone', () => {
    expect(fitSize(512, 512, 1024, 8)).toEqual({ width: 512, height: 512, changed: false, scaledDown: false });
    expect(fitSize(300, 200)).toEqual({ width: 300, height: 200, changed: false, scaledDown: false });
  });

  it('rounds sides down to multiples without scaling when the image is small enough', () => {
    expect(fitSize(500, 333, 1024, 8)).toEqual({ width: 496, height: 328, changed: true, scaledDown: false });
    expect(fitSize(500, 333, undefined, 64)).toMatchObject({ width: 448, height: 320 });
  });

  it('uses a maxSide that is itself a multiple, and never goes below one multiple', () => {
    expect(fitSize(4000, 4000, 1020, 8)).toMatchObject({ width: 1016, height: 1016 });
    expect(fitSize(4000, 10, 1024, 8)).toMatchObject({ width: 1024, height: 8 });
    expect(fitSize(5, 3, 1024, 8)).toMatchObject({ width: 8, height: 8 });
  });

  it('rejects empty sizes', () => {
    expect(() => fitSize(0, 10)).toThrow(RangeError);
    expect(() => fitSize(Number.NaN, 10)).toThrow(RangeError);
  });
});

describe('describeFit', () => {
  it('tells the user what happened', () => {
    expect(describeFit(3000, 2000, fitSize(3000, 2000, 1024, 8), 1024, 8)).toBe(
      'Scaled from 3000×2000 to 1024×680: this endpoint accepts at most 1024 px per side, sides rounded down to multiples of 8.',
    );
    expect(describeFit(500, 333, fitSize(500, 333, 1024, 8), 1024, 8)).toBe(
      'Resized from 500×333 to 496×328: sides must be multiples of 8.',
    );
    expect(describeFit(512, 512, fitSize(512, 512, 1024, 8), 1024, 8)).toBeUndefined();
  });
});
