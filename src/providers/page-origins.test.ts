import { describe, expect, it } from 'vitest';
import { checkPageOrigin, cookieValue, formatOriginsCookie, MAX_USER_ORIGINS, parseOriginsCookie, registryOrigins } from './page-origins';
import { providers } from './registry';

const problem = (text: string, local = true) => {
  const checked = checkPageOrigin(text, local);
  return 'problem' in checked ? checked.problem : undefined;
};

describe('checkPageOrigin: what the page policy can name', () => {
  it.each([
    ['http://127.0.0.1:7860', 'http://127.0.0.1:7860'],
    ['http://127.0.0.2:7860/', 'http://127.0.0.2:7860'],
    ['http://127.1:7860', 'http://127.0.0.1:7860'],
    ['http://LOCALHOST:8080/sdapi', 'http://localhost:8080'],
    ['https://a1111.example.com.au:7860/base', 'https://a1111.example.com.au:7860'],
    ['https://render.e2e.test', 'https://render.e2e.test'],
  ])('takes %s as %s', (text, origin) => {
    expect(checkPageOrigin(text, true)).toEqual({ origin });
  });

  it('refuses, with the reason, what the policy cannot allow', () => {
    expect(problem('http://[::1]:7860')).toMatch(/IPv6 address, which the page.s security policy cannot list: use 127\.0\.0\.1 or localhost/);
    expect(problem('https://[2001:db8::1]/')).toMatch(/IPv6/);
    expect(problem('http://192.168.1.5:7860')).toMatch(/http:\/\/ on this machine \(127\.0\.0\.1 or localhost\)/);
    expect(problem('http://localhost:7860', false)).toBe('It must start with https://.');
    expect(problem('https://user:pw@example.com')).toMatch(/may not carry a user or password/);
    expect(problem('ftp://example.com')).toMatch(/must start with/);
    expect(problem('https://exa_mple.com')).toMatch(/not a host name/);
    expect(problem('https://localhost.')).toMatch(/not a host name/);
    expect(problem('not a url')).toMatch(/is not a web address/);
  });
});

describe('the origins cookie', () => {
  it('round-trips what the page writes', () => {
    const origins = ['http://127.0.0.2:7860', 'https://render.e2e.test'];
    expect(parseOriginsCookie(formatOriginsCookie(origins))).toEqual(origins);
    expect(cookieValue(`a=b; playground-origins=${formatOriginsCookie(origins)}; c=d`, 'playground-origins')).toBe(formatOriginsCookie(origins));
    expect(cookieValue('a=b', 'playground-origins')).toBeUndefined();
  });

  it.each([
    ["https://x.example; script-src 'unsafe-inline'", []],
    ["https://x.example 'unsafe-inline'", ['https://x.example']],
    ['https://x.example/path', []],
    ['http://10.0.0.1:80', []],
    ['http://[::1]:7860', []],
    ['https://u:p@x.example', []],
    ["'unsafe-eval' * https: http:", []],
    ['https://a.example\r\nset-cookie: x=y', []],
    ['https://*.example.com', []],
    ['data: blob:', []],
  ])('keeps only exact origins from a hostile value: %j', (value, kept) => {
    expect(parseOriginsCookie(encodeURIComponent(value))).toEqual(kept);
  });

  it('ignores a malformed or oversized value and keeps at most the cap', () => {
    expect(parseOriginsCookie('%E0%A4%A')).toEqual([]);
    expect(parseOriginsCookie(encodeURIComponent(`https://a.example ${'x'.repeat(3000)}`))).toEqual([]);
    const many = Array.from({ length: 20 }, (_, i) => `https://h${i}.example`);
    expect(parseOriginsCookie(encodeURIComponent(many.join(' ')))).toEqual(many.slice(0, MAX_USER_ORIGINS));
  });
});

describe('registryOrigins', () => {
  it('names the hosted providers’ hosts over https and the local server’s default, no wildcard', () => {
    const origins = registryOrigins(providers);
    expect(origins).toContain('https://api.segmind.com');
    expect(origins).toContain('https://stablediffusionapi.com');
    expect(origins).toContain('http://127.0.0.1:7860');
    expect(origins.every((o) => /^https?:\/\/[a-z0-9.-]+(:\d+)?$/.test(o))).toBe(true);
  });
});
