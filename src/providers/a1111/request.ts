/**
 * The JSON bodies of POST /sdapi/v1/txt2img and /sdapi/v1/img2img: values keep their JSON types,
 * the model goes into `override_settings`, the init image becomes a one-item `init_images` list,
 * images go as raw base64 (a data URL's prefix removed) or as a link. Optional fields left empty
 * are left out, so the server applies its own default (and its loaded model).
 */
import type { BuildArgs, HttpRequest } from '../types';
import { authHeaders } from './auth';
import type { A1111Img2ImgParams, A1111InpaintParams, A1111Txt2ImgParams } from './schema';
import { stripDataUrlPrefix } from '../shared/base64';

/** Body order: the images, then the order of the WebUI's own form. */
const ORDER = [
  'init_images',
  'mask',
  'prompt',
  'negative_prompt',
  'sampler_name',
  'scheduler',
  'steps',
  'cfg_scale',
  'width',
  'height',
  'seed',
  'subseed',
  'subseed_strength',
  'batch_size',
  'n_iter',
  'tiling',
  'denoising_strength',
  'resize_mode',
  'mask_blur',
  'inpainting_fill',
  'inpaint_full_res',
  'inpaint_full_res_padding',
  'inpainting_mask_invert',
  'enable_hr',
  'hr_scale',
  'hr_upscaler',
  'hr_second_pass_steps',
] as const;

/** Sent only with Hires. fix on (txt2img): otherwise the server ignores them. */
const HIRES_ONLY = new Set<string>(['hr_scale', 'hr_upscaler', 'hr_second_pass_steps', 'denoising_strength']);

const isEmpty = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

export type A1111Kind = 'txt2img' | 'img2img';

export function buildA1111Body(kind: A1111Kind, params: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const hires = params.enable_hr === true;
  for (const name of ORDER) {
    const value = params[name];
    if (isEmpty(value)) continue;
    if (kind === 'txt2img' && HIRES_ONLY.has(name) && !hires) continue;
    if (name === 'init_images' && typeof value === 'string') body.init_images = [stripDataUrlPrefix(value)];
    else if (name === 'mask' && typeof value === 'string') body.mask = stripDataUrlPrefix(value);
    else body[name] = value;
  }
  const checkpoint = params.sd_model_checkpoint;
  if (typeof checkpoint === 'string' && checkpoint.trim() !== '') body.override_settings = { sd_model_checkpoint: checkpoint.trim() };
  return body;
}

export function a1111Post(kind: A1111Kind, { params, key, baseUrl }: BuildArgs<Record<string, unknown>>): HttpRequest {
  return {
    method: 'POST',
    url: `${baseUrl}/sdapi/v1/${kind}`,
    headers: { 'Content-Type': 'application/json', ...authHeaders(key) },
    body: { type: 'json', value: buildA1111Body(kind, params) },
  };
}

export const buildTxt2ImgRequest = (args: BuildArgs<A1111Txt2ImgParams>): HttpRequest => a1111Post('txt2img', args);
export const buildImg2ImgRequest = (args: BuildArgs<A1111Img2ImgParams>): HttpRequest => a1111Post('img2img', args);
/** Inpainting is img2img with a mask. */
export const buildInpaintRequest = (args: BuildArgs<A1111InpaintParams>): HttpRequest => a1111Post('img2img', args);
