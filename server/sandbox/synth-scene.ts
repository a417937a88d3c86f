/**
 * Scene planning: turns the request's inputs into a small deterministic plan (palette, sun,
 * clouds, hill layers, water, subject). Rendering lives in synth.ts. Coordinates are fractions
 * of the image (x of the width, y of the height; sizes of the shorter side), so a scene keeps its
 * look at every output size.
 */
import { hashString, Rng } from './prng';

export type Rgb = [number, number, number];
export type Mood = 'day' | 'sunset' | 'dawn' | 'night';
export type Terrain = 'meadow' | 'forest' | 'snow' | 'desert' | 'autumn' | 'rocky';
export type Subject = 'tree' | 'house' | 'tower' | 'sphere' | 'vase';

export interface SynthInput {
  provider: string;
  model: string;
  prompt: string;
  negativePrompt: string;
  seed: number;
  width: number;
  height: number;
  /** 0-based index of the picture within one request (samples). */
  sample: number;
  /** DreamRender `styles`; '' or 'None' means no style. */
  style?: string;
  /** Prompt enhancement: a graded, vignetted "enhanced" look. */
  enhance?: boolean;
  /** DreamRender designer: the subject alone on a transparent background. */
  designer?: boolean;
  /** DreamRender enable_hr: fine texture on the terrain. */
  detail?: boolean;
  /** Guidance / cfg scale: 7.5 is neutral, higher is more saturated, lower more muted. */
  guidance?: number;
  /** Inference steps: below 20 the picture keeps some grain ("not fully denoised"). */
  steps?: number;
}

export interface HillLayer {
  /** Baseline of the ridge (fraction of the height). */
  base: number;
  waves: { freq: number; amp: number; phase: number }[];
  /** Sharp mountain peaks instead of rolling hills. */
  ridged: boolean;
  color: Rgb;
  /** Snow caps above this height (fraction), or null. */
  snowLine: number | null;
}

export interface Cloud {
  x: number;
  y: number;
  puffs: { dx: number; dy: number; r: number }[];
}

export interface Scene {
  mood: Mood;
  terrain: Terrain;
  subject: Subject;
  skyTop: Rgb;
  skyHorizon: Rgb;
  horizon: number;
  sun: { x: number; y: number; r: number; color: Rgb; glow: Rgb; moon: boolean; phase: number };
  clouds: Cloud[];
  cloudColor: Rgb;
  stars: number;
  layers: HillLayer[];
  water: { y: number; tint: Rgb } | null;
  subjectAt: { x: number; size: number; hue: number };
  /** Seed for per-pixel details (stars, grain, texture). */
  detailSeed: number;
}

export function hsl(h: number, s: number, l: number): Rgb {
  const hue = (((h % 360) + 360) % 360) / 60;
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const x = c * (1 - Math.abs((hue % 2) - 1));
  const m = l - c / 2;
  const [r, g, b] =
    hue < 1 ? [c, x, 0] : hue < 2 ? [x, c, 0] : hue < 3 ? [0, c, x] : hue < 4 ? [0, x, c] : hue < 5 ? [x, 0, c] : [c, 0, x];
  return [(r + m) * 255, (g + m) * 255, (b + m) * 255];
}

export function mixRgb(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

function saturate(c: Rgb, factor: number): Rgb {
  const l = 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
  return c.map((v) => Math.min(255, Math.max(0, l + (v - l) * factor))) as Rgb;
}

/** Finds the first keyword group with a word that occurs in the prompt. */
function keyword<T extends string>(prompt: string, groups: [T, string[]][]): T | undefined {
  for (const [value, words] of groups) if (words.some((w) => prompt.includes(w))) return value;
  return undefined;
}

const MOOD_WORDS: [Mood, string[]][] = [
  ['night', ['night', 'moon', 'star', 'midnight', 'dark', 'spooky', 'haunting']],
  ['sunset', ['sunset', 'dusk', 'evening', 'golden hour', 'twilight']],
  ['dawn', ['dawn', 'sunrise', 'morning', 'pastel']],
  ['day', ['noon', 'sunny', 'daylight', 'bright', 'summer']],
];
const TERRAIN_WORDS: [Terrain, string[]][] = [
  ['snow', ['snow', 'winter', 'ice', 'frozen', 'arctic']],
  ['desert', ['desert', 'dune', 'sand', 'sahara', 'canyon']],
  ['autumn', ['autumn', 'fall', 'maple', 'harvest']],
  ['forest', ['forest', 'jungle', 'woods', 'pine']],
  ['rocky', ['rock', 'volcan', 'stone', 'mountain', 'cliff']],
  ['meadow', ['meadow', 'field', 'grass', 'spring', 'valley']],
];
const SUBJECT_WORDS: [Subject, string[]][] = [
  ['tower', ['tower', 'lighthouse', 'castle', 'spire']],
  ['tree', ['tree', 'forest', 'oak', 'pine']],
  ['house', ['house', 'home', 'cabin', 'village', 'cottage', 'building']],
  ['sphere', ['ball', 'sphere', 'orb', 'planet', 'bubble']],
  ['vase', ['vase', 'pot', 'bottle', 'cup', 'still life', 'shoe', 'product']],
];
const WATER_WORDS = ['lake', 'sea', 'ocean', 'river', 'water', 'beach', 'reflection', 'pond'];

const TERRAIN_COLOR: Record<Terrain, [number, number, number]> = {
  meadow: [95, 0.5, 0.36],
  forest: [135, 0.45, 0.24],
  snow: [210, 0.18, 0.86],
  desert: [36, 0.55, 0.6],
  autumn: [24, 0.65, 0.42],
  rocky: [20, 0.12, 0.34],
};

/**
 * The identity of a scene's layout. Style, enhancement, designer mode, detail, guidance and steps
 * are left out on purpose: they change the look of the same scene, so toggling them compares well.
 */
export function sceneKey(input: SynthInput): string {
  return JSON.stringify([input.provider, input.model, input.prompt, input.negativePrompt, input.seed, input.sample]);
}

export function planScene(input: SynthInput): Scene {
  const rng = new Rng(hashString(sceneKey(input)));
  const prompt = input.prompt.toLowerCase();
  const mood = keyword(prompt, MOOD_WORDS) ?? rng.pick<Mood>(['day', 'day', 'sunset', 'dawn', 'night']);
  const terrain = keyword(prompt, TERRAIN_WORDS) ?? rng.pick<Terrain>(['meadow', 'forest', 'snow', 'desert', 'autumn', 'rocky']);
  const subject = keyword(prompt, SUBJECT_WORDS) ?? rng.pick<Subject>(['tree', 'house', 'tower', 'sphere', 'vase']);
  const sat = Math.min(1.5, Math.max(0.5, 1 + ((input.guidance ?? 7.5) - 7.5) * 0.04));
  const tone = (c: Rgb): Rgb => saturate(c, sat);
  const shift = rng.range(-18, 18);

  const sky = {
    day: [hsl(212 + shift, 0.62, 0.45), hsl(200 + shift, 0.55, 0.82), hsl(50, 1, 0.92), hsl(50, 1, 0.8)],
    sunset: [hsl(255 + shift, 0.45, 0.28), hsl(24 + shift / 2, 0.9, 0.62), hsl(38, 1, 0.7), hsl(25, 1, 0.6)],
    dawn: [hsl(222 + shift, 0.42, 0.58), hsl(338 + shift, 0.62, 0.82), hsl(45, 1, 0.88), hsl(340, 0.8, 0.85)],
    night: [hsl(232 + shift, 0.55, 0.07), hsl(226 + shift, 0.42, 0.26), hsl(55, 0.3, 0.9), hsl(220, 0.5, 0.6)],
  }[mood];
  const [skyTop, skyHorizon, sunColor, glow] = sky as [Rgb, Rgb, Rgb, Rgb];
  const horizon = rng.range(0.5, 0.62);

  const low = mood === 'sunset' || mood === 'dawn';
  const sun = {
    x: rng.range(0.15, 0.85),
    y: low ? horizon - rng.range(0.06, 0.16) : rng.range(0.1, 0.28),
    r: low ? rng.range(0.06, 0.09) : rng.range(0.04, 0.065),
    color: tone(sunColor),
    glow: tone(glow),
    moon: mood === 'night',
    phase: rng.range(0.25, 0.6) * (rng.next() < 0.5 ? -1 : 1),
  };

  const cloudCount = mood === 'night' ? rng.int(0, 1) : rng.int(1, 4);
  const clouds: Cloud[] = [];
  for (let i = 0; i < cloudCount; i++) {
    const puffs = [];
    const n = rng.int(3, 6);
    const size = rng.range(0.035, 0.07);
    for (let k = 0; k < n; k++) {
      puffs.push({ dx: (k - (n - 1) / 2) * size * 0.9, dy: rng.range(-0.3, 0.3) * size, r: size * rng.range(0.7, 1.3) });
    }
    clouds.push({ x: rng.range(0.05, 0.95), y: rng.range(0.08, horizon - 0.18), puffs });
  }
  const cloudColor: Rgb = mood === 'night' ? [70, 76, 100] : mixRgb([255, 255, 255], skyHorizon, mood === 'day' ? 0.1 : 0.45);

  const [th, ts, tl] = TERRAIN_COLOR[terrain];
  const near = tone(hsl(th + shift / 2, ts, mood === 'night' ? tl * 0.45 : tl));
  const count = rng.int(3, 5);
  const layers: HillLayer[] = [];
  for (let i = 0; i < count; i++) {
    const depth = i / (count - 1); // 0 = farthest, 1 = nearest
    const ridged = depth < 0.5 && (terrain === 'rocky' || terrain === 'snow' || rng.next() < 0.6);
    const amp = ridged ? rng.range(0.1, 0.2) : rng.range(0.025, 0.06);
    layers.push({
      base: horizon + depth * (0.86 - horizon) + (ridged ? amp * 0.6 : 0),
      waves: [1, 2.5, 6].map((f, k) => ({
        freq: f * rng.range(0.7, 1.4),
        amp: (amp / (k + 1)) * rng.range(0.6, 1),
        phase: rng.range(0, Math.PI * 2),
      })),
      ridged,
      color: mixRgb(near, skyHorizon, (1 - depth) * 0.7),
      snowLine: ridged && (terrain === 'snow' || terrain === 'rocky' || rng.next() < 0.5) ? horizon - amp * 0.9 : null,
    });
  }

  const wantsWater = WATER_WORDS.some((w) => prompt.includes(w));
  const water =
    wantsWater || (terrain !== 'desert' && rng.next() < 0.25)
      ? { y: rng.range(0.72, 0.8), tint: tone(mixRgb(skyHorizon, [20, 60, 110], 0.5)) }
      : null;

  return {
    mood,
    terrain,
    subject,
    skyTop: tone(skyTop),
    skyHorizon: tone(skyHorizon),
    horizon,
    sun,
    clouds,
    cloudColor,
    stars: mood === 'night' ? rng.int(120, 260) : 0,
    layers,
    water,
    subjectAt: { x: rng.range(0.22, 0.78), size: rng.range(0.22, 0.32), hue: rng.range(0, 360) },
    detailSeed: rng.int(0, 0x7fffffff),
  };
}

/** Height of a hill layer's ridge (fraction of the image height) at horizontal position `x` (0..1). */
export function ridgeAt(layer: HillLayer, x: number): number {
  let lift = 0;
  for (const w of layer.waves) {
    const s = Math.sin(x * w.freq * Math.PI * 2 + w.phase);
    lift += layer.ridged ? w.amp * (1 - Math.abs(s)) * 1.6 : w.amp * s;
  }
  return layer.base - lift;
}
