import { describe, expect, it } from 'vitest';
import { getEndpoint } from '../registry';
import { carriedRoles, carryLocked, isLockId, locksOf } from './locks';

const ep = (id: string) => getEndpoint(id)!;

describe('locks', () => {
  it('offers the locks an endpoint has a field for', () => {
    expect(locksOf(ep('segmind/sd1.5-dreamshaper'))).toEqual(['seed', 'size', 'steps', 'guidance']);
    expect(locksOf(ep('segmind/sd1.5-img2img'))).toEqual(['seed', 'steps', 'guidance']);
    expect(locksOf(ep('fal/fal-ai/flux-pro/v1/fill'))).toEqual(['seed']);
    expect(isLockId('steps')).toBe(true);
    expect(isLockId('prompt')).toBe(false);
  });

  it('carries the prompts always and locked roles only', () => {
    expect(carriedRoles([])).toEqual(['prompt', 'negativePrompt']);
    expect(carriedRoles(['size', 'seed'])).toEqual(['prompt', 'negativePrompt', 'seed', 'width', 'height', 'size']);
  });

  it('maps locked values by role under the target’s names; unlocked ones stay behind', () => {
    const values = { prompt: 'a fox', negative_prompt: 'blurry', seed: 4242, num_inference_steps: 45, guidance_scale: 12, img_width: 768, img_height: 512 };
    const out = carryLocked(ep('segmind/sd1.5-dreamshaper'), values, ep('a1111/txt2img'), ['seed', 'steps']);
    expect(out).toEqual({ values: { prompt: 'a fox', negative_prompt: 'blurry', seed: 4242, steps: 45 }, notes: [] });
    const sized = carryLocked(ep('segmind/sd1.5-dreamshaper'), values, ep('a1111/txt2img'), ['size', 'guidance']);
    expect(sized.values).toMatchObject({ width: 768, height: 512, cfg_scale: 12 });
    expect(sized.values).not.toHaveProperty('seed');
  });

  it('fits a locked number to the target and says so', () => {
    const out = carryLocked(ep('a1111/txt2img'), { prompt: 'x', steps: 80, seed: 9 }, ep('modelslab/img2img'), ['steps', 'seed']);
    expect(out.values).toMatchObject({ num_inference_steps: 50, seed: 9 });
    // The note says what the lock did to the next form, not what Compare would send.
    expect(out.notes).toEqual(['num_inference_steps: 80 is above the maximum 50: set to 50.']);
    const fitted = carryLocked(ep('a1111/txt2img'), { prompt: 'x', width: 700, height: 512 }, ep('segmind/sd1.5-dreamshaper'), ['size']);
    expect(fitted.values).toMatchObject({ img_width: 768, img_height: 512 });
    expect(fitted.notes).toEqual(['img_width: 700 is not one of 512, 768, 1024: set to the nearest, 768.']);
  });

  it('maps a locked width × height to an endpoint that takes an aspect ratio or a size preset instead, as Compare does', () => {
    const flux = ep('replicate/black-forest-labs/flux-schnell');
    const fal = ep('fal/fal-ai/flux/schnell');
    expect(locksOf(flux)).toContain('size');
    const wide = carryLocked(ep('a1111/txt2img'), { prompt: 'x', width: 1024, height: 576 }, flux, ['size']);
    expect(wide.values).toEqual({ prompt: 'x', aspect_ratio: '16:9' });
    expect(wide.notes).toEqual(['aspect_ratio: 1024×576 set as the aspect ratio "16:9" (the model picks the pixel size).']);
    const odd = carryLocked(ep('a1111/txt2img'), { prompt: 'x', width: 1000, height: 512 }, flux, ['size']);
    expect(odd.values).toMatchObject({ aspect_ratio: '16:9' });
    expect(odd.notes).toEqual(['aspect_ratio: 1000×512 has no aspect ratio of its own here: set to the nearest, "16:9" (the model picks the pixel size).']);
    // A fal preset that names exactly the size: no note; another size: the preset's own size is said.
    expect(carryLocked(ep('modelslab/text2img'), { prompt: 'x', width: 1024, height: 768 }, fal, ['size'])).toEqual({ values: { prompt: 'x', image_size: 'landscape_4_3' }, notes: [] });
    expect(carryLocked(ep('modelslab/text2img'), { prompt: 'x', width: 512, height: 512 }, fal, ['size']).values).toMatchObject({ image_size: 'square' });
    expect(carryLocked(ep('modelslab/text2img'), { prompt: 'x', width: 640, height: 480 }, fal, ['size']).notes).toEqual([
      'image_size: 640×480 has no preset: set to "landscape_4_3" (1024×768).',
    ]);
    // Unlocked, the size stays behind; a ratio from one named size that the next one does not offer is left as its draft had it.
    expect(carryLocked(ep('a1111/txt2img'), { prompt: 'x', width: 1024, height: 576 }, flux, []).values).toEqual({ prompt: 'x' });
    const back = carryLocked(flux, { prompt: 'x', aspect_ratio: '21:9' }, fal, ['size']);
    expect(back).toEqual({ values: { prompt: 'x' }, notes: ['image_size: "21:9" is not one of its choices, left as it was.'] });
    expect(carryLocked(flux, { prompt: 'x', aspect_ratio: '3:2' }, flux, ['size']).values).toEqual({ prompt: 'x', aspect_ratio: '3:2' });
  });

  it('leaves a blank locked value to the target’s draft', () => {
    expect(carryLocked(ep('a1111/txt2img'), { prompt: 'x', seed: undefined }, ep('modelslab/img2img'), ['seed']).values).toEqual({ prompt: 'x' });
  });
});
