/**
 * The JSON bodies of POST /sdapi/v1/txt2img and /sdapi/v1/img2img, built from the schema: values
 * keep their JSON types, the model goes into `override_settings` (its wire name), the init image
 * becomes a one-item `init_images` list, images go as raw base64 or as a link. Optional fields
 * left empty are left out, so the server applies its own default (and its loaded model).
 */
import type { WireFormat } from '../shared/request';
import { A1111_KEY } from './auth';

export const A1111_WIRE: WireFormat = { body: 'json', key: A1111_KEY, nulls: 'omit', blankText: 'omit' };

/** Sent only with Hires. fix on (txt2img): otherwise the server ignores them. */
const HIRES_ONLY = ['hr_scale', 'hr_upscaler', 'hr_second_pass_steps', 'denoising_strength'] as const;

/** txt2img: the Hires. fix fields go out only with Hires. fix on. */
export function dropHiresUnlessOn(body: Record<string, unknown>) {
  if (body.enable_hr === true) return;
  for (const name of HIRES_ONLY) delete body[name];
}
