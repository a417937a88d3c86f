/** The generation pipeline shared by the twins: synthesise, then apply img2img or inpainting. */
import { blend, inpaint, resizeBilinear, resizeNearest } from './raster';
import type { Raster } from './raster';
import { synthesize } from './synth';
import type { SynthInput } from './synth';

export interface GenerationPlan extends Omit<SynthInput, 'sample'> {
  samples: number;
  /** img2img / inpainting source, any size: resized (bilinear) to width x height. */
  init?: Raster;
  /** Inpainting mask, any size: resized (nearest neighbour) to width x height. */
  mask?: Raster;
  /** How much of the generated picture replaces the init image (0..1). */
  strength?: number;
}

/** One raster per sample; sample i differs from the others only through its index. */
export function generate(plan: GenerationPlan): Raster[] {
  const { samples, init, mask, strength = 1, ...picture } = plan;
  const base = init ? resizeBilinear(init, plan.width, plan.height) : undefined;
  const hole = mask ? resizeNearest(mask, plan.width, plan.height) : undefined;
  const out: Raster[] = [];
  for (let sample = 0; sample < samples; sample++) {
    const generated = synthesize({ ...picture, sample });
    if (base && hole) out.push(inpaint(base, generated, hole, strength));
    else if (base) out.push(blend(base, generated, strength));
    else out.push(generated);
  }
  return out;
}

/** An init image's size capped at `max` per side (and floored to a multiple of `step`). */
export function fitSize(init: Raster, max: number, step = 1): { width: number; height: number } {
  const side = (n: number) => Math.max(step, Math.floor(Math.min(n, max) / step) * step);
  return { width: side(init.width), height: side(init.height) };
}
