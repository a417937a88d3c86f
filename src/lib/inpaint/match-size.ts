/**
 * "Match init size": the nearest size an endpoint allows for an init image, per axis; when the
 * image is larger than the endpoint allows on a side, the largest allowed size of its aspect
 * (chooseSendSize), so the picture is not squashed.
 */
import { allowsSize, axisValues, chooseSendSize, nearestAllowed } from './size-rules';
import type { SizeRule } from './size-rules';
import type { Size } from './types';

/** How far two aspects may differ and count as the same (1 %: a few pixels of rounding to allowed sizes). */
export const ASPECT_TOLERANCE = 0.01;

export function sameAspect(a: Size, b: Size, tolerance = ASPECT_TOLERANCE): boolean {
  return Math.abs(a.width / a.height / (b.width / b.height) - 1) <= tolerance;
}

/**
 * The size "Match init size" sets: the picture's own when allowed; else the nearest allowed value
 * per side when that keeps its aspect (within 1 %); else the largest allowed size for its aspect.
 */
export function matchInitSize(image: Size, rule: SizeRule): Size {
  if (allowsSize(rule, image)) return { width: image.width, height: image.height };
  const maxW = Math.max(...axisValues(rule.width));
  const maxH = Math.max(...axisValues(rule.height));
  if (image.width > maxW || image.height > maxH) return chooseSendSize(image.width / image.height, rule);
  const near = { width: nearestAllowed(rule.width, image.width), height: nearestAllowed(rule.height, image.height) };
  return sameAspect(near, image) ? near : chooseSendSize(image.width / image.height, rule);
}

/**
 * What "Whole picture" sends for an image: the form's width×height (`target`) when the endpoint
 * allows it and it has the picture's aspect; else the picture's own size when allowed; else the
 * largest allowed size for its aspect (padded when no allowed size has it exactly).
 */
export function wholePictureSendSize(image: Size, rule: SizeRule, target?: Size): Size {
  if (target && allowsSize(rule, target) && sameAspect(target, image)) return { width: target.width, height: target.height };
  return allowsSize(rule, image) ? { width: image.width, height: image.height } : chooseSendSize(image.width / image.height, rule);
}
