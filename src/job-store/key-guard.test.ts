import { describe, expect, it } from 'vitest';
import { assertNoKey, findKeyFields, isKeyLikeName, REDACTED } from './key-guard';

describe('key guard', () => {
  it('knows key-like names whatever their case and separators', () => {
    for (const name of ['key', 'dev_key', 'x-api-key', 'X-API-Key', 'apiKey', 'api_key', 'Authorization']) expect(isKeyLikeName(name)).toBe(true);
    for (const name of ['keyword', 'monkey', 'seed', 'model_id', 'track_id']) expect(isKeyLikeName(name)).toBe(false);
  });

  it('finds keys at any depth, in objects and multipart pairs', () => {
    expect(findKeyFields({ a: { b: [{ key: 'k' }] } }, 'params')).toEqual(['params.a.b[0].key']);
    expect(findKeyFields({ type: 'multipart', fields: [['prompt', 'p'], ['x-api-key', 'k']] }, 'body')).toEqual(['body.fields[1][x-api-key]']);
    expect(findKeyFields({ Authorization: 'Bearer sk-1' })).toEqual(['Authorization']);
    expect(findKeyFields({ Authorization: 'Basic dTpw' })).toEqual(['Authorization']);
  });

  it('accepts redacted and empty values', () => {
    expect(() => assertNoKey({ params: { key: '' }, request: { headers: { 'x-api-key': REDACTED, Authorization: `Bearer ${REDACTED}` }, body: { key: '****' } } })).not.toThrow();
    expect(() => assertNoKey({ request: { headers: { Authorization: `Basic ${REDACTED}` } } })).not.toThrow();
  });

  it('never puts the key itself in the error message', () => {
    expect(() => assertNoKey({ params: { key: 'sk-secret-value' } })).toThrow(/params\.key/);
    try {
      assertNoKey({ params: { key: 'sk-secret-value' } });
    } catch (error) {
      expect(String(error)).not.toContain('sk-secret-value');
    }
  });
});
