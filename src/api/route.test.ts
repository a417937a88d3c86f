import { describe, expect, it } from 'vitest';
import { getProvider } from '../providers/registry';
import { resolveRoute, routedUrl, withPageOrigin } from './route';

const segmind = getProvider('segmind')!;
const dreamrender = getProvider('dreamrender')!;
const base = { baseUrl: '', useProxy: true, remember: false, key: '', sandboxKey: 'sandbox-key' };

describe('resolveRoute', () => {
  it('sends Sandbox requests to the twin on this origin with the sandbox key, never the live key', () => {
    expect(resolveRoute(segmind, { ...base, mode: 'sandbox', key: 'live-secret' }, 'http://127.0.0.1:5173', true)).toEqual({
      baseUrl: 'http://127.0.0.1:5173/sandbox/segmind',
      key: 'sandbox-key',
    });
    expect(resolveRoute(segmind, { ...base, mode: 'sandbox', sandboxKey: 'invalid' }, 'http://h', true).key).toBe('invalid');
  });
  it('routes Live requests through the proxy when it is there, direct otherwise', () => {
    const live = { ...base, mode: 'live' as const, key: 'k' };
    const proxied = resolveRoute(segmind, live, 'http://127.0.0.1:5173', true);
    expect(proxied.proxy).toEqual({ prefix: 'http://127.0.0.1:5173/proxy/segmind', target: 'https://api.segmind.com' });
    expect(routedUrl(proxied, 'https://api.segmind.com/v1/sd1.5-dreamshaper')).toEqual({
      url: 'http://127.0.0.1:5173/proxy/segmind/v1/sd1.5-dreamshaper',
      extraHeaders: { 'x-playground-target': 'https://api.segmind.com' },
    });
    const direct = resolveRoute(segmind, live, 'http://h', false);
    expect(direct.proxy).toBeUndefined();
    expect(routedUrl(direct, 'https://api.segmind.com/v1/x')).toEqual({ url: 'https://api.segmind.com/v1/x' });
  });
  it('says what is missing in Live mode', () => {
    expect(resolveRoute(dreamrender, { ...base, mode: 'live', key: 'k' }, 'http://h', true).problem).toMatch(/base URL/);
    expect(resolveRoute(segmind, { ...base, mode: 'live' }, 'http://h', true).problem).toMatch(/key/);
  });
});

describe('withPageOrigin', () => {
  it('puts the page’s real origin in the A1111 hints, every time it occurs', () => {
    const a1111 = getProvider('a1111')!;
    const hint = withPageOrigin(a1111.networkHint!, 'http://127.0.0.1:5173');
    expect(hint).toContain('--cors-allow-origins=http://127.0.0.1:5173,');
    expect(hint).toContain('--cors-origins=http://127.0.0.1:5173 ');
    expect(hint).not.toContain('origin>');
    expect(withPageOrigin(a1111.baseUrlHelp, 'https://play.example')).not.toContain('origin>');
  });
  it('leaves the words where there is no page (Node)', () => {
    expect(withPageOrigin('allow <this page’s origin>', undefined)).toBe('allow <this page’s origin>');
  });
});
