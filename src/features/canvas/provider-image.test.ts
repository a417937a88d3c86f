import { describe, expect, it } from 'vitest';
import { isRemoteImageUrl, parseDataUrl, toModelsLabImage, toSegmindImage } from './provider-image';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';

describe('provider image adapters', () => {
  it('strips the data: prefix for both providers', () => {
    expect(toModelsLabImage(PNG)).toBe('iVBORw0KGgo=');
    expect(toSegmindImage(PNG)).toBe('iVBORw0KGgo=');
  });

  it('passes http(s) URLs through unchanged', () => {
    const url = 'https://example.com/a.png?x=1';
    expect(toModelsLabImage(url)).toBe(url);
    expect(toSegmindImage(`  ${url} `)).toBe(url);
    expect(toSegmindImage('HTTP://example.com/a.png')).toBe('HTTP://example.com/a.png');
  });

  it('encodes non-base64 data URLs to base64', () => {
    const svg = 'data:image/svg+xml,%3Csvg%3E%C3%A9%3C%2Fsvg%3E';
    expect(atob(toSegmindImage(svg))).toBe('<svg>\u00c3\u00a9</svg>');
  });

  it('keeps extra data URL parameters out of the payload', () => {
    expect(parseDataUrl('data:image/png;name=a.png;base64,AAAA')).toEqual({ mime: 'image/png', base64: 'AAAA' });
  });

  it('refuses what is not an image', () => {
    expect(() => toModelsLabImage('data:text/plain;base64,aGk=')).toThrow(/needs an image/);
    expect(() => toSegmindImage('blob:http://x/1')).toThrow(/data: URL or an http\(s\) URL/);
    expect(() => toSegmindImage('/samples/init-512.png')).toThrow();
    expect(() => toSegmindImage('data:image/png;base64,')).toThrow(/empty/);
  });

  it('recognises remote URLs', () => {
    expect(isRemoteImageUrl('https://a/b.png')).toBe(true);
    expect(isRemoteImageUrl(PNG)).toBe(false);
    expect(isRemoteImageUrl('ftp://a/b.png')).toBe(false);
  });
});
