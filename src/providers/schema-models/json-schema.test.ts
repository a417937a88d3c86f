import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { describeSchema } from '../fields/describe';
import { paramMeta } from '../param';
import { encodeParams } from '../shared/request';
import schnell from '../fixtures/replicate/flux-schnell.model.json';
import schnellV2 from '../fixtures/replicate/flux-schnell-v2.model.json';
import fillDev from '../fixtures/replicate/flux-fill-dev.model.json';
import sdxl from '../fixtures/replicate/sdxl.model.json';
import falSchnell from '../fixtures/fal/flux-schnell.openapi.json';
import falFill from '../fixtures/fal/flux-pro-fill.openapi.json';
import { convertInputSchema, localResolver } from './json-schema';
import type { JsonSchema } from './json-schema';

function replicate(model: { latest_version: { openapi_schema: unknown } }) {
  const doc = model.latest_version.openapi_schema as { components: { schemas: { Input: JsonSchema } } };
  return convertInputSchema(doc.components.schemas.Input, { resolve: localResolver(doc), imageWire: 'dataUri' });
}

function fal(doc: { components: { schemas: Record<string, JsonSchema> } }, input: string) {
  return convertInputSchema(doc.components.schemas[input]!, { resolve: localResolver(doc), imageWire: 'dataUri' });
}

const fields = (c: ReturnType<typeof replicate>) => describeSchema(c.schema);

describe('a Replicate schema (Cog) becomes an endpoint schema', () => {
  it('orders flux-schnell by x-order and resolves its enums behind allOf/$ref', () => {
    const c = replicate(schnell);
    expect(c.order).toEqual(['prompt', 'aspect_ratio', 'num_outputs', 'seed', 'output_format', 'output_quality', 'disable_safety_checker', 'go_fast', 'megapixels']);
    const f = Object.fromEntries(fields(c).map((x) => [x.name, x]));
    expect(f.aspect_ratio).toMatchObject({ kind: 'select', defaultValue: '1:1', group: 'basic' });
    expect(f.aspect_ratio?.options).toEqual(['1:1', '16:9', '21:9', '3:2', '2:3', '4:5', '5:4', '3:4', '4:3', '9:16', '9:21']);
    expect(f.megapixels?.options).toEqual(['1', '0.25']);
    expect(f.num_outputs).toMatchObject({ kind: 'integer', min: 1, max: 4, defaultValue: 1, role: 'samples' });
    expect(f.output_quality).toMatchObject({ min: 0, max: 100, defaultValue: 80 });
    expect(f.prompt).toMatchObject({ kind: 'textarea', required: true, role: 'prompt' });
    expect(f.seed).toMatchObject({ kind: 'seed', required: false, role: 'seed', randomValue: null });
    expect(f.go_fast).toMatchObject({ kind: 'boolean', defaultValue: true, group: 'advanced' });
    expect(c.kind).toBe('txt2img');
    expect(c.initialValues).toMatchObject({ aspect_ratio: '1:1', num_outputs: 1, go_fast: true });
    expect(c.skipped).toEqual([]);
  });

  it('validates with the limits and enums of the schema', () => {
    const { schema } = replicate(schnell);
    expect(schema.safeParse({ prompt: 'a fox' }).success).toBe(true);
    expect(schema.safeParse({ prompt: '   ' }).success).toBe(false);
    expect(schema.safeParse({ prompt: 'a fox', num_outputs: 5 }).success).toBe(false);
    expect(schema.safeParse({ prompt: 'a fox', aspect_ratio: '7:1' }).success).toBe(false);
    expect(schema.parse({ prompt: 'a fox' })).toMatchObject({ output_format: 'webp', megapixels: '1' });
  });

  it('sees the field a new version adds', () => {
    expect(replicate(schnell).order).not.toContain('num_inference_steps');
    const f = fields(replicate(schnellV2)).find((x) => x.name === 'num_inference_steps');
    expect(f).toMatchObject({ min: 1, max: 4, defaultValue: 4, role: 'steps' });
  });

  it('recognises the fill model’s image and mask (format: uri), sent as data URIs', () => {
    const c = replicate(fillDev);
    expect(c.kind).toBe('inpaint');
    const f = Object.fromEntries(fields(c).map((x) => [x.name, x]));
    expect(f.image).toMatchObject({ kind: 'image', required: true, role: 'initImage' });
    expect(f.mask).toMatchObject({ kind: 'image', required: false, role: 'mask', mask: true });
    expect(f.guidance).toMatchObject({ min: 0, max: 100, defaultValue: 30, role: 'guidance' });
    expect(paramMeta(c.schema.shape.image as z.ZodType)?.wire).toBe('dataUri');
    const sent = encodeParams(c.schema, { prompt: 'a boat', image: 'data:image/png;base64,AAAA', mask: 'https://x.test/m.png' }, { body: 'json', key: { in: 'bearer' }, nulls: 'omit', blankText: 'omit' });
    expect(sent).toEqual([['prompt', 'a boat'], ['image', 'data:image/png;base64,AAAA'], ['mask', 'https://x.test/m.png']]);
  });

  it('keeps SDXL a text-to-image endpoint with optional image inputs and its size fields', () => {
    const c = replicate(sdxl);
    expect(c.kind).toBe('txt2img');
    const f = Object.fromEntries(fields(c).map((x) => [x.name, x]));
    expect(f.width).toMatchObject({ role: 'width', defaultValue: 1024 });
    expect(f.scheduler).toMatchObject({ kind: 'select', role: 'scheduler', defaultValue: 'K_EULER' });
    expect(f.prompt_strength).toMatchObject({ role: 'strength', max: 1 });
    expect(f.image).toMatchObject({ kind: 'image', required: false });
    // The documented default prompt is where the form starts.
    expect(c.initialValues.prompt).toBe('An astronaut riding a rainbow unicorn');
  });
});

describe('a fal OpenAPI schema becomes an endpoint schema', () => {
  it('orders flux/schnell by x-fal-order-properties and offers the image_size presets', () => {
    const c = fal(falSchnell, 'FluxSchnellInput');
    expect(c.order).toEqual(['num_inference_steps', 'prompt', 'image_size', 'seed', 'guidance_scale', 'sync_mode', 'num_images', 'enable_safety_checker', 'output_format', 'acceleration']);
    const f = Object.fromEntries(fields(c).map((x) => [x.name, x]));
    expect(f.image_size).toMatchObject({ kind: 'select', defaultValue: 'landscape_4_3', group: 'basic' });
    expect(f.image_size?.options).toContain('square_hd');
    expect(f.num_inference_steps).toMatchObject({ min: 1, max: 12, defaultValue: 4, role: 'steps' });
    expect(f.seed).toMatchObject({ kind: 'seed', nullable: true });
    expect(f.guidance_scale).toMatchObject({ min: 1, max: 20, role: 'guidance' });
    // A required prompt with no default starts from the schema's example.
    expect(String(c.initialValues.prompt)).toMatch(/^Extreme close-up of a single tiger eye/);
  });

  it('recognises the fill model’s image_url and mask_url', () => {
    const c = fal(falFill, 'FluxProFillInput');
    expect(c.kind).toBe('inpaint');
    const f = Object.fromEntries(fields(c).map((x) => [x.name, x]));
    expect(f.image_url).toMatchObject({ kind: 'image', required: true, role: 'initImage' });
    expect(f.mask_url).toMatchObject({ kind: 'image', required: true, mask: true });
    expect(f.safety_tolerance?.options).toEqual(['1', '2', '3', '4', '5', '6']);
  });
});

describe('hostile or odd schemas', () => {
  const resolve = () => undefined;
  it('refuses a schema with no properties, and a required input no form can fill', () => {
    expect(() => convertInputSchema({ type: 'object' }, { resolve })).toThrow(/no properties/);
    expect(() => convertInputSchema({ properties: { images: { type: 'array' } }, required: ['images'] }, { resolve })).toThrow(/cannot fill/);
  });

  it('leaves out optional arrays and objects, strange names and unresolvable refs, and lists them', () => {
    const c = convertInputSchema(
      {
        properties: {
          loras: { type: 'array', items: { type: 'string' } },
          'bad name!': { type: 'string' },
          __proto__x: { type: 'string', description: 'An odd but valid name.' },
          style: { allOf: [{ $ref: '#/components/schemas/missing' }], default: 'x' },
          steps: { type: 'integer', minimum: 'one', maximum: 10, default: 99 },
        },
      },
      { resolve },
    );
    expect(c.order).toEqual(['__proto__x', 'steps']);
    expect(c.skipped.map((s) => s.name)).toEqual(['loras', 'style']);
    // A default outside the schema's own limits is not used.
    expect(c.initialValues.steps).toBeUndefined();
    expect(c.schema.safeParse({ steps: 11 }).success).toBe(false);
  });

  it('resolves local pointers only', () => {
    const r = localResolver({ components: { schemas: { a: { enum: ['x'] } } } });
    expect(r('#/components/schemas/a')).toEqual({ enum: ['x'] });
    expect(r('https://evil.test/schema.json')).toBeUndefined();
    expect(r('#/components/schemas/__proto__')).toBeUndefined();
  });
});
