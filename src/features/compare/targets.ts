/** Compare targets: an endpoint, optionally another model, and overrides in its own parameter names. */
import { z } from 'zod';
import { endpointsOfKind, getEndpoint, getProvider } from '../../providers/registry';
import type { EndpointKind } from '../../providers/types';

export const compareTargetSchema = z.object({
  id: z.string().min(1),
  endpointId: z.string().min(1),
  /** The model for endpoints that take one (ModelsLab `model_id`, DreamRender `model`); empty: the endpoint's example. */
  model: z.string().optional(),
  /** `name=value` lines in the endpoint's own names. */
  overrides: z.string().optional(),
});
export type CompareTarget = z.infer<typeof compareTargetSchema>;

const PRESET_TITLES: Record<EndpointKind, string> = { txt2img: 'Text to image', img2img: 'Image to image', inpaint: 'Inpainting' };

export interface ComparePreset {
  kind: EndpointKind;
  /** `Text to image × 3` */
  label: string;
  endpointIds: string[];
}

/** One preset per endpoint kind: every endpoint of that kind in the registry. */
export function comparePresets(): ComparePreset[] {
  return (Object.keys(PRESET_TITLES) as EndpointKind[])
    .map((kind) => ({ kind, ids: endpointsOfKind(kind).map((e) => e.id) }))
    .filter((p) => p.ids.length > 0)
    .map(({ kind, ids }) => ({ kind, label: `${PRESET_TITLES[kind]} × ${ids.length}`, endpointIds: ids }));
}

/** The endpoints a new comparison starts with: every text-to-image endpoint. */
export function defaultTargetEndpoints(): string[] {
  return endpointsOfKind('txt2img').map((e) => e.id);
}

export function newTarget(endpointId: string, makeId: () => string = () => crypto.randomUUID()): CompareTarget {
  return { id: makeId(), endpointId };
}

/** `ModelsLab text2img`, with the model when one is set. */
export function targetName(t: Pick<CompareTarget, 'endpointId' | 'model'>): string {
  const endpoint = getEndpoint(t.endpointId);
  const provider = endpoint && getProvider(endpoint.provider);
  const base = endpoint ? `${provider?.name ?? endpoint.provider} ${endpoint.name}` : t.endpointId;
  return t.model?.trim() ? `${base} (${t.model.trim()})` : base;
}

/** A label per target, unique within the list: repeats get `#2`, `#3`. */
export function targetLabels(targets: CompareTarget[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const t of targets) counts.set(targetName(t), (counts.get(targetName(t)) ?? 0) + 1);
  const seen = new Map<string, number>();
  const out = new Map<string, string>();
  for (const t of targets) {
    const name = targetName(t);
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    out.set(t.id, (counts.get(name) ?? 0) > 1 ? `${name} #${n}` : name);
  }
  return out;
}
