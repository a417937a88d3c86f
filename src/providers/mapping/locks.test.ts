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
    expect(out.notes).toEqual(['num_inference_steps: 80 is above the maximum 50: 50 is sent.']);
  });

  it('leaves a blank locked value to the target’s draft', () => {
    expect(carryLocked(ep('a1111/txt2img'), { prompt: 'x', seed: undefined }, ep('modelslab/img2img'), ['seed']).values).toEqual({ prompt: 'x' });
  });
});
