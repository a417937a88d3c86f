/**
 * Parameters read from an image → values for the playground's form. This app's own JSON restores
 * its endpoint and every parameter exactly; anything else (A1111, ComfyUI, InvokeAI, NovelAI) goes
 * through the role mapping Compare uses (`providers/mapping/map-params.ts`), with its warnings:
 * nearest step count, scheduler names translated, sizes clamped.
 */
import type { ReadResult } from '../../lib/metadata/types';
import { mapTarget } from '../../providers/mapping/map-params';
import type { SharedParams } from '../../providers/mapping/shared-params';
import { getEndpoint } from '../../providers/registry';

export interface Recall {
  endpointId: string;
  values: Record<string, unknown>;
  /** true: the whole form is replaced (own JSON); false: the values are merged into the current form. */
  exact: boolean;
  warnings: string[];
}

export const SOURCE_LABELS: Record<ReadResult['source'], string> = {
  'image-api-playground': 'Image API Playground',
  a1111: 'AUTOMATIC1111 / Forge infotext',
  comfyui: 'ComfyUI workflow',
  invokeai: 'InvokeAI',
  novelai: 'NovelAI',
  fooocus: 'Fooocus',
  swarmui: 'SwarmUI',
  json: 'JSON parameters',
  none: 'none',
};

/**
 * Sampler names other tools write (AUTOMATIC1111, ComfyUI), in the names the scheduler table
 * knows (`providers/mapping/scheduler-names.ts`, which holds only names some schema accepts).
 */
const TOOL_SAMPLER_NAMES: Record<string, string> = {
  'dpm++ 2m': 'dpmpp_2m',
  'dpm++ 2m karras': 'dpmpp_2m',
  euler_ancestral: 'Euler a',
  euler: 'Euler',
  ddim: 'DDIM',
  lms: 'LMS',
  heun: 'Heun',
  uni_pc: 'UniPC',
  dpm_2: 'DPM2 Karras',
  dpm_2_ancestral: 'DPM2 a Karras',
};

export function samplerForMapping(sampler: string | undefined): string | undefined {
  return sampler === undefined ? undefined : (TOOL_SAMPLER_NAMES[sampler.trim().toLowerCase()] ?? sampler);
}

export function sharedFromRead(read: ReadResult): SharedParams {
  return {
    prompt: read.prompt ?? '',
    negativePrompt: read.negativePrompt ?? '',
    seed: read.seed,
    width: read.width,
    height: read.height,
    steps: read.steps,
    guidance: read.cfgScale,
    scheduler: samplerForMapping(read.sampler),
    strength: read.denoisingStrength,
  };
}

/** What "Use these parameters" puts in the form; undefined when the image carries nothing usable. */
export function recallParams(read: ReadResult, currentEndpointId: string): Recall | undefined {
  if (read.source === 'none') return undefined;
  const own = read.own;
  if (own && getEndpoint(own.endpoint)) {
    const warnings = (own.omitted ?? []).map((path) => `${path}: the image was not stored in the file; choose it again`);
    return { endpointId: own.endpoint, values: { ...own.params }, exact: true, warnings };
  }
  const mapping = mapTarget({ endpointId: currentEndpointId }, sharedFromRead(read));
  const values: Record<string, unknown> = {};
  for (const row of mapping.rows) {
    if (!row.field || (row.status !== 'sent' && row.status !== 'adjusted')) continue;
    values[row.field] = mapping.params[row.field];
  }
  // The notes name the sampler as the image wrote it, not its alias in the scheduler table.
  const alias = samplerForMapping(read.sampler);
  const warnings = mapping.warnings.map((w) => (read.sampler && alias !== read.sampler ? w.replace(`"${alias}"`, `"${read.sampler}"`) : w));
  if (own) warnings.push(`The image names the endpoint "${own.endpoint}", which this app does not have: mapped by role instead.`);
  if (read.model) warnings.push(`model "${read.model}": not taken (model names differ between services); the endpoint's own model stays`);
  for (const row of mapping.rows) if (row.status === 'not-taken' && row.note) warnings.push(row.note);
  return { endpointId: currentEndpointId, values, exact: false, warnings };
}
