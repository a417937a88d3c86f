/**
 * The contract of a canvas tool: a small state machine fed with plain pointer data (no DOM
 * events), so each tool can be tested without a browser.
 */

export type ToolState = 'idle' | 'painting' | 'panning' | 'pinching';

export interface PointerSample {
  /** CSS pixels relative to the stage container. */
  x: number;
  y: number;
  /** 0..1 as the brush should use it (see effectivePressure). */
  pressure: number;
}

/** One pointer event with its coalesced samples (oldest first; the last is the event itself). */
export interface PointerInput {
  id: number;
  type: string;
  /** The button that changed (pointerdown/up): 0 main, 1 middle, 2 secondary. */
  button: number;
  x: number;
  y: number;
  samples: readonly PointerSample[];
}

export type InterruptReason = 'blur' | 'escape' | 'tool-change' | 'image-change' | 'history' | 'dispose';

export interface Tool {
  readonly state: ToolState;
  down(input: PointerInput): void;
  move(input: PointerInput): void;
  /** The pointer moves with no gesture of its own (a lasso polygon's rubber band follows it). */
  hover?(input: PointerInput): void;
  up(input: PointerInput): void;
  /** The pointer was cancelled (pointercancel, a second finger): drop what is in progress. */
  cancel(): void;
  /** Something else needs the canvas (window blur, Escape, undo…): finish or drop cleanly. */
  interrupt(reason: InterruptReason): void;
}
