/**
 * The page's memory of the keys the image Worker found: a key learnt for a Blob goes with the
 * next request that sends that very Blob, never with another one (even of the same size), and a
 * key that cannot be the Blob's (another length) is not learnt.
 */
import { describe, expect, it } from 'vitest';
import { KeyHints, keyFits } from './key-hints';
import { contentKey } from './worker-memo';

const blob = (...bytes: number[]) => new Blob([new Uint8Array(bytes)]);
const keyOf = async (b: Blob) => contentKey(new Uint8Array(await b.arrayBuffer()));

describe('KeyHints', () => {
  it('sends nothing before an answer reported a key', () => {
    const hints = new KeyHints();
    const request = { op: 'prepare', image: blob(1, 2, 3) };
    expect(hints.hint(request)).toBe(request);
  });

  it('sends the key an answer reported with the same Blob, by its field, and for nothing else', async () => {
    const hints = new KeyHints();
    const image = blob(1, 2, 3, 4);
    const mask = blob(9, 9);
    hints.learn({ op: 'probe', image }, { image: await keyOf(image) });
    hints.learn({ op: 'mask-box', mask }, { mask: await keyOf(mask) });
    // The stitch sends the picture as `original`: the key goes under that name.
    expect(hints.hint({ op: 'stitch', original: image, mask }).keys).toEqual({ original: await keyOf(image), mask: await keyOf(mask) });
    // Another Blob of the same bytes is another object: no key goes with it (the Worker hashes it).
    expect(hints.hint({ op: 'prepare', image: blob(1, 2, 3, 4) }).keys).toBeUndefined();
  });

  it('does not learn a key of another length, nor one for a field that holds no Blob', async () => {
    const hints = new KeyHints();
    const image = blob(1, 2, 3);
    hints.learn({ op: 'probe', image }, { image: await keyOf(blob(1, 2, 3, 4)), mask: 'x' });
    expect(hints.hint({ op: 'prepare', image }).keys).toBeUndefined();
    expect(keyFits(image, await keyOf(image))).toBe(true);
    expect(keyFits(image, undefined)).toBe(false);
  });
});
