import { describe, expect, it } from 'vitest';
import { describeImageRef, imagePlaceholder, isImageRef, makeImageRef, parseImageRef } from './image-ref';

describe('local image references', () => {
  it('describe the image without holding it', () => {
    const ref = makeImageRef({ id: 'abc', mime: 'image/png', width: 1024, height: 1024, bytes: 1_887_437 });
    expect(isImageRef(ref)).toBe(true);
    expect(ref.length).toBeLessThan(80);
    expect(parseImageRef(ref)).toEqual({ id: 'abc', mime: 'image/png', width: 1024, height: 1024, bytes: 1_887_437 });
    expect(imagePlaceholder(ref)).toBe('<PNG 1024×1024, 1.8 MB>');
    expect(describeImageRef(makeImageRef({ id: 'x', mime: 'image/jpeg', width: 0, height: 0, bytes: 2048 }))).toBe('JPEG, 2 KB');
    expect(isImageRef('data:image/png;base64,AAA')).toBe(false);
    expect(isImageRef('https://x.test/a.png')).toBe(false);
  });
});
