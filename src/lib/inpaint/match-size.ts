/**
 * "Match init size": the nearest size an endpoint allows for an init image, per axis; when the
 * image is larger than the endpoint allows on a side, the largest allowed size of its aspect
 * (chooseSendSize), so the picture is not squashed.
 */
import { allowsSize, axisValues, chooseSendSize, nearestAllowed } from './size-rules';
import type { SizeRule } from './size-rules';
import type { Size } from './types';

export function matchInitSize(image: Size, rule: SizeRule): Size {
  if (allowsSize(rule, image)) return { width: image.width, height: image.height };
  const maxW = Math.max(...axisValues(rule.width));
  const maxH = Math.max(...axisValues(rule.height));
  if (image.width > maxW || image.height > maxH) return chooseSendSize(image.width / image.height, rule);
  return { width: nearestAllowed(rule.width, image.width), height: nearestAllowed(rule.height, image.height) };
}

/** What "Whole picture" sends for an image: itself when allowed, else the largest allowed size of its aspect. */
export function wholePictureSendSize(image: Size, rule: SizeRule): Size {
  return allowsSize(rule, image) ? { width: image.width, height: image.height } : chooseSendSize(image.width / image.height, rule);
}
