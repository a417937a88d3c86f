/**
 * ComfyUI's `prompt` text: the executed graph as JSON (see comfyui-graph.ts). The image came from
 * a saver node (SaveImage, PreviewImage, custom savers); its links lead back to the sampler that
 * made it: KSampler, KSamplerAdvanced, SamplerCustom, or SamplerCustomAdvanced with its noise
 * (seed), guider (cfg, prompts, model), sampler (sampler name) and sigmas (scheduler, steps,
 * denoise) inputs. Prompts are followed through conditioning, text, primitive, concat and switch
 * nodes; the latent size through latent nodes; the checkpoint through LoRA loaders.
 */
import { ComfyWalk, isLink } from './comfyui-graph';
import type { ComfyGraph, ComfyNode } from './comfyui-graph';
import { DEFAULT_LIMITS, LimitError } from './limits';
import type { ReadLimits } from './limits';
import type { GenerationParameters } from './types';
import { compact, toNumber } from './types';

export type { ComfyGraph } from './comfyui-graph';

const SAMPLER_CLASSES = new Set(['KSampler', 'KSamplerAdvanced', 'SamplerCustom', 'SamplerCustomAdvanced']);

/** A sampler node: the four core ones, and custom KSampler variants (not KSamplerSelect, which only names a sampler). */
export function isSamplerNode(node: ComfyNode | undefined): boolean {
  const cls = node?.class_type;
  if (typeof cls !== 'string' || !node?.inputs) return false;
  return SAMPLER_CLASSES.has(cls) || (/KSampler/i.test(cls) && !/Select/i.test(cls));
}

function isSaverNode(node: ComfyNode | undefined): boolean {
  return typeof node?.class_type === 'string' && /save|preview/i.test(node.class_type) && isLink(node.inputs?.['images']);
}

/** Node ids in the graph's order: numeric ids numerically, others in the order written. */
function orderedIds(graph: ComfyGraph): string[] {
  const ids = Object.keys(graph);
  return ids.every((id) => /^\d+$/.test(id)) ? ids.sort((a, b) => Number(a) - Number(b)) : ids;
}

/** The sampler nodes, by node id (numeric ids in numeric order). */
export function findSamplers(graph: ComfyGraph): [string, ComfyNode][] {
  return orderedIds(graph)
    .map((id): [string, ComfyNode] => [id, graph[id] as ComfyNode])
    .filter(([, n]) => isSamplerNode(n));
}

/** The nearest sampler upstream of `start` (breadth first over every linked input), if any. */
function nearestSampler(walk: ComfyWalk, start: unknown, seen = new Set<string>()): string | undefined {
  const queue: unknown[] = [start];
  while (queue.length) {
    const entered = walk.enter(queue.shift(), seen);
    if (!entered) continue;
    if (isSamplerNode(entered[1])) return entered[0];
    queue.push(...Object.values(entered[1].inputs ?? {}).filter(isLink));
  }
  return undefined;
}

/** A scheduler node's schedule name when its class is the name (KarrasScheduler → karras). */
const SCHEDULER_CLASSES: Record<string, string> = {
  KarrasScheduler: 'karras',
  ExponentialScheduler: 'exponential',
  PolyexponentialScheduler: 'polyexponential',
  AlignYourStepsScheduler: 'align_your_steps',
  BetaSamplingScheduler: 'beta',
  SDTurboScheduler: 'sd_turbo',
  LaplaceScheduler: 'laplace',
  VPScheduler: 'vp',
};

/** The parameters of one sampler node, whichever of the four layouts it has. */
function readSampler(walk: ComfyWalk, node: ComfyNode): GenerationParameters {
  const inputs = node.inputs ?? {};
  /** The node behind an input, through pass-through nodes that take the same input (SplitSigmas). */
  const via = (name: string): Record<string, unknown> => {
    let value = inputs[name];
    const seen = new Set<string>();
    for (;;) {
      const entered = walk.enter(value, seen);
      if (!entered) return {};
      const next = entered[1].inputs ?? {};
      if (!isLink(next[name]) || entered[1].class_type === undefined || /scheduler|guider|noise|select/i.test(entered[1].class_type)) {
        return { ...next, '#class': entered[1].class_type };
      }
      value = next[name];
    }
  };
  const noise = via('noise');
  const guider = via('guider');
  const sampler = via('sampler');
  const sigmas = via('sigmas');
  const literal = (where: Record<string, unknown>, names: string[], types: string[]) => {
    for (const name of names) if (where[name] !== undefined) return walk.scalar(where[name], [name, ...types]);
    return undefined;
  };
  const num = (names: string[], ...where: Record<string, unknown>[]) => {
    for (const w of [inputs, ...where]) {
      const n = toNumber(literal(w, names, ['value', 'int', 'float', 'seed', 'number']));
      if (n !== undefined) return n;
    }
    return undefined;
  };
  const str = (names: string[], ...where: Record<string, unknown>[]) => {
    for (const w of [inputs, ...where]) {
      const s = literal(w, names, ['value', 'string']);
      if (typeof s === 'string') return s;
    }
    return undefined;
  };
  const denoise = num(['denoise'], sigmas);
  const size = walk.size(inputs['latent_image']);
  const positive = inputs['positive'] ?? guider['positive'] ?? guider['conditioning'] ?? guider['cond1'];
  const negative = inputs['negative'] ?? guider['negative'];
  const trimmed = (t: string | undefined) => t?.trim();
  return compact({
    prompt: trimmed(walk.text(positive)),
    negativePrompt: trimmed(walk.text(negative)),
    seed: num(['seed', 'noise_seed'], noise),
    steps: num(['steps'], sigmas),
    cfgScale: num(['cfg'], guider) ?? toNumber(fluxGuidance(walk, positive)),
    sampler: str(['sampler_name'], sampler),
    scheduler: str(['scheduler'], sigmas) ?? SCHEDULER_CLASSES[String(sigmas['#class'])],
    width: size?.width,
    height: size?.height,
    model: walk.model(inputs['model'] ?? guider['model'] ?? sigmas['model']),
    denoisingStrength: denoise !== undefined && denoise < 1 ? denoise : undefined,
  });
}

/** FLUX keeps its guidance in a FluxGuidance node on the positive conditioning. */
function fluxGuidance(walk: ComfyWalk, positive: unknown): unknown {
  const entered = walk.enter(positive, new Set());
  return entered?.[1].class_type === 'FluxGuidance' ? walk.scalar(entered[1].inputs?.['guidance'], ['guidance', 'value', 'float']) : undefined;
}

/** Which sampler made the saved image, with what a user should know about the choice. */
function chooseSampler(walk: ComfyWalk, graph: ComfyGraph, warnings: string[]): string | undefined {
  const savers = orderedIds(graph).filter((id) => isSaverNode(graph[id]));
  const reached = savers.map((id) => [id, nearestSampler(walk, graph[id]?.inputs?.['images'])] as const).filter(([, s]) => s !== undefined);
  const distinct = new Set(reached.map(([, s]) => s));
  let chosen = reached[0]?.[1];
  if (distinct.size > 1 && reached[0]) {
    warnings.push(`The graph saves ${savers.length} images from different samplers; these are the values of the one saved by node ${reached[0][0]} (sampler node ${chosen}).`);
  }
  if (chosen === undefined) {
    // No saver leads to a sampler: take the last pass, a sampler whose output no other sampler takes.
    const samplers = findSamplers(graph);
    const fed = new Set(samplers.map(([, n]) => nearestSampler(walk, n.inputs?.['latent_image'])).filter(Boolean));
    chosen = (samplers.find(([id]) => !fed.has(id)) ?? samplers[0])?.[0];
  }
  const earlier = chosen === undefined ? undefined : nearestSampler(walk, graph[chosen]?.inputs?.['latent_image']);
  if (earlier !== undefined) warnings.push(`Sampler node ${chosen} refines the output of sampler node ${earlier} (a second pass); its values are shown.`);
  return chosen;
}

/**
 * Normalised parameters from ComfyUI's `prompt` graph JSON, or undefined when it is not JSON or
 * holds no sampler node (then a warning says so). A graph larger than the walk budget gives a
 * warning and what was read before the budget ran out.
 */
export function parseComfyPrompt(json: string, warnings: string[] = [], limits: ReadLimits = DEFAULT_LIMITS): GenerationParameters | undefined {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const graph = data as ComfyGraph;
  const walk = new ComfyWalk(graph, limits.maxGraphVisits);
  try {
    const chosen = chooseSampler(walk, graph, warnings);
    const node = chosen === undefined ? undefined : graph[chosen];
    if (!node) {
      warnings.push('A ComfyUI graph was found but no sampler node in it.');
      return undefined;
    }
    return readSampler(walk, node);
  } catch (e) {
    if (!(e instanceof LimitError)) throw e;
    warnings.push(`The ComfyUI graph was not read whole: ${e.message}.`);
    return undefined;
  }
}
