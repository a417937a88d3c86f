/**
 * What a metadata read may cost, so no file can hang or exhaust the tab: inflated bytes are
 * counted while inflating, texts and graphs are bounded, and the caller's time budget (the
 * Worker client's) stops the rest. Every limit hit becomes a warning naming it.
 */
export interface ReadLimits {
  /** Bytes one compressed chunk may inflate to (a text chunk: no more than `maxTextChars` either). */
  maxInflatedBytes: number;
  /** Characters one text field may hold; a longer one is skipped. */
  maxTextChars: number;
  /** Text chunks read from one file. */
  maxTextChunks: number;
  /** Nodes one ComfyUI graph walk may visit. */
  maxGraphVisits: number;
  /** Pixels decoded to look for stealth info in the alpha channel. */
  maxStealthPixels: number;
}

export const MB = 1024 * 1024;

export const DEFAULT_LIMITS: ReadLimits = {
  maxInflatedBytes: 64 * MB,
  maxTextChars: 16 * MB,
  maxTextChunks: 256,
  maxGraphVisits: 20_000,
  maxStealthPixels: 4096 * 4096,
};

export class LimitError extends Error {}

export function formatBytes(n: number): string {
  return n >= MB ? `${Math.round(n / MB)} MB` : `${Math.round(n / 1024)} KB`;
}
