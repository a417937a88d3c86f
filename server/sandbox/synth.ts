/**
 * The image synthesiser: a procedural landscape or still life (sky, sun or moon, clouds, stars,
 * layered hills, water with reflections, one subject) planned from a hash of the request and
 * rendered straight into RGBA. Same inputs, same pixels.
 */
import { createRaster } from './raster';
import type { Raster } from './raster';
import { applyLook } from './synth-style';
import { len, paint, paintSubject } from './synth-shapes';
import { mixRgb, planScene, ridgeAt } from './synth-scene';
import type { Rgb, Scene, SynthInput } from './synth-scene';

export type { SynthInput } from './synth-scene';

export function synthesize(input: SynthInput): Raster {
  const { width, height } = input;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`synthesize: bad size ${width}x${height}`);
  }
  const scene = planScene(input);
  const r = createRaster(width, height);
  const unit = Math.min(width, height);
  const light = scene.sun.x < scene.subjectAt.x ? -1 : 1;
  if (input.designer) {
    const size = unit * 0.78;
    paintSubject(r, scene, scene.subject, { x: width / 2, y: height * 0.5 + size * 0.5, size, light, night: false });
  } else {
    paintSky(r, scene);
    paintSun(r, scene);
    paintStars(r, scene);
    for (const cloud of scene.clouds) paintCloud(r, scene, cloud);
    const ridges = paintHills(r, scene, input.detail === true);
    const sx = Math.round(scene.subjectAt.x * (width - 1));
    // The subject stands on the nearest hill, or on the nearest shore above the water.
    const waterLine = scene.water ? scene.water.y * height : height;
    const hills = ridges.filter((_, i) => !scene.layers[i]?.ridged).map((ridge) => ridge[sx] ?? height);
    const ground = hills.reverse().find((h) => h < waterLine - unit * 0.02) ?? waterLine;
    paintSubject(r, scene, scene.subject, {
      x: sx,
      y: ground + unit * 0.01,
      size: unit * scene.subjectAt.size,
      light,
      night: scene.mood === 'night',
    });
    if (scene.water) paintWater(r, scene);
  }
  applyLook(r, {
    style: input.style ?? '',
    enhance: input.enhance === true && input.designer !== true,
    grain: Math.max(0, 20 - (input.steps ?? 30)) * 1.2,
    seed: scene.detailSeed,
  });
  return r;
}

function pack(c: Rgb): number {
  return (Math.round(c[0]) | (Math.round(c[1]) << 8) | (Math.round(c[2]) << 16) | (255 << 24)) >>> 0;
}

function words(r: Raster): Uint32Array {
  return new Uint32Array(r.data.buffer, r.data.byteOffset, r.width * r.height);
}

function paintSky(r: Raster, scene: Scene): void {
  const px = words(r);
  const horizonPx = scene.horizon * r.height;
  for (let y = 0; y < r.height; y++) {
    const t = Math.min(1, y / horizonPx);
    const c = mixRgb(scene.skyTop, scene.skyHorizon, t * t * (3 - 2 * t));
    px.fill(pack(c), y * r.width, (y + 1) * r.width);
  }
}

/** Adds `amount` of colour `c` to pixel i (clamped). */
function addLight(d: Uint8Array, i: number, c: Rgb, amount: number): void {
  d[i] = Math.min(255, (d[i] ?? 0) + c[0] * amount);
  d[i + 1] = Math.min(255, (d[i + 1] ?? 0) + c[1] * amount);
  d[i + 2] = Math.min(255, (d[i + 2] ?? 0) + c[2] * amount);
}

function paintSun(r: Raster, scene: Scene): void {
  const { sun } = scene;
  const unit = Math.min(r.width, r.height);
  const cx = sun.x * r.width;
  const cy = sun.y * r.height;
  const radius = sun.r * unit;
  const reach = radius * (sun.moon ? 2.5 : 4.5);
  const glowStrength = sun.moon ? 0.18 : 0.55;
  const d = r.data;
  const x0 = Math.max(0, Math.floor(cx - reach));
  const x1 = Math.min(r.width, Math.ceil(cx + reach));
  for (let y = Math.max(0, Math.floor(cy - reach)); y < Math.min(r.height, Math.ceil(cy + reach)); y++) {
    for (let x = x0; x < x1; x++) {
      const dist = len(x + 0.5 - cx, y + 0.5 - cy);
      if (dist >= reach) continue;
      const i = (y * r.width + x) * 4;
      const g = 1 - dist / reach;
      addLight(d, i, sun.glow, glowStrength * g * g);
    }
  }
  const disc = (x: number, y: number) => len(x - cx, y - cy) - radius;
  const shadow = (x: number, y: number) => len(x - cx - sun.phase * radius * 1.6, y - cy + radius * 0.2) - radius;
  const shape = sun.moon ? (x: number, y: number) => Math.max(disc(x, y), -shadow(x, y)) : disc;
  paint(r, [cx - radius - 1, cy - radius - 1, cx + radius + 1, cy + radius + 1], shape, () => sun.color);
}

function paintStars(r: Raster, scene: Scene): void {
  if (scene.stars === 0) return;
  let state = scene.detailSeed | 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const count = Math.round((scene.stars * r.width * r.height) / (512 * 512));
  const d = r.data;
  const limit = scene.horizon * r.height;
  for (let k = 0; k < count; k++) {
    const x = Math.floor(next() * r.width);
    const y = Math.floor(next() * limit);
    const brightness = 0.35 + next() * 0.65;
    addLight(d, (y * r.width + x) * 4, [255, 250, 230], brightness);
    if (brightness > 0.9 && x + 1 < r.width) addLight(d, (y * r.width + x + 1) * 4, [255, 250, 230], brightness * 0.5);
  }
}

function paintCloud(r: Raster, scene: Scene, cloud: Scene['clouds'][number]): void {
  const unit = Math.min(r.width, r.height);
  const cx = cloud.x * r.width;
  const cy = cloud.y * r.height;
  const puffs = cloud.puffs.map((p) => ({ x: cx + p.dx * unit, y: cy + p.dy * unit, r: p.r * unit }));
  const reach = Math.max(...puffs.map((p) => Math.abs(p.x - cx) + p.r)) + 2;
  const tall = Math.max(...puffs.map((p) => Math.abs(p.y - cy) + p.r)) + 2;
  const opacity = scene.mood === 'night' ? 0.35 : 0.85;
  const d = r.data;
  const c = scene.cloudColor;
  for (let y = Math.max(0, Math.floor(cy - tall)); y < Math.min(r.height, Math.ceil(cy + tall)); y++) {
    const shade = 1 - 0.18 * Math.max(0, (y - cy) / tall);
    for (let x = Math.max(0, Math.floor(cx - reach)); x < Math.min(r.width, Math.ceil(cx + reach)); x++) {
      let cover = 0;
      for (const p of puffs) {
        const k = (p.r - len(x + 0.5 - p.x, y + 0.5 - p.y)) / (p.r * 0.45);
        if (k > cover) cover = k;
      }
      if (cover <= 0) continue;
      const a = Math.min(1, cover) * opacity;
      const i = (y * r.width + x) * 4;
      for (let k = 0; k < 3; k++) d[i + k] = (d[i + k] ?? 0) * (1 - a) + (c[k] ?? 0) * shade * a;
    }
  }
}

/** Paints the hill layers far to near; returns each layer's ridge height (pixels) per column. */
function paintHills(r: Raster, scene: Scene, detail: boolean): Float32Array[] {
  const { width, height } = r;
  const d = r.data;
  const textureSeed = scene.detailSeed;
  return scene.layers.map((layer, index) => {
    const ridge = new Float32Array(width);
    let top = height;
    for (let x = 0; x < width; x++) {
      const h = ridgeAt(layer, (x + 0.5) / width) * height;
      ridge[x] = h;
      top = Math.min(top, h);
    }
    const near = index === scene.layers.length - 1;
    const rim = Math.max(1.5, height * 0.006);
    const snow = new Float32Array(width).fill(-1);
    if (layer.snowLine !== null) for (let x = 0; x < width; x++) snow[x] = (layer.snowLine ?? 0) * height + Math.sin(x * 0.05) * rim * 2;
    const fade = height * 0.35;
    const [lr, lg, lb] = layer.color;
    for (let y = Math.max(0, Math.floor(top)); y < height; y++) {
      let i = y * width * 4;
      for (let x = 0; x < width; x++, i += 4) {
        const h = ridge[x] ?? height;
        const cover = y + 1 - h;
        if (cover <= 0) continue;
        const depth = y + 0.5 - h;
        let f = 1 - 0.3 * Math.min(1, Math.max(0, depth) / fade);
        if (depth < rim) f += 0.12 * (1 - Math.max(0, depth) / rim);
        let cr = lr * f;
        let cg = lg * f;
        let cb = lb * f;
        if (y < (snow[x] ?? -1)) {
          cr = cg = cb = 235 * f;
          cb = Math.min(255, cb + 12);
        }
        if (detail && near) {
          const n = Math.imul((x * 0x9e3779b1) ^ (y * 0x85ebca6b) ^ textureSeed, 0x27d4eb2d) >>> 24;
          const t = 0.92 + (n / 255) * 0.16;
          cr *= t;
          cg *= t;
          cb *= t;
        }
        const a = cover >= 1 ? 1 : cover;
        d[i] = Math.min(255, (d[i] ?? 0) * (1 - a) + cr * a);
        d[i + 1] = Math.min(255, (d[i + 1] ?? 0) * (1 - a) + cg * a);
        d[i + 2] = Math.min(255, (d[i + 2] ?? 0) * (1 - a) + cb * a);
      }
    }
    return ridge;
  });
}

/** Water from the waterline down: the picture above it mirrored, rippled and tinted. */
function paintWater(r: Raster, scene: Scene): void {
  if (!scene.water) return;
  const { width, height } = r;
  const d = r.data;
  const line = Math.floor(scene.water.y * height);
  const tint = scene.water.tint;
  const wave = height / 512;
  for (let y = line; y < height; y++) {
    const mirror = Math.max(0, 2 * line - y - 1);
    const depth = (y - line) / Math.max(1, height - line);
    const shift = Math.round(Math.sin(y * 0.45 / wave + scene.detailSeed) * (1 + depth * 5) * wave);
    const mix = 0.3 + depth * 0.35;
    const ripple = 0.92 + 0.08 * Math.sin((y * 0.9) / wave + depth * 7);
    for (let x = 0; x < width; x++) {
      const sx = Math.min(width - 1, Math.max(0, x + shift));
      const s = (mirror * width + sx) * 4;
      const i = (y * width + x) * 4;
      for (let k = 0; k < 3; k++) {
        d[i + k] = Math.min(255, ((d[s + k] ?? 0) * 0.85 * (1 - mix) + (tint[k] ?? 0) * mix) * ripple);
      }
    }
  }
}
