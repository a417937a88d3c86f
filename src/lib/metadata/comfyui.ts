/**
 * ComfyUI's `prompt` text: the executed graph as JSON, `{ [nodeId]: { class_type, inputs } }`,
 * where an input is a literal or a link `[sourceNodeId, outputIndex]`. The sampler node
 * (KSampler, KSamplerAdvanced) gives seed, steps, cfg, sampler and scheduler; its `positive` and
 * `negative` links lead to CLIPTextEncode texts, its `latent_image` link to the latent size, its
 * `model` link to the checkpoint. Links through other nodes (LoRA loaders, conditioning combiners,
 * primitive nodes, latent upscalers) are followed.
 */
import type { GenerationParameters } from './types';
import { compact } from './types';
import { toNumber } from '../../providers/shared/http';

interface ComfyNode {
  class_type?: string;
  inputs?: Record<string, unknown>;
}

export type ComfyGraph = Record<string, ComfyNode>;

type Link = [string, number];

function isLink(v: unknown): v is Link {
  return Array.isArray(v) && v.length === 2 && (typeof v[0] === 'string' || typeof v[0] === 'number') && typeof v[1] === 'number';
}

const MAX_DEPTH = 16;

class Graph {
  constructor(private readonly nodes: ComfyGraph) {}

  node(link: Link): ComfyNode | undefined {
    return this.nodes[String(link[0])];
  }

  /** A literal input value, following links to nodes that hold one under one of `names`. */
  scalar(value: unknown, names: readonly string[], depth = 0): unknown {
    if (!isLink(value)) return value;
    if (depth > MAX_DEPTH) return undefined;
    const inputs = this.node(value)?.inputs ?? {};
    for (const n of names) if (n in inputs) return this.scalar(inputs[n], names, depth + 1);
    return undefined;
  }

  /** The text feeding a conditioning link: a text encoder's text, through combiners and appliers. */
  text(value: unknown, depth = 0): string | undefined {
    if (!isLink(value) || depth > MAX_DEPTH) return undefined;
    const inputs = this.node(value)?.inputs ?? {};
    for (const name of ['text', 'text_g', 'prompt', 'string', 'value', 'text_l']) {
      const t = this.scalar(inputs[name], ['text', 'string', 'value', 'prompt']);
      if (typeof t === 'string') return t;
    }
    for (const name of ['conditioning', 'conditioning_1', 'conditioning_to', 'conditioning_from', 'positive', 'base_positive']) {
      const t = this.text(inputs[name], depth + 1);
      if (t !== undefined) return t;
    }
    return undefined;
  }

  /** The latent size: an empty-latent or upscale node's width and height, through other latent nodes. */
  size(value: unknown, depth = 0): { width: number; height: number } | undefined {
    if (!isLink(value) || depth > MAX_DEPTH) return undefined;
    const inputs = this.node(value)?.inputs ?? {};
    const width = toNumber(this.scalar(inputs['width'], ['width', 'value', 'int']));
    const height = toNumber(this.scalar(inputs['height'], ['height', 'value', 'int']));
    if (width !== undefined && height !== undefined && width > 0 && height > 0) return { width, height };
    for (const name of ['samples', 'latent', 'latent_image', 'samples_to', 'source']) {
      const s = this.size(inputs[name], depth + 1);
      if (s) return s;
    }
    return undefined;
  }

  /** The checkpoint (or UNet) file name behind a model link, through LoRA loaders and patches. */
  model(value: unknown, depth = 0): string | undefined {
    if (!isLink(value) || depth > MAX_DEPTH) return undefined;
    const inputs = this.node(value)?.inputs ?? {};
    for (const name of ['ckpt_name', 'unet_name', 'model_name']) {
      const m = this.scalar(inputs[name], [name, 'value', 'string']);
      if (typeof m === 'string') return m;
    }
    return this.model(inputs['model'], depth + 1);
  }
}

const SAMPLER_CLASS = /^KSampler/;

/** The sampler nodes, by node id (numeric ids in numeric order). */
export function findSamplers(graph: ComfyGraph): [string, ComfyNode][] {
  return Object.entries(graph)
    .filter(([, n]) => typeof n?.class_type === 'string' && SAMPLER_CLASS.test(n.class_type) && n.inputs)
    .sort(([a], [b]) => (Number(a) || 0) - (Number(b) || 0) || a.localeCompare(b));
}

/**
 * Normalised parameters from ComfyUI's `prompt` graph JSON, or undefined when it is not JSON or
 * holds no sampler node. With several samplers (a hires pass) the first one is read.
 */
export function parseComfyPrompt(json: string): GenerationParameters | undefined {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const nodes = data as ComfyGraph;
  const first = findSamplers(nodes)[0];
  if (!first) return undefined;
  const g = new Graph(nodes);
  const inputs = first[1].inputs ?? {};
  const num = (name: string) => toNumber(g.scalar(inputs[name], [name, 'value', 'int', 'float', 'seed']));
  const str = (name: string) => {
    const v = g.scalar(inputs[name], [name, 'value', 'string']);
    return typeof v === 'string' ? v : undefined;
  };
  const denoise = num('denoise');
  const size = g.size(inputs['latent_image']);
  return compact({
    prompt: g.text(inputs['positive']),
    negativePrompt: g.text(inputs['negative']),
    seed: num('seed') ?? num('noise_seed'),
    steps: num('steps'),
    cfgScale: num('cfg'),
    sampler: str('sampler_name'),
    scheduler: str('scheduler'),
    width: size?.width,
    height: size?.height,
    model: g.model(inputs['model']),
    denoisingStrength: denoise !== undefined && denoise < 1 ? denoise : undefined,
  });
}
