// Files written by this test code with the structure each tool gives them (never copied from
// real files): JSON parameters, InvokeAI 2, UTF-8 tEXt, EXIF- and XMP-carried texts, stealth info.
import { gzipSync, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { concatBytes, latin1Encode, u16BE, u32BE, utf8Encode } from './bytes';
import { encodeUserComment } from './exif';
import { readImageMetadata } from './image-metadata';
import { encodeSegment } from './jpeg';
import { PNG_SIGNATURE, encodePngChunk, itxtChunk, textChunk } from './png';
import { buildWebp } from './webp';

function png(chunks: Uint8Array[], pixels?: { width: number; height: number; rgba: Uint8Array }): Uint8Array {
  const width = pixels?.width ?? 1;
  const height = pixels?.height ?? 1;
  const channels = pixels ? 4 : 3;
  const ihdr = concatBytes([u32BE(width), u32BE(height), new Uint8Array([8, pixels ? 6 : 2, 0, 0, 0])]);
  const rows = new Uint8Array((width * channels + 1) * height);
  for (let y = 0; y < height; y++) rows.set(pixels ? pixels.rgba.subarray(y * width * 4, (y + 1) * width * 4) : new Uint8Array(3), y * (width * channels + 1) + 1);
  return concatBytes([PNG_SIGNATURE, encodePngChunk('IHDR', ihdr), ...chunks, encodePngChunk('IDAT', zlibSync(rows)), encodePngChunk('IEND', new Uint8Array())]);
}

/** A big-endian TIFF block: IFD0 ASCII tags, and an Exif IFD with UserComment when given. */
function tiff(ascii: Record<number, string>, userComment?: Uint8Array): Uint8Array {
  const tags = Object.entries(ascii).map(([tag, text]) => [Number(tag), utf8Encode(`${text}\0`)] as const);
  const ifd0Count = tags.length + (userComment ? 1 : 0);
  let dataAt = 8 + 2 + 12 * ifd0Count + 4;
  const exifIfdAt = dataAt;
  if (userComment) dataAt += 2 + 12 + 4;
  const entries: Uint8Array[] = [];
  const data: Uint8Array[] = [];
  const entry = (tag: number, type: number, count: number, value: Uint8Array) => concatBytes([u16BE(tag), u16BE(type), u32BE(count), value]);
  if (userComment) entries.push(entry(0x8769, 4, 1, u32BE(exifIfdAt)));
  const exifIfd = userComment ? [u16BE(1), entry(0x9286, 7, userComment.length, u32BE(dataAt)), u32BE(0)] : [];
  if (userComment) {
    data.push(userComment);
    dataAt += userComment.length;
  }
  for (const [tag, bytes] of tags) {
    entries.push(entry(tag, 2, bytes.length, u32BE(dataAt)));
    data.push(bytes);
    dataAt += bytes.length;
  }
  return concatBytes([new Uint8Array([0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8]), u16BE(ifd0Count), ...entries, u32BE(0), ...exifIfd, ...data]);
}

function jpegWith(...segments: Uint8Array[]): Uint8Array {
  return concatBytes([new Uint8Array([0xff, 0xd8]), ...segments, new Uint8Array([0xff, 0xda, 0, 2, 0xff, 0xd9])]);
}
const exifSegment = (block: Uint8Array) => encodeSegment(0xe1, concatBytes([latin1Encode('Exif\0\0'), block]));
const webpWith = (exif: Uint8Array) =>
  buildWebp([{ fourcc: 'VP8X', data: new Uint8Array([0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0]) }, { fourcc: 'VP8L', data: new Uint8Array([0x2f, 0, 0, 0, 0]) }, { fourcc: 'EXIF', data: exif }]);

const GRAPH = {
  '3': { class_type: 'KSampler', inputs: { seed: 8, steps: 20, cfg: 7, sampler_name: 'euler', scheduler: 'normal', denoise: 1, model: ['4', 0], positive: ['6', 0], negative: ['7', 0], latent_image: ['5', 0] } },
  '4': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'sd15.safetensors' } },
  '5': { class_type: 'EmptyLatentImage', inputs: { width: 512, height: 512, batch_size: 1 } },
  '6': { class_type: 'CLIPTextEncode', inputs: { text: 'a lighthouse', clip: ['4', 1] } },
  '7': { class_type: 'CLIPTextEncode', inputs: { text: 'fog', clip: ['4', 1] } },
  '9': { class_type: 'SaveImageWebsocket', inputs: { images: ['8', 0] } },
  '8': { class_type: 'VAEDecode', inputs: { samples: ['3', 0] } },
};
const GRAPH_VALUES = { source: 'comfyui', prompt: 'a lighthouse', negativePrompt: 'fog', seed: 8, steps: 20, cfgScale: 7, sampler: 'euler', width: 512, height: 512, model: 'sd15.safetensors' };

describe('JSON parameters, recognised by shape', () => {
  it('Fooocus: resolution, base model, a 64-bit seed kept as digits', async () => {
    const json = JSON.stringify({ prompt: 'a goldfish', negative_prompt: '', resolution: '(768, 1280)', base_model: 'juggernautXL', sampler: 'dpmpp_2m_sde_gpu', scheduler: 'karras', steps: 30, guidance_scale: 4, seed: '6952411511246973023', metadata_scheme: 'fooocus', version: 'Fooocus v2.4.3' });
    const read = await readImageMetadata(png([textChunk('parameters', json), textChunk('fooocus_scheme', 'fooocus')]));
    expect(read).toMatchObject({ source: 'fooocus', prompt: 'a goldfish', negativePrompt: '', width: 768, height: 1280, model: 'juggernautXL', sampler: 'dpmpp_2m_sde_gpu', scheduler: 'karras', steps: 30, cfgScale: 4, seedText: '6952411511246973023' });
  });

  it('RuinedFooocus, a demo app’s plain JSON, and JSON of no known shape (not shown as a prompt)', async () => {
    const ruined = JSON.stringify({ software: 'RuinedFooocus', Prompt: 'a fox', Negative: 'text', steps: 24, cfg: 6, width: 896, height: 1152, seed: 5, sampler_name: 'dpmpp_2m', scheduler: 'karras', base_model_name: 'sdxl.safetensors' });
    expect(await readImageMetadata(png([textChunk('parameters', ruined)]))).toMatchObject({ source: 'fooocus', sourceDetail: 'RuinedFooocus', prompt: 'a fox', negativePrompt: 'text', cfgScale: 6, model: 'sdxl.safetensors' });
    const space = JSON.stringify({ prompt: 'a cat', negative_prompt: 'dog', resolution: '832 x 1216', guidance_scale: 7, num_inference_steps: 28, seed: 1, sampler: 'Euler a', Model: 'animagine-xl' });
    expect(await readImageMetadata(png([textChunk('parameters', space)]))).toMatchObject({ source: 'json', prompt: 'a cat', width: 832, height: 1216, steps: 28, cfgScale: 7, model: 'animagine-xl' });
    const unknown = await readImageMetadata(png([textChunk('parameters', '{"foo": 1, "bar": 2, "baz": 3}')]));
    expect(unknown).toMatchObject({ source: 'none', warnings: ['The parameters are JSON of a shape this app does not know; the raw text is below.'] });
    expect(unknown.prompt).toBeUndefined();
  });

  it('SwarmUI: sui_image_params in a PNG parameters text and in a JPEG UserComment', async () => {
    const json = JSON.stringify({ sui_image_params: { prompt: 'a boat', negativeprompt: 'rain', model: 'OfficialStableDiffusion/sd_xl_base_1.0', seed: 77, steps: 25, cfgscale: 6.5, width: 1024, height: 1024, sampler: 'euler', scheduler: 'normal' }, sui_extra_data: { date: '2024-01-01' } });
    const expected = { source: 'swarmui', prompt: 'a boat', negativePrompt: 'rain', model: 'OfficialStableDiffusion/sd_xl_base_1.0', seed: 77, steps: 25, cfgScale: 6.5, width: 1024, height: 1024 };
    expect(await readImageMetadata(png([textChunk('parameters', json)]))).toMatchObject(expected);
    expect(await readImageMetadata(jpegWith(exifSegment(tiff({}, encodeUserComment(json)))))).toMatchObject({ ...expected, format: 'jpeg' });
  });
});

describe('InvokeAI 2', () => {
  const dream = '"a portrait, film grain [blurry, lowres]" -s 50 -S 2980747362 -W 512 -H 768 -C 5 -A k_lms -G 0.9';
  it('Dream: the command line, the negative prompt out of its brackets', async () => {
    expect(await readImageMetadata(png([textChunk('Dream', dream)]))).toMatchObject({
      source: 'invokeai', sourceDetail: 'Dream', prompt: 'a portrait, film grain', negativePrompt: 'blurry, lowres', steps: 50, seed: 2980747362, width: 512, height: 768, cfgScale: 5, sampler: 'k_lms',
    });
  });
  it('sd-metadata before Dream: the model, the prompt split the same way', async () => {
    const sd = JSON.stringify({ model_weights: 'deliberate_v08', image: { prompt: [{ prompt: 'a portrait [blurry]', weight: 1 }], steps: 40, cfg_scale: 7, seed: 3, width: 512, height: 512, sampler: 'k_euler' } });
    expect(await readImageMetadata(png([textChunk('Dream', dream), textChunk('sd-metadata', sd)]))).toMatchObject({ source: 'invokeai', sourceDetail: 'sd-metadata', prompt: 'a portrait', negativePrompt: 'blurry', model: 'deliberate_v08', steps: 40 });
  });
});

describe('texts carried elsewhere', () => {
  it('UTF-8 in a tEXt chunk (Stability Matrix) is read as UTF-8; Latin-1 stays Latin-1', async () => {
    const infotext = 'un café, 夜\nSteps: 20, Sampler: Euler, Seed: 1';
    const utf8 = encodePngChunk('tEXt', concatBytes([latin1Encode('parameters\0'), utf8Encode(infotext)]));
    expect((await readImageMetadata(png([utf8]))).prompt).toBe('un café, 夜');
    expect((await readImageMetadata(png([textChunk('parameters', 'déjà\nSteps: 2, Seed: 3, Size: 8x8')]))).prompt).toBe('déjà');
  });

  it('ComfyUI WebP and JPEG savers: prompt:{…} in IFD0 Model, workflow:{…} in Make', async () => {
    const block = tiff({ 0x0110: `prompt:${JSON.stringify(GRAPH)}`, 0x010f: 'workflow:{"nodes":[]}' });
    const webp = await readImageMetadata(webpWith(block));
    expect(webp).toMatchObject({ ...GRAPH_VALUES, format: 'webp' });
    expect(webp.raw['workflow']).toBe('{"nodes":[]}');
    expect(await readImageMetadata(jpegWith(exifSegment(block)))).toMatchObject({ ...GRAPH_VALUES, format: 'jpeg' });
  });

  it('a ComfyUI graph, or { prompt, workflow }, in UserComment (Civitai) is read as a graph, not as a prompt', async () => {
    const bare = await readImageMetadata(jpegWith(exifSegment(tiff({}, encodeUserComment(JSON.stringify(GRAPH))))));
    expect(bare).toMatchObject(GRAPH_VALUES);
    const wrapped = JSON.stringify({ prompt: JSON.stringify(GRAPH), workflow: { nodes: [] } });
    expect(await readImageMetadata(jpegWith(exifSegment(tiff({ 0x010e: 'Made with ComfyUI' }, encodeUserComment(wrapped)))))).toMatchObject(GRAPH_VALUES);
  });

  it('NovelAI WebP: its PNG texts as one JSON object in UserComment', async () => {
    const texts = { Software: 'NovelAI', Source: 'NovelAI Diffusion V4.5 4BDE2A90', Description: 'a cat', Comment: JSON.stringify({ prompt: 'a cat', uc: 'lowres', steps: 28, scale: 5, seed: 9, sampler: 'k_euler_ancestral', width: 832, height: 1216 }) };
    expect(await readImageMetadata(webpWith(tiff({}, encodeUserComment(JSON.stringify(texts)))))).toMatchObject({ source: 'novelai', prompt: 'a cat', negativePrompt: 'lowres', model: 'NovelAI Diffusion V4.5', seed: 9 });
  });

  it('XMP parameters property (JPEG) and an iTXt prompt with a zTXt workflow (PNG)', async () => {
    const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:sd="urn:x"><sd:parameters>a dune&#10;Steps: 9, Sampler: Euler, Seed: 4</sd:parameters></rdf:Description></rdf:RDF></x:xmpmeta>`;
    const segment = encodeSegment(0xe1, concatBytes([latin1Encode('http://ns.adobe.com/xap/1.0/\0'), utf8Encode(xmp)]));
    expect(await readImageMetadata(jpegWith(segment))).toMatchObject({ source: 'a1111', prompt: 'a dune', steps: 9, seed: 4 });
    expect(await readImageMetadata(png([itxtChunk('prompt', JSON.stringify(GRAPH))]))).toMatchObject(GRAPH_VALUES);
  });
});

/** An RGBA image whose alpha low bits hold `payload` column by column, as the stealth extension writes it. */
function stealthPng(signature: string, payload: Uint8Array): Uint8Array {
  const bytes = concatBytes([latin1Encode(signature), u32BE(payload.length * 8), payload]);
  const height = 16;
  const width = Math.ceil((bytes.length * 8) / height) + 1;
  const rgba = new Uint8Array(width * height * 4).fill(200);
  for (let i = 0; i < bytes.length * 8; i++) {
    const bit = ((bytes[i >> 3] ?? 0) >> (7 - (i & 7))) & 1;
    const x = Math.floor(i / height);
    const y = i % height;
    rgba[(y * width + x) * 4 + 3] = 254 | bit;
  }
  return png([], { width, height, rgba });
}

describe('A1111 stealth PNG info', () => {
  const infotext = 'a circle\nNegative prompt: a square\nSteps: 20, Sampler: Euler, Schedule type: Automatic, CFG scale: 7, Seed: 5, Size: 64x64';
  it('reads plain and gzip-compressed infotext from the alpha channel', async () => {
    const expected = { source: 'a1111', sourceDetail: 'stealth alpha', prompt: 'a circle', negativePrompt: 'a square', steps: 20, scheduler: 'Automatic', seed: 5 };
    expect(await readImageMetadata(stealthPng('stealth_pnginfo', utf8Encode(infotext)))).toMatchObject(expected);
    expect(await readImageMetadata(stealthPng('stealth_pngcomp', gzipSync(utf8Encode(infotext))))).toMatchObject(expected);
  });
  it('ignores pixels without the signature, and prefers a text chunk', async () => {
    expect(await readImageMetadata(stealthPng('something_else_', utf8Encode(infotext)))).toMatchObject({ source: 'none' });
    const both = stealthPng('stealth_pnginfo', utf8Encode(infotext));
    expect((await readImageMetadata(both)).prompt).toBe('a circle');
  });
});
