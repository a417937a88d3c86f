/** Seeds: the app turns a "random" seed into a concrete one before building a request. */

/** Largest seed the playground draws: 2^31 - 1, safe for every provider. */
export const MAX_DRAWN_SEED = 2 ** 31 - 1;

/** A seed in 0..2^31-1 drawn with `rand` (a function returning [0, 1), like Math.random). */
export function drawSeed(rand: () => number): number {
  const r = rand();
  const x = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return Math.min(Math.floor(x * (MAX_DRAWN_SEED + 1)), MAX_DRAWN_SEED);
}

/**
 * A concrete seed: a new one when `value` is absent (undefined or null) or equals
 * the endpoint's random marker (`randomValue`: -1 for DreamRender and Segmind,
 * null for ModelsLab); otherwise `value` itself.
 */
export function resolveSeed(
  value: number | null | undefined,
  randomValue: number | null | undefined,
  rand: () => number,
): number {
  if (value === undefined || value === null || value === randomValue) return drawSeed(rand);
  return value;
}
