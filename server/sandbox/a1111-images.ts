/**
 * The AUTOMATIC1111 twin's pictures: init images and masks fitted to the output size by
 * `resize_mode`, the `inpainting_fill` start of the masked area, seeded noise for unfinished
 * steps, and the composite that keeps every kept-mask pixel equal to the fitted init image.
 */
import { Rng } from './prng';
import { blend, createRaster, inpaint, maskLuminance, resizeBilinear, resizeNearest } from './raster';
import type { Raster } from './raster';

type Resize = (src: Raster, width: number, height: number) => Raster;

function crop(src: Raster, left: number, top: number, width: number, height: number): Raster {
  const out = createRaster(width, height);
  for (let y = 0; y < height; y++) {
    const from = ((top + y) * src.width + left) * 4;
    out.data.set(src.data.subarray(from, from + width * 4), y * width * 4);
  }
  return out;
}

function paste(dst: Raster, src: Raster, left: number, top: number): void {
  for (let y = 0; y < src.height; y++) {
    dst.data.set(src.data.subarray(y * src.width * 4, (y + 1) * src.width * 4), ((top + y) * dst.width + left) * 4);
  }
}

/**
 * `resize_mode`: 0 (and 3, latent upscale) stretch to the size; 1 scale to cover, then crop the
 * centre; 2 scale to fit, centred over a stretched copy that fills the rest.
 */
export function fitImage(src: Raster, width: number, height: number, mode: number, resize: Resize): Raster {
  if (mode === 1) {
    const scale = Math.max(width / src.width, height / src.height);
    const scaled = resize(src, Math.max(width, Math.round(src.width * scale)), Math.max(height, Math.round(src.height * scale)));
    return crop(scaled, (scaled.width - width) >> 1, (scaled.height - height) >> 1, width, height);
  }
  const out = resize(src, width, height);
  if (mode !== 2) return out;
  const scale = Math.min(width / src.width, height / src.height);
  const scaled = resize(src, Math.min(width, Math.max(1, Math.round(src.width * scale))), Math.min(height, Math.max(1, Math.round(src.height * scale))));
  paste(out, scaled, (width - scaled.width) >> 1, (height - scaled.height) >> 1);
  return out;
}

export const fitInit = (init: Raster, width: number, height: number, mode: number) => fitImage(init, width, height, mode, resizeBilinear);
export const fitMask = (mask: Raster, width: number, height: number, mode: number) => fitImage(mask, width, height, mode, resizeNearest);

/** White where the picture is repainted: the mask itself, or its negative for `inpainting_mask_invert: 1`. */
export function paintMask(mask: Raster, invert: boolean): Raster {
  if (!invert) return mask;
  const lum = maskLuminance(mask);
  const out = createRaster(mask.width, mask.height);
  for (let p = 0; p < lum.length; p++) {
    const v = 255 - (lum[p] ?? 0);
    out.data.set([v, v, v, 255], p * 4);
  }
  return out;
}

/** Seeded RGB noise: what a picture looks like before its first step. */
export function noise(seed: number, width: number, height: number): Raster {
  const rng = new Rng(seed ^ 0x5bd1e995);
  const out = createRaster(width, height);
  for (let i = 0; i < out.data.length; i += 4) {
    out.data[i] = rng.int(0, 255);
    out.data[i + 1] = rng.int(0, 255);
    out.data[i + 2] = rng.int(0, 255);
    out.data[i + 3] = 255;
  }
  return out;
}

/** The mean colour of the init pixels the mask keeps (the "fill" start), opaque. */
function keptMean(init: Raster, mask: Raster): Raster {
  const lum = maskLuminance(mask);
  const sum = [0, 0, 0];
  let count = 0;
  for (let p = 0; p < lum.length; p++) {
    if ((lum[p] ?? 0) >= 128) continue;
    for (let k = 0; k < 3; k++) sum[k] = (sum[k] ?? 0) + (init.data[p * 4 + k] ?? 0);
    count++;
  }
  const out = createRaster(init.width, init.height);
  const rgb = sum.map((s) => (count === 0 ? 127 : Math.round(s / count)));
  for (let i = 0; i < out.data.length; i += 4) out.data.set([rgb[0] ?? 127, rgb[1] ?? 127, rgb[2] ?? 127, 255], i);
  return out;
}

export interface Composition {
  /** The init image fitted to the output size (img2img). */
  init?: Raster;
  /** White = repaint, already fitted and inverted when asked (inpainting). */
  mask?: Raster;
  /** denoising_strength. */
  strength: number;
  /** inpainting_fill: 0 fill, 1 original, 2 latent noise, 3 latent nothing. */
  fill: number;
  /** Noise for this picture's seed, for the fill "latent noise" and unfinished steps. */
  noise: Raster;
}

/**
 * The output picture from the synthesised one, `done` of the way (0..1) through sampling.
 * txt2img: the picture emerging from noise. img2img: init blended with it by the strength.
 * Inpainting: outside the mask the fitted init pixel exactly; inside, the fill start blended
 * with the picture by the strength.
 */
export function compose(generated: Raster, c: Composition, done: number): Raster {
  const picture = done >= 1 ? generated : blend(c.noise, generated, done);
  if (!c.init) return picture;
  if (!c.mask) return blend(c.init, picture, c.strength);
  const start = c.fill === 1 ? c.init : c.fill === 2 ? c.noise : c.fill === 3 ? flat(c.init, 127) : keptMean(c.init, c.mask);
  return inpaint(c.init, blend(start, picture, c.strength), c.mask, 1);
}

function flat(like: Raster, value: number): Raster {
  const out = createRaster(like.width, like.height);
  out.data.fill(value);
  for (let i = 3; i < out.data.length; i += 4) out.data[i] = 255;
  return out;
}

/** A small copy for live previews (the longer side at most `max` pixels). */
export function previewSize(raster: Raster, max = 256): Raster {
  const scale = Math.min(1, max / Math.max(raster.width, raster.height));
  if (scale === 1) return raster;
  return resizeBilinear(raster, Math.max(1, Math.round(raster.width * scale)), Math.max(1, Math.round(raster.height * scale)));
}
