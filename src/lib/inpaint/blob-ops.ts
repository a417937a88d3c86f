/**
 * The inpainting library at the level of encoded images, for a Worker: decode (createImageBitmap),
 * run the pure crop / stitch / extend / mask operations, encode (OffscreenCanvas convertToBlob).
 * Nothing here touches the DOM; `blob-worker.ts` runs it, `blob-client.ts` calls it.
 */
import { growMask, featherMask, shrinkMask } from './mask-distance';
import { binarizeMask, maskToAlphaRgba, maskToRgba } from './mask-shapes';
import { extendCanvas } from './outpaint';
import type { Extension } from './outpaint';
import type { InpaintRegion } from './region';
import { decodeMask, decodeRgba, encodePng, maskBoxOf, prepare } from './blob-prepare';
import type { PrepareRequest, PrepareResponse } from './blob-prepare';
import { probe } from './blob-probe';
import type { ProbeRequest, ProbeResponse } from './blob-probe';
import { previewBaseAhead, stitchBlobs, stitchBlobsPixels, thumbnailOf } from './blob-stitch';
import type { BlobStitchRequest, BlobStitchResponse, StitchPreview } from './blob-stitch';
import { opaqueByHeader } from './send-format';
import { keptMaskBoxes, keptPictures, keptPreviewBases, keptWindows, keyOf, releaseKept } from './worker-pictures';
import type { BlobKeys } from './key-hints';
import { pureScaler } from './stitch-protocol';
import type { RgbaScaler } from './stitch-protocol';
import { resultContent } from './stitch';
import type { MaskImage, Rect } from './types';
import type { BoxRgba } from './mask-box';

export type { InpaintArea } from './blob-prepare';
export type { StitchPreview } from './blob-stitch';

/** What a request sends before its response: only the stitch's preview so far. */
export type BlobPartial = StitchPreview;
export { decodeRgba, encodePng } from './blob-prepare';

export type BlobRequest =
  /** What is sent: the whole picture or the "Only masked" crop, at the endpoint's largest allowed size (blob-prepare.ts). */
  | PrepareRequest
  /** A picture the user brings: its size and a display-size preview (blob-probe.ts). */
  | ProbeRequest
  /** The part of an answer that shows the picture, without the padding that kept its aspect (img2img). */
  | { op: 'uncrop'; result: Blob; region: Pick<InpaintRegion, 'send' | 'content'> }
  /** The provider's result scaled back and composited into the full-size original through the blurred mask (blob-stitch.ts). */
  | BlobStitchRequest
  /** Outpainting: the picture on a bigger canvas, the new area filled, and the mask with its overlap. */
  | { op: 'extend'; image: Blob; by: Extension; fill: 'stretch' | 'noise'; seed: number; overlap: number }
  /** The answer is an ImageBitmap of the mask as the canvas editor holds it (white, value as alpha), ready to draw. */
  | { op: 'mask'; mask: Blob; action: 'grow' | 'shrink' | 'feather'; px: number }
  /** Any black-and-white or alpha image as a mask at width×height (as for 'mask'). */
  | { op: 'mask-from-file'; file: Blob; width: number; height: number }
  /** A thumbnail (WebP, JPEG where WebP cannot be encoded) fitting maxSide, for the gallery: decode, scale and encode off the main thread. */
  | { op: 'thumbnail'; image: Blob; maxSide: number }
  /** Reads a mask's painted box ahead of the job that sends it (blob-prepare's maskBoxOf): the mask was just exported. */
  | { op: 'mask-box'; mask: Blob; width: number; height: number; box: Rect | null; keys?: BlobKeys; pixels?: BoxRgba }
  /** Frees the picture and mask window the Worker keeps for the jobs (worker-pictures.ts): the picture is gone. */
  | { op: 'release' };

export type BlobResponse =
  | PrepareResponse
  | ProbeResponse
  | { op: 'uncrop'; image: Blob; width: number; height: number }
  | BlobStitchResponse
  /** overlay: the mask as the canvas editor draws it (see 'mask'). */
  | { op: 'extend'; image: Blob; mask: Blob; overlay: ImageBitmap; width: number; height: number }
  | { op: 'mask'; overlay: ImageBitmap; painted: boolean; width: number; height: number }
  /** width × height: the source's size; blob undefined when the browser could not encode one. */
  | { op: 'thumbnail'; blob: Blob | undefined; width: number; height: number }
  | { op: 'mask-box'; painted: boolean; keys: BlobKeys }
  /** kept: how many pictures and windows the Worker still holds (0 after a release). */
  | { op: 'release'; kept: number };

const encodeMask = (mask: MaskImage) => encodePng(maskToRgba(mask));

/** The mask as the canvas editor draws it, decoded and laid out here so the main thread only draws a bitmap. */
function maskAnswer(mask: MaskImage): BlobResponse {
  const canvas = new OffscreenCanvas(mask.width, mask.height);
  canvas.getContext('2d')!.putImageData(new ImageData(maskToAlphaRgba(mask), mask.width, mask.height), 0, 0);
  return { op: 'mask', overlay: canvas.transferToImageBitmap(), painted: mask.data.some((v) => v > 0), width: mask.width, height: mask.height };
}

/** What a response hands over rather than copies. */
export function blobTransferables(response: BlobResponse): Transferable[] {
  if (response.op === 'probe') return [response.preview];
  return response.op === 'mask' || response.op === 'extend' ? [response.overlay] : [];
}

async function thumbnail(image: Blob, maxSide: number): Promise<BlobResponse> {
  const bitmap = await createImageBitmap(image);
  try {
    return { op: 'thumbnail', blob: await thumbnailOf(bitmap, maxSide), width: bitmap.width, height: bitmap.height };
  } finally {
    bitmap.close();
  }
}

async function head(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(0, 64 * 1024).arrayBuffer());
}

export async function handleBlobRequest(
  request: BlobRequest,
  scaler: RgbaScaler = pureScaler,
  progress?: (text: string) => void,
  partial?: (part: BlobPartial) => void,
): Promise<BlobResponse> {
  switch (request.op) {
    case 'prepare': {
      const answer = await prepare(request, progress);
      // After the answer is posted: the stitch's preview base, while the request is on its way.
      const side = request.previewSide;
      if (side && answer.keys.image) setTimeout(() => previewBaseAhead(answer.keys.image!, side));
      return answer;
    }
    case 'probe':
      return probe(request);
    case 'uncrop': {
      const out = resultContent(await decodeRgba(request.result), request.region);
      return { op: 'uncrop', image: await encodePng(out), width: out.width, height: out.height };
    }
    case 'stitch':
      // An opaque original is stitched on a canvas, touching only the blend window's pixels.
      return opaqueByHeader(await head(request.original)) ? stitchBlobs(request, scaler, partial) : stitchBlobsPixels(request, scaler);
    case 'extend': {
      const image = await decodeRgba(request.image);
      const fill = request.fill === 'noise' ? { kind: 'noise' as const, seed: request.seed } : { kind: 'stretch' as const };
      const out = extendCanvas(image, request.by, { fill, overlap: request.overlap });
      const { overlay } = maskAnswer(out.mask) as { overlay: ImageBitmap };
      return { op: 'extend', image: await encodePng(out.image), mask: await encodeMask(out.mask), overlay, width: out.image.width, height: out.image.height };
    }
    case 'mask': {
      const mask = binarizeMask(await decodeMask(request.mask));
      const px = Math.max(0, Math.round(request.px));
      const out = request.action === 'grow' ? growMask(mask, px) : request.action === 'shrink' ? shrinkMask(mask, px) : featherMask(mask, px);
      return maskAnswer(out);
    }
    case 'thumbnail':
      return thumbnail(request.image, request.maxSide);
    case 'mask-box': {
      const key = await keyOf(request.mask, request.keys?.mask);
      const boxed = await maskBoxOf(request.mask, key, { width: request.width, height: request.height }, request.box, request.pixels);
      return { op: 'mask-box', painted: !!boxed?.pixels, keys: { mask: key } };
    }
    case 'release':
      releaseKept();
      return { op: 'release', kept: keptPictures.size + keptWindows.size + keptMaskBoxes.size + keptPreviewBases.size };
    case 'mask-from-file': {
      const mask = binarizeMask(await decodeMask(request.file, request.width, request.height));
      return maskAnswer(mask);
    }
  }
}
