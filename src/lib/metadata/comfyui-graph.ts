/**
 * Walking a ComfyUI API graph, `{ [nodeId]: { class_type, inputs } }`, where an input is a
 * literal or a link `[sourceNodeId, outputIndex]`. Every walk keeps a visited set (a graph
 * linked to itself ends at once) and counts the nodes it visits against a budget shared by the
 * whole read (`LimitError` past it), so no graph, however large or looped, costs more than that.
 */
import { LimitError } from './limits';
import { toNumber } from './types';

export interface ComfyNode {
  class_type?: string;
  inputs?: Record<string, unknown>;
}

export type ComfyGraph = Record<string, ComfyNode>;

export type Link = [string | number, number];

export function isLink(v: unknown): v is Link {
  return Array.isArray(v) && v.length === 2 && (typeof v[0] === 'string' || typeof v[0] === 'number') && typeof v[1] === 'number';
}

/** Inputs a text node keeps its text in (CLIPTextEncode, the SDXL and FLUX encoders, custom text nodes). */
const TEXT_INPUTS = ['text', 'text_g', 'prompt', 't5xxl', 'clip_l', 'text_l', 'string', 'value', 'positive_prompt', 'text_positive'];
/** Inputs conditioning passes through (combiners, area and ControlNet appliers, FLUX guidance, unCLIP). */
const CONDITIONING_INPUTS = ['conditioning', 'conditioning_1', 'conditioning_to', 'conditioning_from', 'conditioning_2', 'positive', 'base_positive', 'cond'];
const STRING_INPUTS = ['text', 'string', 'value', 'prompt', 'STRING', 'text_g', 't5xxl', 'input', 'any', 'source'];
const SELECTORS = ['select', 'Input', 'index', 'selection', 'select_index', 'input_index'];
const JOIN_SEPARATORS = ['delimiter', 'separator', 'delimiter_text'];

export class ComfyWalk {
  private visits = 0;

  constructor(
    readonly nodes: ComfyGraph,
    private readonly maxVisits: number,
  ) {}

  /** The node a link points at, once per walk (`seen`), counted against the budget. */
  enter(value: unknown, seen: Set<string>): [string, ComfyNode] | undefined {
    if (!isLink(value)) return undefined;
    const id = String(value[0]);
    if (seen.has(id)) return undefined;
    seen.add(id);
    if (++this.visits > this.maxVisits) throw new LimitError(`the graph walk passed ${this.maxVisits} nodes`);
    const node = this.nodes[id];
    return node && typeof node === 'object' ? [id, node] : undefined;
  }

  /** A literal input value, following links to nodes that hold one under one of `names`. */
  scalar(value: unknown, names: readonly string[], seen = new Set<string>()): unknown {
    if (!isLink(value)) return value;
    const inputs = this.enter(value, seen)?.[1].inputs ?? {};
    for (const n of names) if (n in inputs) return this.scalar(inputs[n], names, seen);
    return undefined;
  }

  /** A string input, through primitive, reroute, text, concat and switch nodes. */
  string(value: unknown, seen = new Set<string>()): string | undefined {
    if (typeof value === 'string') return value;
    const entered = this.enter(value, seen);
    if (!entered) return undefined;
    const cls = entered[1].class_type ?? '';
    const inputs = entered[1].inputs ?? {};
    if (/switch/i.test(cls)) return this.switched(inputs, seen);
    if (/concat|join|combine|append/i.test(cls)) {
      const parts = Object.entries(inputs)
        .filter(([k]) => !JOIN_SEPARATORS.includes(k) && !/whitespace/i.test(k))
        .map(([, v]) => this.string(v, seen))
        .filter((s): s is string => s !== undefined && s !== '');
      const separator = JOIN_SEPARATORS.map((k) => inputs[k]).find((v) => typeof v === 'string');
      if (parts.length) return parts.join(typeof separator === 'string' ? separator.replace(/\\n/g, '\n') : '');
    }
    for (const name of STRING_INPUTS) {
      const s = this.string(inputs[name], seen);
      if (s !== undefined) return s;
    }
    return undefined;
  }

  /** A switch node's chosen input: `on_true`/`on_false` by its boolean, else the input its index names. */
  private switched(inputs: Record<string, unknown>, seen: Set<string>): string | undefined {
    if ('on_true' in inputs || 'on_false' in inputs) {
      const flag = this.scalar(inputs['boolean'] ?? inputs['switch'] ?? inputs['condition'], ['boolean', 'value']);
      return this.string(flag === false ? inputs['on_false'] : inputs['on_true'], seen);
    }
    const selector = SELECTORS.find((k) => k in inputs);
    const index = selector ? toNumber(this.scalar(inputs[selector], [selector, 'value', 'int'])) : undefined;
    const options = Object.keys(inputs).filter((k) => k !== selector && /\d$/.test(k));
    const chosen = index === undefined ? undefined : (options.find((k) => /(\d+)$/.exec(k)?.[1] === String(index)) ?? options[index - 1]);
    if (chosen !== undefined) return this.string(inputs[chosen], seen);
    for (const k of options) {
      const s = this.string(inputs[k], seen);
      if (s !== undefined) return s;
    }
    return undefined;
  }

  /** The text feeding a conditioning input: a text encoder's text, through combiners and appliers. */
  text(value: unknown, seen = new Set<string>()): string | undefined {
    if (typeof value === 'string') return value;
    const entered = this.enter(value, seen);
    if (!entered) return undefined;
    const inputs = entered[1].inputs ?? {};
    for (const name of TEXT_INPUTS) {
      const t = this.string(inputs[name], seen);
      if (t !== undefined) return t;
    }
    const others = Object.keys(inputs).filter((k) => !CONDITIONING_INPUTS.includes(k) && /cond|positive/i.test(k));
    for (const name of [...CONDITIONING_INPUTS, ...others]) {
      const t = this.text(inputs[name], seen);
      if (t !== undefined) return t;
    }
    return undefined;
  }

  /** The latent size: an empty-latent or upscale node's width and height, through other latent nodes. */
  size(value: unknown, seen = new Set<string>()): { width: number; height: number } | undefined {
    const entered = this.enter(value, seen);
    if (!entered) return undefined;
    const inputs = entered[1].inputs ?? {};
    const width = toNumber(this.scalar(inputs['width'], ['width', 'value', 'int']));
    const height = toNumber(this.scalar(inputs['height'], ['height', 'value', 'int']));
    if (width !== undefined && height !== undefined && width > 0 && height > 0) return { width, height };
    const resolution = /(\d+)\s*[x×]\s*(\d+)/.exec(String(this.scalar(inputs['resolution'], ['resolution', 'value']) ?? ''));
    if (resolution) return { width: Number(resolution[1]), height: Number(resolution[2]) };
    for (const name of ['samples', 'latent', 'latent_image', 'samples_to', 'source']) {
      const s = this.size(inputs[name], seen);
      if (!s) continue;
      const scale = toNumber(this.scalar(inputs['scale_by'], ['scale_by', 'value', 'float']));
      return scale && scale > 0 ? { width: Math.round(s.width * scale), height: Math.round(s.height * scale) } : s;
    }
    return undefined;
  }

  /** The checkpoint (or UNet) file name behind a model link, through LoRA loaders and patches. */
  model(value: unknown, seen = new Set<string>()): string | undefined {
    const entered = this.enter(value, seen);
    if (!entered) return undefined;
    const inputs = entered[1].inputs ?? {};
    for (const name of ['ckpt_name', 'unet_name', 'model_name', 'base_ckpt_name']) {
      const m = this.scalar(inputs[name], [name, 'value', 'string']);
      if (typeof m === 'string') return m;
    }
    return this.model(inputs['model'], seen);
  }
}
