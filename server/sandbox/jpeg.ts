/** JPEG encode/decode through jpeg-js, plus sniffing and decoding of any supported image. */
import { decode as decodeJpegJs, encode as encodeJpegJs } from 'jpeg-js';
import { decodePng, isPng, MAX_DECODE_PIXELS } from './png';
import type { Raster } from './raster';

/** Quality of every JPEG the Segmind twin returns. */
export const JPEG_QUALITY = 90;

/** Baseline JPEG (alpha is dropped: JPEG has none). */
export function encodeJpeg(raster: Raster, quality = JPEG_QUALITY): Uint8Array {
  const encoded = encodeJpegJs({ width: raster.width, height: raster.height, data: raster.data }, quality);
  return new Uint8Array(encoded.data.buffer, encoded.data.byteOffset, encoded.data.byteLength);
}

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

export function decodeJpeg(bytes: Uint8Array): Raster {
  try {
    const image = decodeJpegJs(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: MAX_DECODE_PIXELS / 1_000_000,
      maxMemoryUsageInMB: 512,
    });
    return { width: image.width, height: image.height, data: image.data };
  } catch (err) {
    throw new Error(`JPEG could not be decoded: ${(err as Error).message}`, { cause: err });
  }
}

/** Decodes a PNG or JPEG file (recognised by its first bytes) into RGBA. */
export function decodeImage(bytes: Uint8Array): Raster {
  if (isPng(bytes)) return decodePng(bytes);
  if (isJpeg(bytes)) return decodeJpeg(bytes);
  throw new Error('unsupported image format: expected a PNG or JPEG file');
}
