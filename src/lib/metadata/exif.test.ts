import { describe, expect, it } from 'vitest';
import { buildExif, decodeUserComment, encodeUserComment, readExif } from './exif';

const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
const UNICODE = Buffer.from('UNICODE\0', 'latin1');

/** A little-endian TIFF as cameras and some tools write it, built by hand. */
function littleEndianTiff(comment: Buffer, orientation: number): Buffer {
  const b = Buffer.alloc(8 + 2 + 24 + 4 + 2 + 12 + 4 + comment.length);
  b.write('II', 0, 'latin1');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(8, 4);
  b.writeUInt16LE(2, 8);
  b.writeUInt16LE(0x0112, 10); // Orientation, SHORT, 1
  b.writeUInt16LE(3, 12);
  b.writeUInt32LE(1, 14);
  b.writeUInt16LE(orientation, 18);
  b.writeUInt16LE(0x8769, 22); // Exif IFD pointer, LONG, 1
  b.writeUInt16LE(4, 24);
  b.writeUInt32LE(1, 26);
  b.writeUInt32LE(38, 30);
  b.writeUInt32LE(0, 34);
  b.writeUInt16LE(1, 38);
  b.writeUInt16LE(0x9286, 40); // UserComment, UNDEFINED
  b.writeUInt16LE(7, 42);
  b.writeUInt32LE(comment.length, 44);
  b.writeUInt32LE(56, 48);
  b.writeUInt32LE(0, 52);
  comment.copy(b, 56);
  return b;
}

describe('UserComment', () => {
  it('is written as piexif writes it: UNICODE\\0 then UTF-16 big-endian', () => {
    const text = 'a cat, ½ 日本 🐈';
    expect(Buffer.from(encodeUserComment(text))).toEqual(Buffer.concat([UNICODE, utf16be(text)]));
    expect(decodeUserComment(encodeUserComment(text))).toBe(text);
  });

  it('reads UTF-16 little-endian, ASCII, undefined-charset and trailing NULs', () => {
    expect(decodeUserComment(Buffer.concat([UNICODE, Buffer.from('Steps: 20\0', 'utf16le')]), true)).toBe('Steps: 20');
    expect(decodeUserComment(Buffer.concat([UNICODE, Buffer.from('Steps: 20', 'utf16le')]), false)).toBe('Steps: 20');
    expect(decodeUserComment(Buffer.concat([Buffer.from('ASCII\0\0\0', 'latin1'), Buffer.from('plain\0')]))).toBe('plain');
    expect(decodeUserComment(Buffer.concat([Buffer.alloc(8), Buffer.from('utf-8 ü')]))).toBe('utf-8 ü');
  });
});

describe('buildExif and readExif', () => {
  it('round-trip the comment and orientation', () => {
    const tiff = buildExif('prompt\nSteps: 20, Seed: 1, Size: 512x512', 6);
    expect(Buffer.from(tiff.subarray(0, 8))).toEqual(Buffer.from([0x4d, 0x4d, 0, 42, 0, 0, 0, 8]));
    expect(readExif(tiff)).toEqual({ userComment: 'prompt\nSteps: 20, Seed: 1, Size: 512x512', orientation: 6 });
    expect(readExif(buildExif('x'))).toEqual({ userComment: 'x' });
  });

  it('read a little-endian TIFF with an Exif\\0\\0 header', () => {
    const tiff = littleEndianTiff(Buffer.concat([UNICODE, Buffer.from('héllo', 'utf16le')]), 8);
    expect(readExif(Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]))).toEqual({ userComment: 'héllo', orientation: 8 });
  });

  it('give nothing for bytes that are not TIFF', () => {
    expect(readExif(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toEqual({});
  });
});
