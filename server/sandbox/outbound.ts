/**
 * The twin's outbound requests (an image URL, a webhook): made through the address policy, and
 * logged with what became of each, with the count of webhooks still to go:
 * `GET /sandbox/_control/outbound`. Tests wait for this state ("three webhooks
 * decided, none pending") instead of sleeping and hoping nothing arrives later. Only the host is
 * kept, never the path or the query (a webhook URL may carry a token).
 */
import { fetchPublic } from '../net/fetch-public';
import type { PublicAnswer, PublicRequest } from '../net/fetch-public';
import { TargetRefused } from '../net/pinned';
import type { AddressPolicy } from '../net/pinned';

export type OutboundKind = 'image' | 'webhook';

/** `refused`: no connection was made (a private address); `failed`: no answer (timeout, reset, too large). */
export type OutboundOutcome = 'answered' | 'refused' | 'failed';

export interface OutboundDecision {
  kind: OutboundKind;
  host: string;
  outcome: OutboundOutcome;
  /** The HTTP status, when answered. */
  status?: number;
}

export interface OutboundState {
  /** Webhooks scheduled (their job not ready yet) or in flight. */
  pendingWebhooks: number;
  /** The latest decisions, oldest first (at most MAX_DECISIONS). */
  decisions: OutboundDecision[];
}

export const MAX_DECISIONS = 100;

export class Outbound {
  private decisions: OutboundDecision[] = [];
  private pending = 0;

  /** `policy`: where requests may connect (public addresses only unless a test says otherwise). */
  constructor(readonly policy: AddressPolicy = {}) {}

  /** One request through the outbound policy, its outcome recorded when it settles. */
  async fetch(kind: OutboundKind, url: URL, request: PublicRequest): Promise<PublicAnswer> {
    try {
      const answer = await fetchPublic(url, request, this.policy);
      this.record({ kind, host: url.host, outcome: 'answered', status: answer.status });
      return answer;
    } catch (err) {
      this.record({ kind, host: url.host, outcome: err instanceof TargetRefused ? 'refused' : 'failed' });
      throw err;
    }
  }

  /** A webhook is scheduled; `webhookSettled` once it was posted (or refused) or cancelled. */
  webhookScheduled(): void {
    this.pending += 1;
  }

  webhookSettled(): void {
    this.pending = Math.max(0, this.pending - 1);
  }

  /** Forgets the decisions (control reset); webhooks still in flight stay counted until they settle. */
  clear(): void {
    this.decisions = [];
  }

  get state(): OutboundState {
    return { pendingWebhooks: this.pending, decisions: this.decisions.map((d) => ({ ...d })) };
  }

  private record(decision: OutboundDecision): void {
    this.decisions.push(decision);
    if (this.decisions.length > MAX_DECISIONS) this.decisions.shift();
  }
}
