/** Bench and screenshot data: job records with small generated images, written straight into the gallery's database. */
import { openGalleryDb } from '../../src/job-store/db';
import type { StoredJob } from '../../src/job-store/db';
import { jobRecordSchema } from '../../src/job-store/job-record';
import type { JobRecord } from '../../src/job-store/job-record';

const ENDPOINTS = [
  ['modelslab', 'modelslab/text2img'],
  ['modelslab', 'modelslab/img2img'],
  ['segmind', 'segmind/sd1.5-dreamshaper'],
  ['dreamrender', 'dreamrender/generate_image'],
] as const;

/** `count` distinct little pictures (gradients with a number), WebP like real thumbnails. */
export async function makeImages(count: number, size = 256): Promise<Blob[]> {
  const blobs: Blob[] = [];
  for (let i = 0; i < count; i++) {
    const canvas = new OffscreenCanvas(size, size);
    const ctx = canvas.getContext('2d')!;
    const hue = (i * 47) % 360;
    const g = ctx.createLinearGradient(0, 0, size, size);
    g.addColorStop(0, `hsl(${hue} 70% 55%)`);
    g.addColorStop(1, `hsl(${(hue + 120) % 360} 60% 20%)`);
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, size, size);
    ctx.fillStyle = 'rgba(255,255,255,0.85)';
    ctx.beginPath();
    ctx.arc(size * (0.3 + ((i * 13) % 40) / 100), size * 0.45, size * 0.18, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#111';
    ctx.font = `bold ${Math.round(size / 6)}px sans-serif`;
    ctx.fillText(`#${i}`, size * 0.08, size * 0.9);
    blobs.push(await canvas.convertToBlob({ type: 'image/webp', quality: 0.8 }));
  }
  return blobs;
}

function makeRecord(i: number, now: number, mixed: boolean): JobRecord {
  const [provider, endpointId] = ENDPOINTS[i % ENDPOINTS.length]!;
  const seed = 1000 + ((i * 7919) % 900_000);
  const createdAt = now - i * 60_000;
  const base: JobRecord = {
    version: 2,
    starred: false,
    id: `bench-${i}`,
    createdAt,
    updatedAt: createdAt + 4000,
    mode: i % 3 === 0 ? 'live' : 'sandbox',
    provider,
    endpointId,
    params: {
      prompt: `a lighthouse on a cliff at dusk, study ${i}, volumetric light, detailed, 35mm`,
      negative_prompt: 'blurry, low quality',
      width: 512,
      height: 512,
      num_inference_steps: 30,
      guidance_scale: 7.5,
      seed,
    },
    seed,
    status: 'done',
    timings: { submittedAt: createdAt, finishedAt: createdAt + 3800, latencyMs: 900 + (i % 17) * 130, generationTime: 1.2 + (i % 9) / 10 },
    images: [{ id: `bench-${i}-0`, mime: 'image/webp', width: 512, height: 512, seed, stored: true }],
    meta: { model: 'sd-1.5', steps: 30, seed },
    request: {
      method: 'POST',
      url: `http://127.0.0.1/sandbox/${endpointId}`,
      headers: { 'content-type': 'application/json', 'x-api-key': '[redacted]' },
      body: { type: 'json', value: { prompt: `a lighthouse, study ${i}`, seed, key: '[redacted]' } },
    },
  };
  if (provider === 'segmind') base.credits = 100 - (i % 50);
  if (!mixed) return base;
  if (i % 37 === 5) return { ...base, status: 'failed', images: [], error: { kind: 'rate_limit', message: 'Too many requests. The provider asks to wait 20 seconds.', hint: 'Wait, then retry.', status: 429, retryAfter: 20 } };
  if (i % 53 === 2) return { ...base, status: 'queued', images: [], providerJobId: `q-${i}`, eta: 25, queuePosition: 3 };
  if (i % 71 === 3) return { ...base, status: 'sending', images: [] };
  if (i % 41 === 7) return { ...base, status: 'failed', images: [], error: { kind: 'auth', message: 'The key was refused by ModelsLab. Check it in Settings.', status: 401 } };
  if (i % 29 === 11) {
    return { ...base, images: [...base.images, { id: `bench-${i}-1`, mime: 'image/webp', width: 512, height: 512, seed: seed + 1, stored: true }] };
  }
  if (i % 61 === 9) {
    return {
      ...base,
      images: [{ id: `bench-${i}-0`, mime: 'image/png', seed, stored: false, sourceUrl: `https://cdn.example.test/generations/${i}.png`, note: 'The browser was not allowed to download this image (CORS), so only the link is kept.' }],
    };
  }
  return base;
}

/** Writes `count` records (and their images, as image and thumbnail) in batches; returns the number of images. */
export async function seedGallery(count: number, options: { mixed?: boolean; variants?: number } = {}): Promise<number> {
  const pictures = await makeImages(options.variants ?? 48);
  const db = await openGalleryDb();
  const now = Date.now();
  let images = 0;
  const BATCH = 500;
  for (let start = 0; start < count; start += BATCH) {
    const tx = db.transaction(['jobs', 'images', 'thumbs'], 'readwrite');
    const writes: Promise<unknown>[] = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const record = jobRecordSchema.parse(makeRecord(i, now, options.mixed ?? false));
      writes.push(tx.objectStore('jobs').put(record as StoredJob));
      record.images.forEach((image, k) => {
        if (!image.stored) return;
        const blob = pictures[(i + k) % pictures.length]!;
        writes.push(tx.objectStore('images').put(blob, image.id), tx.objectStore('thumbs').put(blob, image.id));
        images++;
      });
    }
    await Promise.all([...writes, tx.done]);
  }
  db.close();
  return images;
}
