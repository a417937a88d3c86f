/**
 * Getting an init image in: files, URLs, pasted and dropped items. A file is kept as it is (its
 * own bytes are the init image), decoded and previewed in the image Worker; only a picture
 * larger than the largest side kept is scaled (in the Worker too). URLs and data URLs become PNG
 * data URLs at a size the endpoint accepts; a remote image whose pixels the browser may not
 * read (no CORS) stays a URL, which the provider can fetch itself. An image on an origin the
 * page's security policy does not list is fetched by the playground's server (`/proxy/_image`:
 * public addresses only, images only) and loads like a file; where that cannot be, it says why.
 */
import { context2d, createCanvas, releaseCanvasMemory } from './canvas-2d';
import { describeFit, fitSize } from './fit-size';
import { blobToDataUrl } from '../../lib/data-url';
import { isHttpUrl } from '../../providers/shared/base64';
import { pageCanConnect } from '../../api/page-policy';
import { canRunBlobOps, runBlobOp } from '../../lib/inpaint/blob-client';
import { PREVIEW_SIDE } from './preview-cache';
import type { Preview } from './preview-cache';

export interface FitOptions {
  maxSide?: number;
  multipleOf?: number;
}

export interface LoadedImage {
  /** The user's file (or, when it was too large, its scaled copy), a PNG data URL, or the http(s) URL itself when its pixels cannot be read. */
  src: string | Blob;
  /** A display-size preview made in the Worker, for the stage. */
  preview?: Preview;
  width: number;
  height: number;
  note?: string;
  /** False for a CORS-tainted remote image. */
  readable: boolean;
}

/** An error whose message can be shown to the user as is. */
export class ImageInputError extends Error {}

const ACCEPTED = 'PNG, JPEG, WebP, GIF, AVIF or BMP';

export function isImageType(type: string): boolean {
  return type.startsWith('image/');
}

/** Loads an image element; resolves once it is decoded. */
export function decodeImage(src: string, crossOrigin?: 'anonymous'): Promise<HTMLImageElement> {
  const img = new Image();
  if (crossOrigin) img.crossOrigin = crossOrigin;
  img.decoding = 'async';
  img.src = src;
  return img.decode().then(
    () => img,
    () => Promise.reject(new ImageInputError('The browser could not read that as an image.')),
  );
}

/** URLs seen to refuse CORS reads, so they are not asked again (and the console not filled). */
const tainted = new Set<string>();

/** An http(s) image: with CORS when the server allows it, otherwise tainted (readable = false). */
export async function decodeRemote(url: string): Promise<{ image: HTMLImageElement; readable: boolean }> {
  try {
    if (tainted.has(url)) throw new Error('known to refuse CORS');
    return { image: await decodeImage(url, 'anonymous'), readable: true };
  } catch {
    try {
      const image = await decodeImage(url);
      tainted.add(url);
      return { image, readable: false };
    } catch {
      throw new ImageInputError(
        `Couldn't load an image from ${shorten(url)}. Check the address, or save the image and choose it as a file.`,
      );
    }
  }
}

function shorten(url: string): string {
  return url.length > 80 ? `${url.slice(0, 60)}…${url.slice(-15)}` : url;
}

function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new ImageInputError('Could not encode the image as PNG.'))), 'image/png'),
  );
}

/** Draws `source` at the fitted size and returns a PNG data URL. */
export async function encodeFitted(source: CanvasImageSource, width: number, height: number): Promise<string> {
  const canvas = createCanvas(width, height);
  try {
    const ctx = context2d(canvas);
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(source, 0, 0, width, height);
    return await blobToDataUrl(await canvasToPng(canvas));
  } finally {
    releaseCanvasMemory(canvas);
  }
}

/**
 * A decoded, readable image → what the endpoint gets: the original PNG data when it
 * already fits (`originalPng`), otherwise a re-encoded PNG at the fitted size.
 */
export async function normalizeImage(
  source: CanvasImageSource,
  width: number,
  height: number,
  fit: FitOptions,
  originalPng?: () => Promise<string>,
): Promise<LoadedImage> {
  const fitted = fitSize(width, height, fit.maxSide, fit.multipleOf);
  const note = describeFit(width, height, fitted, fit.maxSide, fit.multipleOf);
  const src =
    !fitted.changed && originalPng ? await originalPng() : await encodeFitted(source, fitted.width, fitted.height);
  return { src, width: fitted.width, height: fitted.height, note, readable: true };
}

/** The file, typed by its first bytes when the browser gave it no type (a type is needed to keep and send it). */
async function typed(file: File): Promise<Blob | undefined> {
  if (file.type) return file;
  const b = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  const type =
    b[0] === 0xff && b[1] === 0xd8 ? 'image/jpeg' : b[0] === 0x89 && b[1] === 0x50 ? 'image/png' : b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50 ? 'image/webp' : '';
  return type ? new Blob([file], { type }) : undefined;
}

/** A file in the Worker: decoded there (EXIF orientation applied), kept as it is unless larger than `maxSide`. */
async function fileInWorker(file: Blob, name: string, maxSide: number): Promise<LoadedImage> {
  let out;
  try {
    out = await runBlobOp({ op: 'probe', image: file, previewSide: PREVIEW_SIDE, maxSide });
  } catch {
    throw new ImageInputError(`${name} couldn't be read as an image. Choose a ${ACCEPTED} file.`);
  }
  const { width, height } = out;
  const note = out.original
    ? `Scaled from ${out.original.width}×${out.original.height} to ${width}×${height}: pictures are kept up to ${maxSide} px on a side.`
    : undefined;
  return { src: out.scaled ?? file, width, height, note, readable: true, preview: { bitmap: out.preview, width, height } };
}

export async function imageFromFile(file: File, fit: FitOptions): Promise<LoadedImage> {
  const name = file.name ? `“${file.name}”` : 'That file';
  if (file.type && !isImageType(file.type)) {
    throw new ImageInputError(`${name} isn't an image (${file.type}). Choose a ${ACCEPTED} file.`);
  }
  const blob = canRunBlobOps && !fit.multipleOf ? await typed(file) : undefined;
  if (blob) return fileInWorker(blob, name, fit.maxSide ?? 8192);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new ImageInputError(`${name} couldn't be read as an image. Choose a ${ACCEPTED} file.`);
  }
  try {
    const isPng = file.type === 'image/png';
    return await normalizeImage(bitmap, bitmap.width, bitmap.height, fit, isPng ? () => blobToDataUrl(file) : undefined);
  } finally {
    bitmap.close();
  }
}

/** True for an absolute http(s) URL (spaces around it allowed): the provider can fetch it itself. */
export function isRemoteImageUrl(value: string): boolean {
  return isHttpUrl(value.trim());
}

/** Accepts http(s) URLs, same-site paths and image data URLs; anything else is refused. */
export function parseImageAddress(text: string, base: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new ImageInputError('Enter the address of an image (https://…).');
  if (trimmed.startsWith('data:')) {
    if (!/^data:image\//i.test(trimmed)) throw new ImageInputError("That data URL isn't an image.");
    return trimmed;
  }
  let url: URL;
  try {
    url = new URL(trimmed, base);
  } catch {
    throw new ImageInputError(`“${shorten(trimmed)}” isn't a web address. Enter an http(s) URL of an image.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ImageInputError(`Only http(s) image addresses can be loaded, not ${url.protocol}`);
  }
  return url.href;
}

/** The reason in a refusal of the playground's server, or undefined when the server has no such route. */
async function refusalReason(res: Response): Promise<string | undefined> {
  if (res.headers.get('x-playground-proxy') !== 'refused') return undefined;
  const body = (await res.json().catch(() => undefined)) as { error?: unknown } | undefined;
  return typeof body?.error === 'string' ? body.error.replace(/^Local proxy: /, '').slice(0, 300) : undefined;
}

/** An image on an origin the page may not connect to, fetched by the playground's server. */
async function fetchThroughServer(url: string): Promise<Blob> {
  const unavailable = new ImageInputError(
    `Images from other sites are fetched by the playground's server, which isn't reachable here, so ${shorten(url)} can't be loaded. Save the image and choose it as a file.`,
  );
  let res: Response;
  try {
    res = await fetch(`${location.origin}/proxy/_image`, { headers: { 'x-playground-target': url }, credentials: 'omit', cache: 'no-store' });
  } catch {
    throw unavailable;
  }
  if (!res.ok) {
    const reason = await refusalReason(res);
    if (!reason) throw unavailable;
    throw new ImageInputError(`Couldn't load ${shorten(url)}: ${reason.charAt(0).toUpperCase()}${reason.slice(1)} Save the image and choose it as a file.`);
  }
  const blob = await res.blob();
  if (!isImageType(blob.type)) throw new ImageInputError(`${shorten(url)} isn't an image the playground can use.`);
  return blob;
}

export async function imageFromUrl(address: string, fit: FitOptions): Promise<LoadedImage> {
  const url = parseImageAddress(address, location.href);
  if (url.startsWith('data:')) {
    const image = await decodeImage(url);
    const isPng = /^data:image\/png[;,]/i.test(url);
    return normalizeImage(image, image.naturalWidth, image.naturalHeight, fit, isPng ? async () => url : undefined);
  }
  const target = new URL(url);
  if (!pageCanConnect(target.origin)) {
    const blob = await fetchThroughServer(url);
    const name = (target.pathname.split('/').pop() || 'image').slice(0, 100);
    return imageFromFile(new File([blob], name, { type: blob.type }), fit);
  }
  const { image, readable } = await decodeRemote(url);
  const width = image.naturalWidth;
  const height = image.naturalHeight;
  if (readable) return normalizeImage(image, width, height, fit);
  const fitted = fitSize(width, height, fit.maxSide, fit.multipleOf);
  const notes = [
    "The browser isn't allowed to read this image's pixels (its server doesn't send CORS headers), so it stays a URL: the provider fetches it itself. Masks still work over it.",
  ];
  if (fitted.changed) {
    notes.push(
      `It is ${width}×${height} and can't be resized here; this endpoint expects ${fitted.width}×${fitted.height} or less. Save it and choose it as a file to have it scaled.`,
    );
  }
  return { src: isRemoteImageUrl(url) ? url : address, width, height, readable: false, note: notes.join(' ') };
}

/** The image files in a paste or a drop, and any non-image files (to refuse with a message). */
export function splitFiles(files: Iterable<File>): { images: File[]; others: File[] } {
  const images: File[] = [];
  const others: File[] = [];
  for (const f of files) (isImageType(f.type) ? images : others).push(f);
  return { images, others };
}

/**
 * The pixels of a mask given as a data URL or URL, at its own size; undefined when the
 * browser may not read them (a CORS-tainted remote image).
 */
export async function readMaskPixels(src: string): Promise<ImageData | undefined> {
  const { image, readable } = isRemoteImageUrl(src) ? await decodeRemote(src) : { image: await decodeImage(src), readable: true };
  if (!readable) return undefined;
  const canvas = createCanvas(image.naturalWidth, image.naturalHeight);
  try {
    const ctx = context2d(canvas);
    ctx.drawImage(image, 0, 0);
    return ctx.getImageData(0, 0, canvas.width, canvas.height);
  } finally {
    releaseCanvasMemory(canvas);
  }
}
