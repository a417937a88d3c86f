import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { getEndpoint } from '../registry';
import { plainError } from './plain-errors';

const messages = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value, { error: plainError });
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('plainError', () => {
  it('says what is allowed, in words', () => {
    expect(messages(z.number().int().max(1024), 2000)).toEqual(['At most 1024.']);
    expect(messages(z.number().min(20), 10)).toEqual(['At least 20.']);
    expect(messages(z.string().min(1), '')).toEqual(['Required.']);
    expect(messages(z.string(), undefined)).toEqual(['Required.']);
    expect(messages(z.literal([512, 768, 1024]), 600)).toEqual(['Must be one of 512, 768, 1024.']);
    expect(messages(z.number().multipleOf(8), 500)).toEqual(['Must be a multiple of 8.']);
    expect(messages(z.url(), 'nope')).toEqual(['Enter a full URL (https://…).']);
  });
  it('reads well on a real endpoint: ModelsLab width 2000', () => {
    const schema = getEndpoint('modelslab/text2img')!.schema;
    const r = schema.safeParse({ model_id: 'm', prompt: 'p', width: 2000 }, { error: plainError });
    expect(r.success).toBe(false);
    expect(r.error?.issues.find((i) => i.path[0] === 'width')?.message).toBe('At most 1024.');
  });
});
