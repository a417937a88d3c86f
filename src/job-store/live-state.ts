/**
 * What only this tab knows about its running jobs: the abort controller of a
 * request in flight and a notice such as "rate limited, waiting 2 s". Not
 * persisted: after a reload none of it is true any more.
 */
import { useSyncExternalStore } from 'react';

export interface LiveJobState {
  controller?: AbortController;
  notice?: string;
  /** Epoch ms until which the job waits (rate limit), for a countdown. */
  waitUntil?: number;
  /** Poll attempts made so far. */
  polls?: number;
  /** The init image is being prepared (scaled, cropped, encoded): nothing has been sent yet. */
  preparing?: boolean;
  /** An image is being uploaded to the provider's storage: the request itself has not left. */
  uploading?: boolean;
  /**
   * What a job in flight is doing, for its status line: the request is out and the provider is
   * working (`waiting`), the answer is being downloaded, stitched into the original, or stored.
   */
  step?: 'waiting' | 'receiving' | 'stitching' | 'storing';
  /** Whether the user cancelled it. */
  cancelled?: boolean;
  /** Asks the provider's server to stop (`extra.cancel`): the request then answers with what was made. */
  interrupt?: () => Promise<void>;
  /** Cancel sent the interrupt: the answer still comes, and keeps what was made. */
  interrupted?: boolean;
  /**
   * The stitched result at display size (an object URL), shown while its full-size PNG is encoded
   * and stored; `caption` says what it is and that the full size is on its way.
   */
  preview?: { url: string; width: number; height: number; caption: string };
}

const states = new Map<string, LiveJobState>();
const listeners = new Set<() => void>();
let version = 0;

function emit() {
  version++;
  for (const l of listeners) l();
}

export function getLive(id: string): LiveJobState {
  return states.get(id) ?? {};
}

export function setLive(id: string, patch: Partial<LiveJobState>) {
  states.set(id, { ...states.get(id), ...patch });
  emit();
}

export function clearLive(id: string) {
  if (states.delete(id)) emit();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useLive(id: string | undefined): LiveJobState {
  useSyncExternalStore(subscribe, () => version);
  return id ? getLive(id) : {};
}
