/** ModelsLab jobs: ids, the queue (ready after queueMs), fetch answers and webhooks. */
import type { Outbound } from './outbound';

export interface ModelsLabJob {
  id: number;
  readyAt: number;
  output: string[];
  meta: Record<string, unknown>;
  /** Seconds, including the time spent queued. */
  generationTime: number;
  /** Set when the job fails (an injected failNext status 200). */
  failure?: string;
  trackId: string | number | null;
  webhook?: string;
}

export const PROCESSING_MESSAGE = 'Try to fetch request after seconds estimated';
export const WEBHOOK_TIMEOUT_MS = 5000;
const MAX_JOBS = 2000;
const FIRST_ID = 10_000_001;

export class JobStore {
  private readonly jobs = new Map<number, ModelsLabJob>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private lastId = FIRST_ID - 1;

  /** `outbound`: where webhooks may go (public addresses only unless a test says otherwise); it counts them. */
  constructor(private readonly outbound: Outbound) {}

  newId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  /** Keeps the job for fetches and posts its webhook once it is ready. */
  add(job: ModelsLabJob, now = Date.now()): void {
    this.jobs.set(job.id, job);
    for (const [oldest] of this.jobs) {
      if (this.jobs.size <= MAX_JOBS) break;
      this.jobs.delete(oldest);
    }
    const webhook = job.webhook;
    if (!webhook) return;
    this.outbound.webhookScheduled();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      postWebhook(webhook, webhookPayload(job), this.outbound);
    }, Math.max(0, job.readyAt - now));
    timer.unref?.();
    this.timers.add(timer);
  }

  get(id: number): ModelsLabJob | undefined {
    return this.jobs.get(id);
  }

  /** Forgets every job and cancels pending webhooks (control reset). */
  clear(): void {
    for (const timer of this.timers) {
      clearTimeout(timer);
      this.outbound.webhookSettled();
    }
    this.timers.clear();
    this.jobs.clear();
  }
}

/** The answer of the three fetch forms for a known job. */
export function fetchAnswer(job: ModelsLabJob, now = Date.now()): Record<string, unknown> {
  if (now < job.readyAt) {
    return {
      status: 'processing',
      id: job.id,
      messege: PROCESSING_MESSAGE,
      eta: Math.round((job.readyAt - now) / 100) / 10,
      output: [],
    };
  }
  if (job.failure !== undefined) return { status: 'failed', id: job.id, message: job.failure, output: [] };
  return { status: 'success', id: job.id, output: job.output, generationTime: job.generationTime, meta: job.meta };
}

export function webhookPayload(job: ModelsLabJob): Record<string, unknown> {
  if (job.failure !== undefined) return { status: 'failed', id: job.id, message: job.failure, track_id: job.trackId };
  return {
    status: 'success',
    id: job.id,
    output: job.output,
    generationTime: job.generationTime,
    track_id: job.trackId,
    meta: job.meta,
  };
}

/**
 * Fire and forget: a short timeout, no redirect, public addresses only, errors swallowed (a dead
 * or refused receiver never hurts the twin, and nothing about it is reported back).
 */
function postWebhook(url: string, payload: unknown, outbound: Outbound): void {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    outbound.webhookSettled();
    return;
  }
  outbound
    .fetch('webhook', target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload), timeoutMs: WEBHOOK_TIMEOUT_MS, maxBytes: 64 * 1024 })
    .catch(() => undefined)
    .finally(() => outbound.webhookSettled());
}
