/**
 * Post-processing "looks": DreamRender styles, the prompt-enhancement grade, and the grain left
 * by very few inference steps. Each look is a Grade, applied in one pass over the pixels.
 */
import { hashString, Rng } from './prng';
import { hsl } from './synth-scene';
import type { Rgb } from './synth-scene';
import type { Raster } from './raster';

interface Grade {
  /** 1 keeps colours, 0 is grayscale, above 1 is more vivid. */
  saturation?: number;
  /** Row-major 3x3 colour matrix applied after saturation. */
  matrix?: number[];
  /** Split toning: dark pixels pulled toward `shadows`, bright ones toward `highlights`. */
  tone?: { shadows: Rgb; highlights: Rgb; amount: number };
  /** S-curve strength (0 = none). */
  contrast?: number;
  /** Quantise each channel to this many levels. */
  posterize?: number;
  /** Lift toward white (pastel / paper), 0..1. */
  lift?: number;
  /** Darkening toward the corners, 0..1. */
  vignette?: number;
  /** Block size as a fraction of the shorter side. */
  pixelate?: number;
  /** Amplitude of per-pixel noise, in 8-bit levels. */
  grain?: number;
}

const SEPIA = [0.393, 0.769, 0.189, 0.349, 0.686, 0.168, 0.272, 0.534, 0.131];

/** Luminance-preserving hue rotation by `degrees`. */
function hueRotation(degrees: number): number[] {
  const a = (degrees * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  return [
    0.213 + c * 0.787 - s * 0.213, 0.715 - c * 0.715 - s * 0.715, 0.072 - c * 0.072 + s * 0.928,
    0.213 - c * 0.213 + s * 0.143, 0.715 + c * 0.285 + s * 0.14, 0.072 - c * 0.072 - s * 0.283,
    0.213 - c * 0.213 - s * 0.787, 0.715 - c * 0.715 + s * 0.715, 0.072 + c * 0.928 + s * 0.072,
  ];
}

const NAMED_STYLES: Record<string, Grade> = {
  cinematic: { tone: { shadows: [0, 70, 90], highlights: [255, 160, 70], amount: 0.22 }, contrast: 0.3, vignette: 0.35 },
  anime: { posterize: 6, saturation: 1.35 },
  photographic: { contrast: 0.15, vignette: 0.2, saturation: 0.95 },
  watercolor: { lift: 0.3, saturation: 0.8, grain: 10 },
  pastel: { lift: 0.35, saturation: 0.7 },
  pixelart: { pixelate: 1 / 64, posterize: 8 },
  sketch: { saturation: 0, contrast: 0.4, lift: 0.15, grain: 14 },
  lineart: { saturation: 0, posterize: 3, lift: 0.2 },
  sepia: { matrix: SEPIA, vignette: 0.4 },
  vintage: { matrix: SEPIA, vignette: 0.45, grain: 8, lift: 0.08 },
  neon: { saturation: 1.6, contrast: 0.35, tone: { shadows: [90, 0, 140], highlights: [0, 240, 255], amount: 0.25 } },
  cyberpunk: { saturation: 1.5, contrast: 0.3, tone: { shadows: [120, 0, 160], highlights: [0, 255, 230], amount: 0.3 } },
  comic: { posterize: 4, saturation: 1.4, contrast: 0.2 },
  noir: { saturation: 0, contrast: 0.45, vignette: 0.4 },
  monochrome: { saturation: 0, contrast: 0.2 },
};

const ENHANCE: Grade = { contrast: 0.25, saturation: 1.12, vignette: 0.3 };

/** Style names are matched case-, space-, dash- and underscore-insensitively. */
export function normaliseStyle(style: string): string {
  return style.toLowerCase().replace(/[\s_-]+/g, '');
}

/** The grade of a DreamRender style: a named one, or one derived from the name's hash. */
export function styleGrade(style: string): Grade | null {
  const name = normaliseStyle(style);
  if (name === '' || name === 'none') return null;
  const named = NAMED_STYLES[name];
  if (named) return named;
  const rng = new Rng(hashString(name));
  const kind = rng.int(0, 4);
  if (kind === 0) return { posterize: rng.int(3, 6), saturation: rng.range(1.1, 1.4) };
  if (kind === 1) {
    const hue = rng.range(0, 360);
    return { saturation: 0, tone: { shadows: hsl(hue, 0.7, 0.25), highlights: hsl(hue + 150, 0.8, 0.75), amount: 0.6 } };
  }
  if (kind === 2) return { matrix: hueRotation(rng.range(40, 320)), contrast: 0.15 };
  if (kind === 3) return { lift: rng.range(0.2, 0.4), saturation: 0.75, grain: rng.range(6, 14) };
  return { matrix: SEPIA, vignette: rng.range(0.2, 0.5) };
}

export interface Look {
  style: string;
  enhance: boolean;
  grain: number;
  seed: number;
}

export function applyLook(r: Raster, look: Look): void {
  const style = styleGrade(look.style);
  if (style) applyGrade(r, style, look.seed);
  if (look.enhance) applyGrade(r, ENHANCE, look.seed);
  if (look.grain > 0) applyGrade(r, { grain: look.grain }, look.seed);
}

function buildLut(g: Grade): Uint8Array | null {
  if (!g.contrast && !g.posterize && !g.lift) return null;
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) {
    let t = v / 255;
    if (g.contrast) t = t + g.contrast * (t * t * (3 - 2 * t) - t) * 2;
    if (g.posterize) t = Math.round(t * (g.posterize - 1)) / (g.posterize - 1);
    if (g.lift) t = t + (1 - t) * g.lift;
    lut[v] = Math.round(Math.min(1, Math.max(0, t)) * 255);
  }
  return lut;
}

function applyGrade(r: Raster, g: Grade, seed: number): void {
  const { width, height, data: d } = r;
  if (g.pixelate) pixelate(r, Math.max(2, Math.round(Math.min(width, height) * g.pixelate)));
  const lut = buildLut(g);
  const sat = g.saturation ?? 1;
  const m = g.matrix;
  const vx = new Float32Array(width);
  for (let x = 0; x < width; x++) vx[x] = ((x + 0.5) / width - 0.5) ** 2;
  for (let y = 0; y < height; y++) {
    const vy = ((y + 0.5) / height - 0.5) ** 2;
    let i = y * width * 4;
    for (let x = 0; x < width; x++, i += 4) {
      if (d[i + 3] === 0) continue;
      let cr = d[i] ?? 0;
      let cg = d[i + 1] ?? 0;
      let cb = d[i + 2] ?? 0;
      const lum = 0.299 * cr + 0.587 * cg + 0.114 * cb;
      if (sat !== 1) {
        cr = lum + (cr - lum) * sat;
        cg = lum + (cg - lum) * sat;
        cb = lum + (cb - lum) * sat;
      }
      if (m) {
        const [a, b, c] = [cr, cg, cb];
        cr = (m[0] ?? 0) * a + (m[1] ?? 0) * b + (m[2] ?? 0) * c;
        cg = (m[3] ?? 0) * a + (m[4] ?? 0) * b + (m[5] ?? 0) * c;
        cb = (m[6] ?? 0) * a + (m[7] ?? 0) * b + (m[8] ?? 0) * c;
      }
      if (g.tone) {
        const t = lum / 255;
        const { shadows: s, highlights: h, amount } = g.tone;
        cr += ((s[0] + (h[0] - s[0]) * t) - cr) * amount;
        cg += ((s[1] + (h[1] - s[1]) * t) - cg) * amount;
        cb += ((s[2] + (h[2] - s[2]) * t) - cb) * amount;
      }
      if (g.vignette) {
        const f = 1 - g.vignette * 2 * ((vx[x] ?? 0) + vy);
        cr *= f;
        cg *= f;
        cb *= f;
      }
      if (g.grain) {
        const n = ((Math.imul((x * 0x9e3779b1) ^ (y * 0x7f4a7c15) ^ seed, 0x2c1b3c6d) >>> 24) / 255 - 0.5) * 2 * g.grain;
        cr += n;
        cg += n;
        cb += n;
      }
      cr = cr < 0 ? 0 : cr > 255 ? 255 : cr;
      cg = cg < 0 ? 0 : cg > 255 ? 255 : cg;
      cb = cb < 0 ? 0 : cb > 255 ? 255 : cb;
      if (lut) {
        cr = lut[Math.round(cr)] ?? 0;
        cg = lut[Math.round(cg)] ?? 0;
        cb = lut[Math.round(cb)] ?? 0;
      }
      d[i] = cr;
      d[i + 1] = cg;
      d[i + 2] = cb;
    }
  }
}

/** Replaces each block x block tile by its centre pixel. */
function pixelate(r: Raster, block: number): void {
  const { width, height, data: d } = r;
  for (let by = 0; by < height; by += block) {
    const cy = Math.min(height - 1, by + (block >> 1));
    for (let bx = 0; bx < width; bx += block) {
      const cx = Math.min(width - 1, bx + (block >> 1));
      const src = (cy * width + cx) * 4;
      for (let y = by; y < Math.min(height, by + block); y++) {
        for (let x = bx; x < Math.min(width, bx + block); x++) d.copyWithin((y * width + x) * 4, src, src + 4);
      }
    }
  }
}
