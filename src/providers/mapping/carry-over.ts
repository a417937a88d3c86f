/**
 * What follows the user from one endpoint to another: the prompt and the negative prompt, always,
 * and any other role asked for (a value the user locked), each under the target's own parameter
 * name from the schemas' roles; numbers fitted to the target's range. The target's draft keeps the
 * rest.
 */
import type { z } from 'zod';
import type { EndpointDef, ParamRole } from '../types';
import { fitNumber, numberRules } from './fit-value';
import { endpointFields } from './map-params';

export const ALWAYS_CARRIED: readonly ParamRole[] = ['prompt', 'negativePrompt'];

export function carryOver(from: EndpointDef, values: Record<string, unknown>, to: EndpointDef, roles: readonly ParamRole[] = ALWAYS_CARRIED): Record<string, unknown> {
  const source = endpointFields(from);
  const target = endpointFields(to);
  const shape = to.schema.shape as Record<string, z.ZodType>;
  const out: Record<string, unknown> = {};
  for (const role of roles) {
    const s = source.find((f) => f.role === role);
    const t = target.find((f) => f.role === role);
    if (!s || !t || !(s.name in values)) continue;
    const value = values[s.name];
    if (typeof value === 'number' && shape[t.name]) out[t.name] = fitNumber(value, numberRules(t, shape[t.name]!)).value;
    else if (typeof value === 'string' || typeof value === 'number') out[t.name] = value;
  }
  return out;
}
