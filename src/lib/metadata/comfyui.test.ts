import { describe, expect, it } from 'vitest';
import { findSamplers, parseComfyPrompt } from './comfyui';

// The shape of ComfyUI's default text-to-image graph, as its SaveImage node writes it to `prompt`.
const DEFAULT_GRAPH = {
  '3': {
    inputs: {
      seed: 156680208700286, steps: 20, cfg: 8, sampler_name: 'euler', scheduler: 'normal', denoise: 1,
      model: ['4', 0], positive: ['6', 0], negative: ['7', 0], latent_image: ['5', 0],
    },
    class_type: 'KSampler',
  },
  '4': { inputs: { ckpt_name: 'v1-5-pruned-emaonly.safetensors' }, class_type: 'CheckpointLoaderSimple' },
  '5': { inputs: { width: 512, height: 768, batch_size: 1 }, class_type: 'EmptyLatentImage' },
  '6': { inputs: { text: 'beautiful scenery nature glass bottle landscape, purple galaxy bottle', clip: ['4', 1] }, class_type: 'CLIPTextEncode' },
  '7': { inputs: { text: 'text, watermark', clip: ['4', 1] }, class_type: 'CLIPTextEncode' },
  '8': { inputs: { samples: ['3', 0], vae: ['4', 2] }, class_type: 'VAEDecode' },
  '9': { inputs: { filename_prefix: 'ComfyUI', images: ['8', 0] }, class_type: 'SaveImage' },
};

describe('parseComfyPrompt', () => {
  it('reads the default graph: sampler values, both texts, the latent size and the checkpoint', () => {
    expect(parseComfyPrompt(JSON.stringify(DEFAULT_GRAPH))).toEqual({
      prompt: 'beautiful scenery nature glass bottle landscape, purple galaxy bottle',
      negativePrompt: 'text, watermark',
      seed: 156680208700286,
      steps: 20,
      cfgScale: 8,
      sampler: 'euler',
      scheduler: 'normal',
      width: 512,
      height: 768,
      model: 'v1-5-pruned-emaonly.safetensors',
    });
  });

  it('follows links through LoRA loaders, conditioning nodes, primitives and latent upscalers (KSamplerAdvanced)', () => {
    const graph = {
      '10': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'sdxl.safetensors' } },
      '11': { class_type: 'LoraLoader', inputs: { model: ['10', 0], clip: ['10', 1], lora_name: 'detail.safetensors' } },
      '12': { class_type: 'PrimitiveNode', inputs: { value: 'a knight, dramatic light' } },
      '13': { class_type: 'CLIPTextEncodeSDXL', inputs: { text_g: ['12', 0], text_l: ['12', 0], clip: ['11', 1] } },
      '14': { class_type: 'ControlNetApply', inputs: { conditioning: ['13', 0], strength: 0.8 } },
      '15': { class_type: 'CLIPTextEncode', inputs: { text: 'lowres', clip: ['11', 1] } },
      '16': { class_type: 'EmptyLatentImage', inputs: { width: ['18', 0], height: 640, batch_size: 1 } },
      '17': { class_type: 'LatentUpscale', inputs: { samples: ['16', 0], upscale_method: 'nearest-exact', crop: 'disabled' } },
      '18': { class_type: 'PrimitiveInt', inputs: { value: 896 } },
      '19': { class_type: 'Seed', inputs: { seed: 777 } },
      '20': {
        class_type: 'KSamplerAdvanced',
        inputs: {
          add_noise: 'enable', noise_seed: ['19', 0], steps: 35, cfg: 6.5, sampler_name: 'dpmpp_2m', scheduler: 'karras',
          start_at_step: 0, end_at_step: 10000, return_with_leftover_noise: 'disable',
          model: ['11', 0], positive: ['14', 0], negative: ['15', 0], latent_image: ['17', 0],
        },
      },
    };
    expect(parseComfyPrompt(JSON.stringify(graph))).toEqual({
      prompt: 'a knight, dramatic light',
      negativePrompt: 'lowres',
      seed: 777,
      steps: 35,
      cfgScale: 6.5,
      sampler: 'dpmpp_2m',
      scheduler: 'karras',
      width: 896,
      height: 640,
      model: 'sdxl.safetensors',
    });
  });

  it('reports a denoise below 1 as denoising strength, and no size for an encoded init image', () => {
    const graph = structuredClone(DEFAULT_GRAPH) as Record<string, { inputs: Record<string, unknown>; class_type: string }>;
    graph['3']!.inputs['denoise'] = 0.6;
    graph['5'] = { class_type: 'VAEEncode', inputs: { pixels: ['30', 0], vae: ['4', 2] } };
    const p = parseComfyPrompt(JSON.stringify(graph));
    expect(p?.denoisingStrength).toBe(0.6);
    expect(p?.width).toBeUndefined();
  });

  it('picks the first sampler by node id when there are several (a hires pass)', () => {
    const graph = {
      ...DEFAULT_GRAPH,
      '21': { class_type: 'KSampler', inputs: { ...DEFAULT_GRAPH['3'].inputs, seed: 2, denoise: 0.5, latent_image: ['3', 0] } },
    };
    expect(findSamplers(graph).map(([id]) => id)).toEqual(['3', '21']);
    expect(parseComfyPrompt(JSON.stringify(graph))?.seed).toBe(156680208700286);
  });

  it('gives undefined for JSON without a sampler, for non-JSON and for a link cycle it cannot resolve', () => {
    expect(parseComfyPrompt('{"1":{"class_type":"SaveImage","inputs":{}}}')).toBeUndefined();
    expect(parseComfyPrompt('not json')).toBeUndefined();
    expect(parseComfyPrompt('[1,2]')).toBeUndefined();
    const cyclic = { '1': { class_type: 'KSampler', inputs: { seed: ['2', 0], positive: ['2', 0] } }, '2': { class_type: 'X', inputs: { seed: ['2', 0], conditioning: ['2', 0] } } };
    expect(parseComfyPrompt(JSON.stringify(cyclic))).toEqual({});
  });
});
