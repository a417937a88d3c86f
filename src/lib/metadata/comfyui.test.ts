import { describe, expect, it } from 'vitest';
import { findSamplers, parseComfyPrompt } from './comfyui';
import { DEFAULT_LIMITS } from './limits';

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

  it('follows the saved image back to the sampler that made it, and says when it refines another pass', () => {
    const graph = {
      ...DEFAULT_GRAPH,
      '21': { class_type: 'KSampler', inputs: { ...DEFAULT_GRAPH['3'].inputs, seed: 2, steps: 12, denoise: 0.5, latent_image: ['3', 0] } },
      '8': { inputs: { samples: ['21', 0], vae: ['4', 2] }, class_type: 'VAEDecode' },
    };
    expect(findSamplers(graph).map(([id]) => id)).toEqual(['3', '21']);
    const warnings: string[] = [];
    expect(parseComfyPrompt(JSON.stringify(graph), warnings)).toMatchObject({ seed: 2, steps: 12, denoisingStrength: 0.5 });
    expect(warnings).toEqual(['Sampler node 21 refines the output of sampler node 3 (a second pass); its values are shown.']);
  });

  it('with string node ids and two savers, reads the first saver’s sampler and warns (not the sort order)', () => {
    const graph = {
      'b:9': { class_type: 'SaveImage', inputs: { images: ['b:8', 0] } },
      'b:8': { class_type: 'VAEDecode', inputs: { samples: ['z:1', 0] } },
      'z:1': { class_type: 'KSampler', inputs: { ...DEFAULT_GRAPH['3'].inputs, seed: 11, model: ['4', 0], positive: ['6', 0], negative: ['7', 0], latent_image: ['5', 0] } },
      'a:2': { class_type: 'KSampler', inputs: { ...DEFAULT_GRAPH['3'].inputs, seed: 22, latent_image: ['z:1', 0] } },
      'c:3': { class_type: 'VAEDecode', inputs: { samples: ['a:2', 0] } },
      'c:4': { class_type: 'SaveImage', inputs: { images: ['c:3', 0] } },
      '4': DEFAULT_GRAPH['4'], '5': DEFAULT_GRAPH['5'], '6': DEFAULT_GRAPH['6'], '7': DEFAULT_GRAPH['7'],
    };
    const warnings: string[] = [];
    expect(parseComfyPrompt(JSON.stringify(graph), warnings)).toMatchObject({ seed: 11, width: 512, height: 768 });
    expect(warnings).toEqual(['The graph saves 2 images from different samplers; these are the values of the one saved by node b:9 (sampler node z:1).']);
  });

  it('reads SamplerCustomAdvanced (the FLUX layout): noise, guider, KSamplerSelect, scheduler, FluxGuidance', () => {
    const graph = {
      '1': { class_type: 'UNETLoader', inputs: { unet_name: 'flux1-dev.safetensors', weight_dtype: 'default' } },
      '2': { class_type: 'CLIPTextEncode', inputs: { text: 'a red fox in snow', clip: ['3', 0] } },
      '4': { class_type: 'FluxGuidance', inputs: { guidance: 3.5, conditioning: ['2', 0] } },
      '5': { class_type: 'BasicGuider', inputs: { model: ['1', 0], conditioning: ['4', 0] } },
      '6': { class_type: 'RandomNoise', inputs: { noise_seed: 4242 } },
      '7': { class_type: 'KSamplerSelect', inputs: { sampler_name: 'euler' } },
      '8': { class_type: 'BasicScheduler', inputs: { scheduler: 'simple', steps: 20, denoise: 1, model: ['1', 0] } },
      '9': { class_type: 'EmptySD3LatentImage', inputs: { width: 1024, height: 768, batch_size: 1 } },
      '10': { class_type: 'SamplerCustomAdvanced', inputs: { noise: ['6', 0], guider: ['5', 0], sampler: ['7', 0], sigmas: ['8', 0], latent_image: ['9', 0] } },
      '11': { class_type: 'VAEDecode', inputs: { samples: ['10', 0], vae: ['12', 0] } },
      '13': { class_type: 'SaveImage', inputs: { images: ['11', 0] } },
    };
    expect(parseComfyPrompt(JSON.stringify(graph))).toEqual({
      prompt: 'a red fox in snow', seed: 4242, steps: 20, cfgScale: 3.5, sampler: 'euler', scheduler: 'simple', width: 1024, height: 768, model: 'flux1-dev.safetensors',
    });
  });

  it('reads SamplerCustom with CFGGuider-less inputs and a Karras scheduler node; KSamplerSelect is no sampler', () => {
    const graph = {
      ...DEFAULT_GRAPH,
      '3': { class_type: 'SamplerCustom', inputs: { noise_seed: 9, cfg: 4.5, sampler: ['20', 0], sigmas: ['22', 0], model: ['4', 0], positive: ['6', 0], negative: ['7', 0], latent_image: ['5', 0] } },
      '20': { class_type: 'KSamplerSelect', inputs: { sampler_name: 'dpmpp_2m' } },
      '21': { class_type: 'KarrasScheduler', inputs: { steps: 25, sigma_max: 14.6, sigma_min: 0.03, rho: 7 } },
      '22': { class_type: 'SplitSigmas', inputs: { sigmas: ['21', 0], step: 0 } },
    };
    expect(findSamplers(graph).map(([id]) => id)).toEqual(['3']);
    expect(parseComfyPrompt(JSON.stringify(graph))).toMatchObject({ seed: 9, cfgScale: 4.5, sampler: 'dpmpp_2m', scheduler: 'karras', steps: 25, prompt: DEFAULT_GRAPH['6'].inputs.text });
  });

  it('finds prompts behind primitive, concat and switch nodes', () => {
    const graph = {
      ...DEFAULT_GRAPH,
      '6': { class_type: 'CLIPTextEncode', inputs: { text: ['30', 0], clip: ['4', 1] } },
      '30': { class_type: 'StringConcatenate', inputs: { string_a: ['31', 0], string_b: ['32', 0], delimiter: ', ' } },
      '31': { class_type: 'PrimitiveString', inputs: { value: 'a castle' } },
      '32': { class_type: 'ImpactSwitch', inputs: { select: ['33', 0], input1: 'at noon', input2: ['34', 0] } },
      '33': { class_type: 'PrimitiveInt', inputs: { value: 2 } },
      '34': { class_type: 'Text Multiline', inputs: { text: 'at night' } },
      '7': { class_type: 'CLIPTextEncode', inputs: { text: ['35', 0], clip: ['4', 1] } },
      '35': { class_type: 'Switch any [Crystools]', inputs: { boolean: false, on_true: 'a', on_false: 'blurry' } },
    };
    expect(parseComfyPrompt(JSON.stringify(graph))).toMatchObject({ prompt: 'a castle, at night', negativePrompt: 'blurry' });
  });

  // Before: every link was followed through six conditioning names 16 deep, so this never answered.
  it('ends at once on a graph linked to itself, and stops at the visit budget with a warning', () => {
    const selfLinked = {
      '1': { class_type: 'KSampler', inputs: { seed: ['2', 0], positive: ['2', 0], negative: ['2', 0], latent_image: ['2', 0], model: ['2', 0] } },
      '2': {
        class_type: 'X',
        inputs: Object.fromEntries(['conditioning', 'conditioning_1', 'conditioning_to', 'conditioning_from', 'positive', 'base_positive', 'text', 'samples', 'model'].map((k) => [k, ['2', 0]])),
      },
    };
    expect(parseComfyPrompt(JSON.stringify(selfLinked))).toEqual({});
    const chain: Record<string, unknown> = { '0': { class_type: 'KSampler', inputs: { positive: ['1', 0] } } };
    for (let i = 1; i < 200; i++) chain[String(i)] = { class_type: 'ConditioningCombine', inputs: { conditioning_1: [String(i + 1), 0] } };
    const warnings: string[] = [];
    expect(parseComfyPrompt(JSON.stringify(chain), warnings, { ...DEFAULT_LIMITS, maxGraphVisits: 50 })).toBeUndefined();
    expect(warnings).toEqual(['The ComfyUI graph was not read whole: the graph walk passed 50 nodes.']);
  });

  it('gives undefined for JSON without a sampler, for non-JSON and for a link cycle it cannot resolve', () => {
    expect(parseComfyPrompt('{"1":{"class_type":"SaveImage","inputs":{}}}')).toBeUndefined();
    expect(parseComfyPrompt('not json')).toBeUndefined();
    expect(parseComfyPrompt('[1,2]')).toBeUndefined();
    const cyclic = { '1': { class_type: 'KSampler', inputs: { seed: ['2', 0], positive: ['2', 0] } }, '2': { class_type: 'X', inputs: { seed: ['2', 0], conditioning: ['2', 0] } } };
    expect(parseComfyPrompt(JSON.stringify(cyclic))).toEqual({});
  });
});
