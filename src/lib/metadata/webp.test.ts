import { describe, expect, it } from 'vitest';
import { buildExif } from './exif';
import { VP8X_FLAGS, parseWebpChunks, readWebpMetadata, simpleWebpCanvas, writeWebpMetadata } from './webp';

// Minimal RIFF containers built by hand. The bitstreams after the headers are opaque bytes: the
// writer must copy them unchanged, which the tests check byte for byte.
function riffChunk(fourcc: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(fourcc, 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, data.length % 2 ? Buffer.from([0]) : Buffer.alloc(0)]);
}

function riff(...chunks: Buffer[]): Uint8Array {
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return new Uint8Array(Buffer.concat([head, body]));
}

function vp8l(width: number, height: number, alpha: boolean): Buffer {
  const bits = (width - 1) | ((height - 1) << 14) | ((alpha ? 1 : 0) << 28);
  const head = Buffer.alloc(5);
  head[0] = 0x2f;
  head.writeUInt32LE(bits >>> 0, 1);
  return Buffer.concat([head, Buffer.from([0x07, 0x10, 0x11, 0x88, 0x88, 0xfe, 0x07])]); // odd length: padded
}

function vp8(width: number, height: number): Buffer {
  const b = Buffer.alloc(10);
  b.set([0x50, 0x02, 0x00, 0x9d, 0x01, 0x2a], 0);
  b.writeUInt16LE(width, 6);
  b.writeUInt16LE(height, 8);
  return Buffer.concat([b, Buffer.from([0x02, 0x00, 0x34, 0x25, 0xa4, 0x00, 0x03, 0x70])]);
}

function vp8x(flags: number, width: number, height: number): Buffer {
  const b = Buffer.alloc(10);
  b[0] = flags;
  b.writeUIntLE(width - 1, 4, 3);
  b.writeUIntLE(height - 1, 7, 3);
  return b;
}

function expectValidRiff(bytes: Uint8Array) {
  expect(Buffer.from(bytes).readUInt32LE(4)).toBe(bytes.length - 8);
}

const INFOTEXT = 'dog\nSteps: 20, Seed: 5, Size: 300x200';
const JSON_TEXT = '{"app":"image-api-playground","x":"ü"}';

describe('writeWebpMetadata', () => {
  it('turns a simple lossless (VP8L) file into VP8X with EXIF and XMP, flags and canvas set', () => {
    const image = vp8l(300, 200, true);
    const out = writeWebpMetadata(riff(riffChunk('VP8L', image)), { infotext: INFOTEXT, json: JSON_TEXT });
    expectValidRiff(out);
    const chunks = parseWebpChunks(out);
    expect(chunks.map((c) => c.fourcc)).toEqual(['VP8X', 'VP8L', 'EXIF', 'XMP ']);
    expect(Buffer.from(chunks[0]!.data)).toEqual(vp8x(VP8X_FLAGS.alpha | VP8X_FLAGS.exif | VP8X_FLAGS.xmp, 300, 200));
    expect(Buffer.from(chunks[1]!.data)).toEqual(image);
    expect(readWebpMetadata(out)).toMatchObject({ exif: { userComment: INFOTEXT }, json: JSON_TEXT });
  });

  it('turns a simple lossy (VP8) file into VP8X without the alpha flag', () => {
    const image = vp8(640, 480);
    const out = writeWebpMetadata(riff(riffChunk('VP8 ', image)), { infotext: INFOTEXT });
    const chunks = parseWebpChunks(out);
    expect(chunks.map((c) => c.fourcc)).toEqual(['VP8X', 'VP8 ', 'EXIF']);
    expect(Buffer.from(chunks[0]!.data)).toEqual(vp8x(VP8X_FLAGS.exif, 640, 480));
    expect(Buffer.from(chunks[1]!.data)).toEqual(image);
    expect(readWebpMetadata(out).json).toBeUndefined();
  });

  it('replaces EXIF and XMP in an extended file, keeping ICC, alpha, orientation and unknown chunks', () => {
    const src = riff(
      riffChunk('VP8X', vp8x(VP8X_FLAGS.icc | VP8X_FLAGS.alpha | VP8X_FLAGS.exif | VP8X_FLAGS.xmp, 64, 32)),
      riffChunk('ICCP', Buffer.from('fake icc profile')),
      riffChunk('ALPH', Buffer.from([0, 1, 2])),
      riffChunk('VP8 ', vp8(64, 32)),
      riffChunk('EXIF', Buffer.from(buildExif('old comment', 3))),
      riffChunk('XMP ', Buffer.from('<x:xmpmeta/>')),
      riffChunk('ZZZZ', Buffer.from('unknown')),
    );
    const out = writeWebpMetadata(src, { infotext: INFOTEXT, json: JSON_TEXT });
    expectValidRiff(out);
    const chunks = parseWebpChunks(out);
    expect(chunks.map((c) => c.fourcc)).toEqual(['VP8X', 'ICCP', 'ALPH', 'VP8 ', 'ZZZZ', 'EXIF', 'XMP ']);
    const before = parseWebpChunks(src);
    for (const i of [1, 2, 3]) expect(Buffer.from(chunks[i]!.data)).toEqual(Buffer.from(before[i]!.data));
    expect(chunks[0]!.data[0]).toBe(VP8X_FLAGS.icc | VP8X_FLAGS.alpha | VP8X_FLAGS.exif | VP8X_FLAGS.xmp);
    expect(readWebpMetadata(out)).toMatchObject({ exif: { userComment: INFOTEXT, orientation: 3 }, json: JSON_TEXT });
    expect(writeWebpMetadata(out, { infotext: INFOTEXT, json: JSON_TEXT })).toEqual(out);
  });

  it('reads the canvas of simple files', () => {
    expect(simpleWebpCanvas({ fourcc: 'VP8L', data: vp8l(1, 16384, false) })).toEqual({ width: 1, height: 16384, alpha: false });
    expect(() => simpleWebpCanvas({ fourcc: 'VP8 ', data: Buffer.alloc(10) })).toThrow(/start code/);
  });

  it('reads a file with no metadata as empty and refuses what is not WebP', () => {
    expect(readWebpMetadata(riff(riffChunk('VP8L', vp8l(2, 2, false))))).toEqual({});
    expect(() => parseWebpChunks(new Uint8Array(12))).toThrow(/Not a WebP/);
  });
});
