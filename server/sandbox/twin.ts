/**
 * The sandbox's shared parts (settings and failures, generated files, the outbound policy) and
 * the shape of one provider's twin. A twin keeps its own state (a queue, credits, a running job):
 * `TwinDef.state` makes it once per sandbox instance, and the twin alone reads it.
 */
import type { AddressPolicy } from '../net/pinned';
import { Control } from './control';
import type { Settings } from './control';
import { FileStore } from './files';
import type { Reply, TwinRequest } from './http';
import { Outbound } from './outbound';

export interface Twin {
  control: Control;
  files: FileStore;
  /** Image URLs and webhooks go through it: public addresses only by default, each outcome logged. */
  outbound: Outbound;
}

/** One provider's twin: served under /sandbox/<id>/; `id` is also what failNext's `provider` names. */
export interface TwinDef<S = undefined> {
  id: string;
  /** For the index at GET /sandbox/: `METHOD /sandbox/<id>/<path>`. */
  endpoints: readonly string[];
  /** Its own state, made once per sandbox instance (a twin without state leaves it out). */
  state?: (twin: Twin) => S;
  handle: (twin: Twin, req: TwinRequest, state: S) => Reply | Promise<Reply>;
  /** Clears its state when POST /sandbox/_control/reset runs. */
  reset?: (state: S, twin: Twin) => void;
  /** Hears an accepted POST /sandbox/_control body (Segmind restarts its credits when they are set). */
  onControl?: (state: S, input: Record<string, unknown>) => void;
}

/** A twin whose state type is its own business: the list of twins holds these. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTwinDef = TwinDef<any>;

/** Types a twin against its own state. */
export function defineTwin<S = undefined>(def: TwinDef<S>): AnyTwinDef {
  return def;
}

/** `providers`: the ids failNext may name (from the list of twins). */
export function createTwin(providers: readonly string[], outbound: AddressPolicy = {}): Twin {
  return { control: new Control(providers), files: new FileStore(), outbound: new Outbound(outbound) };
}

/** Default settings, no pending failures, no outbound log. Generated files stay available; each twin clears its own state. */
export function resetTwin(twin: Twin): Settings {
  twin.outbound.clear();
  return twin.control.reset();
}
