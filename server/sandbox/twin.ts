/** One twin instance: everything the twins keep between requests. */
import type { AddressPolicy } from '../net/pinned';
import { Control } from './control';
import type { Settings } from './control';
import { FileStore } from './files';
import { JobStore } from './modelslab-jobs';

export interface Twin {
  control: Control;
  files: FileStore;
  /** ModelsLab jobs (queue, fetch, webhooks). */
  jobs: JobStore;
  /** Segmind credit balance per API key (a key starts with settings.segmindCredits). */
  credits: Map<string, number>;
  /** Segmind requests per key in the current minute (for x-rate-limit-remaining). */
  rate: Map<string, { start: number; count: number }>;
  /** Where image URLs and webhooks may connect: public addresses only by default. */
  outbound: AddressPolicy;
}

/** `providers`: the ids failNext may name (from the list of twins). */
export function createTwin(providers: readonly string[], outbound: AddressPolicy = {}): Twin {
  return {
    control: new Control(providers),
    files: new FileStore(),
    jobs: new JobStore(outbound),
    credits: new Map(),
    rate: new Map(),
    outbound,
  };
}

/** Default settings, no pending failures, no jobs, fresh credits. Generated files stay available. */
export function resetTwin(twin: Twin): Settings {
  twin.jobs.clear();
  twin.credits.clear();
  twin.rate.clear();
  return twin.control.reset();
}
