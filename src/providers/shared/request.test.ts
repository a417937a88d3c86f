import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { param } from '../param';
import { allEndpoints } from '../registry';
import type { EndpointDef } from '../types';
import { basicAuth, buildFromSchema, encodeValue, wireNameOf } from './request';

type Def = { type: string; innerType?: z.ZodType; entries?: Record<string, string>; values?: unknown[] };

/** A value of the field's own type, never blank: enough to see whether it reaches the wire. */
function sample(field: z.ZodType): unknown {
  let s = field;
  for (;;) {
    const def = s.def as unknown as Def;
    if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType) s = def.innerType;
    else break;
  }
  const def = s.def as unknown as Def;
  switch (def.type) {
    case 'string':
      return 'data:image/png;base64,iVBORw0KGgo=';
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'enum':
      return Object.values(def.entries ?? {})[0];
    case 'literal':
      return def.values?.[0];
    default:
      throw new Error(`no sample for ${def.type}`);
  }
}

function sentNames(e: EndpointDef): string[] {
  const params = Object.fromEntries(Object.entries(e.schema.shape).map(([name, f]) => [name, sample(f as z.ZodType)]));
  const req = e.buildRequest({ params, key: 'k', baseUrl: 'https://base.test' });
  // Replicate wraps the model's input in `{input}` (with `version` beside it).
  const input = req.body.type === 'json' ? req.body.value.input : undefined;
  if (typeof input === 'object' && input !== null) return Object.keys(input);
  if (req.body.type === 'json') return Object.keys(req.body.value);
  if (req.body.type === 'multipart') return req.body.fields.map(([name]) => name);
  return [];
}

describe('the schema is the only source of what is sent', () => {
  it('sends every schema key of every endpoint, in the schema order', () => {
    for (const e of allEndpoints()) {
      // A dotted wire name (`override_settings.sd_model_checkpoint`) arrives as its top-level object.
      const shape = e.schema.shape as Record<string, z.ZodType>;
      const keys = [...new Set(Object.entries(shape).map(([name, f]) => wireNameOf(name, f).split('.')[0]!))];
      const sent = sentNames(e).filter((n) => keys.includes(n));
      expect(sent, e.id).toEqual(keys);
    }
  });

  it('encodes by the wire metadata', () => {
    expect(encodeValue(512, 'intString')).toBe('512');
    expect(encodeValue(true, 'yesNo')).toBe('yes');
    expect(encodeValue(false, 'trueFalse')).toBe('False');
    expect(encodeValue('data:image/png;base64,QUJD', 'image')).toBe('QUJD');
    expect(encodeValue('https://x.test/a.png', 'image')).toBe('https://x.test/a.png');
    expect(encodeValue(7.5, 'as-is')).toBe(7.5);
    expect(encodeValue('data:image/png;base64,QUJD', 'imageList')).toEqual(['QUJD']);
  });

  it('a field added to a schema is sent with no other edit, where the key placement says', () => {
    const schema = z.object({
      prompt: param(z.string(), { description: 'The prompt.', group: 'basic' }),
      steps: param(z.number().optional(), { description: 'Steps.', group: 'basic', wire: 'intString' }),
      hires: param(z.boolean().optional(), { description: 'A flag.', group: 'advanced', wire: 'yesNo' }),
    });
    const params = { prompt: 'p', steps: 20, hires: false };
    const bearer = buildFromSchema({ schema, path: '/v1/run', format: { body: 'json', key: { in: 'bearer' }, nulls: 'omit', blankText: 'omit' }, params, key: 's3', baseUrl: 'https://h.test' });
    expect(bearer.url).toBe('https://h.test/v1/run');
    expect(bearer.headers).toEqual({ Authorization: 'Bearer s3', 'Content-Type': 'application/json' });
    expect(bearer.body).toEqual({ type: 'json', value: { prompt: 'p', steps: '20', hires: 'no' } });
    const basic = buildFromSchema({ schema, path: '/x', format: { body: 'json', key: { in: 'basic' }, nulls: 'omit', blankText: 'omit' }, params, key: 'user:pässword', baseUrl: 'http://127.0.0.1:7860' });
    expect(basic.headers.Authorization).toBe(basicAuth('user:pässword'));
    expect(atob(basicAuth('u:p').slice(6))).toBe('u:p');
    const none = buildFromSchema({ schema, path: '/x', format: { body: 'json', key: { in: 'none' }, nulls: 'omit', blankText: 'omit' }, params, key: '', baseUrl: 'http://localhost:7860' });
    expect(none.headers).toEqual({ 'Content-Type': 'application/json' });
    const multipart = buildFromSchema({ schema, path: '/x', format: { body: 'multipart', key: { in: 'multipart', name: 'k' }, nulls: 'omit', blankText: 'send' }, params: { ...params, prompt: '' }, key: 'K', baseUrl: 'https://h.test' });
    expect(multipart.body).toEqual({ type: 'multipart', fields: [['k', 'K'], ['prompt', ''], ['steps', '20'], ['hires', 'no']] });
  });

  it('nests a dotted wire name and sends an image list', () => {
    const schema = z.object({
      init: param(z.string(), { description: 'An image.', group: 'basic', widget: 'image', wire: 'imageList', wireName: 'init_images' }),
      model: param(z.string().optional(), { description: 'A model.', group: 'basic', wireName: 'override_settings.sd_model_checkpoint' }),
      clip: param(z.number().optional(), { description: 'A setting.', group: 'advanced', wireName: 'override_settings.CLIP_stop_at_last_layers' }),
    });
    const format = { body: 'json', key: { in: 'none' }, nulls: 'omit', blankText: 'omit' } as const;
    const req = buildFromSchema({ schema, path: '/x', format, params: { init: 'data:image/png;base64,QUJD', model: 'v1-5', clip: 2 }, key: '', baseUrl: 'http://127.0.0.1:7860' });
    expect(req.body).toEqual({ type: 'json', value: { init_images: ['QUJD'], override_settings: { sd_model_checkpoint: 'v1-5', CLIP_stop_at_last_layers: 2 } } });
    const blank = buildFromSchema({ schema, path: '/x', format, params: { init: 'https://h.test/a.png', model: ' ' }, key: '', baseUrl: 'http://127.0.0.1:7860' });
    expect(blank.body).toEqual({ type: 'json', value: { init_images: ['https://h.test/a.png'] } });
  });
});
