/**
 * Display-size previews of local pictures, made in the image Worker, by the source the stage is
 * given (a blob: URL): the stage draws these, never the full-size picture, so a 50 MP photo is
 * neither decoded nor drawn on the main thread. A few are kept (the ones in use are also held by
 * the stage, so evicting one here frees nothing the stage still draws).
 */
import { canRunBlobOps, runBlobOp } from '../../lib/inpaint/blob-client';

export interface Preview {
  bitmap: ImageBitmap;
  /** The picture's own size (the preview is smaller). */
  width: number;
  height: number;
}

const KEEP = 4;
const previews = new Map<string, Preview>();

/** The longest side of a preview: sharp on a large screen at 2× zoom of a fitted picture. */
export const PREVIEW_SIDE = 2560;

export function rememberPreview(src: string, preview: Preview) {
  previews.delete(src);
  previews.set(src, preview);
  if (previews.size > KEEP) previews.delete(previews.keys().next().value!);
}

export function cachedPreview(src: string): Preview | undefined {
  return previews.get(src);
}

/** Whether a source is a local picture the Worker can preview (an object URL). */
export function canPreview(src: string): boolean {
  return canRunBlobOps && src.startsWith('blob:');
}

/**
 * The preview of a local picture, from the cache or made now; `scaled` is set when the picture
 * is larger than `maxSide` and was scaled down (to be kept instead).
 */
export async function previewOf(src: string, maxSide: number): Promise<Preview & { scaled?: Blob; original?: { width: number; height: number } }> {
  const known = previews.get(src);
  if (known) return known;
  const blob = await (await fetch(src)).blob();
  const out = await runBlobOp({ op: 'probe', image: blob, previewSide: PREVIEW_SIDE, maxSide });
  const preview = { bitmap: out.preview, width: out.width, height: out.height };
  if (!out.scaled) rememberPreview(src, preview);
  return { ...preview, scaled: out.scaled, original: out.original };
}
