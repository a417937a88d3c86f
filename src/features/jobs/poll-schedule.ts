/**
 * When to ask a queued job again: first when the provider's ETA has passed,
 * then backing off, never faster than once a second nor slower than every 30 s.
 */
export const MIN_POLL_MS = 1_000;
export const MAX_POLL_MS = 30_000;
const BACKOFF = 1.5;

function clamp(ms: number) {
  return Math.min(Math.max(ms, MIN_POLL_MS), MAX_POLL_MS);
}

/** Delay before poll number `polls + 1`, given the ETA in seconds. */
export function pollDelayMs(etaSeconds: number | undefined, polls: number): number {
  const first = clamp((etaSeconds ?? 5) * 1000);
  return clamp(first * BACKOFF ** Math.max(0, polls - 1));
}

/** Whether the first poll is due: the ETA since the job was queued has passed. */
export function firstPollDue(queuedAt: number | undefined, etaSeconds: number | undefined, now: number): boolean {
  if (queuedAt === undefined) return true;
  return now >= queuedAt + clamp((etaSeconds ?? 5) * 1000);
}

/** Backoff after a failed poll (network error): 1, 2, 4 … 30 s. */
export function pollRetryDelayMs(failures: number): number {
  return clamp(1000 * 2 ** failures);
}
