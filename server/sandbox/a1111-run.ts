/**
 * One AUTOMATIC1111 generation: n_iter batches of batch_size pictures with consecutive seeds,
 * `steps` sampling steps of `stepMs` each (watched through /progress, stopped by /interrupt),
 * then the WebUI's answer: base64 PNGs (with the infotext in a `parameters` text chunk), the
 * request echoed as `parameters`, and `info` as a JSON string.
 */
import { compose, noise } from './a1111-images';
import type { Composition } from './a1111-images';
import { pause, until } from './a1111-state';
import type { A1111Job, A1111State, SdModel } from './a1111-state';
import { json } from './http';
import type { Reply } from './http';
import { crc32, encodePng } from './png';
import type { Raster } from './raster';
import { synthesize } from './synth';

export const WEBUI_VERSION = 'v1.10.1';

export interface A1111Plan {
  kind: 'txt2img' | 'img2img';
  prompt: string;
  negativePrompt: string;
  styles: string[];
  /** First seed (already drawn when -1 was asked); picture i uses seed + i. */
  seed: number;
  subseed: number;
  subseedStrength: number;
  sampler: string;
  scheduler: string;
  batchSize: number;
  nIter: number;
  steps: number;
  cfgScale: number;
  width: number;
  height: number;
  model: SdModel;
  enableHr: boolean;
  /** img2img: denoising_strength; txt2img: the value given, or null. */
  denoisingStrength: number | null;
  /** Fitted init image and paint mask (white = repaint), img2img only. */
  init?: Raster;
  mask?: Raster;
  maskBlur: number;
  inpaintingFill: number;
  sendImages: boolean;
  /** The request, defaults filled in, as the answer echoes it. */
  parameters: Record<string, unknown>;
}

const compact = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toFixed(4))));

/** The A1111 infotext of picture `index` (the text the WebUI also writes into the PNG). */
export function infotext(p: A1111Plan, index: number): string {
  const seed = p.seed + index;
  const fields: Array<[string, string | number]> = [
    ['Steps', p.steps],
    ['Sampler', p.sampler],
    ['Schedule type', p.scheduler],
    ['CFG scale', compact(p.cfgScale)],
    ['Seed', seed],
    ['Size', `${p.width}x${p.height}`],
    ['Model hash', p.model.hash],
    ['Model', p.model.model_name],
  ];
  if (p.batchSize > 1) fields.push(['Batch size', p.batchSize], ['Batch pos', index % p.batchSize]);
  if (p.denoisingStrength !== null && (p.kind === 'img2img' || p.enableHr)) fields.push(['Denoising strength', compact(p.denoisingStrength)]);
  if (p.mask) fields.push(['Mask blur', p.maskBlur]);
  fields.push(['Version', WEBUI_VERSION]);
  const negative = p.negativePrompt ? `\nNegative prompt: ${p.negativePrompt}` : '';
  return `${p.prompt}${negative}\n${fields.map(([k, v]) => `${k}: ${v}`).join(', ')}`;
}

/** A PNG with a `parameters` text chunk after IHDR (tEXt when Latin-1, else iTXt), like the WebUI's. */
export function withParameters(png: Uint8Array, text: string): Uint8Array {
  const latin1 = [...text].every((c) => c.charCodeAt(0) <= 0xff);
  const keyword = Buffer.from('parameters\0', 'latin1');
  const payload = latin1
    ? Buffer.concat([keyword, Buffer.from(text, 'latin1')])
    : Buffer.concat([keyword, Buffer.from([0, 0, 0, 0]), Buffer.from(text, 'utf8')]);
  const type = Buffer.from(latin1 ? 'tEXt' : 'iTXt', 'latin1');
  const chunk = Buffer.alloc(12 + payload.length);
  chunk.writeUInt32BE(payload.length, 0);
  type.copy(chunk, 4);
  payload.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(new Uint8Array(chunk.subarray(4, 8 + payload.length))), 8 + payload.length);
  const ihdrEnd = 8 + 12 + 13; // signature, IHDR length/type/crc and its 13 bytes
  return new Uint8Array(Buffer.concat([png.subarray(0, ihdrEnd), chunk, png.subarray(ihdrEnd)]));
}

function timestamp(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
}

/** Runs the plan as the state's current job; the answer holds what was made before an interrupt. */
export async function runGeneration(state: A1111State, p: A1111Plan): Promise<Reply> {
  const total = p.batchSize * p.nIter;
  const job: A1111Job = {
    startedAt: Date.now(),
    timestamp: timestamp(new Date()),
    jobCount: p.nIter,
    jobNo: 0,
    samplingStep: 0,
    samplingSteps: p.steps,
    interrupted: false,
    preview: null,
    previewBase64: null,
    previewStep: 0,
  };
  state.job = job;
  const images: Raster[] = [];
  try {
    if (state.loaded !== p.model.title) {
      // Loading another checkpoint: the WebUI reports job_count -1 until sampling starts.
      job.jobCount = -1;
      await pause(state, () => (job.interrupted ? 0 : state.loadMs));
      state.loaded = p.model.title;
      job.jobCount = p.nIter;
    }
    for (let n = 0; n < p.nIter && !job.interrupted; n++) {
      job.jobNo = n;
      job.samplingStep = 0;
      const seeds = Array.from({ length: p.batchSize }, (_, i) => p.seed + n * p.batchSize + i);
      const pictures = seeds.map((seed) =>
        synthesize({
          provider: 'a1111',
          model: p.model.model_name,
          prompt: p.prompt,
          negativePrompt: p.negativePrompt,
          seed,
          width: p.width,
          height: p.height,
          sample: 0,
          guidance: p.cfgScale,
          steps: p.steps,
          detail: p.enableHr,
        }),
      );
      const parts: Composition[] = seeds.map((seed) => ({
        init: p.init,
        mask: p.mask,
        strength: p.denoisingStrength ?? 1,
        fill: p.inpaintingFill,
        noise: noise(seed, p.width, p.height),
      }));
      const first = pictures[0];
      const firstPart = parts[0];
      job.preview = first && firstPart ? (step) => compose(first, firstPart, step / p.steps) : null;
      let done = p.steps;
      for (let step = 1; step <= p.steps; step++) {
        await until(state, () => job.interrupted || state.holdAtStep === null || step <= state.holdAtStep);
        await pause(state, () => (job.interrupted ? 0 : state.stepMs));
        if (job.interrupted) {
          done = step - 1;
          break;
        }
        job.samplingStep = step;
      }
      pictures.forEach((picture, i) => images.push(compose(picture, parts[i] as Composition, done / p.steps)));
    }
  } finally {
    if (state.job === job) state.job = null;
  }
  const seeds = Array.from({ length: total }, (_, i) => p.seed + i);
  const subseeds = Array.from({ length: total }, (_, i) => p.subseed + i);
  const texts = images.map((_, i) => infotext(p, i));
  const info = {
    prompt: p.prompt,
    all_prompts: seeds.map(() => p.prompt),
    negative_prompt: p.negativePrompt,
    all_negative_prompts: seeds.map(() => p.negativePrompt),
    seed: p.seed,
    all_seeds: seeds,
    subseed: p.subseed,
    all_subseeds: subseeds,
    subseed_strength: p.subseedStrength,
    width: p.width,
    height: p.height,
    sampler_name: p.sampler,
    cfg_scale: p.cfgScale,
    steps: p.steps,
    batch_size: p.batchSize,
    restore_faces: false,
    face_restoration_model: null,
    sd_model_name: p.model.model_name,
    sd_model_hash: p.model.hash,
    sd_vae_name: null,
    sd_vae_hash: null,
    seed_resize_from_w: -1,
    seed_resize_from_h: -1,
    denoising_strength: p.denoisingStrength,
    extra_generation_params: { 'Schedule type': p.scheduler, ...(p.mask ? { 'Mask blur': p.maskBlur } : {}) },
    index_of_first_image: 0,
    infotexts: texts,
    styles: p.styles,
    job_timestamp: job.timestamp,
    clip_skip: 1,
    is_using_inpainting_conditioning: false,
    version: WEBUI_VERSION,
  };
  const encoded = p.sendImages ? images.map((image, i) => Buffer.from(withParameters(encodePng(image), texts[i] ?? '')).toString('base64')) : [];
  return json(200, { images: encoded, parameters: p.parameters, info: JSON.stringify(info) });
}

/** The answer of a generation that made nothing (an injected status-200 failure). */
export function emptyGeneration(p: A1111Plan): Reply {
  const info = { prompt: p.prompt, all_prompts: [], seed: p.seed, all_seeds: [], infotexts: [], width: p.width, height: p.height, version: WEBUI_VERSION };
  return json(200, { images: [], parameters: p.parameters, info: JSON.stringify(info) });
}
