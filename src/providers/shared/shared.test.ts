import { describe, expect, it } from 'vitest';
import { classifyError, defaultHint, errorResult, kindFromStatus, kindFromText, parseRetryAfter } from './errors';
import {
  base64ToBytes,
  bytesToBase64,
  isDataUrl,
  parseDataUrl,
  sniffBase64Mime,
  sniffImageMime,
  stripDataUrlPrefix,
} from './base64';
import { contentType, getHeader, messageText, parseJson, summarizeText, toNumber } from './http';
import { drawSeed, MAX_DRAWN_SEED, resolveSeed } from './seed';
import { imageFromString } from './images';
import { JPEG_BYTES, PNG_BYTES } from './fake-response';

describe('error classification', () => {
  it('maps statuses to kinds', () => {
    expect([400, 401, 402, 403, 404, 405, 406, 429, 500, 502, 503, 504, 200].map(kindFromStatus)).toEqual([
      'invalid', 'auth', 'credits', 'auth', 'not_found', 'invalid', 'invalid', 'rate_limit', 'server', 'server', 'server', 'server', 'unknown',
    ]);
  });

  it('reads the kind from provider words', () => {
    expect(kindFromText('Invalid Api Key')).toBe('auth');
    expect(kindFromText('API key is missing')).toBe('auth');
    expect(kindFromText('Insufficient permissions')).toBe('auth');
    expect(kindFromText('Rate limit exceeded')).toBe('rate_limit');
    expect(kindFromText('Too many requests')).toBe('rate_limit');
    expect(kindFromText('Insufficient credits')).toBe('credits');
    expect(kindFromText('Your wallet balance is low')).toBe('credits');
    expect(kindFromText('You have reached your spend limit')).toBe('credits');
    expect(kindFromText('Model not found')).toBe('not_found');
    expect(kindFromText('Invalid content type')).toBe('invalid');
    expect(kindFromText('Invalid API Request')).toBe('invalid');
    expect(kindFromText('Something odd')).toBeUndefined();
  });

  it('lets 401, 402, 429 and 5xx decide, and text decide otherwise', () => {
    expect(classifyError(401, 'Model not found')).toBe('auth');
    expect(classifyError(429, 'slow down')).toBe('rate_limit');
    expect(classifyError(503, 'Invalid API Key')).toBe('server');
    expect(classifyError(403, 'Insufficient credits')).toBe('credits');
    expect(classifyError(200, 'Invalid Api Key', 'invalid')).toBe('auth');
    expect(classifyError(200, 'Something odd', 'invalid')).toBe('invalid');
    expect(classifyError(418, undefined)).toBe('invalid');
  });

  it('parses retry-after values', () => {
    expect(parseRetryAfter(30)).toBe(30);
    expect(parseRetryAfter('12')).toBe(12);
    expect(parseRetryAfter(' 2.5 ')).toBe(2.5);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', Date.UTC(2015, 9, 21, 7, 28, 0))).toBe(30);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.UTC(2015, 9, 21, 7, 29, 0))).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(-3)).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('writes a plain message and a hint', () => {
    expect(errorResult('Segmind', 'auth', { status: 401, text: 'Invalid API key' })).toEqual({
      kind: 'error',
      error: {
        kind: 'auth',
        message: 'Segmind did not accept the API key (HTTP 401): "Invalid API key".',
        hint: 'Check the key in Settings: a missing, mistyped or revoked key gives this error.',
        status: 401,
      },
    });
    const r = errorResult('ModelsLab', 'rate_limit', { status: 200, retryAfter: 30, providerId: '7' });
    expect(r.error).toEqual({
      kind: 'rate_limit',
      message: 'ModelsLab is receiving too many requests from this key.',
      hint: 'Wait 30 s and retry.',
      status: 200,
      retryAfter: 30,
      providerId: '7',
    });
    expect(defaultHint('rate_limit')).toBe('Wait a little and retry; send fewer requests at once.');
  });
});

describe('base64 helpers', () => {
  it('parses and strips data URLs', () => {
    expect(parseDataUrl('data:image/png;base64,iVBORw0KGgo=')).toEqual({ mime: 'image/png', data: 'iVBORw0KGgo=' });
    expect(parseDataUrl('https://example.com/a.png')).toBeUndefined();
    expect(parseDataUrl('data:text/plain,hello')).toBeUndefined();
    expect(stripDataUrlPrefix('data:image/jpeg;base64,/9j/4AAQ')).toBe('/9j/4AAQ');
    expect(stripDataUrlPrefix('https://example.com/a.png')).toBe('https://example.com/a.png');
    expect(isDataUrl('data:image/png;base64,AAAA')).toBe(true);
    expect(isDataUrl('iVBORw0KGgo=')).toBe(false);
  });

  it('sniffs image types', () => {
    expect(sniffImageMime(JPEG_BYTES)).toBe('image/jpeg');
    expect(sniffImageMime(PNG_BYTES)).toBe('image/png');
    expect(sniffImageMime(new TextEncoder().encode('{"error":"x"}'))).toBeUndefined();
    expect(sniffBase64Mime(bytesToBase64(JPEG_BYTES))).toBe('image/jpeg');
    expect(sniffBase64Mime(bytesToBase64(PNG_BYTES))).toBe('image/png');
  });

  it('round-trips bytes through base64', () => {
    const bytes = new Uint8Array(70000).map((_, i) => (i * 7) % 256);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
    expect(bytesToBase64(new Uint8Array([104, 105]))).toBe('aGk=');
  });

  it('reads base64 with line breaks and without padding, and refuses what is not base64', () => {
    expect([...base64ToBytes('aGVs\nbG8g\r\nd29y bGQ')]).toEqual([...new TextEncoder().encode('hello world')]);
    expect([...base64ToBytes('aGk')]).toEqual([104, 105]);
    expect(() => base64ToBytes('a$b=')).toThrow();
  });

  it('turns provider strings into result images', () => {
    expect(imageFromString('https://x.test/a.png', 'image/png')).toEqual({ type: 'url', url: 'https://x.test/a.png' });
    expect(imageFromString('data:image/webp;base64,UklGRgAAAABXRUJQ', 'image/png')).toEqual({
      type: 'base64', data: 'UklGRgAAAABXRUJQ', mime: 'image/webp',
    });
    expect(imageFromString(bytesToBase64(JPEG_BYTES), 'image/png')).toEqual({
      type: 'base64', data: bytesToBase64(JPEG_BYTES), mime: 'image/jpeg',
    });
    expect(imageFromString('not an image', 'image/png')).toBeUndefined();
  });
});

describe('http helpers', () => {
  it('finds headers whatever their case', () => {
    expect(getHeader({ 'X-Seed-Value': '5' }, 'x-seed-value')).toBe('5');
    expect(getHeader({ 'retry-after': '3' }, 'Retry-After')).toBe('3');
    expect(getHeader({}, 'x')).toBeUndefined();
    expect(contentType({ 'Content-Type': 'application/json; charset=utf-8' })).toBe('application/json');
  });

  it('parses JSON bodies leniently', () => {
    expect(parseJson(new TextEncoder().encode(' {"a":1} '))).toEqual({ a: 1 });
    expect(parseJson(new TextEncoder().encode('<html>'))).toBeUndefined();
    expect(parseJson(new Uint8Array())).toBeUndefined();
    expect(toNumber('7.5')).toBe(7.5);
    expect(toNumber('x')).toBeUndefined();
  });

  it('flattens provider messages', () => {
    expect(messageText('  boom ')).toBe('boom');
    expect(messageText({ width: ['The width must be at most 1024.'] })).toBe('width: The width must be at most 1024.');
    expect(messageText([{ loc: ['body', 'prompt'], msg: 'field required' }])).toBe('prompt: field required');
    expect(messageText('')).toBeUndefined();
  });

  it('summarizes HTML bodies', () => {
    expect(summarizeText('<html><head><title>405 Not Allowed</title></head><body>x</body></html>')).toBe('405 Not Allowed');
    expect(summarizeText('<p>Bad   <b>Gateway</b></p>')).toBe('Bad Gateway');
    expect(summarizeText('a'.repeat(300)).length).toBe(200);
  });
});

describe('resolveSeed', () => {
  it('draws a seed for the random marker or an absent value', () => {
    expect(resolveSeed(-1, -1, () => 0.5)).toBe(2 ** 30);
    expect(resolveSeed(null, null, () => 0)).toBe(0);
    expect(resolveSeed(undefined, -1, () => 0.25)).toBe(2 ** 29);
    expect(resolveSeed(null, -1, () => 0.25)).toBe(2 ** 29);
  });

  it('keeps a concrete seed', () => {
    expect(resolveSeed(165577282, -1, () => 0.5)).toBe(165577282);
    expect(resolveSeed(0, null, () => 0.5)).toBe(0);
    expect(resolveSeed(2916174600, null, () => 0.5)).toBe(2916174600);
  });

  it('stays in 0..2^31-1', () => {
    expect(drawSeed(() => 0.9999999999999999)).toBe(MAX_DRAWN_SEED);
    expect(drawSeed(() => 1)).toBe(MAX_DRAWN_SEED);
    expect(drawSeed(() => -0.5)).toBe(0);
    expect(drawSeed(() => Number.NaN)).toBe(0);
  });
});
