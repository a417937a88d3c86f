import { describe, expect, it } from 'vitest';
import { base64ToBytes, parseDataUrl, sniffImageMime, splitDataUrl } from '../providers/shared/base64';
import { blobToDataUrl, dataUrlToBlob } from './data-url';

describe('data URLs', () => {
  it('turn into Blobs and back, byte for byte', async () => {
    const blob = dataUrlToBlob('data:image/png;base64,iVBORw0KGgoAAQL/');
    expect(blob.type).toBe('image/png');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 1, 2, 255]);
    expect(await blobToDataUrl(blob)).toBe('data:image/png;base64,iVBORw0KGgoAAQL/');
    expect(await (await dataUrlToBlob('data:text/plain,a%20b')).text()).toBe('a b');
    expect(() => dataUrlToBlob('https://x.test/a.png')).toThrow();
  });
  it('keep their parameters out of the payload, and their type in lower case', async () => {
    const blob = dataUrlToBlob('data:Image/PNG;name=a.png;base64,AAEC');
    expect(blob.type).toBe('image/png');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0, 1, 2]);
    expect(splitDataUrl('data:,hi')).toEqual({ mime: 'text/plain', base64: false, payload: 'hi' });
    expect(parseDataUrl('data:;base64,AAEC')).toEqual({ mime: 'application/octet-stream', data: 'AAEC' });
    expect(parseDataUrl('data:text/plain,hi')).toBeUndefined();
  });
});

describe('the one image sniffer and base64 decoder', () => {
  it('decodes wrapped lines and knows PNG and JPEG by their first bytes', () => {
    expect([...base64ToBytes('AAEC\n/w==\n')]).toEqual([0, 1, 2, 255]);
    expect(sniffImageMime(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10]))).toBe('image/png');
    expect(sniffImageMime(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageMime(new Uint8Array([1, 2, 3]))).toBeUndefined();
  });
});
