/** What each target accepts for one shared value, in a few words, read from the schemas. */
import type { z } from 'zod';
import { allEndpoints, getEndpoint } from '../../providers/registry';
import { formatNumber, numberRules } from '../../providers/mapping/fit-value';
import { endpointFields } from '../../providers/mapping/map-params';
import type { SharedKey } from '../../providers/mapping/shared-params';
import { isNumericKey } from '../../providers/mapping/shared-params';

export function acceptedRange(endpointId: string, key: SharedKey): string | undefined {
  const endpoint = getEndpoint(endpointId);
  const field = endpoint && endpointFields(endpoint).find((f) => f.role === key);
  if (!endpoint || !field) return undefined;
  if (!isNumericKey(key)) return field.options ? `${field.options.length} names` : 'any';
  const rules = numberRules(field, (endpoint.schema.shape as Record<string, z.ZodType>)[field.name]!);
  if (rules.options) return rules.options.join('/');
  const f = (n: number | undefined) => (n === undefined ? '' : formatNumber(n));
  const range = rules.min !== undefined || rules.max !== undefined ? `${f(rules.min)}–${f(rules.max)}` : 'any';
  return rules.multipleOf ? `${range} ×${formatNumber(rules.multipleOf)}` : range;
}

/** `Segmind sd1.5-dreamshaper 20–100 · ModelsLab text2img 21/31/41/51`, one entry per distinct endpoint. */
export function rangeHint(endpointIds: string[], key: SharedKey): string {
  const parts: string[] = [];
  for (const id of [...new Set(endpointIds)]) {
    const r = acceptedRange(id, key);
    const endpoint = getEndpoint(id);
    if (endpoint) parts.push(`${endpoint.name}: ${r ?? 'not taken'}`);
  }
  return parts.join(' · ');
}

/** Every scheduler name some endpoint accepts, for suggestions. */
export function knownSchedulers(): string[] {
  const names = new Set<string>();
  for (const e of allEndpoints()) {
    for (const f of endpointFields(e)) if (f.role === 'scheduler') f.options?.forEach((o) => typeof o === 'string' && names.add(o));
  }
  return [...names];
}
