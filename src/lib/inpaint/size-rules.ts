/**
 * What image sizes an endpoint accepts, as plain data, and the largest allowed size for a
 * crop of a given aspect. One rule per axis:
 * - `range`: any multiple of `multiple` from `min` to `max` (ModelsLab: up to 1024, multiples of 8);
 * - `fixed`: one of a list (Segmind: 512, 768 or 1024).
 * The rules themselves are the providers' (`sizeRule` on each endpoint).
 */
import type { AxisSizeRule, ImageSizeRule } from '../../providers/types';
import type { Size } from './types';

/** The picture is kept at full resolution up to this many pixels a side (the canvas, Compare, Extend). */
export const MAX_ORIGINAL_SIDE = 8192;

/** An endpoint's accepted sizes are data beside it (`EndpointDef.sizeRule`, set in the provider modules). */
export type AxisRule = AxisSizeRule;
export type SizeRule = ImageSizeRule;

/** The values an axis allows, ascending. A range yields every multiple in it. */
export function axisValues(rule: AxisRule): number[] {
  if (rule.kind === 'fixed') return [...new Set(rule.values.filter((v) => v > 0))].sort((a, b) => a - b);
  const step = Math.max(1, Math.floor(rule.multiple));
  const out: number[] = [];
  for (let v = Math.ceil(Math.max(1, rule.min) / step) * step; v <= rule.max; v += step) out.push(v);
  return out;
}

/** axisValues, listed once per rule object (chooseSendSize asks for the nearest value hundreds of times). */
const listed = new WeakMap<AxisRule, readonly number[]>();
function valuesOf(rule: AxisRule): readonly number[] {
  let values = listed.get(rule);
  if (!values) listed.set(rule, (values = axisValues(rule)));
  return values;
}

/** The allowed value nearest `v` (ties go to the larger one). */
export function nearestAllowed(rule: AxisRule, v: number): number {
  const values = valuesOf(rule);
  if (!values.length) throw new RangeError('nearestAllowed: the rule allows no size');
  let best = values[0]!;
  for (const c of values) if (Math.abs(c - v) <= Math.abs(best - v)) best = c;
  return best;
}

/** Whether a size satisfies the rule on both axes. */
export function allowsSize(rule: SizeRule, size: Size): boolean {
  return axisValues(rule.width).includes(size.width) && axisValues(rule.height).includes(size.height);
}

/**
 * The largest allowed size for a crop of `aspect` (width / height). The crop is expanded to the
 * chosen size's aspect before it is scaled, so what counts is how many sent pixels the crop's own
 * content gets: area × min(r, 1/r), r being the size's aspect over the crop's. The size that gives
 * the most wins; among equals, the nearest aspect (the least extra context), then the larger.
 * ModelsLab: the long side at 1024 and the other the nearest multiple of 8 (4:3 gives 1024×768);
 * Segmind: 4:3 gives 1024×768, 1:1.1 gives 1024×1024, 3:2 gives 1024×768.
 */
export function chooseSendSize(aspect: number, rule: SizeRule): Size {
  if (!(aspect > 0) || !Number.isFinite(aspect)) throw new RangeError(`chooseSendSize: aspect ${aspect}`);
  const widths = axisValues(rule.width);
  const heights = axisValues(rule.height);
  if (!widths.length || !heights.length) throw new RangeError('chooseSendSize: the rule allows no size');
  let best: { size: Size; score: number; error: number } | null = null;
  const consider = (width: number, height: number) => {
    const r = width / height / aspect;
    const score = width * height * Math.min(r, 1 / r);
    const error = Math.abs(Math.log(r));
    if (!best) {
      best = { size: { width, height }, score, error };
      return;
    }
    const tie = Math.abs(score - best.score) <= best.score * 1e-9;
    const better =
      (!tie && score > best.score) ||
      (tie && (error < best.error - 1e-12 || (Math.abs(error - best.error) <= 1e-12 && width * height > best.size.width * best.size.height)));
    if (better) best = { size: { width, height }, score, error };
  };
  for (const width of widths) for (const height of rule.height.kind === 'fixed' ? heights : [nearestAllowed(rule.height, width / aspect)]) consider(width, height);
  for (const height of heights) consider(nearestAllowed(rule.width, height * aspect), height);
  return best!.size;
}
