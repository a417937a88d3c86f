/**
 * How a job ends: its images kept (downloaded as Blobs, stitched back for a crop, or only their
 * links), or its error; a cancel that lands first always wins.
 */
import { downloadImage } from '../api/download-result-image';
import { NetworkError } from '../api/http';
import type { ProviderError, ProviderResult } from '../providers/types';
import type { Limits } from './job-exchange';
import type { JobRecord } from './job-record';
import { clearLive, getLive, setLive } from './live-state';
import { RAW_NOTE_START, STITCHED_NOTE_START, UNPADDED_NOTE_START } from './stitch-role';
import { getJob, saveImage, saveImageLink, updateJob } from './store';
import { JobClosedError } from './store-images';

/** Cancelling a queued job only stops watching it: the provider still holds it, and Resume fetches it. */
export const STOPPED_WATCHING = 'stopped_watching' as const;

/** Keeps every image as a Blob (or its link, when the browser may not read it) and closes the job. */
export async function finish(jobId: string, result: Extract<ProviderResult, { kind: 'images' }>, latencyMs: number, signal: AbortSignal | undefined, limits: Limits) {
  const job = await getJob(jobId);
  const seed = result.seed ?? job?.seed;
  // Never more than the documented maximum: the rest is neither downloaded nor kept.
  const images = result.images.slice(0, limits.maxOutputs);
  const dropped = result.images.length - images.length;
  const plan = job?.inpaint;
  // An image carries a seed of its own only when it is its seed: one image, or one reported per image.
  const imageSeed = (i: number) => result.seeds?.[i] ?? (result.images.length === 1 ? seed : undefined);
  for (const [index, image] of images.entries()) {
    if (getLive(jobId).cancelled || signal?.aborted) break;
    let got: Awaited<ReturnType<typeof downloadImage>>;
    try {
      got = await downloadImage(image, signal, { timeoutMs: limits.timeoutMs });
      performance.mark('job: downloaded');
    } catch (e) {
      // An abort is an abort (a cancel), not a download the browser refused: nothing is attached.
      if (e instanceof NetworkError && e.cancelled) break;
      throw e;
    }
    try {
      // whileOpen: a job that was cancelled (or finished) meanwhile takes no more images.
      const kept =
        dropped > 0 && index === images.length - 1
          ? `The provider sent ${result.images.length} images; at most ${limits.maxOutputs} are documented, so only the first ${limits.maxOutputs} were kept.`
          : undefined;
      const note = [index === 0 ? result.notice : undefined, kept].filter(Boolean).join(' ') || undefined;
      setLive(jobId, { step: got.ok && plan ? 'stitching' : 'storing' });
      if (got.ok && plan) await saveStitched(jobId, plan, got, imageSeed(index));
      else if (got.ok) await saveImage(jobId, { blob: got.blob, mime: got.mime, sourceUrl: got.sourceUrl, seed: imageSeed(index), note, whileOpen: true });
      else await saveImageLink(jobId, { url: got.sourceUrl, note: got.note, whileOpen: true });
    } catch (e) {
      if (e instanceof JobClosedError) break;
      throw e;
    }
  }
  // A cancel that came while the answer was on its way wins: the job stays cancelled.
  // An interrupted one (extra.cancel) keeps what the server made, as cancelled.
  const interrupted = getLive(jobId).interrupted;
  const done = await updateJob(jobId, (j) =>
    j.status === 'cancelled'
      ? j
      : {
          ...j,
          status: interrupted ? 'cancelled' : 'done',
          ...(interrupted ? { error: { kind: 'cancelled' as const, message: 'Interrupted: the server answered with what it had made so far.' } } : {}),
          seed,
          meta: result.meta ?? j.meta,
          credits: result.credits ?? j.credits,
          cost: result.cost ?? j.cost,
          providerJobId: result.providerId ?? j.providerJobId,
          ...(interrupted ? {} : { error: undefined }),
          timings: {
            ...j.timings,
            finishedAt: Date.now(),
            latencyMs: j.timings.latencyMs ?? latencyMs,
            generationTime: result.generationTime ?? j.timings.generationTime,
          },
        },
  );
  clearLive(jobId);
  return done;
}

/**
 * Crop and stitch: the full-size stitched picture first, then the provider's own output. An
 * img2img answer sent padded (no mask) keeps the part that shows the picture, then the raw output.
 */
async function saveStitched(jobId: string, plan: NonNullable<JobRecord['inpaint']>, got: { blob: Blob; mime: string; sourceUrl?: string }, seed?: number) {
  const { stitchResult, uncropResult } = await import('./inpaint-job');
  let made: { image: Blob; width: number; height: number; thumb?: Blob } | undefined;
  let problem = '';
  const { mask } = plan;
  const { crop } = plan.region;
  const stitchedNote = (width: number, height: number) =>
    `${STITCHED_NOTE_START}${width}×${height} original (${plan.area === 'masked' ? 'only masked' : 'whole picture'}: crop ${crop.width}×${crop.height} at ${crop.x}, ${crop.y}).`;
  // The card shows the stitched result at display size as soon as it is made; the full-size PNG follows.
  let previewUrl: string | undefined;
  const onPreview = (p: { image: Blob; width: number; height: number }) => {
    if (getLive(jobId).cancelled) return;
    performance.mark('job: preview arrived');
    previewUrl = URL.createObjectURL(p.image);
    const caption = `${stitchedNote(p.width, p.height)} Preview: the full-size PNG is being stored.`;
    setLive(jobId, { step: 'storing', preview: { url: previewUrl, width: p.width, height: p.height, caption }, notice: `Storing the full-size ${p.width}×${p.height} PNG…` });
  };
  try {
    try {
      made = mask ? await stitchResult({ ...plan, mask }, got.blob, onPreview) : await uncropResult(plan, got.blob);
    } catch (e) {
      problem = mask
        ? ` It could not be stitched into the original: ${e instanceof Error ? e.message : String(e)}`
        : ` Its padding could not be cut off: ${e instanceof Error ? e.message : String(e)}`;
    }
    performance.mark('job: stitched');
    setLive(jobId, { step: 'storing' });
    if (made) {
      const note = mask
        ? stitchedNote(made.width, made.height)
        : `${UNPADDED_NOTE_START}${made.width}×${made.height}, the picture's aspect (the provider's output without the padding it was sent with).`;
      // The stitch made the thumbnail from its own canvas: the full-size PNG is not decoded again.
      await saveImage(jobId, { blob: made.image, mime: 'image/png', seed, width: made.width, height: made.height, thumb: made.thumb, note, whileOpen: true });
    }
    await saveImage(jobId, { blob: got.blob, mime: got.mime, sourceUrl: got.sourceUrl, seed, note: `${RAW_NOTE_START}${problem}`, whileOpen: true });
  } finally {
    if (previewUrl) {
      // The stored image has taken its place on the card (or the job closed without it).
      setLive(jobId, { preview: undefined, notice: undefined });
      URL.revokeObjectURL(previewUrl);
    }
  }
}

export async function fail(jobId: string, error: ProviderError) {
  // Once cancelled, a late answer or error changes nothing.
  const job = await updateJob(jobId, (j) =>
    j.status === 'cancelled'
      ? j
      : { ...j, status: error.kind === 'cancelled' || error.kind === STOPPED_WATCHING || getLive(jobId).interrupted ? 'cancelled' : 'failed', error, timings: { ...j.timings, finishedAt: Date.now() } },
  );
  clearLive(jobId);
  return job;
}

