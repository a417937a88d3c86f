/**
 * The job pipeline's image step, between validation and sending: each endpoint gets the
 * workspace's full-resolution init image and mask through its own size rule. "Whole picture"
 * scales the whole image when the endpoint cannot take it as is; "Only masked" crops around the
 * mask (src/lib/inpaint/region.ts). Both crop and scale in a Worker. When a crop or a scale was
 * sent with a mask, the provider's answer is scaled back and stitched into the original
 * (`stitchResult`), in the Worker too.
 */
import { runBlobOp } from '../lib/inpaint/blob-client';
import type { StitchPreview } from '../lib/inpaint/blob-ops';
import { blobToDataUrl, dataUrlToBlob } from '../lib/data-url';
import { isPadded, regionContent } from '../lib/inpaint/region';
import { maskBoxHint } from '../lib/inpaint/mask-hints';
import { describeSchema } from '../providers/fields/describe';
import { isImageRef } from '../providers/shared/image-ref';
import type { EndpointDef } from '../providers/types';
import type { JobInpaint } from './job-record';
import { getLocalImage, MissingImageError, putLocalImage } from './local-images';
import { THUMB_MAX_SIDE } from './thumbnail';
import { DEFAULT_MASK_BLUR, DEFAULT_PADDING } from './workspace';
import type { InpaintSettings } from './workspace';

export const DEFAULT_INPAINT: InpaintSettings = { area: 'whole', padding: DEFAULT_PADDING, maskBlur: DEFAULT_MASK_BLUR };

async function asBlob(name: string, value: unknown): Promise<{ blob: Blob; ref: string } | undefined> {
  if (isImageRef(value)) {
    const blob = await getLocalImage(value);
    if (!blob) throw new MissingImageError(`${name}: the local image is no longer available; choose it again.`);
    return { blob, ref: value };
  }
  if (typeof value === 'string' && value.startsWith('data:image/')) {
    const blob = dataUrlToBlob(value);
    return { blob, ref: putLocalImage(blob) };
  }
  return undefined; // a link: the provider fetches it, nothing to scale here
}

/** What went to the provider as the init image: its size, type and bytes, and how it was made. */
export interface SentImage {
  width: number;
  height: number;
  mime: string;
  bytes: number;
  /** "crop 2992×2992 at 120, 40 → 1024×1024", "scale 4032×3024 → 1024×768", "as chosen". */
  how: string;
  /** The mask sent with it (at the same size). */
  mask?: { mime: string; bytes: number };
}

export interface PreparedImages {
  params: Record<string, unknown>;
  /** Set when the answer must be stitched back into the original (or its padding cut off). */
  inpaint?: JobInpaint;
  sent?: SentImage;
}

const dims = (s: { width: number; height: number }) => `${s.width}×${s.height}`;

/**
 * The params with the init image (and mask) as this endpoint takes them; see the module comment.
 * Width and height, where the endpoint has them, are set to the size sent: the answer keeps the
 * picture's aspect. `progress` hears each step (for the job card).
 */
export async function prepareSentImages(
  endpoint: EndpointDef,
  params: Record<string, unknown>,
  settings: InpaintSettings = DEFAULT_INPAINT,
  progress?: (text: string) => void,
): Promise<PreparedImages> {
  const rule = endpoint.sizeRule;
  if (!rule) return { params };
  const fields = describeSchema(endpoint.schema);
  const imageField = fields.find((f) => f.role === 'initImage');
  const maskField = fields.find((f) => f.role === 'mask');
  if (!imageField) return { params };
  performance.mark('job: image step');
  const image = await asBlob(imageField.name, params[imageField.name]);
  if (!image) return { params };
  const mask = maskField ? await asBlob(maskField.name, params[maskField.name]) : undefined;
  performance.mark('job: images read');
  const width = fields.find((f) => f.role === 'width');
  const height = fields.find((f) => f.role === 'height');
  const w = width && Number(params[width.name]);
  const h = height && Number(params[height.name]);
  const target = w && h ? { width: w, height: h } : undefined;
  const answer = await runBlobOp(
    {
      op: 'prepare',
      image: image.blob,
      mask: mask?.blob,
      maskBox: maskField ? maskBoxHint(params[maskField.name]) : undefined,
      rule,
      area: settings.area,
      padding: settings.padding,
      maskBlur: settings.maskBlur,
      target,
      // A stitch follows: its preview's base is made while the provider works.
      previewSide: mask ? PREVIEW_MAX_SIDE : undefined,
    },
    progress,
  );
  performance.mark('job: worker prepared');
  const sized = (out: Record<string, unknown>, size: { width: number; height: number }) => {
    if (width) out[width.name] = size.width;
    if (height) out[height.name] = size.height;
    return out;
  };
  if (answer.unchanged) {
    const sent = { width: answer.width, height: answer.height, mime: image.blob.type || 'image', bytes: image.blob.size, how: 'as chosen' };
    return { params: sized({ ...params }, answer), sent };
  }
  const { region } = answer;
  const out = sized({ ...params, [imageField.name]: await blobToDataUrl(answer.image) }, region.send);
  if (maskField && answer.mask) out[maskField.name] = await blobToDataUrl(answer.mask);
  const { crop } = region;
  const whole = crop.width === answer.width && crop.height === answer.height;
  const content = regionContent(region);
  const padded = isPadded(region) ? `, padded from ${dims(content)}` : '';
  const how = `${whole ? `scale ${dims(crop)}` : `crop ${dims(crop)} at ${crop.x}, ${crop.y}`} → ${dims(region.send)}${padded}`;
  const sentMask = answer.mask ? { mask: { mime: answer.mask.type || 'image/png', bytes: answer.mask.size } } : {};
  const sent = { width: region.send.width, height: region.send.height, mime: answer.image.type, bytes: answer.image.size, how, ...sentMask };
  // Without a mask the answer is the provider's (nothing to stitch), once its padding is cut off.
  if (!mask) return { params: out, sent, ...(isPadded(region) ? { inpaint: { image: image.ref, area: 'whole' as const, maskBlur: 0, region } } : {}) };
  return {
    params: out,
    sent,
    inpaint: { image: image.ref, mask: mask.ref, area: settings.area, maskBlur: settings.maskBlur, region },
  };
}

/** The provider's answer without the padding around the picture (img2img at a padded size). */
export async function uncropResult(plan: JobInpaint, result: Blob) {
  return runBlobOp({ op: 'uncrop', result, region: plan.region });
}

/** The longest side of the stitch's preview: a result card's width on a 2× screen. */
export const PREVIEW_MAX_SIDE = 1600;

/**
 * The provider's image stitched into the full-size original, with its thumbnail; throws when the
 * original is gone. `onPreview` gets a display-size preview first, before the full-size PNG is
 * encoded (seconds for a photo).
 */
export async function stitchResult(plan: JobInpaint & { mask: string }, result: Blob, onPreview?: (preview: StitchPreview) => void) {
  performance.mark('job: stitch step');
  const [original, mask] = await Promise.all([getLocalImage(plan.image), getLocalImage(plan.mask)]);
  if (!original || !mask) throw new MissingImageError('The full-size original is no longer stored, so the result could not be stitched into it.');
  const previewSide = onPreview ? PREVIEW_MAX_SIDE : undefined;
  return runBlobOp({ op: 'stitch', original, mask, region: plan.region, result, maskBlur: plan.maskBlur, thumbSide: THUMB_MAX_SIDE, previewSide }, undefined, onPreview);
}
