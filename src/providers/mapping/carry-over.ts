/**
 * What follows the user from one endpoint to another: the prompt and the negative prompt, always,
 * and any other role asked for (a value the user locked, `locks.ts`), each under the target's own
 * parameter name from the schemas' roles; numbers fitted to the target's range. The target's draft
 * keeps the rest.
 */
import type { z } from 'zod';
import type { EndpointDef, ParamRole } from '../types';
import { fitNumber, numberRules } from './fit-value';
import { endpointFields } from './map-params';

export const ALWAYS_CARRIED: readonly ParamRole[] = ['prompt', 'negativePrompt'];

export interface Carried {
  /** Under the target's own parameter names. */
  values: Record<string, unknown>;
  /** What had to change on the way (a number out of the target's range), one line each, naming the target's field. */
  notes: string[];
}

/** The values of `roles` from `from`'s form, for `to`, with a note for each number that had to change. */
export function carryRoles(from: EndpointDef, values: Record<string, unknown>, to: EndpointDef, roles: readonly ParamRole[] = ALWAYS_CARRIED): Carried {
  const source = endpointFields(from);
  const target = endpointFields(to);
  const shape = to.schema.shape as Record<string, z.ZodType>;
  const out: Carried = { values: {}, notes: [] };
  for (const role of roles) {
    const s = source.find((f) => f.role === role);
    const t = target.find((f) => f.role === role);
    if (!s || !t || !(s.name in values)) continue;
    const value = values[s.name];
    if (typeof value === 'number' && shape[t.name]) {
      const fitted = fitNumber(value, numberRules(t, shape[t.name]!));
      out.values[t.name] = fitted.value;
      for (const note of fitted.notes) out.notes.push(`${t.name}: ${note}.`);
    } else if (typeof value === 'string' || typeof value === 'number') out.values[t.name] = value;
  }
  return out;
}

export function carryOver(from: EndpointDef, values: Record<string, unknown>, to: EndpointDef, roles: readonly ParamRole[] = ALWAYS_CARRIED): Record<string, unknown> {
  return carryRoles(from, values, to, roles).values;
}
