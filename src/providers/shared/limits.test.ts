import { describe, expect, it } from 'vitest';
import { getEndpoint, getProvider } from '../registry';
import { DEFAULT_REQUEST_TIMEOUT_MS, maxOutputs, requestTimeoutMs } from './limits';

describe('per-endpoint limits', () => {
  it('caps outputs at the documented maximum: the samples field, else one image', () => {
    expect(maxOutputs(getEndpoint('modelslab/text2img')!)).toBe(4);
    expect(maxOutputs(getEndpoint('segmind/sd1.5-dreamshaper')!)).toBe(4);
    expect(maxOutputs(getEndpoint('dreamrender/generate_image')!)).toBe(1);
    expect(maxOutputs({ ...getEndpoint('dreamrender/generate_image')!, maxOutputs: 8 })).toBe(8);
  });

  it('gives a request 180 s unless the endpoint or the provider says otherwise', () => {
    const provider = getProvider('segmind')!;
    const endpoint = getEndpoint('segmind/sd1.5-dreamshaper')!;
    expect(DEFAULT_REQUEST_TIMEOUT_MS).toBe(180_000);
    expect(requestTimeoutMs(provider, endpoint)).toBe(180_000);
    expect(requestTimeoutMs({ ...provider, timeoutMs: 600_000 }, endpoint)).toBe(600_000);
    expect(requestTimeoutMs({ ...provider, timeoutMs: 600_000 }, { ...endpoint, timeoutMs: 900_000 })).toBe(900_000);
  });
});
