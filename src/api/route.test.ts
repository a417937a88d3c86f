import { describe, expect, it } from 'vitest';
import { getProvider } from '../providers/registry';
import { baseUrlProblem, resolveRoute, routedUrl, withPageOrigin } from './route';

const segmind = getProvider('segmind')!;
const dreamrender = getProvider('dreamrender')!;
const a1111 = getProvider('a1111')!;
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

describe('base URLs and the page policy', () => {
  it('refuses, with the reason, what the page policy could not name', () => {
    expect(baseUrlProblem(a1111, 'http://127.0.0.2:7860')).toBeUndefined();
    expect(baseUrlProblem(a1111, 'http://localhost:7861')).toBeUndefined();
    expect(baseUrlProblem(a1111, 'https://gpu.example.com:7860')).toBeUndefined();
    expect(baseUrlProblem(a1111, 'http://[::1]:7860')).toMatch(/^AUTOMATIC1111.*'s base URL names an IPv6 address, which the page's security policy cannot list/);
    expect(baseUrlProblem(a1111, 'http://192.168.1.9:7860')).toMatch(/base URL must start with https:\/\/, or http:\/\/ on this machine/);
    expect(baseUrlProblem(a1111, 'http://u:p@127.0.0.1:7860')).toMatch(/may not carry a user or password/);
    expect(baseUrlProblem(segmind, 'http://localhost:7860')).toBe("Segmind's base URL must start with https://.");
  });
  it('asks for a reload before a direct request to an origin the page was not loaded with', () => {
    const live = { ...base, mode: 'live' as const, key: 'k' };
    const known = (origin: string) => origin === 'http://127.0.0.1:7860';
    expect(resolveRoute(a1111, { ...live, baseUrl: 'http://127.0.0.1:7860' }, 'http://h', true, known).problem).toBeUndefined();
    const moved = resolveRoute(a1111, { ...live, baseUrl: 'http://127.0.0.2:7860' }, 'http://h', true, known);
    expect(moved.problem).toMatch(/may connect to http:\/\/127\.0\.0\.2:7860 after a reload.*Reload the page/);
    // Through the proxy the page connects to its own origin only: no reload needed.
    const proxied = resolveRoute(dreamrender, { ...live, baseUrl: 'https://render.example' }, 'http://h', true, known);
    expect(proxied.problem).toBeUndefined();
    expect(resolveRoute(dreamrender, { ...live, baseUrl: 'https://render.example', useProxy: false }, 'http://h', true, known).problem).toMatch(/after a reload/);
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
