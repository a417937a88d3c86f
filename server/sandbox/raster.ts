/** RGBA pixel buffers and the pixel operations the twins need: resize, img2img blend, inpainting. */

export interface Raster {
  width: number;
  height: number;
  /** RGBA, 8 bits per channel, row-major, no padding: length = width * height * 4. */
  data: Uint8Array;
}

export function createRaster(width: number, height: number): Raster {
  return { width, height, data: new Uint8Array(width * height * 4) };
}

/** Bilinear resize with pixel-centre alignment (used for init images). Same size returns an exact copy. */
export function resizeBilinear(src: Raster, width: number, height: number): Raster {
  if (src.width === width && src.height === height) return { width, height, data: src.data.slice() };
  const out = createRaster(width, height);
  const sx = src.width / width;
  const sy = src.height / height;
  const maxX = src.width - 1;
  const maxY = src.height - 1;
  // Per-column source indices and weights are shared by every row.
  const x0s = new Int32Array(width);
  const x1s = new Int32Array(width);
  const fxs = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), maxX);
    const x0 = Math.floor(fx);
    x0s[x] = x0 * 4;
    x1s[x] = Math.min(x0 + 1, maxX) * 4;
    fxs[x] = fx - x0;
  }
  const s = src.data;
  const d = out.data;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), maxY);
    const y0 = Math.floor(fy);
    const wy = fy - y0;
    const row0 = y0 * src.width * 4;
    const row1 = Math.min(y0 + 1, maxY) * src.width * 4;
    let o = y * width * 4;
    for (let x = 0; x < width; x++) {
      const wx = fxs[x] ?? 0;
      const a = row0 + (x0s[x] ?? 0);
      const b = row0 + (x1s[x] ?? 0);
      const c = row1 + (x0s[x] ?? 0);
      const e = row1 + (x1s[x] ?? 0);
      for (let k = 0; k < 4; k++) {
        const top = (s[a + k] ?? 0) + ((s[b + k] ?? 0) - (s[a + k] ?? 0)) * wx;
        const bottom = (s[c + k] ?? 0) + ((s[e + k] ?? 0) - (s[c + k] ?? 0)) * wx;
        d[o++] = Math.round(top + (bottom - top) * wy);
      }
    }
  }
  return out;
}

/** The pixels as one 32-bit word each, for reading (copies first when the bytes are not 4-byte aligned). */
function u32View(data: Uint8Array): Uint32Array {
  const aligned = data.byteOffset % 4 === 0 ? data : data.slice();
  return new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.length >> 2);
}

/** Nearest-neighbour resize (used for masks: keeps them hard-edged). Same size returns an exact copy. */
export function resizeNearest(src: Raster, width: number, height: number): Raster {
  if (src.width === width && src.height === height) return { width, height, data: src.data.slice() };
  const out = createRaster(width, height);
  const s32 = u32View(src.data);
  const d32 = new Uint32Array(out.data.buffer, 0, width * height);
  const cols = new Int32Array(width);
  for (let x = 0; x < width; x++) cols[x] = Math.min(Math.floor(((x + 0.5) * src.width) / width), src.width - 1);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(Math.floor(((y + 0.5) * src.height) / height), src.height - 1);
    const srcRow = sy * src.width;
    const dstRow = y * width;
    for (let x = 0; x < width; x++) d32[dstRow + x] = s32[srcRow + (cols[x] ?? 0)] ?? 0;
  }
  return out;
}

function sameSize(a: Raster, b: Raster, what: string): void {
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`${what}: size mismatch ${a.width}x${a.height} vs ${b.width}x${b.height}`);
  }
}

/**
 * img2img: `init * (1 - strength) + generated * strength`, per channel, rounded.
 * strength 0 gives the init image exactly, strength 1 the generated picture exactly.
 */
export function blend(init: Raster, generated: Raster, strength: number): Raster {
  sameSize(init, generated, 'blend');
  const out = createRaster(init.width, init.height);
  const s = Math.min(Math.max(strength, 0), 1);
  const a = init.data;
  const g = generated.data;
  const d = out.data;
  for (let i = 0; i < d.length; i++) {
    const base = a[i] ?? 0;
    d[i] = Math.round(base + ((g[i] ?? 0) - base) * s);
  }
  return out;
}

/**
 * Mask luminance per pixel (0..255): 0.299 R + 0.587 G + 0.114 B, scaled by alpha,
 * so a transparent mask pixel counts as black (keep).
 */
export function maskLuminance(mask: Raster): Uint8Array {
  const out = new Uint8Array(mask.width * mask.height);
  const m = mask.data;
  for (let p = 0, i = 0; p < out.length; p++, i += 4) {
    const lum = 0.299 * (m[i] ?? 0) + 0.587 * (m[i + 1] ?? 0) + 0.114 * (m[i + 2] ?? 0);
    out[p] = Math.round((lum * (m[i + 3] ?? 0)) / 255);
  }
  return out;
}

/**
 * Inpainting: where the mask's luminance is >= 128 the pixel is repainted (the init pixel blended
 * with the generated one by `strength`); everywhere else the init pixel is copied unchanged.
 * All three rasters must already have the output size.
 */
export function inpaint(init: Raster, generated: Raster, mask: Raster, strength: number): Raster {
  sameSize(init, generated, 'inpaint');
  sameSize(init, mask, 'inpaint mask');
  const lum = maskLuminance(mask);
  const out = { width: init.width, height: init.height, data: init.data.slice() };
  const s = Math.min(Math.max(strength, 0), 1);
  const g = generated.data;
  const d = out.data;
  for (let p = 0; p < lum.length; p++) {
    if ((lum[p] ?? 0) < 128) continue;
    const i = p * 4;
    for (let k = 0; k < 4; k++) {
      const base = d[i + k] ?? 0;
      d[i + k] = Math.round(base + ((g[i + k] ?? 0) - base) * s);
    }
  }
  return out;
}
