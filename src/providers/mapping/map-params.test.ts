import { describe, expect, it } from 'vitest';
import { getEndpoint } from '../registry';
import { mapTarget } from './map-params';
import type { SharedParams } from './shared-params';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const base: SharedParams = { prompt: 'a lighthouse', negativePrompt: 'blurry', seed: 1234, width: 512, height: 512, steps: 30, guidance: 7.5, samples: 1 };
const target = (endpointId: string, extra: { model?: string; overrides?: string } = {}) => ({ id: endpointId, endpointId, ...extra });
const row = (m: ReturnType<typeof mapTarget>, field: string) => m.rows.find((r) => r.field === field);

describe('mapTarget: names from the schema roles', () => {
  it('maps the shared values onto each endpoint’s own names', () => {
    const dr = mapTarget(target('dreamrender/generate_image'), base);
    expect(dr.sendable).toBe(true);
    expect(dr.params).toMatchObject({ prompt: 'a lighthouse', negative_prompt: 'blurry', seed: 1234, width: 512, height: 512, steps: 30, cfg_scale: 7.5 });

    const sg = mapTarget(target('segmind/sd1.5-dreamshaper'), base);
    expect(sg.params).toMatchObject({ prompt: 'a lighthouse', img_width: 512, img_height: 512, num_inference_steps: 30, guidance_scale: 7.5, seed: 1234, samples: 1 });

    const inpaint = mapTarget(target('modelslab/inpaint'), { ...base, initImage: PNG, mask: PNG, strength: 0.8 });
    expect(inpaint.sendable).toBe(true);
    expect(inpaint.params).toMatchObject({ steps: 30, init_image: PNG, mask_image: PNG, strength: 0.8 });
    expect(inpaint.params).not.toHaveProperty('num_inference_steps');
  });

  it('never sends an endpoint’s example prompt or negative prompt in place of an empty one', () => {
    const sg = mapTarget(target('segmind/sd1.5-dreamshaper'), { ...base, negativePrompt: '' });
    expect(sg.params.negative_prompt ?? '').toBe('');
  });

  it('uses the endpoint default for a shared number left empty', () => {
    const m = mapTarget(target('modelslab/text2img'), { prompt: 'x', negativePrompt: '' });
    expect(row(m, 'num_inference_steps')).toMatchObject({ status: 'default', value: 31 });
    expect(m.sendable).toBe(true);
  });

  it('keeps a random seed random before Run, with a note', () => {
    const m = mapTarget(target('segmind/sd1.5-dreamshaper'), { prompt: 'x', negativePrompt: '' });
    expect(m.params.seed).toBe(-1);
    expect(row(m, 'seed')?.note).toMatch(/drawn at Run/);
    expect(mapTarget(target('modelslab/text2img'), { prompt: 'x', negativePrompt: '' }).params.seed).toBeNull();
  });

  it('sets the model per target', () => {
    const m = mapTarget(target('modelslab/text2img', { model: 'anything-v5' }), base);
    expect(m.params.model_id).toBe('anything-v5');
    expect(mapTarget(target('modelslab/text2img'), base).params.model_id).toBe('midjourney-v4-painta');
  });
});

describe('mapTarget: adjustments are visible warnings', () => {
  it('Segmind steps start at 20; ModelsLab img2img steps end at 50', () => {
    const sg = mapTarget(target('segmind/sd1.5-dreamshaper'), { ...base, steps: 10 });
    expect(sg.params.num_inference_steps).toBe(20);
    expect(sg.warnings).toEqual(['num_inference_steps: 10 is below the minimum 20: 20 is sent']);
    const ml = mapTarget(target('modelslab/img2img'), { ...base, steps: 80, initImage: PNG });
    expect(ml.params.num_inference_steps).toBe(50);
    expect(row(ml, 'num_inference_steps')).toMatchObject({ status: 'adjusted', severity: 'warning' });
  });

  it('ModelsLab text2img steps snap to 21/31/41/51; Segmind sizes to 512/768/1024', () => {
    const ml = mapTarget(target('modelslab/text2img'), { ...base, steps: 30 });
    expect(ml.params.num_inference_steps).toBe(31);
    const sg = mapTarget(target('segmind/sd1.5-dreamshaper'), { ...base, width: 600, height: 700 });
    expect(sg.params).toMatchObject({ img_width: 512, img_height: 768 });
    expect(sg.warnings).toHaveLength(2);
  });

  it('ModelsLab sizes become multiples of 8 within 1024', () => {
    const ml = mapTarget(target('modelslab/text2img'), { ...base, width: 1500, height: 300, steps: 31 });
    expect(ml.params).toMatchObject({ width: 1024, height: 304 });
    expect(ml.warnings).toEqual(['width: 1500 is above the maximum 1024: 1024 is sent', 'height: 300 is not a multiple of 8: 304 is sent']);
  });

  it('guidance is clamped per endpoint', () => {
    expect(mapTarget(target('modelslab/text2img'), { ...base, guidance: 0.5 }).params.guidance_scale).toBe(1);
    expect(mapTarget(target('segmind/sd1.5-dreamshaper'), { ...base, guidance: 0.5 }).params.guidance_scale).toBe(0.5);
  });

  it('translates scheduler names, and omits one with no equivalent', () => {
    const sg = mapTarget(target('segmind/sd1.5-img2img'), { ...base, scheduler: 'EulerAncestralDiscreteScheduler', initImage: PNG });
    expect(sg.params.scheduler).toBe('Euler a');
    expect(row(sg, 'scheduler')).toMatchObject({ status: 'adjusted', note: '"EulerAncestralDiscreteScheduler" is called "Euler a" here' });

    const ml = mapTarget(target('modelslab/text2img'), { ...base, scheduler: 'dpmpp_sde_ancestral' });
    expect(ml.sendable).toBe(true);
    expect(ml.params).not.toHaveProperty('scheduler');
    expect(row(ml, 'scheduler')).toMatchObject({ status: 'omitted', severity: 'warning' });

    // The dreamshaper scheduler has a schema default, which is what goes out instead.
    const ds = mapTarget(target('segmind/sd1.5-dreamshaper'), { ...base, scheduler: 'LCMScheduler' });
    expect(row(ds, 'scheduler')?.note).toMatch(/no equivalent of "LCMScheduler": not sent; the schema default "UniPC" applies/);
  });

  it('says which shared values an endpoint does not take', () => {
    const dr = mapTarget(target('dreamrender/generate_image'), { ...base, samples: 2, scheduler: 'Euler', initImage: PNG });
    const notTaken = dr.rows.filter((r) => r.status === 'not-taken').map((r) => r.key);
    expect(notTaken).toEqual(['scheduler', 'samples', 'initImage']);
    expect(dr.sendable).toBe(true);
    const sg = mapTarget(target('segmind/sd1.5-inpainting'), { ...base, initImage: PNG, mask: PNG });
    expect(sg.rows.find((r) => r.key === 'width')?.note).toMatch(/size follows the init image/);
  });
});

describe('mapTarget: overrides and validation', () => {
  it('per-target overrides win over shared values', () => {
    const m = mapTarget(target('segmind/sd1.5-dreamshaper', { overrides: 'num_inference_steps=40\nbase64=true' }), { ...base, steps: 10 });
    expect(m.params).toMatchObject({ num_inference_steps: 40, base64: true });
    expect(row(m, 'num_inference_steps')).toMatchObject({ status: 'override', value: 40 });
    expect(row(m, 'base64')).toMatchObject({ key: 'override', status: 'override' });
    expect(m.warnings).toEqual([]);
  });

  it('an override the schema rejects makes the target not sendable, with the reason', () => {
    const m = mapTarget(target('segmind/sd1.5-dreamshaper', { overrides: 'num_inference_steps=5' }), base);
    expect(m.sendable).toBe(false);
    expect(m.problems).toEqual([expect.stringMatching(/^num_inference_steps: /)]);
    expect(row(m, 'num_inference_steps')?.severity).toBe('error');
  });

  it('bad override lines are problems too', () => {
    const m = mapTarget(target('modelslab/text2img', { overrides: 'nope=1' }), base);
    expect(m.sendable).toBe(false);
    expect(m.problems).toEqual(['Overrides, line 1: this endpoint has no parameter "nope"']);
  });

  it('an inpainting target without init image and mask is not sendable, in plain words', () => {
    const m = mapTarget(target('segmind/sd1.5-inpainting'), base);
    expect(m.sendable).toBe(false);
    expect(m.problems).toEqual(['sd1.5-inpainting needs an init image', 'sd1.5-inpainting needs a mask']);
  });

  it('an empty prompt where the schema needs one is not sendable', () => {
    const m = mapTarget(target('segmind/sd1.5-dreamshaper'), { ...base, prompt: '' });
    expect(m.sendable).toBe(false);
    expect(m.problems[0]).toMatch(/^prompt: /);
  });

  it('whatever is sendable passes the endpoint schema', () => {
    const weird: SharedParams = { prompt: 'x', negativePrompt: '', seed: 5_000_000_000, width: 3000, height: 1, steps: 0.4, guidance: 99, samples: 9, strength: 3, scheduler: 'Heun', initImage: PNG, mask: PNG };
    for (const id of ['dreamrender/generate_image', 'modelslab/text2img', 'modelslab/img2img', 'modelslab/inpaint', 'segmind/sd1.5-dreamshaper', 'segmind/sd1.5-img2img', 'segmind/sd1.5-inpainting']) {
      const m = mapTarget(target(id), weird);
      expect(m.sendable, `${id}: ${m.problems.join('; ')}`).toBe(true);
      expect(getEndpoint(id)!.schema.safeParse(m.params).success).toBe(true);
    }
  });

  it('an unknown endpoint is not sendable', () => {
    expect(mapTarget(target('nowhere/x'), base)).toMatchObject({ sendable: false, problems: ['There is no endpoint "nowhere/x".'] });
  });
});

describe('mapTarget: named sizes (Replicate aspect_ratio, fal image_size)', () => {
  it('width × height become the aspect ratio, with a warning that the model picks the pixels', () => {
    const m = mapTarget(target('replicate/black-forest-labs/flux-schnell'), { ...base, width: 1024, height: 576 });
    expect(m.sendable).toBe(true);
    expect(m.params.aspect_ratio).toBe('16:9');
    expect(m.rows.filter((r) => r.key === 'width' || r.key === 'height')).toEqual([]);
    expect(row(m, 'aspect_ratio')).toMatchObject({ key: 'size', shared: '1024×576', status: 'adjusted', severity: 'warning' });
    expect(m.warnings).toContain('aspect_ratio: 1024×576 sent as the aspect ratio "16:9": the model picks the pixel size');
  });

  it('a fal preset is sent as it is when the size is one, else the nearest with the size it makes', () => {
    const exact = mapTarget(target('fal/fal-ai/flux/schnell'), { ...base, width: 1024, height: 768 });
    expect(exact.params.image_size).toBe('landscape_4_3');
    expect(row(exact, 'image_size')).toMatchObject({ status: 'sent', severity: 'ok' });
    expect(exact.warnings.filter((w) => w.startsWith('image_size'))).toEqual([]);
    const near = mapTarget(target('fal/fal-ai/flux/schnell'), { ...base, width: 640, height: 640 });
    expect(near.params.image_size).toBe('square');
    expect(near.warnings).toContain('image_size: 640×640 has no preset: "square" makes 512×512');
  });

  it('only one of width and height, or none: the endpoint default, said so', () => {
    const one = mapTarget(target('fal/fal-ai/flux/schnell'), { ...base, width: 1024, height: undefined });
    expect(one.params.image_size).toBe('landscape_4_3');
    expect(row(one, 'image_size')).toMatchObject({ status: 'default', severity: 'info' });
    const none = mapTarget(target('replicate/black-forest-labs/flux-schnell'), { prompt: 'x', negativePrompt: '' });
    expect(row(none, 'aspect_ratio')).toMatchObject({ status: 'default', value: '1:1' });
  });

  it('an inpainting fill model has no size: width and height are not taken, the image decides', () => {
    const m = mapTarget(target('fal/fal-ai/flux-pro/v1/fill'), { ...base, initImage: PNG, mask: PNG });
    expect(m.rows.find((r) => r.key === 'width')).toMatchObject({ status: 'not-taken', note: expect.stringMatching(/size follows the init image/) });
  });
});
