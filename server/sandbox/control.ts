/** Behaviour control shared by all twins: latency, ModelsLab queueing, injected failures. */

/** A twin's id, as listed in `twins` (server/sandbox/index.ts). */
export type ProviderName = string;
export type QueueMode = 'never' | 'always' | 'auto';

export interface FailRule {
  provider: ProviderName | '*';
  status: number;
  /** How many more generation requests this rule fails. */
  count: number;
  retryAfter?: number;
}

export interface Settings {
  latencyMs: number;
  queue: QueueMode;
  queueMs: number;
  /** Credits every Segmind key starts with. */
  segmindCredits: number;
  /** Pending failure rules, applied first to last. */
  failNext: FailRule[];
}

/** One failure to produce now. */
export interface Failure {
  status: number;
  retryAfter?: number;
}

export function defaultSettings(): Settings {
  return { latencyMs: 0, queue: 'never', queueMs: 3000, segmindCredits: 1000, failNext: [] };
}

export class ControlError extends Error {}

/** Pending failNext rules kept at most, and the largest count of one rule. */
export const MAX_FAIL_RULES = 50;
export const MAX_FAIL_COUNT = 1000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function integer(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ControlError(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function parseRule(value: unknown, providers: readonly string[]): FailRule {
  if (!isRecord(value)) throw new ControlError('failNext must be an object, a list of objects, or null');
  for (const key of Object.keys(value)) {
    if (!['provider', 'status', 'count', 'retryAfter'].includes(key)) throw new ControlError(`failNext: unknown field ${key}`);
  }
  const provider = value.provider ?? '*';
  if (provider !== '*' && (typeof provider !== 'string' || !providers.includes(provider))) {
    throw new ControlError(`failNext.provider must be one of ${providers.join(', ')} or *`);
  }
  const status = integer('failNext.status', value.status, 200, 599);
  if (status > 200 && status < 400) throw new ControlError('failNext.status must be 200 (a failure reported with HTTP 200) or 400..599');
  const rule: FailRule = {
    provider: provider as FailRule['provider'],
    status,
    count: value.count === undefined ? 1 : integer('failNext.count', value.count, 1, MAX_FAIL_COUNT),
  };
  if (value.retryAfter !== undefined) rule.retryAfter = integer('failNext.retryAfter', value.retryAfter, 0, 86400);
  return rule;
}

export class Control {
  private current = defaultSettings();

  constructor(private readonly providers: readonly string[]) {}

  get settings(): Settings {
    return { ...this.current, failNext: this.current.failNext.map((rule) => ({ ...rule })) };
  }

  /**
   * Merges a JSON object of settings. `failNext` adds one rule (an object) or several (a list)
   * after the pending ones; `failNext: null` or `[]` clears them. Throws ControlError on bad input
   * and changes nothing then.
   */
  merge(input: unknown): Settings {
    if (!isRecord(input)) throw new ControlError('settings must be a JSON object');
    const next = this.settings;
    for (const [key, value] of Object.entries(input)) {
      if (key === 'latencyMs') next.latencyMs = integer(key, value, 0, 60000);
      else if (key === 'queueMs') next.queueMs = integer(key, value, 0, 600000);
      else if (key === 'segmindCredits') next.segmindCredits = integer(key, value, 0, 1e9);
      else if (key === 'queue') {
        if (value !== 'never' && value !== 'always' && value !== 'auto') throw new ControlError('queue must be "never", "always" or "auto"');
        next.queue = value;
      } else if (key === 'failNext') {
        if (value === null || (Array.isArray(value) && value.length === 0)) next.failNext = [];
        else {
          const added: unknown[] = Array.isArray(value) ? value : [value];
          if (next.failNext.length + added.length > MAX_FAIL_RULES) {
            throw new ControlError(`failNext holds at most ${MAX_FAIL_RULES} pending rules (clear them with "failNext": null)`);
          }
          next.failNext.push(...added.map((rule) => parseRule(rule, this.providers)));
        }
      } else throw new ControlError(`unknown setting ${key}`);
    }
    this.current = next;
    return this.settings;
  }

  reset(): Settings {
    this.current = defaultSettings();
    return this.settings;
  }

  /** Consumes one pending failure for a generation request to `provider`, if any. */
  takeFailure(provider: ProviderName): Failure | null {
    const rules = this.current.failNext;
    const index = rules.findIndex((rule) => rule.provider === provider || rule.provider === '*');
    const rule = rules[index];
    if (!rule) return null;
    rule.count -= 1;
    if (rule.count <= 0) rules.splice(index, 1);
    return rule.retryAfter === undefined ? { status: rule.status } : { status: rule.status, retryAfter: rule.retryAfter };
  }

  /** Whether a ModelsLab job of this size is answered with `processing`. */
  shouldQueue(samples: number, width: number, height: number): boolean {
    const { queue } = this.current;
    return queue === 'always' || (queue === 'auto' && (samples > 1 || width * height > 512 * 512));
  }
}
