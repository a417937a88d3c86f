/**
 * Synthetic pointer input for the bench: PointerEvents carrying coalesced sequences the way
 * Chromium delivers one frame's worth of a fast hand movement.
 */

export interface Point {
  x: number;
  y: number;
}

const base = { pointerId: 7, pointerType: 'mouse', isPrimary: true, bubbles: true, cancelable: true, composed: true };

export function pointer(type: 'pointerdown' | 'pointerup' | 'pointermove', p: Point, coalesced: Point[] = []): PointerEvent {
  const buttons = type === 'pointerup' ? 0 : 1;
  const init = { ...base, clientX: p.x, clientY: p.y, button: type === 'pointermove' ? -1 : 0, buttons, pressure: buttons ? 0.5 : 0 };
  const coalescedEvents = coalesced.map((c) => new PointerEvent(type, { ...init, clientX: c.x, clientY: c.y }));
  // `coalescedEvents` is part of PointerEventInit in current Chromium; older engines ignore it.
  return new PointerEvent(type, { ...init, coalescedEvents } as PointerEventInit);
}

/** A smooth, self-crossing path inside a box: `count` frames of `perFrame` samples each. */
export function strokePath(box: { left: number; top: number; width: number; height: number }, seed: number, count: number, perFrame: number, step: number): Point[][] {
  const frames: Point[][] = [];
  let t = seed * 1.7;
  const cx = box.left + box.width / 2;
  const cy = box.top + box.height / 2;
  const rx = box.width * 0.42;
  const ry = box.height * 0.42;
  // Advance the curve parameter so consecutive samples are about `step` CSS pixels apart.
  const dt = step / Math.max(rx, ry) / 2;
  for (let f = 0; f < count; f++) {
    const samples: Point[] = [];
    for (let s = 0; s < perFrame; s++) {
      t += dt;
      samples.push({ x: cx + rx * Math.sin(2 * t + seed), y: cy + ry * Math.sin(3 * t) });
    }
    frames.push(samples);
  }
  return frames;
}
