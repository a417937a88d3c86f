/**
 * Stroke geometry: pure math shared by live painting and by undo/redo replay, so both
 * produce the same pixels. A stroke is a list of samples in image pixels; the brush
 * stamps a binary disc along it at a spacing small enough that the edge ripple stays
 * well under a pixel.
 */

/** One input sample in image pixels. `pressure` is 0..1, 1 for devices without pressure. */
export interface StrokeSample {
  x: number;
  y: number;
  pressure: number;
}

/** Smallest fraction of the brush size a light pen touch still paints. */
export const MIN_PRESSURE_FACTOR = 0.2;

/**
 * Pressure as the brush uses it: only pens report meaningful pressure (a mouse reports 0.5
 * while pressed, most touch screens 0 or 1), and a pen reporting 0 in contact has no sensor.
 */
export function effectivePressure(pointerType: string, pressure: number): number {
  if (pointerType !== 'pen' || !(pressure > 0)) return 1;
  return Math.min(1, pressure);
}

/**
 * Stamp diameter in whole image pixels for a brush size and a pressure (0..1). Full
 * pressure gives exactly the brush size. Below it, diameters above 32 px snap to 16 steps
 * per doubling (about 4 % apart, invisible in a stroke), so a pen stroke needs a few dozen
 * distinct brush tips, not hundreds.
 */
export function pressureToDiameter(size: number, pressure: number): number {
  const p = Number.isFinite(pressure) ? Math.min(1, Math.max(0, pressure)) : 1;
  if (p >= 1) return Math.max(1, Math.round(size));
  const d = size * (MIN_PRESSURE_FACTOR + (1 - MIN_PRESSURE_FACTOR) * p);
  if (d < 32) return Math.max(1, Math.round(d));
  const step = 2 ** Math.floor(Math.log2(d / 16));
  return Math.round(d / step) * step;
}

/**
 * Distance between stamps: a tenth of the radius-ish, at least one pixel. The scallop
 * depth between two discs of radius r at spacing s is about s²/(8r), so d/20 keeps it
 * under 1/80 of a pixel per pixel of radius.
 */
export function stampSpacing(diameter: number): number {
  return Math.max(1, diameter / 20);
}

export type StampSink = (x: number, y: number, diameter: number) => void;

/**
 * Walks a stroke sample by sample and emits stamps at even spacing, interpolating position
 * and pressure between samples (coalesced pointer events arrive as bursts of samples).
 * Deterministic: the same samples in the same order give the same stamps.
 */
export class Stamper {
  private last: StrokeSample | undefined;
  /** Distance walked since the last stamp. */
  private carry = 0;

  constructor(
    private readonly size: number,
    private readonly emit: StampSink,
  ) {}

  add(rawX: number, rawY: number, rawPressure: number): void {
    // Committed strokes keep Float32 samples; rounding here makes live painting and replay
    // see exactly the same numbers.
    const x = Math.fround(rawX);
    const y = Math.fround(rawY);
    const pressure = Math.fround(rawPressure);
    const last = this.last;
    if (!last) {
      this.last = { x, y, pressure };
      this.emit(x, y, pressureToDiameter(this.size, pressure));
      this.carry = 0;
      return;
    }
    const dx = x - last.x;
    const dy = y - last.y;
    const dist = Math.hypot(dx, dy);
    if (dist === 0) {
      // A pen pressing harder in place still grows the dab.
      if (pressure > last.pressure) {
        this.emit(x, y, pressureToDiameter(this.size, pressure));
        last.pressure = pressure;
      }
      return;
    }
    let pos = Math.max(0, stampSpacing(pressureToDiameter(this.size, last.pressure)) - this.carry);
    let stamped = -1;
    while (pos <= dist) {
      const t = pos / dist;
      const p = last.pressure + (pressure - last.pressure) * t;
      const d = pressureToDiameter(this.size, p);
      this.emit(last.x + dx * t, last.y + dy * t, d);
      stamped = pos;
      pos += stampSpacing(d);
    }
    this.carry = stamped >= 0 ? dist - stamped : this.carry + dist;
    this.last = { x, y, pressure };
  }
}

/** Top-left pixel of a stamp of diameter `d` centred at (x, y): stamps land on whole pixels. */
export function stampOrigin(x: number, y: number, d: number): { left: number; top: number } {
  return { left: Math.round(x - d / 2), top: Math.round(y - d / 2) };
}

/** Flattens samples into the plain data a committed stroke keeps: [x, y, pressure, …]. */
export function packSamples(samples: readonly StrokeSample[]): Float32Array {
  const out = new Float32Array(samples.length * 3);
  samples.forEach((s, i) => {
    out[i * 3] = s.x;
    out[i * 3 + 1] = s.y;
    out[i * 3 + 2] = s.pressure;
  });
  return out;
}

/** A growable [x, y, pressure, …] buffer for the stroke in progress (no per-sample objects). */
export class SampleBuffer {
  private data = new Float32Array(3 * 256);
  private length = 0;

  push(x: number, y: number, pressure: number): void {
    if (this.length + 3 > this.data.length) {
      const grown = new Float32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = x;
    this.data[this.length++] = y;
    this.data[this.length++] = pressure;
  }

  get count(): number {
    return this.length / 3;
  }

  /** A right-sized copy: what gets committed. */
  toArray(): Float32Array {
    return this.data.slice(0, this.length);
  }
}

/** Replays packed samples through a stamper. Float32 rounding is identical live and here. */
export function replaySamples(points: Float32Array, size: number, emit: StampSink): void {
  const stamper = new Stamper(size, emit);
  for (let i = 0; i + 2 < points.length; i += 3) {
    stamper.add(points[i]!, points[i + 1]!, points[i + 2]!);
  }
}
