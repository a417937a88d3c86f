/** Records for the gallery's tests and benchmark. */
import type { JobRecord } from './job-record';

let counter = 0;

export function makeJob(overrides: Partial<JobRecord> = {}): JobRecord {
  counter++;
  const createdAt = overrides.createdAt ?? 1_700_000_000_000 + counter * 1000;
  return {
    version: 2,
    id: `job-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    createdAt,
    updatedAt: createdAt,
    mode: 'sandbox',
    provider: 'modelslab',
    endpointId: 'modelslab/text2img',
    params: { prompt: 'a lighthouse at dusk', width: 512, height: 512, seed: 1234 },
    seed: 1234,
    status: 'done',
    timings: { submittedAt: createdAt, latencyMs: 850, generationTime: 1.7 },
    images: [],
    starred: false,
    ...overrides,
  };
}

/** A data URL of `bytes` bytes (a fake PNG body; nothing decodes it). */
export function bigDataUrl(bytes: number, mime = 'image/png'): string {
  const raw = new Uint8Array(bytes).map((_, i) => (i * 7) % 256);
  let bin = '';
  for (const b of raw) bin += String.fromCharCode(b);
  return `data:${mime};base64,${btoa(bin)}`;
}
