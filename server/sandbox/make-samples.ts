/**
 * Writes the demo/test samples in public/samples: init-512.png (a landscape from the
 * synthesiser, fixed seed) and mask-512.png (black, a white disc in the middle).
 * Run: npx tsx server/sandbox/make-samples.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodePng } from './png';
import { createRaster } from './raster';
import type { Raster } from './raster';
import { synthesize } from './synth';

export const SAMPLE_SIZE = 512;

export function sampleInit(): Raster {
  return synthesize({
    provider: 'sample',
    model: 'sample',
    prompt: 'a quiet lake at sunset with a lone tree',
    negativePrompt: '',
    seed: 7,
    width: SAMPLE_SIZE,
    height: SAMPLE_SIZE,
    sample: 0,
  });
}

/** White (255) inside a disc of radius 128 around the centre, black elsewhere, hard-edged. */
export function sampleMask(): Raster {
  const mask = createRaster(SAMPLE_SIZE, SAMPLE_SIZE);
  const c = SAMPLE_SIZE / 2;
  for (let y = 0; y < SAMPLE_SIZE; y++) {
    for (let x = 0; x < SAMPLE_SIZE; x++) {
      const inside = (x + 0.5 - c) ** 2 + (y + 0.5 - c) ** 2 <= 128 ** 2;
      const v = inside ? 255 : 0;
      mask.data.set([v, v, v, 255], (y * SAMPLE_SIZE + x) * 4);
    }
  }
  return mask;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = fileURLToPath(new URL('../../public/samples/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}init-512.png`, encodePng(sampleInit()));
  writeFileSync(`${dir}mask-512.png`, encodePng(sampleMask()));
  console.log('wrote public/samples/init-512.png and public/samples/mask-512.png');
}
