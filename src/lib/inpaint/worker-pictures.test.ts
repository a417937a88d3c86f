/**
 * The image Worker's kept picture, with a stand-in for createImageBitmap (Node has none): one
 * picture at a time, found again by its bytes, the one before closed when another comes, nothing
 * left after a release.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { blobKey, keptPictures, keptWindows, pictureOf, releaseKept } from './worker-pictures';

interface FakeBitmap {
  width: number;
  height: number;
  closed: boolean;
  close(): void;
}

let decoded: FakeBitmap[] = [];

beforeEach(() => {
  decoded = [];
  vi.stubGlobal('createImageBitmap', async (blob: Blob) => {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    if (bytes[0] === 0) throw new Error('broken');
    const bitmap: FakeBitmap = { width: bytes.length, height: 1, closed: false, close() { this.closed = true; } };
    decoded.push(bitmap);
    return bitmap;
  });
});

afterEach(() => {
  releaseKept();
  vi.unstubAllGlobals();
});

const file = (...bytes: number[]) => new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' });

describe('the kept picture', () => {
  it('is decoded once and found again by the same bytes (another Blob of them too)', async () => {
    const a = file(1, 2, 3, 4, 5);
    const first = await pictureOf(a, await blobKey(a));
    const again = await pictureOf(file(1, 2, 3, 4, 5), await blobKey(file(1, 2, 3, 4, 5)));
    expect(again).toBe(first);
    expect(decoded).toHaveLength(1);
  });

  it('is replaced by another picture, and the one before is closed: never two kept', async () => {
    const a = file(1, 2, 3);
    const b = file(1, 2, 4);
    const first = (await pictureOf(a, await blobKey(a))) as unknown as FakeBitmap;
    const second = (await pictureOf(b, await blobKey(b))) as unknown as FakeBitmap;
    expect(second).not.toBe(first);
    expect(first.closed).toBe(true);
    expect(second.closed).toBe(false);
    expect(keptPictures.size).toBe(1);
    // Back to the first: decoded again (it was freed), the second closed in turn.
    await pictureOf(a, await blobKey(a));
    expect(decoded).toHaveLength(3);
    expect(second.closed).toBe(true);
  });

  it('is freed with the mask window by a release', async () => {
    const a = file(7, 7, 7);
    const kept = (await pictureOf(a, await blobKey(a))) as unknown as FakeBitmap;
    keptWindows.put('w', { rect: null });
    releaseKept();
    expect(kept.closed).toBe(true);
    expect(keptPictures.size + keptWindows.size).toBe(0);
    expect(keptWindows.get('w')).toBeUndefined();
  });

  it('says plainly when the picture cannot be decoded, and keeps nothing for it', async () => {
    const bad = file(0, 1);
    await expect(pictureOf(bad, await blobKey(bad))).rejects.toThrow('The init image could not be decoded.');
    expect(keptPictures.size).toBe(0);
  });
});
