/**
 * What the canvas editor knows about a mask it exported: a box holding every painted pixel, keyed
 * by the local image reference the form holds for the stored mask (the bridge, app/image-editor.tsx,
 * remembers it as it stores the export). Prepare reads only that box of the full-size mask to find
 * its bounds. A mask without a hint (a restored draft, a file) is read whole, as before.
 */
import type { Rect } from './types';

const KEEP = 4;
const hints = new Map<string, Rect | null>();

/** `box` null: nothing is painted. */
export function rememberMaskBox(ref: string, box: Rect | null): void {
  hints.delete(ref);
  hints.set(ref, box);
  while (hints.size > KEEP) hints.delete(hints.keys().next().value!);
}

/** The box remembered for this mask value (undefined: none, read it whole). */
export function maskBoxHint(value: unknown): Rect | null | undefined {
  return typeof value === 'string' ? hints.get(value) : undefined;
}
