import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { param } from '../param';
import { allEndpoints, getEndpoint } from '../registry';
import { describeSchema, initialFormValues } from './describe';
import { normalizeValues } from './form-values';

describe('describeSchema on the real endpoints', () => {
  it('renders every documented parameter of every endpoint (no configuration errors)', () => {
    for (const ep of allEndpoints()) {
      for (const f of describeSchema(ep.schema)) {
        expect(f.kind, `${ep.id}.${f.name}: ${f.problem}`).not.toBe('unsupported');
        expect(f.description, `${ep.id}.${f.name} has a description`).not.toBe('');
      }
    }
  });

  it('reads ModelsLab text2img ranges, enums and the seed marker', () => {
    const fields = describeSchema(getEndpoint('modelslab/text2img')!.schema);
    const by = Object.fromEntries(fields.map((f) => [f.name, f]));
    expect(by.width).toMatchObject({ kind: 'integer', max: 1024 });
    expect(by.num_inference_steps).toMatchObject({ kind: 'select', options: [21, 31, 41, 51] });
    expect(by.scheduler?.kind).toBe('select');
    expect(by.scheduler?.options).toHaveLength(18);
    expect(by.safety_checker_type?.options).toEqual(['blur', 'sensitive_content_text', 'pixelate', 'black']);
    expect(by.seed).toMatchObject({ kind: 'seed', randomValue: null });
    expect(by.prompt).toMatchObject({ kind: 'textarea', group: 'basic' });
    expect(by.model_id?.required).toBe(true);
  });

  it('reads Segmind sizes as a numeric choice and guidance as a bounded number', () => {
    const by = Object.fromEntries(describeSchema(getEndpoint('segmind/sd1.5-dreamshaper')!.schema).map((f) => [f.name, f]));
    expect(by.img_width).toMatchObject({ kind: 'select', options: [512, 768, 1024], defaultValue: 512 });
    expect(by.guidance_scale).toMatchObject({ kind: 'number', min: 0.1, max: 25, defaultValue: 7.5 });
    expect(by.num_inference_steps).toMatchObject({ kind: 'integer', min: 20, max: 100 });
    expect(by.seed).toMatchObject({ kind: 'seed', randomValue: -1 });
  });

  it('starts the DreamRender form at the document example', () => {
    const ep = getEndpoint('dreamrender/generate_image')!;
    const values = initialFormValues(describeSchema(ep.schema), ep.initialValues as Record<string, unknown>);
    expect(values).toMatchObject({ model: 'realisticVisionV60B1_v51VAE', prompt: 'shoe', width: 512, height: 512, seed: -1, negative_prompt: '' });
  });
});

describe('describeField on unsupported schemas', () => {
  it('marks a field without metadata or with an unknown type as unsupported, with the reason', () => {
    const schema = z.object({
      bare: z.string(),
      odd: param(z.array(z.string()), { description: 'a list', group: 'basic' }),
    });
    const [bare, odd] = describeSchema(schema);
    expect(bare).toMatchObject({ kind: 'unsupported' });
    expect(bare?.problem).toMatch(/no parameter metadata/);
    expect(odd).toMatchObject({ kind: 'unsupported' });
    expect(odd?.problem).toMatch(/array/);
  });
});

describe('normalizeValues', () => {
  const schema = z.object({
    prompt: param(z.string().min(1), { description: 'p', group: 'basic' }),
    negative_prompt: param(z.string().optional(), { description: 'n', group: 'basic' }),
    webhook: param(z.url().optional(), { description: 'w', group: 'advanced' }),
    steps: param(z.number().int().optional(), { description: 's', group: 'basic' }),
  });
  const fields = describeSchema(schema);
  it('drops empty boxes the API would reject, keeps an empty string it accepts', () => {
    expect(normalizeValues(schema, fields, { prompt: 'x', negative_prompt: '', webhook: '', steps: Number.NaN })).toEqual({ prompt: 'x', negative_prompt: '' });
  });
  it('keeps a required field even when empty, so validation names it', () => {
    expect(normalizeValues(schema, fields, { prompt: '' })).toEqual({ prompt: '' });
    expect(schema.safeParse(normalizeValues(schema, fields, { prompt: '' })).success).toBe(false);
  });
});
