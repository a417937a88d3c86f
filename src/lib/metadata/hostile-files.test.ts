// Files built to hang or exhaust a reader (issue 22, item 4): each must come back promptly with
// a warning naming the limit, the rest of the file still read.
import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { concatBytes, latin1Encode, u32BE } from './bytes';
import { readImageMetadata } from './image-metadata';
import { MB } from './limits';
import { PNG_SIGNATURE, encodePngChunk, textChunk } from './png';

function png(...chunks: Uint8Array[]): Uint8Array {
  const ihdr = concatBytes([u32BE(1), u32BE(1), new Uint8Array([8, 2, 0, 0, 0])]);
  return concatBytes([PNG_SIGNATURE, encodePngChunk('IHDR', ihdr), ...chunks, encodePngChunk('IDAT', zlibSync(new Uint8Array(4))), encodePngChunk('IEND', new Uint8Array())]);
}

/**
 * A zlib stream of `1 + 258 × repeats` zero bytes in about 13 bits per 258 bytes: one literal 0,
 * then fixed-Huffman "copy 258 from distance 1" codes (a deflate bomb, built bit by bit).
 */
export function zeroBomb(repeats: number): Uint8Array {
  const out = new Uint8Array(Math.ceil((3 + 8 + repeats * 13 + 7) / 8) + 8);
  let bit = 0;
  const put = (value: number, bits: number, msbFirst: boolean) => {
    for (let i = 0; i < bits; i++) {
      const b = msbFirst ? (value >> (bits - 1 - i)) & 1 : (value >> i) & 1;
      out[2 + (bit >> 3)]! |= b << (bit & 7);
      bit++;
    }
  };
  out[0] = 0x78;
  out[1] = 0x01;
  put(1, 1, false); // final block
  put(1, 2, false); // fixed Huffman
  put(0x30, 8, true); // literal 0
  for (let i = 0; i < repeats; i++) {
    put(0xc5, 8, true); // length 258 (code 285)
    put(0, 5, true); // distance 1
  }
  put(0, 7, true); // end of block
  const end = 2 + Math.ceil(bit / 8);
  const total = 1 + 258 * repeats;
  out.set(u32BE((((total % 65521) << 16) | 1) >>> 0), end); // Adler-32 of zeros: a = 1, b = length
  return out.subarray(0, end + 4);
}

const zTXt = (keyword: string, z: Uint8Array) => encodePngChunk('zTXt', concatBytes([latin1Encode(`${keyword}\0\0`), z]));

// Big inputs are built in the tests themselves: generous timeouts for a busy machine (no time is asserted).
describe('hostile files', { timeout: 30_000 }, () => {
  // Before: a 1 GB bomb took 40 s and 2.9 GB of memory, inflated whole before being looked at.
  it('a zTXt bomb stops at 16 MB inflated (the text limit), named, and the other texts are still read', async () => {
    const bomb = zeroBomb(Math.ceil((80 * MB) / 258));
    expect(bomb.length).toBeLessThan(600_000);
    const read = await readImageMetadata(png(zTXt('workflow', bomb), textChunk('parameters', 'a fern\nSteps: 3, Seed: 4, Size: 8x8')));
    expect(read.warnings).toEqual(['The text "workflow" was not read: it inflates past 16 MB.']);
    expect(read).toMatchObject({ source: 'a1111', prompt: 'a fern', steps: 3 });
  });

  // Before: 50 MB of text never answered (the infotext pattern over it).
  it('a text over 16 MB is skipped with its reason', async () => {
    const read = await readImageMetadata(png(encodePngChunk('tEXt', concatBytes([latin1Encode('parameters\0'), new Uint8Array(50 * MB).fill(0x61)]))));
    expect(read).toMatchObject({ source: 'none', warnings: ['The text "parameters" was not read: it is over 16 MB.'] });
  });

  // Before: 100 KB stalled 8.9 s and 1 MB never answered.
  it('a 1 MB one-line infotext reads as a prompt', async () => {
    const line = 'masterpiece best quality '.repeat(42_000);
    const read = await readImageMetadata(png(textChunk('parameters', line)));
    expect(read).toMatchObject({ source: 'a1111', prompt: line.trim() });
  });
});
