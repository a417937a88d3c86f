/**
 * What the image Worker keeps between requests, so that one photo is decoded once: the picture
 * the person is working on (decoded at load, by the probe) and the mask window the last prepare
 * read (for its stitch). Each is one slot, keyed by the bytes it came from (`contentKey`): a new
 * picture replaces (and closes) the old one, a request for other bytes finds nothing, and
 * `release` empties both. Pure: the Worker (blob-ops.ts) holds the slots; tests use fakes.
 */
import type { MaskImage, Rect } from './types';


/**
 * A key for a file's bytes: its length and two independent 32-bit hashes over every byte (so a
 * change anywhere in the file, not only in its head, gives another key).
 */
export function contentKey(input: Uint8Array): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  // Read four bytes at a time (in the platform's order, the same for the same bytes); a view at an unaligned offset is copied first.
  const bytes = input.byteOffset % 4 === 0 ? input : input.slice();
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    a = Math.imul(a ^ w, 0x01000193);
    a ^= a >>> 15;
    b = Math.imul(b ^ w, 0x5bd1e995);
    b ^= b >>> 13;
  }
  for (let i = words.length * 4; i < bytes.length; i++) {
    a = Math.imul(a ^ bytes[i]!, 0x01000193);
    b = Math.imul(b ^ bytes[i]!, 0x5bd1e995);
    b ^= b >>> 13;
  }
  return `${bytes.length}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}

/** One kept value under one key; `close` (if given) frees a value when it is replaced or released. */
export class Slot<T> {
  private kept: { key: string; value: T } | undefined;

  constructor(private readonly close?: (value: T) => void) {}

  get(key: string): T | undefined {
    return this.kept?.key === key ? this.kept.value : undefined;
  }

  /** Keeps `value` under `key`, closing what was kept (unless it is the same value). */
  put(key: string, value: T): void {
    if (this.kept && this.kept.value !== value) this.close?.(this.kept.value);
    this.kept = { key, value };
  }

  /** Whether `value` is the one kept (a caller must not close it then). */
  holds(value: T): boolean {
    return this.kept?.value === value;
  }

  release(): void {
    if (this.kept) this.close?.(this.kept.value);
    this.kept = undefined;
  }

  get size(): number {
    return this.kept ? 1 : 0;
  }
}

/**
 * The mask pixels a stitch needs, read by prepare: every mask pixel of the crop lies in `rect`
 * (the mask's bounds grown by the blur's reach, within the crop; picture coordinates); `rect`
 * null: nothing painted in the crop.
 */
export interface MaskWindow {
  rect: Rect | null;
  mask?: MaskImage;
}

/** The key of a mask window: the mask's bytes, the crop and the blur it was read for. */
export function windowKey(maskKey: string, crop: Rect, maskBlur: number): string {
  return `${maskKey}|${crop.x},${crop.y},${crop.width},${crop.height}|${maskBlur}`;
}
