/**
 * The single fetch wrapper: the only place the app performs HTTP. It takes the
 * plain request a provider adapter planned and returns the plain response.
 */
import type { HttpRequest, HttpResponse } from '../providers/types';

export class NetworkError extends Error {
  readonly cancelled: boolean;
  constructor(message: string, cancelled = false) {
    super(message);
    this.name = 'NetworkError';
    this.cancelled = cancelled;
  }
}

function toFetchBody(req: HttpRequest): BodyInit | undefined {
  switch (req.body.type) {
    case 'json':
      return JSON.stringify(req.body.value);
    case 'multipart': {
      const form = new FormData();
      for (const [name, value] of req.body.fields) form.append(name, value);
      return form;
    }
    case 'none':
      return undefined;
  }
}

export function headersToRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}

/** Sends `req` to `url` (which may differ from req.url when routed through the proxy). */
export async function send(
  req: HttpRequest,
  opts: { url?: string; extraHeaders?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<HttpResponse> {
  let res: Response;
  try {
    res = await fetch(opts.url ?? req.url, {
      method: req.method,
      headers: { ...req.headers, ...opts.extraHeaders },
      body: toFetchBody(req),
      signal: opts.signal,
      redirect: 'error',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  } catch (e) {
    if (opts.signal?.aborted) throw new NetworkError('Cancelled.', true);
    const detail = e instanceof Error ? e.message : String(e);
    throw new NetworkError(
      `The request could not reach the provider (${detail}). The host may be down, unreachable, or refusing cross-origin requests.`,
    );
  }
  let body: Uint8Array;
  try {
    body = new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    if (opts.signal?.aborted) throw new NetworkError('Cancelled.', true);
    throw new NetworkError(`The answer was cut off (${e instanceof Error ? e.message : String(e)}).`);
  }
  return { status: res.status, headers: headersToRecord(res.headers), body };
}
