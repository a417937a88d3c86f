/**
 * The job pipeline's image step, between validation and sending: each endpoint gets the
 * workspace's full-resolution init image and mask through its own size rule. "Whole picture"
 * scales the whole image when the endpoint cannot take it as is; "Only masked" crops around the
 * mask (src/lib/inpaint/region.ts). Both crop and scale in a Worker. When a crop or a scale was
 * sent with a mask, the provider's answer is scaled back and stitched into the original
 * (`stitchResult`), in the Worker too.
 */
import { runBlobOp } from '../lib/inpaint/blob-client';
import { blobToDataUrl, dataUrlToBlob } from '../lib/data-url';
import { describeSchema } from '../providers/fields/describe';
import { isImageRef } from '../providers/shared/image-ref';
import type { EndpointDef } from '../providers/types';
import type { JobInpaint } from './job-record';
import { getLocalImage, MissingImageError, putLocalImage } from './local-images';
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

export interface PreparedImages {
  params: Record<string, unknown>;
  /** Set when the answer must be stitched back into the original. */
  inpaint?: JobInpaint;
}

/** The params with the init image (and mask) as this endpoint takes them; see the module comment. */
export async function prepareSentImages(endpoint: EndpointDef, params: Record<string, unknown>, settings: InpaintSettings = DEFAULT_INPAINT): Promise<PreparedImages> {
  const rule = endpoint.sizeRule;
  if (!rule) return { params };
  const fields = describeSchema(endpoint.schema);
  const imageField = fields.find((f) => f.role === 'initImage');
  const maskField = fields.find((f) => f.role === 'mask');
  if (!imageField) return { params };
  const image = await asBlob(imageField.name, params[imageField.name]);
  if (!image) return { params };
  const mask = maskField ? await asBlob(maskField.name, params[maskField.name]) : undefined;
  const answer = await runBlobOp({
    op: 'prepare',
    image: image.blob,
    mask: mask?.blob,
    rule,
    area: settings.area,
    padding: settings.padding,
    maskBlur: settings.maskBlur,
  });
  if (answer.unchanged) return { params };
  const out = { ...params, [imageField.name]: await blobToDataUrl(answer.image) };
  if (maskField && answer.mask) out[maskField.name] = await blobToDataUrl(answer.mask);
  if (!mask) return { params: out };
  // The answer must match the crop's aspect: ask for the send size where the endpoint has one.
  const width = fields.find((f) => f.role === 'width');
  const height = fields.find((f) => f.role === 'height');
  if (width) out[width.name] = answer.region.send.width;
  if (height) out[height.name] = answer.region.send.height;
  return {
    params: out,
    inpaint: { image: image.ref, mask: mask.ref, area: settings.area, maskBlur: settings.maskBlur, region: answer.region },
  };
}

/** The provider's image stitched into the full-size original; throws when the original is gone. */
export async function stitchResult(plan: JobInpaint, result: Blob) {
  const [original, mask] = await Promise.all([getLocalImage(plan.image), getLocalImage(plan.mask)]);
  if (!original || !mask) throw new MissingImageError('The full-size original is no longer stored, so the result could not be stitched into it.');
  return runBlobOp({ op: 'stitch', original, mask, region: plan.region, result, maskBlur: plan.maskBlur });
}
