import jpeg from 'jpeg-js';
import { crc32 as zlibCrc32, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { embedMetadata, readImageMetadata, sniffImageFormat } from './image-metadata';
import { buildInfotext } from './infotext';
import { buildOwnMetadata } from './own-metadata';
import { parsePngChunks } from './png';
import { parseWebpChunks } from './webp';

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typeAndBody = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlibCrc32(typeAndBody));
  return Buffer.concat([len, typeAndBody, crc]);
}

const tEXt = (k: string, v: string) => chunk('tEXt', Buffer.from(`${k}\0${v}`, 'latin1'));
const zTXt = (k: string, v: string) => chunk('zTXt', Buffer.concat([Buffer.from(`${k}\0\0`, 'latin1'), deflateSync(Buffer.from(v, 'latin1'))]));

const RAW_PIXELS = Buffer.from([0, 10, 20, 30, 40, 50, 60, 0, 70, 80, 90, 100, 110, 120]); // 2x2 RGB, filter 0

function makePng(...text: Buffer[]): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([sig, chunk('IHDR', ihdr), ...text, chunk('IDAT', deflateSync(RAW_PIXELS)), chunk('IEND', Buffer.alloc(0))]));
}

const pngPixels = (png: Uint8Array) => inflateSync(Buffer.concat(parsePngChunks(png).filter((c) => c.type === 'IDAT').map((c) => c.data)));

function makeJpeg(): Uint8Array {
  const data = Buffer.alloc(8 * 8 * 4, 0x80);
  for (let i = 0; i < 64; i++) data.set([i * 4, 255 - i * 4, 100, 255], i * 4);
  return new Uint8Array(jpeg.encode({ data, width: 8, height: 8 }, 90).data);
}

function makeWebp(): Uint8Array {
  const image = Buffer.from([0x2f, 0x01, 0x40, 0x00, 0x00, 0x07, 0x10]); // VP8L header for 2x2, then opaque bytes
  const head = Buffer.alloc(20);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(4 + 8 + image.length + 1, 4);
  head.write('WEBPVP8L', 8, 'latin1');
  head.writeUInt32LE(image.length, 16);
  return new Uint8Array(Buffer.concat([head, image, Buffer.from([0])]));
}

const PARAMS = {
  prompt: 'a lighthouse at dusk, "oil" painting\nwide shot',
  negativePrompt: 'blurry',
  seed: 1234,
  steps: 30,
  cfgScale: 7,
  sampler: 'Euler a',
  width: 512,
  height: 768,
  model: 'realistic-vision-v51',
};

const OWN = buildOwnMetadata({
  appVersion: '0.1.0',
  provider: 'modelslab',
  endpoint: 'modelslab/text2img',
  params: { prompt: PARAMS.prompt, negative_prompt: 'blurry', width: 512, height: 768, seed: 1234, num_inference_steps: 30, guidance_scale: 7, scheduler: 'EulerAncestralDiscreteScheduler', init_image: 'data:image/png;base64,AAAA' },
  seed: 1234,
  providerJobId: 'ml-42',
  timings: { submittedAt: 1_700_000_000_000, latencyMs: 900 },
});

describe('embedMetadata and readImageMetadata: this app’s own images', () => {
  const input = { infotext: buildInfotext(PARAMS), json: JSON.stringify(OWN) };

  it('PNG: restores the JSON exactly, the normalised fields from the infotext, pixels unchanged', async () => {
    const src = makePng();
    const out = embedMetadata(src, input);
    expect(pngPixels(out)).toEqual(RAW_PIXELS);
    const result = await readImageMetadata(out);
    expect(result).toEqual({
      source: 'image-api-playground',
      format: 'png',
      ...PARAMS,
      own: OWN,
      raw: { parameters: input.infotext, 'image-api-playground': input.json },
      warnings: [],
    });
    expect(result.own?.omitted).toEqual(['init_image']);
  });

  it('JPEG: EXIF UserComment and XMP read back, decoded pixels identical', async () => {
    const src = makeJpeg();
    const out = embedMetadata(src, input);
    expect(Buffer.from(jpeg.decode(out, { useTArray: true }).data)).toEqual(Buffer.from(jpeg.decode(src, { useTArray: true }).data));
    const result = await readImageMetadata(out);
    expect(result).toMatchObject({ source: 'image-api-playground', format: 'jpeg', ...PARAMS, own: OWN, warnings: [] });
    expect(result.raw).toEqual({ UserComment: input.infotext, 'image-api-playground': input.json });
  });

  it('WebP: EXIF and XMP chunks read back, the image chunk unchanged', async () => {
    const src = makeWebp();
    const out = embedMetadata(src, input);
    expect(Buffer.from(parseWebpChunks(out).find((c) => c.fourcc === 'VP8L')!.data)).toEqual(Buffer.from(parseWebpChunks(src)[0]!.data));
    const result = await readImageMetadata(out);
    expect(result).toMatchObject({ source: 'image-api-playground', format: 'webp', ...PARAMS, own: OWN, warnings: [] });
  });

  it('takes the seed from the JSON when the infotext has none', async () => {
    const out = embedMetadata(makePng(), { infotext: 'only a prompt', json: JSON.stringify(OWN) });
    expect(await readImageMetadata(out)).toMatchObject({ source: 'image-api-playground', prompt: 'only a prompt', seed: 1234 });
  });

  it('falls back to the infotext, with a warning, when the JSON is invalid', async () => {
    const out = embedMetadata(makePng(), { infotext: buildInfotext(PARAMS), json: JSON.stringify({ ...OWN, params: { key: 'sk-123' } }) });
    const result = await readImageMetadata(out);
    expect(result).toMatchObject({ source: 'a1111', seed: 1234 });
    expect(result.own).toBeUndefined();
    expect(result.warnings[0]).toMatch(/could not be used: params\.key/);
  });
});

describe('readImageMetadata: other tools', () => {
  it('AUTOMATIC1111 PNG (tEXt parameters) and a compressed zTXt variant', async () => {
    const text = 'masterpiece, castle\nNegative prompt: lowres\nSteps: 20, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7, Seed: 99, Size: 512x768, Model: dreamshaper_8, Denoising strength: 0.4';
    const expected = { source: 'a1111', format: 'png', prompt: 'masterpiece, castle', negativePrompt: 'lowres', steps: 20, sampler: 'DPM++ 2M', scheduler: 'Karras', cfgScale: 7, seed: 99, width: 512, height: 768, model: 'dreamshaper_8', denoisingStrength: 0.4 };
    expect(await readImageMetadata(makePng(tEXt('parameters', text)))).toEqual({ ...expected, raw: { parameters: text }, warnings: [] });
    expect(await readImageMetadata(makePng(zTXt('parameters', text)))).toMatchObject(expected);
  });

  it('AUTOMATIC1111 JPEG (EXIF UserComment)', async () => {
    const out = embedMetadata(makeJpeg(), { infotext: 'a fox\nSteps: 25, Seed: 7, CFG scale: 6, Size: 8x8' });
    expect(await readImageMetadata(out)).toMatchObject({ source: 'a1111', format: 'jpeg', prompt: 'a fox', steps: 25, seed: 7, width: 8, height: 8 });
  });

  it('infotext in a JPEG comment segment, but not any comment', async () => {
    const withInfotext = new Uint8Array(jpeg.encode({ data: Buffer.alloc(256, 90), width: 8, height: 8, comments: ['cat\nSteps: 9, Seed: 8, CFG scale: 7'] }, 90).data);
    expect(await readImageMetadata(withInfotext)).toMatchObject({ source: 'a1111', prompt: 'cat', steps: 9, seed: 8 });
    const plain = new Uint8Array(jpeg.encode({ data: Buffer.alloc(256, 90), width: 8, height: 8, comments: ['Created with GIMP'] }, 90).data);
    expect(await readImageMetadata(plain)).toMatchObject({ source: 'none', raw: { comment: 'Created with GIMP' } });
  });

  it('ComfyUI PNG (prompt graph and workflow)', async () => {
    const graph = {
      '3': { class_type: 'KSampler', inputs: { seed: 5, steps: 20, cfg: 8, sampler_name: 'euler', scheduler: 'normal', denoise: 1, model: ['4', 0], positive: ['6', 0], negative: ['7', 0], latent_image: ['5', 0] } },
      '4': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'model.safetensors' } },
      '5': { class_type: 'EmptyLatentImage', inputs: { width: 768, height: 512, batch_size: 1 } },
      '6': { class_type: 'CLIPTextEncode', inputs: { text: 'a bottle', clip: ['4', 1] } },
      '7': { class_type: 'CLIPTextEncode', inputs: { text: 'watermark', clip: ['4', 1] } },
    };
    const png = makePng(tEXt('prompt', JSON.stringify(graph)), tEXt('workflow', '{"nodes":[]}'));
    expect(await readImageMetadata(png)).toMatchObject({
      source: 'comfyui', prompt: 'a bottle', negativePrompt: 'watermark', seed: 5, steps: 20, cfgScale: 8, sampler: 'euler', scheduler: 'normal', width: 768, height: 512, model: 'model.safetensors', warnings: [],
    });
  });

  it('InvokeAI PNG (invokeai_metadata)', async () => {
    const meta = { positive_prompt: 'a cabin', negative_prompt: '', seed: 11, steps: 30, cfg_scale: 7.5, scheduler: 'euler_a', width: 1024, height: 1024, model: { name: 'sdxl-base' } };
    const png = makePng(tEXt('invokeai_metadata', JSON.stringify(meta)), tEXt('invokeai_graph', '{}'));
    expect(await readImageMetadata(png)).toMatchObject({ source: 'invokeai', prompt: 'a cabin', seed: 11, sampler: 'euler_a', model: 'sdxl-base' });
  });

  it('NovelAI PNG (Comment JSON, Description, Software, Source)', async () => {
    const comment = { prompt: '1girl', uc: 'lowres', steps: 28, scale: 5, seed: 3, sampler: 'k_euler', noise_schedule: 'native', width: 832, height: 1216 };
    const png = makePng(
      tEXt('Title', 'NovelAI generated image'),
      tEXt('Description', '1girl'),
      tEXt('Software', 'NovelAI'),
      tEXt('Source', 'NovelAI Diffusion V3 4BDE2A90'),
      tEXt('Comment', JSON.stringify(comment)),
    );
    expect(await readImageMetadata(png)).toMatchObject({
      source: 'novelai', prompt: '1girl', negativePrompt: 'lowres', steps: 28, cfgScale: 5, seed: 3, sampler: 'k_euler', scheduler: 'native', width: 832, height: 1216, model: 'NovelAI Diffusion V3',
    });
  });
});

describe('readImageMetadata: nothing to read', () => {
  it('says none for images without metadata', async () => {
    expect(await readImageMetadata(makePng())).toEqual({ source: 'none', format: 'png', raw: {}, warnings: [] });
    expect(await readImageMetadata(makeJpeg())).toEqual({ source: 'none', format: 'jpeg', raw: {}, warnings: [] });
    expect(await readImageMetadata(makeWebp())).toEqual({ source: 'none', format: 'webp', raw: {}, warnings: [] });
  });

  it('keeps unrelated text in raw and warns about a graph without a sampler', async () => {
    const result = await readImageMetadata(makePng(tEXt('Software', 'GIMP'), tEXt('prompt', '{"1":{"class_type":"SaveImage","inputs":{}}}')));
    expect(result.source).toBe('none');
    expect(result.raw['Software']).toBe('GIMP');
    expect(result.warnings).toEqual(['A ComfyUI graph was found but no sampler node in it.']);
  });

  it('does not take any Comment text for NovelAI', async () => {
    const result = await readImageMetadata(makePng(tEXt('Comment', 'made with love'), tEXt('Description', 'holiday photo')));
    expect(result).toMatchObject({ source: 'none', raw: { Comment: 'made with love', Description: 'holiday photo' } });
    const byFields = await readImageMetadata(makePng(tEXt('Comment', '{"prompt":"p","uc":"n","seed":1}')));
    expect(byFields).toMatchObject({ source: 'novelai', prompt: 'p', negativePrompt: 'n', seed: 1 });
  });

  it('reads infotext without a parameter line as a prompt', async () => {
    expect(await readImageMetadata(makePng(tEXt('parameters', 'just words')))).toMatchObject({ source: 'a1111', prompt: 'just words' });
  });

  it('never throws on a damaged or unknown file', async () => {
    const png = makePng(tEXt('parameters', 'x\nSteps: 1, Seed: 2, CFG scale: 3'));
    expect(await readImageMetadata(png.subarray(0, 40))).toEqual({ source: 'none', format: 'png', raw: {}, warnings: [] });
    expect(await readImageMetadata(png.subarray(0, png.length - 20))).toMatchObject({ source: 'a1111', seed: 2 });
    const jpegHead = makeJpeg().subarray(0, 30);
    const damaged = await readImageMetadata(jpegHead);
    expect(damaged).toMatchObject({ source: 'none', format: 'jpeg', raw: {} });
    expect(damaged.warnings[0]).toMatch(/could not be read: Truncated JPEG segment/);
    expect(await readImageMetadata(new Uint8Array([1, 2, 3]))).toMatchObject({ source: 'none', format: 'unknown' });
    expect(sniffImageFormat(new Uint8Array())).toBe('unknown');
  });

  it('refuses to embed into a format it does not know', () => {
    expect(() => embedMetadata(new TextEncoder().encode('GIF89a'), { infotext: 'x' })).toThrow(/PNG, JPEG or WebP/);
  });
});
