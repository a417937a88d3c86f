/**
 * What the canvas editor knows about a mask it exported: a box holding every painted pixel,
 * keyed by the exported data URL itself (the same string is the same pixels), and by the local
 * image reference the form holds for it once stored (`carryMaskBox`). Prepare reads only that box
 * of the full-size mask to find its bounds. A mask without a hint (a restored draft, a file) is
 * read whole, as before.
 */
import type { Rect } from './types';

const KEEP = 4;
const hints = new Map<string, Rect | null>();

/** `box` null: nothing is painted. */
export function rememberMaskBox(dataUrl: string, box: Rect | null): void {
  hints.delete(dataUrl);
  hints.set(dataUrl, box);
  while (hints.size > KEEP) hints.delete(hints.keys().next().value!);
}

/** The same box for `to` (the stored mask's reference) as for `from` (the data URL it was made from), if any. */
export function carryMaskBox(from: string, to: string): void {
  if (hints.has(from)) rememberMaskBox(to, hints.get(from)!);
}

/** The box remembered for this mask value (undefined: none, read it whole). */
export function maskBoxHint(value: unknown): Rect | null | undefined {
  return typeof value === 'string' ? hints.get(value) : undefined;
}
