/**
 * Making, drawing on and freeing the canvas feature's own canvases. (The spare-canvas pool that
 * lived here went with the full-size main-thread mask: the full-size mask is the mask Worker's.)
 */

export function createCanvas(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

export function context2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser could not create a 2D canvas.');
  return ctx;
}

/** Frees a canvas's pixels now rather than at garbage collection. */
export function releaseCanvasMemory(canvas: HTMLCanvasElement): void {
  canvas.width = 0;
  canvas.height = 0;
}
