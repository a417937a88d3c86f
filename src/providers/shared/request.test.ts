import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { param } from '../param';
import { allEndpoints } from '../registry';
import type { EndpointDef } from '../types';
import { basicAuth, buildFromSchema, encodeValue } from './request';

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
  if (req.body.type === 'json') return Object.keys(req.body.value);
  if (req.body.type === 'multipart') return req.body.fields.map(([name]) => name);
  return [];
}

describe('the schema is the only source of what is sent', () => {
  it('sends every schema key of every endpoint, in the schema order', () => {
    for (const e of allEndpoints()) {
      const keys = Object.keys(e.schema.shape);
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
});
