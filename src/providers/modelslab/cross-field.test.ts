import { describe, expect, it } from 'vitest';
import { inpaintSchema, text2imgSchema } from './schema';
import { generateImageSchema } from '../dreamrender/schema';

const base = { model_id: 'midjourney', prompt: 'a cabin', width: 512, height: 512 };

describe('cross-field rules', () => {
  it('refuses a prompt of spaces only', () => {
    const r = text2imgSchema.safeParse({ ...base, prompt: '   ' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['prompt']);
    const d = generateImageSchema.safeParse({ model: 'm', prompt: ' \n', width: 512, height: 512 });
    expect(d.success).toBe(false);
  });

  it('wants one LoRA strength per LoRA model', () => {
    const bad = inpaintSchema.safeParse({ ...base, init_image: 'https://example.com/a.png', mask_image: 'https://example.com/m.png', lora_model: 'a,b', lora_strength: '0.5,0.6,0.7' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path)).toContainEqual(['lora_strength']);
    expect(text2imgSchema.safeParse({ ...base, lora_model: 'a,b', lora_strength: '0.5,0.6' }).success).toBe(true);
    expect(text2imgSchema.safeParse({ ...base, lora_model: 'a,b' }).success).toBe(true);
    expect(text2imgSchema.safeParse({ ...base, lora_strength: '0.5' }).success).toBe(false);
  });
});
