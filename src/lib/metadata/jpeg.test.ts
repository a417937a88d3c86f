import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { describeJpegSegments, encodeSegment, parseJpeg, readJpegMetadata, writeJpegMetadata } from './jpeg';
import { readXmpJson } from './xmp';

function makeJpeg(comments?: string[]): Uint8Array {
  const width = 16;
  const height = 8;
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([(i * 13) & 0xff, (i * 7) & 0xff, 255 - i, 255], i * 4);
  return new Uint8Array(jpeg.encode({ data, width, height, comments }, 80).data);
}

const decoded = (b: Uint8Array) => Buffer.from(jpeg.decode(b, { useTArray: true }).data);

/** An EXIF segment as a camera writes it: little-endian, Orientation 6, no UserComment. */
function cameraExif(): Uint8Array {
  const t = Buffer.alloc(8 + 2 + 12 + 4);
  t.write('II', 0, 'latin1');
  t.writeUInt16LE(42, 2);
  t.writeUInt32LE(8, 4);
  t.writeUInt16LE(1, 8);
  t.writeUInt16LE(0x0112, 10);
  t.writeUInt16LE(3, 12);
  t.writeUInt32LE(1, 14);
  t.writeUInt16LE(6, 18);
  return encodeSegment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), t]));
}

const INFOTEXT = 'a red fox in snow, 日本\nNegative prompt: blurry\nSteps: 30, Sampler: Euler a, CFG scale: 7, Seed: 42, Size: 16x8';
const JSON_TEXT = JSON.stringify({ app: 'image-api-playground', params: { prompt: 'a <red> & "fox"' } });

describe('writeJpegMetadata', () => {
  it('adds EXIF UserComment and XMP after JFIF, leaving the entropy-coded data and pixels untouched', () => {
    const src = makeJpeg();
    const out = writeJpegMetadata(src, { infotext: INFOTEXT, json: JSON_TEXT });
    expect(describeJpegSegments(out).slice(0, 3)).toEqual(['APP0 JFIF', 'APP1 Exif', 'APP1 XMP']);
    expect(Buffer.from(parseJpeg(out).scan)).toEqual(Buffer.from(parseJpeg(src).scan));
    expect(decoded(out)).toEqual(decoded(src));
    const meta = readJpegMetadata(out);
    expect(meta.exif?.userComment).toBe(INFOTEXT);
    expect(meta.json).toBe(JSON_TEXT);
    expect(meta.xmp && readXmpJson(meta.xmp)).toBe(JSON_TEXT);
  });

  it('replaces existing EXIF and XMP instead of adding more, keeping the EXIF orientation', () => {
    const src = makeJpeg();
    const { segments, scan } = parseJpeg(src);
    const withCamera = Buffer.concat([Buffer.from([0xff, 0xd8]), cameraExif(), ...segments.map((s) => s.raw), scan]);
    expect(readJpegMetadata(withCamera).exif).toEqual({ orientation: 6 });
    const once = writeJpegMetadata(withCamera, { infotext: 'first\nSteps: 1, Seed: 1, CFG scale: 1', json: '{"v":1}' });
    const twice = writeJpegMetadata(once, { infotext: INFOTEXT, json: JSON_TEXT });
    const names = describeJpegSegments(twice);
    expect(names.filter((n) => n === 'APP1 Exif')).toHaveLength(1);
    expect(names.filter((n) => n === 'APP1 XMP')).toHaveLength(1);
    expect(readJpegMetadata(twice).exif).toEqual({ userComment: INFOTEXT, orientation: 6 });
    expect(readJpegMetadata(twice).json).toBe(JSON_TEXT);
    expect(decoded(twice)).toEqual(decoded(src));
  });

  it('writes only what is given', () => {
    const out = writeJpegMetadata(makeJpeg(), { infotext: 'x' });
    expect(describeJpegSegments(out)).not.toContain('APP1 XMP');
    expect(readJpegMetadata(out).json).toBeUndefined();
  });

  it('refuses a payload over 64 KB rather than writing a broken file', () => {
    expect(() => writeJpegMetadata(makeJpeg(), { json: 'x'.repeat(70_000) })).toThrow(RangeError);
  });
});

describe('readJpegMetadata', () => {
  it('reads COM segments and reports no EXIF or XMP when there are none', () => {
    const meta = readJpegMetadata(makeJpeg(['hello comment']));
    expect(meta).toEqual({ comments: ['hello comment'] });
  });

  it('refuses a file that is not a JPEG', () => {
    expect(() => parseJpeg(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toThrow(/Not a JPEG/);
  });
});
