/**
 * Parameter helpers every provider's schema shares: an image value, a prompt
 * that must say something, a 32-bit seed. Each returns a fresh schema, so that
 * `param()` metadata is registered on that field alone.
 */
import { z } from 'zod';
import { param } from '../param';
import type { ParamMeta } from '../param';

/** An http(s) link, or a local image (a reference, or a data URL once resolved). */
export const IMAGE_VALUE = /^(https?:\/\/|data:image\/|local-image:)/i;

/** The largest 32-bit unsigned seed: 2^32 - 1. */
export const MAX_SEED_32 = 4294967295;

/** A text with at least one visible character: providers refuse a prompt of spaces. */
export const hasText = (v: string) => /\S/.test(v);
export const HAS_TEXT = 'must contain a non-space character';

/** An image value (a link or a local image), not yet registered. */
export const imageValue = () => z.string().min(1).regex(IMAGE_VALUE, 'An http(s) link or a local image');

/** A required text that says something, not yet registered. */
export const requiredText = () => z.string().min(1).refine(hasText, HAS_TEXT);

/**
 * An init image or a mask field: a basic image widget with its role (a mask is marked so);
 * `meta` adds to or overrides that (an image sent as a list: `wire: 'imageList'`).
 */
export function imageParam(role: 'initImage' | 'mask', description: string, meta: Partial<ParamMeta> = {}) {
  return param(imageValue(), { description, group: 'basic', widget: 'image', role, ...(role === 'mask' ? { mask: true } : {}), ...meta });
}

/** A 32-bit seed where -1 asks for a random one (the default). */
export function seedMinusOne(description: string) {
  return param(z.number().int().min(-1).max(MAX_SEED_32).default(-1), { description, group: 'basic', widget: 'seed', randomValue: -1, role: 'seed' });
}

/** A 32-bit seed where null (or leaving it out) asks for a random one. */
export function seedNullable(description: string) {
  return param(z.number().int().min(0).max(MAX_SEED_32).nullable().optional(), { description, group: 'basic', widget: 'seed', randomValue: null, role: 'seed' });
}
