/** One twin instance: everything the three twins keep between requests. */
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
}

export function createTwin(): Twin {
  return { control: new Control(), files: new FileStore(), jobs: new JobStore(), credits: new Map(), rate: new Map() };
}

/** Default settings, no pending failures, no jobs, fresh credits. Generated files stay available. */
export function resetTwin(twin: Twin): Settings {
  twin.jobs.clear();
  twin.credits.clear();
  twin.rate.clear();
  return twin.control.reset();
}
