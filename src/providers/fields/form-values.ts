/**
 * Between the form and the schema: what the boxes hold becomes what the API
 * takes. An empty optional box means "not sent", unless the API accepts an
 * empty string there (DreamRender's documented `negative_prompt=""`).
 */
import type { z } from 'zod';
import type { AnyObjectSchema } from '../types';
import type { FieldDescriptor } from './describe';

export function normalizeValues(
  schema: AnyObjectSchema,
  fields: FieldDescriptor[],
  values: Record<string, unknown>,
): Record<string, unknown> {
  const shape = schema.shape as Record<string, z.ZodType>;
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    let v = values[f.name];
    if (typeof v === 'number' && Number.isNaN(v)) v = undefined;
    if (v === '' && !f.required && !shape[f.name]?.safeParse('').success) v = undefined;
    if (v === undefined && !f.required) continue;
    out[f.name] = v;
  }
  return out;
}
