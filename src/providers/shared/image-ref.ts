/**
 * A local image (an init image or mask the user chose or painted) is held as a
 * Blob outside the form (src/job-store/local-images.ts); the form, the draft and
 * the request preview carry only this reference to it. The reference describes
 * the image (type, size, bytes), so a preview can name it without reading it:
 * `local-image:<id>;image/png;1024x1024;1834567`. It becomes base64 only when a
 * request is built for sending. Pure.
 */

export const LOCAL_IMAGE_PREFIX = 'local-image:';

export type ImageRef = `local-image:${string}`;

export interface LocalImageInfo {
  id: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
}

export function makeImageRef(info: LocalImageInfo): string {
  return `${LOCAL_IMAGE_PREFIX}${info.id};${info.mime};${info.width}x${info.height};${info.bytes}`;
}

export function isImageRef(value: unknown): value is ImageRef {
  return typeof value === 'string' && value.startsWith(LOCAL_IMAGE_PREFIX);
}

export function parseImageRef(value: string): LocalImageInfo | undefined {
  if (!isImageRef(value)) return undefined;
  const [id, mime, size, bytes] = value.slice(LOCAL_IMAGE_PREFIX.length).split(';');
  const [w, h] = (size ?? '').split('x').map(Number);
  if (!id || !mime) return undefined;
  return { id, mime, width: w ?? 0, height: h ?? 0, bytes: Number(bytes) || 0 };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** `PNG 1024×1024, 1.8 MB` */
export function describeImageRef(value: string): string {
  const info = parseImageRef(value);
  if (!info) return 'local image';
  const type = (info.mime.split('/')[1] ?? info.mime).toUpperCase();
  // The size is 0×0 when it was not known when the image was kept.
  const size = info.width && info.height ? ` ${info.width}×${info.height}` : '';
  return `${type}${size}, ${formatBytes(info.bytes)}`;
}

/** `<PNG 1024×1024, 1.8 MB>`: what a preview shows instead of the image's base64. */
export function imagePlaceholder(value: string): string {
  return `<${describeImageRef(value)}>`;
}
