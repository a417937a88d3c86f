import { describe, expect, it } from 'vitest';
import { ImageInputError, isImageType, isRemoteImageUrl, parseImageAddress, splitFiles } from './image-source';

const BASE = 'http://127.0.0.1:5173/playground';

describe('parseImageAddress', () => {
  it('accepts http(s) URLs and resolves same-site paths', () => {
    expect(parseImageAddress(' https://example.com/a.png ', BASE)).toBe('https://example.com/a.png');
    expect(parseImageAddress('/samples/init-512.png', BASE)).toBe('http://127.0.0.1:5173/samples/init-512.png');
  });

  it('accepts image data URLs only', () => {
    expect(parseImageAddress('data:image/png;base64,AAAA', BASE)).toBe('data:image/png;base64,AAAA');
    expect(() => parseImageAddress('data:text/html,<b>hi</b>', BASE)).toThrow(ImageInputError);
  });

  it('refuses other schemes and empty input with a message for the user', () => {
    expect(() => parseImageAddress('', BASE)).toThrow(/Enter the address/);
    expect(() => parseImageAddress('javascript:alert(1)', BASE)).toThrow(/Only http\(s\)/);
    expect(() => parseImageAddress('file:///etc/passwd', BASE)).toThrow(/Only http\(s\)/);
  });
});

describe('isRemoteImageUrl', () => {
  it('knows an http(s) URL, spaces around it allowed, and nothing else', () => {
    expect(isRemoteImageUrl('https://a/b.png')).toBe(true);
    expect(isRemoteImageUrl('  HTTP://a/b.png ')).toBe(true);
    expect(isRemoteImageUrl('data:image/png;base64,iVBORw0KGgo=')).toBe(false);
    expect(isRemoteImageUrl('ftp://a/b.png')).toBe(false);
  });
});

describe('file sorting', () => {
  const file = (name: string, type: string) => ({ name, type }) as File;

  it('tells images from other files', () => {
    expect(isImageType('image/webp')).toBe(true);
    expect(isImageType('application/pdf')).toBe(false);
    const { images, others } = splitFiles([file('a.png', 'image/png'), file('b.txt', 'text/plain'), file('c.jpg', 'image/jpeg')]);
    expect(images.map((f) => f.name)).toEqual(['a.png', 'c.jpg']);
    expect(others.map((f) => f.name)).toEqual(['b.txt']);
  });
});
