import { crc32 as zlibCrc32, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from './bytes';
import { PNG_SIGNATURE, itxtChunk, parsePngChunks, readPngText, textChunk, writePngText } from './png';

// An independent PNG writer for the fixtures (node:zlib's deflate and CRC-32), so the library's
// own chunk writer is checked against it rather than against itself.
function chunk(type: string, data: Uint8Array | string): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  const typeAndBody = Buffer.concat([Buffer.from(type, 'latin1'), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlibCrc32(typeAndBody));
  return Buffer.concat([len, typeAndBody, crc]);
}

function scanlines(width: number, height: number): Buffer {
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0);
    for (let x = 0; x < width; x++) rows.push((x * 37 + y * 11) & 0xff, (x * y) & 0xff, (200 - x - y) & 0xff);
  }
  return Buffer.from(rows);
}

function makePng(opts: { before?: Buffer[]; after?: Buffer[] } = {}): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(7, 0);
  ihdr.writeUInt32BE(5, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const idat = deflateSync(scanlines(7, 5));
  const cut = idat.length >> 1;
  return new Uint8Array(
    Buffer.concat([
      Buffer.from(PNG_SIGNATURE),
      chunk('IHDR', ihdr),
      chunk('gAMA', Buffer.from([0, 0, 0xb1, 0x8f])),
      ...(opts.before ?? []),
      chunk('IDAT', idat.subarray(0, cut)),
      chunk('IDAT', idat.subarray(cut)),
      ...(opts.after ?? []),
      chunk('IEND', new Uint8Array()),
    ]),
  );
}

function pixels(png: Uint8Array): Buffer {
  const idat = parsePngChunks(png).filter((c) => c.type === 'IDAT').map((c) => c.data);
  return inflateSync(Buffer.concat(idat));
}

function expectCrcsValid(png: Uint8Array) {
  for (const c of parsePngChunks(png)) {
    const stored = Buffer.from(c.raw.subarray(c.raw.length - 4)).readUInt32BE(0);
    expect(stored, `CRC of ${c.type}`).toBe(zlibCrc32(Buffer.from(c.raw.subarray(4, c.raw.length - 4))));
  }
}

const zTXt = (k: string, text: string) => chunk('zTXt', Buffer.concat([Buffer.from(`${k}\0\0`, 'latin1'), deflateSync(Buffer.from(text, 'latin1'))]));
const iTXt = (k: string, text: string, compressed: boolean, lang = '', translated = '') =>
  chunk(
    'iTXt',
    Buffer.concat([
      Buffer.from(`${k}\0${compressed ? '\x01' : '\x00'}\0${lang}\0`, 'latin1'),
      Buffer.from(`${translated}\0`, 'utf8'),
      compressed ? deflateSync(Buffer.from(text, 'utf8')) : Buffer.from(text, 'utf8'),
    ]),
  );

describe('crc32', () => {
  it('matches node:zlib and the IEND constant', () => {
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
    const data = new Uint8Array(1000).map((_, i) => (i * 31) & 0xff);
    expect(crc32(data.subarray(0, 400), data.subarray(400))).toBe(zlibCrc32(Buffer.from(data)));
  });
});

describe('readPngText', () => {
  it('reads tEXt, zTXt and iTXt (compressed and not), in file order', async () => {
    const png = makePng({
      before: [
        chunk('tEXt', 'parameters\0café, Steps: 20'),
        zTXt('Comment', 'zipped latin-1 ±'),
        iTXt('Title', 'grüße 日本', true, 'de', 'Titel'),
      ],
      after: [iTXt('prompt', '{"3":{}}', false)],
    });
    const entries = await readPngText(png);
    expect(entries).toEqual([
      { keyword: 'parameters', text: 'café, Steps: 20', kind: 'tEXt', compressed: false },
      { keyword: 'Comment', text: 'zipped latin-1 ±', kind: 'zTXt', compressed: true },
      { keyword: 'Title', text: 'grüße 日本', kind: 'iTXt', compressed: true, languageTag: 'de', translatedKeyword: 'Titel' },
      { keyword: 'prompt', text: '{"3":{}}', kind: 'iTXt', compressed: false, languageTag: '', translatedKeyword: '' },
    ]);
  });

  it('skips a damaged compressed chunk and still reads the others', async () => {
    const broken = chunk('zTXt', Buffer.concat([Buffer.from('bad\0\0', 'latin1'), Buffer.from([1, 2, 3, 4])]));
    const entries = await readPngText(makePng({ before: [broken, chunk('tEXt', 'ok\0yes')] }));
    expect(entries.map((e) => e.keyword)).toEqual(['ok']);
  });

  it('refuses a file that is not a PNG or is truncated', async () => {
    await expect(readPngText(new Uint8Array([1, 2, 3]))).rejects.toThrow(/Not a PNG/);
    const png = makePng();
    expect(() => parsePngChunks(png.subarray(0, png.length - 20))).toThrow(/Truncated/);
    expect(() => parsePngChunks(png.subarray(0, png.length - 12))).toThrow(/IEND/);
  });

  it('reads the text chunks before the cut of a truncated file', async () => {
    const png = makePng({ before: [chunk('tEXt', 'parameters\0kept')] });
    const entries = await readPngText(png.subarray(0, png.length - 30));
    expect(entries.map((e) => e.text)).toEqual(['kept']);
  });
});

describe('textChunk and itxtChunk', () => {
  it('encode the same bytes as an independent writer', () => {
    expect(Buffer.from(textChunk('parameters', 'a, b'))).toEqual(chunk('tEXt', 'parameters\0a, b'));
    expect(Buffer.from(itxtChunk('k', 'ü'))).toEqual(iTXt('k', 'ü', false));
  });

  it('refuse a bad keyword and non-Latin-1 tEXt', () => {
    expect(() => textChunk('', 'x')).toThrow(/keyword/);
    expect(() => textChunk(' lead', 'x')).toThrow(/keyword/);
    expect(() => textChunk('k'.repeat(80), 'x')).toThrow(/keyword/);
    expect(() => textChunk('k', '日本')).toThrow(/Latin-1/);
  });
});

describe('writePngText', () => {
  it('inserts tEXt parameters and iTXt JSON before the first IDAT, CRCs valid, pixels unchanged', async () => {
    const png = makePng();
    const json = JSON.stringify({ prompt: 'ünïcödé ✓' });
    const out = writePngText(png, [
      { keyword: 'parameters', text: 'a cat\nSteps: 20, Seed: 1, CFG scale: 7' },
      { keyword: 'image-api-playground', text: json, kind: 'iTXt' },
    ]);
    expect(parsePngChunks(out).map((c) => c.type)).toEqual(['IHDR', 'gAMA', 'tEXt', 'iTXt', 'IDAT', 'IDAT', 'IEND']);
    expectCrcsValid(out);
    expect(pixels(out)).toEqual(pixels(png));
    expect(pixels(out)).toEqual(scanlines(7, 5));
    const entries = await readPngText(out);
    expect(entries.map((e) => [e.keyword, e.kind, e.text])).toEqual([
      ['parameters', 'tEXt', 'a cat\nSteps: 20, Seed: 1, CFG scale: 7'],
      ['image-api-playground', 'iTXt', json],
    ]);
  });

  it('writes non-Latin-1 infotext as iTXt, as the web UI does', async () => {
    const out = writePngText(makePng(), [{ keyword: 'parameters', text: '富士山, sunrise' }]);
    const [entry] = await readPngText(out);
    expect(entry).toMatchObject({ keyword: 'parameters', kind: 'iTXt', text: '富士山, sunrise' });
  });

  it('replaces existing chunks of the same keywords (any kind, before or after IDAT) and keeps the rest', async () => {
    const png = makePng({
      before: [chunk('tEXt', 'parameters\0old'), chunk('tEXt', 'Software\0Other app'), zTXt('image-api-playground', '{"old":1}')],
      after: [iTXt('parameters', 'old too', true)],
    });
    const out = writePngText(png, [
      { keyword: 'parameters', text: 'new' },
      { keyword: 'image-api-playground', text: '{"new":1}', kind: 'iTXt' },
    ]);
    const entries = await readPngText(out);
    expect(entries.map((e) => [e.keyword, e.text])).toEqual([
      ['Software', 'Other app'],
      ['parameters', 'new'],
      ['image-api-playground', '{"new":1}'],
    ]);
    expectCrcsValid(out);
    expect(pixels(out)).toEqual(pixels(png));
    // Writing twice gives the same file: nothing accumulates.
    expect(writePngText(out, [{ keyword: 'parameters', text: 'new' }, { keyword: 'image-api-playground', text: '{"new":1}', kind: 'iTXt' }])).toEqual(out);
  });

  it('copies every other chunk byte for byte', () => {
    const png = makePng({ before: [chunk('pHYs', Buffer.from([0, 0, 11, 19, 0, 0, 11, 19, 1]))] });
    const out = writePngText(png, [{ keyword: 'parameters', text: 'x' }]);
    const others = (b: Uint8Array) => parsePngChunks(b).filter((c) => c.type !== 'tEXt').map((c) => Buffer.from(c.raw));
    expect(others(out)).toEqual(others(png));
  });
});
