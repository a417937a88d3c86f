/**
 * Anti-aliased shape painting with signed distance functions (negative inside, in pixels),
 * and the subjects of a scene (tree, house, tower, sphere, vase) built from them.
 */
import { hsl as hslColor, mixRgb } from './synth-scene';
import type { Rgb, Scene, Subject } from './synth-scene';
import type { Raster } from './raster';

export type Sdf = (x: number, y: number) => number;
/** Colour of a shape at a pixel centre. */
export type Shader = (x: number, y: number) => Rgb;

/** Euclidean length (Math.hypot is much slower in hot loops). */
export function len(dx: number, dy: number): number {
  return Math.sqrt(dx * dx + dy * dy);
}

export const circle = (cx: number, cy: number, r: number): Sdf => (x, y) => len(x - cx, y - cy) - r;

export const ellipse =
  (cx: number, cy: number, rx: number, ry: number): Sdf =>
  (x, y) =>
    (len((x - cx) / rx, (y - cy) / ry) - 1) * Math.min(rx, ry);

export const box =
  (cx: number, cy: number, hw: number, hh: number): Sdf =>
  (x, y) => {
    const dx = Math.abs(x - cx) - hw;
    const dy = Math.abs(y - cy) - hh;
    return len(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0);
  };

/** Convex polygon: the largest signed distance to its edge lines (exact inside, close enough outside for AA). */
export function polygon(points: [number, number][]): Sdf {
  const cx = points.reduce((s, p) => s + p[0], 0) / points.length;
  const cy = points.reduce((s, p) => s + p[1], 0) / points.length;
  const edges = points.map((a, i) => {
    const b = points[(i + 1) % points.length] ?? a;
    let nx = b[1] - a[1];
    let ny = a[0] - b[0];
    const len = Math.hypot(nx, ny) || 1;
    nx /= len;
    ny /= len;
    if ((cx - a[0]) * nx + (cy - a[1]) * ny > 0) {
      nx = -nx;
      ny = -ny;
    }
    return { ax: a[0], ay: a[1], nx, ny };
  });
  return (x, y) => {
    let d = -Infinity;
    for (const e of edges) d = Math.max(d, (x - e.ax) * e.nx + (y - e.ay) * e.ny);
    return d;
  };
}

export const union =
  (...shapes: Sdf[]): Sdf =>
  (x, y) => {
    let d = Infinity;
    for (const s of shapes) d = Math.min(d, s(x, y));
    return d;
  };

/**
 * Paints `sdf` inside the box [x0, x1) x [y0, y1) with straight-alpha "over" compositing.
 * Distances are lower bounds, so a pixel `dist` away from the shape lets the scan skip ahead.
 */
export function paint(r: Raster, bounds: [number, number, number, number], sdf: Sdf, shade: Shader, opacity = 1): void {
  const x0 = Math.max(0, Math.floor(bounds[0]));
  const y0 = Math.max(0, Math.floor(bounds[1]));
  const x1 = Math.min(r.width, Math.ceil(bounds[2]));
  const y1 = Math.min(r.height, Math.ceil(bounds[3]));
  const d = r.data;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const dist = sdf(x + 0.5, y + 0.5);
      if (dist >= 0.5) {
        if (dist >= 2) x += Math.floor(dist) - 1;
        continue;
      }
      const a = Math.min(1, 0.5 - dist) * opacity;
      const c = shade(x + 0.5, y + 0.5);
      const i = (y * r.width + x) * 4;
      const da = (d[i + 3] ?? 0) / 255;
      const outA = a + da * (1 - a);
      const keep = (da * (1 - a)) / outA;
      d[i] = c[0] * (a / outA) + (d[i] ?? 0) * keep;
      d[i + 1] = c[1] * (a / outA) + (d[i + 1] ?? 0) * keep;
      d[i + 2] = c[2] * (a / outA) + (d[i + 2] ?? 0) * keep;
      d[i + 3] = Math.round(outA * 255);
    }
  }
}

const flat =
  (c: Rgb): Shader =>
  () =>
    c;

/** Light from the left (-1) or the right (+1): the far side of a shape is darker. */
function sideShade(c: Rgb, cx: number, halfWidth: number, light: number): Shader {
  return (x) => {
    const t = Math.max(-1, Math.min(1, (x - cx) / halfWidth)) * light;
    return mixRgb(c, [0, 0, 0], 0.22 - 0.18 * t);
  };
}

function sphereShade(c: Rgb, cx: number, cy: number, radius: number, light: number): Shader {
  const lx = light * 0.55;
  const ly = -0.6;
  return (x, y) => {
    const nx = (x - cx) / radius;
    const ny = (y - cy) / radius;
    const nz = Math.sqrt(Math.max(0, 1 - nx * nx - ny * ny));
    const lambert = Math.max(0, nx * lx + ny * ly + nz * 0.58);
    const spec = Math.pow(Math.max(0, lambert), 24);
    return mixRgb(mixRgb(c, [0, 0, 0], 0.65 * (1 - lambert)), [255, 255, 255], spec * 0.7);
  };
}

export interface SubjectPlacement {
  /** Pixel position of the subject's base (where it touches the ground). */
  x: number;
  y: number;
  /** Size unit in pixels: the subject is about this tall. */
  size: number;
  /** -1 light from the left, +1 from the right. */
  light: number;
  night: boolean;
}

export function paintSubject(r: Raster, scene: Scene, kind: Subject, at: SubjectPlacement): void {
  const { x, y, size: s, light } = at;
  const hue = scene.subjectAt.hue;
  // At night everything but lit windows and lamps sinks into the blue.
  const hsl = (h: number, sat: number, l: number): Rgb => dim(hslColor(h, sat, l));
  const dim = (c: Rgb): Rgb => (at.night ? mixRgb(c, [12, 16, 40], 0.5) : c);
  const pad = s * 0.7;
  const bounds: [number, number, number, number] = [x - pad, y - s * 1.05, x + pad, y + 2];
  if (kind === 'tree') {
    const trunk = dim([92, 64, 44]);
    paint(r, bounds, box(x, y - s * 0.22, s * 0.045, s * 0.23), sideShade(trunk, x, s * 0.045, light));
    const leaf =
      scene.terrain === 'autumn' ? hsl(20 + (hue % 30), 0.75, 0.45) : scene.terrain === 'snow' ? hsl(150, 0.15, 0.8) : hsl(105 + (hue % 40), 0.5, 0.33);
    const canopy = union(circle(x, y - s * 0.62, s * 0.27), circle(x - s * 0.2, y - s * 0.5, s * 0.2), circle(x + s * 0.2, y - s * 0.52, s * 0.21));
    paint(r, bounds, canopy, sphereShade(leaf, x, y - s * 0.6, s * 0.42, light));
  } else if (kind === 'house') {
    const wall = hsl(hue, 0.35, 0.72);
    paint(r, bounds, box(x, y - s * 0.25, s * 0.34, s * 0.25), sideShade(wall, x, s * 0.34, light));
    const roof = polygon([[x - s * 0.44, y - s * 0.49], [x + s * 0.44, y - s * 0.49], [x, y - s * 0.9]]);
    paint(r, bounds, roof, sideShade(hsl(hue + 180, 0.5, 0.35), x, s * 0.44, light));
    paint(r, bounds, box(x - s * 0.14, y - s * 0.12, s * 0.07, s * 0.12), flat(dim([70, 45, 30])));
    paint(r, bounds, box(x + s * 0.14, y - s * 0.3, s * 0.08, s * 0.07), flat(at.night ? [255, 215, 120] : [150, 190, 220]));
  } else if (kind === 'tower') {
    const body = polygon([[x - s * 0.14, y], [x + s * 0.14, y], [x + s * 0.085, y - s * 0.78], [x - s * 0.085, y - s * 0.78]]);
    const band = s * 0.13;
    const red = hsl(hue, 0.7, 0.45);
    paint(r, bounds, body, (px, py) => sideShade(Math.floor((y - py) / band) % 2 ? dim([240, 240, 235]) : red, x, s * 0.14, light)(px, py));
    paint(r, bounds, box(x, y - s * 0.85, s * 0.07, s * 0.07), flat(at.night ? [255, 230, 140] : [250, 240, 200]));
    paint(r, bounds, polygon([[x - s * 0.1, y - s * 0.92], [x + s * 0.1, y - s * 0.92], [x, y - s * 1.02]]), flat(red));
  } else if (kind === 'sphere') {
    paint(r, bounds, circle(x, y - s * 0.36, s * 0.35), sphereShade(hsl(hue, 0.65, 0.55), x, y - s * 0.36, s * 0.35, light));
  } else {
    const glaze = hsl(hue, 0.55, 0.5);
    const vase = union(ellipse(x, y - s * 0.28, s * 0.26, s * 0.28), box(x, y - s * 0.62, s * 0.09, s * 0.12));
    paint(r, bounds, vase, (px, py) => {
      const stripe = Math.abs(py - (y - s * 0.3)) < s * 0.035;
      return sphereShade(stripe ? hsl(hue + 150, 0.6, 0.75) : glaze, x, y - s * 0.3, s * 0.34, light)(px, py);
    });
    paint(r, bounds, ellipse(x, y - s * 0.74, s * 0.13, s * 0.035), flat(hsl(hue, 0.5, 0.3)));
  }
}
