/** Size fitting for init images: pure math, no DOM. */

export interface FittedSize {
  width: number;
  height: number;
  /** True when the result differs from the input size. */
  changed: boolean;
  /** True when the image had to shrink because a side exceeded maxSide. */
  scaledDown: boolean;
}

function floorTo(value: number, multiple: number): number {
  return Math.max(multiple, Math.floor(value / multiple) * multiple);
}

/**
 * The size an image of `w`×`h` is sent at: scaled down (keeping the aspect ratio) so that
 * its longer side is at most `maxSide`, then each side rounded down to a multiple of
 * `multipleOf` (never below one multiple). Images are never scaled up.
 */
export function fitSize(w: number, h: number, maxSide?: number, multipleOf?: number): FittedSize {
  if (!(w > 0 && h > 0)) throw new RangeError(`fitSize: invalid size ${w}×${h}`);
  const step = multipleOf && multipleOf > 1 ? Math.floor(multipleOf) : 1;
  const limit = maxSide && maxSide > 0 ? floorTo(maxSide, step) : Infinity;
  let width = Math.round(w);
  let height = Math.round(h);
  let scaledDown = false;
  const long = Math.max(width, height);
  if (long > limit) {
    scaledDown = true;
    // Derive the short side from exact integers so the long side lands exactly on the limit
    // (3000 × 1024/3000 must be 1024, not 1023.9999).
    if (width >= height) {
      height = Math.max(1, Math.round((height * limit) / width));
      width = limit;
    } else {
      width = Math.max(1, Math.round((width * limit) / height));
      height = limit;
    }
  }
  if (step > 1) {
    width = floorTo(width, step);
    height = floorTo(height, step);
  }
  return { width, height, scaledDown, changed: width !== Math.round(w) || height !== Math.round(h) };
}

/** A one-line note for the user about what fitSize did, or undefined when nothing changed. */
export function describeFit(w: number, h: number, fit: FittedSize, maxSide?: number, multipleOf?: number): string | undefined {
  if (!fit.changed) return undefined;
  const from = `${w}×${h}`;
  const to = `${fit.width}×${fit.height}`;
  if (fit.scaledDown) {
    const rounding = multipleOf && multipleOf > 1 ? `, sides rounded down to multiples of ${multipleOf}` : '';
    return `Scaled from ${from} to ${to}: this endpoint accepts at most ${maxSide} px per side${rounding}.`;
  }
  return `Resized from ${from} to ${to}: sides must be multiples of ${multipleOf}.`;
}
