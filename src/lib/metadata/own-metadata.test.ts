import { describe, expect, it } from 'vitest';
import { buildOwnMetadata, findKeyLikeFields, omitInlineImages, parseOwnMetadata } from './own-metadata';
import type { OwnMetadataInput } from './own-metadata';

const INPUT: OwnMetadataInput = {
  appVersion: '0.1.0',
  provider: 'modelslab',
  endpoint: 'modelslab/text2img',
  mode: 'sandbox',
  params: { prompt: 'a lighthouse', width: 512, height: 768, seed: 1234, samples: 1 },
  seed: 1234,
  jobId: 'job-1',
  providerJobId: '98765',
  timings: { submittedAt: 1_700_000_000_000, finishedAt: 1_700_000_001_700, latencyMs: 850, generationTime: 1.7 },
  createdAt: 1_700_000_000_000,
};

describe('buildOwnMetadata and parseOwnMetadata', () => {
  it('round-trips through JSON exactly', () => {
    const own = buildOwnMetadata(INPUT);
    expect(own).toEqual({ ...INPUT, app: 'image-api-playground', version: 1 });
    expect(parseOwnMetadata(JSON.stringify(own))).toEqual({ ok: true, value: own });
  });

  it('refuses params holding an API key, at any depth', () => {
    expect(() => buildOwnMetadata({ ...INPUT, params: { prompt: 'x', key: 'sk-live-123' } })).toThrow(/API key/);
    const nested = JSON.stringify({ ...buildOwnMetadata(INPUT), params: { extra: { 'X-Api-Key': 'abc' } } });
    const result = parseOwnMetadata(nested);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/params\.extra\.X-Api-Key: must not hold an API key/);
  });

  it('allows a key-like field that is empty (already redacted away)', () => {
    expect(findKeyLikeFields({ key: '', nested: [{ api_key: null }], prompt: 'key' })).toEqual([]);
    expect(findKeyLikeFields({ nested: [{ api_key: 'x' }] })).toEqual(['nested[0].api_key']);
  });

  it('leaves out inline images and lists them', () => {
    const own = buildOwnMetadata({ ...INPUT, params: { prompt: 'x', init_image: 'data:image/png;base64,AAAA', masks: ['data:image/png;base64,BB'], url: 'https://example.com/a.png' } });
    expect(own.params).toEqual({ prompt: 'x', masks: [], url: 'https://example.com/a.png' });
    expect(own.omitted).toEqual(['init_image', 'masks[0]']);
    expect(omitInlineImages({ a: 1 })).toEqual({ params: { a: 1 }, omitted: [] });
  });

  it('reports bad JSON, another version and missing fields', () => {
    expect(parseOwnMetadata('{').ok).toBe(false);
    const wrongVersion = parseOwnMetadata(JSON.stringify({ ...buildOwnMetadata(INPUT), version: 2 }));
    expect(!wrongVersion.ok && wrongVersion.error).toMatch(/^version:/);
    const missing = parseOwnMetadata(JSON.stringify({ app: 'image-api-playground', version: 1 }));
    expect(!missing.ok && missing.error).toMatch(/provider/);
  });
});
