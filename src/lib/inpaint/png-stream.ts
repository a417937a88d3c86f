/**
 * A full-size PNG written strip by strip, for the stitched result: the picture is read a few rows
 * at a time (`readStrip`), each row filtered (Sub) and fed to a deflate stream (the browser's
 * CompressionStream: native zlib), and the compressed bytes are framed as IDAT chunks and handed
 * to Blobs as they come. Nothing the size of the picture is ever held: a canvas's own encoder needs
 * the whole picture drawn on a canvas and a converted copy of it (400 MB and more at 50 MP). An
 * opaque picture is written as RGB (a quarter less to compress). Pure apart from the streams and
 * Blobs it is given.
 */
import { encodePngChunk } from '../metadata/png';

const SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Compressed bytes gathered into one IDAT chunk; chunks gathered into one Blob part. */
const IDAT_BYTES = 1 << 20;
const PART_BYTES = 8 << 20;

/** One chunk (length, type, data, CRC), as a Blob part. */
const pngChunk = (type: string, data: Uint8Array) => encodePngChunk(type, data) as Uint8Array<ArrayBuffer>;

/** The signature and the IHDR of an 8-bit RGB (or RGBA) picture, not interlaced. */
export function pngHead(width: number, height: number, alpha: boolean): Uint8Array<ArrayBuffer> {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr[8] = 8;
  ihdr[9] = alpha ? 6 : 2;
  const out = new Uint8Array(SIGNATURE.length + 25);
  out.set(SIGNATURE);
  out.set(pngChunk('IHDR', ihdr), SIGNATURE.length);
  return out;
}

/**
 * Scanlines of `rows` RGBA rows (`width` × 4 bytes each), as RGB (or RGBA with `alpha`), each with
 * the Sub filter: every byte less the same channel of the pixel to its left.
 */
export function subScanlines(rgba: Uint8ClampedArray, width: number, rows: number, alpha: boolean): Uint8Array<ArrayBuffer> {
  const bpp = alpha ? 4 : 3;
  const line = 1 + width * bpp;
  const out = new Uint8Array(rows * line);
  for (let r = 0; r < rows; r++) {
    let o = r * line;
    out[o++] = 1;
    let i = r * width * 4;
    let pr = 0;
    let pg = 0;
    let pb = 0;
    let pa = 0;
    for (let x = 0; x < width; x++, i += 4) {
      const red = rgba[i]!;
      const green = rgba[i + 1]!;
      const blue = rgba[i + 2]!;
      out[o++] = red - pr;
      out[o++] = green - pg;
      out[o++] = blue - pb;
      pr = red;
      pg = green;
      pb = blue;
      if (alpha) {
        const a = rgba[i + 3]!;
        out[o++] = a - pa;
        pa = a;
      }
    }
  }
  return out;
}

/** Gathers compressed bytes into IDAT chunks of about IDAT_BYTES, and those into Blob parts. */
class IdatSink {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private chunks: Uint8Array<ArrayBuffer>[] = [];
  private chunkBytes = 0;
  readonly parts: Blob[] = [];

  push(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.length; ) {
      const take = Math.min(bytes.length - at, IDAT_BYTES - this.pendingBytes);
      this.pending.push(bytes.subarray(at, at + take));
      this.pendingBytes += take;
      at += take;
      if (this.pendingBytes >= IDAT_BYTES) this.chunk();
    }
  }

  private chunk(): void {
    if (!this.pendingBytes) return;
    const data = new Uint8Array(this.pendingBytes);
    let at = 0;
    for (const p of this.pending) {
      data.set(p, at);
      at += p.length;
    }
    this.pending = [];
    this.pendingBytes = 0;
    const framed = pngChunk('IDAT', data);
    this.chunks.push(framed);
    this.chunkBytes += framed.length;
    if (this.chunkBytes >= PART_BYTES) this.part();
  }

  /** Hands what is gathered to a Blob (its bytes leave this heap). */
  private part(): void {
    if (!this.chunks.length) return;
    this.parts.push(new Blob(this.chunks));
    this.chunks = [];
    this.chunkBytes = 0;
  }

  end(): Blob[] {
    this.chunk();
    this.part();
    return this.parts;
  }
}

export interface PngStripSource {
  width: number;
  height: number;
  /** Whether any pixel is not opaque: RGBA is written, else RGB. */
  alpha: boolean;
  /** Rows per strip read. */
  stripRows: number;
  /** The RGBA pixels of rows y … y + rows − 1 (rows × width × 4 bytes). */
  readStrip(y: number, rows: number): Uint8ClampedArray | Promise<Uint8ClampedArray>;
}

/** The zlib stream PNG's pixels are stored in (RFC 1950): the browser's CompressionStream. */
const zlibStream = (): TransformStream<Uint8Array, Uint8Array> => new CompressionStream('deflate') as unknown as TransformStream<Uint8Array, Uint8Array>;

/** The PNG of `source`, strip by strip (see the module comment). */
export async function encodePngStrips(source: PngStripSource, deflate: () => TransformStream<Uint8Array, Uint8Array> = zlibStream): Promise<Blob> {
  const { width, height, alpha } = source;
  const stream = deflate();
  const sink = new IdatSink();
  const reading = (async () => {
    const reader = stream.readable.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      sink.push(value);
    }
  })();
  const writer = stream.writable.getWriter();
  try {
    for (let y = 0; y < height; y += source.stripRows) {
      const rows = Math.min(source.stripRows, height - y);
      const rgba = await source.readStrip(y, rows);
      await writer.ready;
      // Not awaited: the next strip is read while this one compresses; `ready` keeps the queue short.
      void writer.write(subScanlines(rgba, width, rows, alpha)).catch(() => undefined);
    }
    await writer.close();
  } catch (e) {
    reading.catch(() => undefined); // it ends with the abort's error: this one is the cause
    await writer.abort(e).catch(() => undefined);
    throw e;
  }
  await reading;
  return new Blob([pngHead(width, height, alpha), ...sink.end(), pngChunk('IEND', new Uint8Array(0))], { type: 'image/png' });
}
