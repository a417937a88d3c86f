/**
 * Plain pixel buffers for the inpainting library: no DOM, so every function runs in a Worker
 * and in Node tests. Both kinds are row-major, top-left first.
 */

/** Straight (not premultiplied) RGBA, 4 bytes a pixel: the layout of ImageData. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray<ArrayBuffer>;
}

/** One byte a pixel: 0 keep, 255 repaint, anything between a partial weight. */
export interface MaskImage {
  width: number;
  height: number;
  data: Uint8ClampedArray<ArrayBuffer>;
}

/** A pixel rectangle; x, y the top-left corner, width and height in pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

export function createRgba(width: number, height: number): RgbaImage {
  return { width, height, data: new Uint8ClampedArray(width * height * 4) };
}

export function createMask(width: number, height: number): MaskImage {
  return { width, height, data: new Uint8ClampedArray(width * height) };
}

/** Throws when a buffer's length does not match its size and channel count. */
export function assertBuffer(img: { width: number; height: number; data: ArrayLike<number> }, channels: number, what: string): void {
  if (!Number.isInteger(img.width) || !Number.isInteger(img.height) || img.width < 0 || img.height < 0) {
    throw new RangeError(`${what}: size ${img.width}×${img.height} is not a whole number of pixels`);
  }
  if (img.data.length !== img.width * img.height * channels) {
    throw new RangeError(`${what}: ${img.data.length} bytes for ${img.width}×${img.height}×${channels}`);
  }
}
