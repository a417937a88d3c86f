/**
 * What follows the user from one endpoint to another: the prompt and the negative prompt, always,
 * and any other role asked for (a value the user locked, `locks.ts`), each under the target's own
 * parameter name from the schemas' roles; numbers fitted to the target's range. The target's draft
 * keeps the rest.
 */
import type { z } from 'zod';
import type { EndpointDef, ParamRole } from '../types';
import type { FieldDescriptor } from '../fields/describe';
import { fitNumber, numberRules } from './fit-value';
import type { FitWording } from './fit-value';
import { endpointFields } from './map-params';
import { chooseSizeOption } from './size-options';

export const ALWAYS_CARRIED: readonly ParamRole[] = ['prompt', 'negativePrompt'];

export interface Carried {
  /** Under the target's own parameter names. */
  values: Record<string, unknown>;
  /** What had to change on the way (a number out of the target's range), one line each, naming the target's field. */
  notes: string[];
}

/** A carried value goes into the next endpoint's form (nothing is sent): the notes say what the field was set to. */
const SET_WORDING: FitWording = {
  becomes: (to) => `set to ${to}`,
  nearest: (to) => `set to the nearest, ${to}`,
};

/**
 * Width × height for an endpoint that takes one named size instead (`aspect_ratio`, fal's
 * `image_size`), chosen as Compare's mapping chooses it; a note unless it is the same size.
 */
function carrySize(width: unknown, height: unknown, field: FieldDescriptor, out: Carried) {
  if (typeof width !== 'number' || typeof height !== 'number') return;
  const choice = chooseSizeOption(field.options ?? [], width, height);
  const asked = `${width}×${height}`;
  if (!choice) {
    out.notes.push(`${field.name}: no choice matches ${asked}, left as it was.`);
    return;
  }
  out.values[field.name] = choice.value;
  if (choice.exact) return;
  const why = choice.size
    ? `${asked} has no preset: set to "${choice.value}" (${choice.size[0]}×${choice.size[1]})`
    : choice.sameRatio
      ? `${asked} set as the aspect ratio "${choice.value}" (the model picks the pixel size)`
      : `${asked} has no aspect ratio of its own here: set to the nearest, "${choice.value}" (the model picks the pixel size)`;
  out.notes.push(`${field.name}: ${why}.`);
}

/** The values of `roles` from `from`'s form, for `to`, with a note for each value that had to change. */
export function carryRoles(from: EndpointDef, values: Record<string, unknown>, to: EndpointDef, roles: readonly ParamRole[] = ALWAYS_CARRIED): Carried {
  const source = endpointFields(from);
  const target = endpointFields(to);
  const shape = to.schema.shape as Record<string, z.ZodType>;
  const out: Carried = { values: {}, notes: [] };
  const byRole = (fields: FieldDescriptor[], role: ParamRole) => fields.find((f) => f.role === role);
  for (const role of roles) {
    const s = byRole(source, role);
    const t = byRole(target, role);
    if (!s || !t || !(s.name in values)) continue;
    const value = values[s.name];
    if (typeof value === 'number' && shape[t.name]) {
      const fitted = fitNumber(value, numberRules(t, shape[t.name]!), SET_WORDING);
      out.values[t.name] = fitted.value;
      for (const note of fitted.notes) out.notes.push(`${t.name}: ${note}.`);
    } else if (typeof value === 'string' && t.options && !t.options.includes(value)) {
      out.notes.push(`${t.name}: "${value}" is not one of its choices, left as it was.`);
    } else if (typeof value === 'string' || typeof value === 'number') out.values[t.name] = value;
  }
  // Width and height into an endpoint that has neither, but one named size.
  const sizeField = !byRole(target, 'width') && !byRole(target, 'height') ? byRole(target, 'size') : undefined;
  const [w, h] = [byRole(source, 'width'), byRole(source, 'height')];
  if (sizeField && w && h && roles.includes('width') && roles.includes('height')) carrySize(values[w.name], values[h.name], sizeField, out);
  return out;
}

export function carryOver(from: EndpointDef, values: Record<string, unknown>, to: EndpointDef, roles: readonly ParamRole[] = ALWAYS_CARRIED): Record<string, unknown> {
  return carryRoles(from, values, to, roles).values;
}
