import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ParamRole } from './types';
import { allEndpoints, getEndpoint, getProvider, providerIds, providers } from './registry';
import { paramMeta } from './param';

type Def = { type: string; innerType?: z.ZodType };

/** The field's schema under .optional() / .nullable() / .default(), and the wrappers seen. */
function unwrap(schema: z.ZodType): { inner: z.ZodType; wrappers: string[] } {
  const wrappers: string[] = [];
  let s = schema;
  for (;;) {
    const def = s.def as unknown as Def;
    if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType) {
      wrappers.push(def.type);
      s = def.innerType;
    } else {
      return { inner: s, wrappers };
    }
  }
}

function roles(endpointId: string): Partial<Record<ParamRole, string>> {
  const endpoint = getEndpoint(endpointId);
  const out: Partial<Record<ParamRole, string>> = {};
  for (const [name, field] of Object.entries(endpoint?.schema.shape ?? {})) {
    const role = paramMeta(field as z.ZodType)?.role;
    if (role) out[role] = name;
  }
  return out;
}

describe('registry', () => {
  it('describes every provider completely, with unique ids', () => {
    expect(new Set(providerIds()).size).toBe(providers.length);
    expect(new Set(allEndpoints().map((e) => e.id)).size).toBe(allEndpoints().length);
    for (const p of providers) {
      expect(p.id, p.id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
      expect(p.name.length, p.id).toBeGreaterThan(0);
      expect(p.keyHelp.length, p.id).toBeGreaterThan(0);
      expect(p.endpoints.length, p.id).toBeGreaterThan(0);
      expect(p.proxyHosts === 'any-public-https' || Array.isArray(p.proxyHosts), p.id).toBe(true);
      // A queued result is fetched with a pair: the request and its parser.
      expect(typeof p.buildFetchRequest, p.id).toBe(typeof p.parseFetchResponse);
      for (const e of p.endpoints) expect(e.path, e.id).toMatch(/^\//);
    }
  });

  it('keeps the documented hosts, key placements and paths of the hand-written providers', () => {
    const described = (id: string) => {
      const p = getProvider(id);
      return p && [p.name, p.defaultBaseUrl, p.proxyHosts, p.keyLocation, p.endpoints.map((e) => [e.id, e.kind, e.path])];
    };
    expect(described('dreamrender')).toEqual(['DreamRender-3.0', undefined, 'any-public-https', { in: 'multipart', name: 'dev_key' }, [
      ['dreamrender/generate_image', 'txt2img', '/api/generate_image'],
    ]]);
    expect(described('modelslab')).toEqual(['ModelsLab', 'https://stablediffusionapi.com', ['stablediffusionapi.com', 'modelslab.com'], { in: 'json', name: 'key' }, [
      ['modelslab/text2img', 'txt2img', '/api/v4/dreambooth'],
      ['modelslab/img2img', 'img2img', '/api/v4/dreambooth/img2img'],
      ['modelslab/inpaint', 'inpaint', '/api/v4/dreambooth/inpaint'],
    ]]);
    expect(described('segmind')).toEqual(['Segmind', 'https://api.segmind.com', ['api.segmind.com'], { in: 'header', name: 'x-api-key' }, [
      ['segmind/sd1.5-dreamshaper', 'txt2img', '/v1/sd1.5-dreamshaper'],
      ['segmind/sd1.5-img2img', 'img2img', '/v1/sd1.5-img2img'],
      ['segmind/sd1.5-inpainting', 'inpaint', '/v1/sd1.5-inpainting'],
    ]]);
    expect(described('a1111')).toEqual(['AUTOMATIC1111 (Stable Diffusion WebUI)', 'http://127.0.0.1:7860', [], { in: 'basic' }, [
      ['a1111/txt2img', 'txt2img', '/sdapi/v1/txt2img'],
      ['a1111/img2img', 'img2img', '/sdapi/v1/img2img'],
      ['a1111/inpaint', 'inpaint', '/sdapi/v1/img2img'],
    ]]);
    expect(typeof getProvider('modelslab')?.buildFetchRequest).toBe('function');
    expect(getProvider('segmind')?.buildFetchRequest).toBeUndefined();
  });

  it('finds providers and endpoints by id', () => {
    expect(getProvider('segmind')?.name).toBe('Segmind');
    expect(getProvider('nope')).toBeUndefined();
    expect(getEndpoint('modelslab/inpaint')?.name).toBe('inpaint');
    expect(getEndpoint('modelslab/nope')).toBeUndefined();
    for (const e of allEndpoints()) {
      expect(e.id).toBe(`${e.provider}/${e.name}`);
      expect(getProvider(e.provider)?.endpoints).toContain(e);
    }
  });

  it('builds every request against its own path', () => {
    for (const provider of providers) {
      for (const e of provider.endpoints) {
        const params = z.object(e.schema.shape).partial().parse(e.initialValues);
        const req = e.buildRequest({ params, key: 'test-key', baseUrl: 'https://base.test' });
        expect(req.url).toBe(`https://base.test${e.path}`);
      }
    }
  });
});

describe('schema conventions the generated form relies on', () => {
  const KINDS = new Set(['string', 'number', 'enum', 'literal', 'boolean']);

  it('gives every field param metadata on its outermost schema, and only form-readable kinds', () => {
    for (const e of allEndpoints()) {
      for (const [name, field] of Object.entries(e.schema.shape)) {
        const schema = field as z.ZodType;
        const meta = paramMeta(schema);
        expect(meta, `${e.id}.${name}`).toBeDefined();
        expect(meta?.description.length, `${e.id}.${name}`).toBeGreaterThan(5);
        expect(['basic', 'advanced']).toContain(meta?.group);
        const { inner } = unwrap(schema);
        expect(KINDS.has((inner.def as unknown as Def).type), `${e.id}.${name}`).toBe(true);
      }
    }
  });

  it('starts every form from values its schema accepts', () => {
    for (const e of allEndpoints()) {
      expect(z.object(e.schema.shape).partial().safeParse(e.initialValues).success, e.id).toBe(true);
    }
    // Where the documents give a full example, the form starts from a complete, valid request.
    for (const id of ['dreamrender/generate_image', 'segmind/sd1.5-dreamshaper', 'modelslab/text2img']) {
      const e = getEndpoint(id);
      expect(e?.schema.safeParse(e.initialValues).success, id).toBe(true);
    }
  });

  it('tags the shared parameters with their roles', () => {
    expect(roles('dreamrender/generate_image')).toEqual({
      model: 'model', prompt: 'prompt', negativePrompt: 'negative_prompt', seed: 'seed', width: 'width', height: 'height',
      steps: 'steps', guidance: 'cfg_scale',
    });
    expect(roles('modelslab/inpaint')).toEqual({
      model: 'model_id', prompt: 'prompt', negativePrompt: 'negative_prompt', initImage: 'init_image', mask: 'mask_image',
      width: 'width', height: 'height', samples: 'samples', steps: 'steps', strength: 'strength', guidance: 'guidance_scale',
      scheduler: 'scheduler', seed: 'seed',
    });
    expect(roles('modelslab/text2img')).toMatchObject({ steps: 'num_inference_steps' });
    expect(roles('segmind/sd1.5-dreamshaper')).toEqual({
      prompt: 'prompt', negativePrompt: 'negative_prompt', scheduler: 'scheduler', steps: 'num_inference_steps',
      guidance: 'guidance_scale', samples: 'samples', seed: 'seed', width: 'img_width', height: 'img_height',
    });
    expect(roles('segmind/sd1.5-inpainting')).toMatchObject({ initImage: 'image', mask: 'mask', strength: 'strength' });
  });

  it('marks seeds, prompts, images and masks with their widgets', () => {
    const meta = (id: string, field: string) => paramMeta(getEndpoint(id)?.schema.shape[field] as z.ZodType);
    expect(meta('dreamrender/generate_image', 'seed')).toMatchObject({ widget: 'seed', randomValue: -1 });
    expect(meta('segmind/sd1.5-img2img', 'seed')).toMatchObject({ widget: 'seed', randomValue: -1 });
    expect(meta('modelslab/text2img', 'seed')).toMatchObject({ widget: 'seed', randomValue: null });
    expect(meta('modelslab/text2img', 'prompt')?.widget).toBe('textarea');
    expect(meta('modelslab/img2img', 'init_image')).toMatchObject({ widget: 'image', group: 'basic' });
    expect(meta('modelslab/img2img', 'init_image')?.mask).toBeUndefined();
    expect(meta('modelslab/inpaint', 'mask_image')).toMatchObject({ widget: 'image', mask: true });
    expect(meta('segmind/sd1.5-inpainting', 'mask')).toMatchObject({ widget: 'image', mask: true });
    expect(meta('dreamrender/generate_image', 'model')?.suggestions).toEqual(['realisticVisionV60B1_v51VAE']);
    expect(meta('dreamrender/generate_image', 'styles')?.suggestions?.[0]).toBe('None');
  });

  it('lets the fields the ModelsLab example sends as null be null', () => {
    const shape = getEndpoint('modelslab/img2img')?.schema.shape ?? {};
    for (const name of ['negative_prompt', 'seed', 'lora_model', 'vae', 'lora_strength', 'embeddings_model', 'webhook', 'track_id']) {
      expect(unwrap(shape[name] as z.ZodType).wrappers, name).toEqual(['optional', 'nullable']);
    }
  });
});
