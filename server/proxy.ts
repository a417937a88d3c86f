/**
 * The live proxy, mounted by the dev and preview servers at /proxy/<provider>/…
 * It exists because none of the three providers is known to answer CORS.
 *
 * It forwards to that provider's own hosts only (DreamRender has no public
 * host: any public https host the user configured), https only, follows no
 * redirect, refuses loopback, private and link-local targets and cross-site
 * callers, and never logs a header or a body (keys travel in both).
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const TARGET_HEADER = 'x-playground-target';
const MAX_BODY = 30 * 1024 * 1024;
const TIMEOUT_MS = 180_000;

/** Hosts each provider may be reached at; `undefined`: any public host the user names. */
export const PROVIDER_HOSTS: Record<string, string[] | undefined> = {
  modelslab: ['stablediffusionapi.com', 'modelslab.com'],
  segmind: ['api.segmind.com'],
  dreamrender: undefined,
};

const FORWARD_REQUEST_HEADERS = ['content-type', 'accept', 'x-api-key'];
const FORWARD_RESPONSE_HEADERS = /^(content-type|content-length|retry-after|x-[a-z0-9-]+)$/;

export class ProxyRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function hostAllowed(host: string, allowed: string[]): boolean {
  return allowed.some((h) => host === h || host.endsWith(`.${h}`));
}

/** True for addresses a proxy on a user's machine must never be pointed at. */
export function isPrivateAddress(address: string): boolean {
  const v = isIP(address);
  if (v === 4) {
    const [a = 0, b = 0] = address.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 198 && (b === 18 || b === 19)) ||
      a >= 224
    );
  }
  if (v === 6) {
    const x = address.toLowerCase();
    if (x === '::' || x === '::1') return true;
    const mapped = x.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
    if (mapped?.[1]) return isPrivateAddress(mapped[1]);
    return /^(fc|fd|fe[89ab]|ff)/.test(x);
  }
  return true;
}

/** Checks the target the browser asked for; returns the URL to forward to. */
export async function checkTarget(
  provider: string,
  target: string | undefined,
  rest: string,
  resolve: (host: string) => Promise<string[]> = async (h) => (await lookup(h, { all: true })).map((a) => a.address),
): Promise<URL> {
  if (!(provider in PROVIDER_HOSTS)) throw new ProxyRefusal(404, `Unknown provider "${provider}".`);
  if (!target) throw new ProxyRefusal(400, `Missing the ${TARGET_HEADER} header (the provider's base URL).`);
  let base: URL;
  try {
    base = new URL(target);
  } catch {
    throw new ProxyRefusal(400, 'The base URL is not a valid URL.');
  }
  if (base.protocol !== 'https:') throw new ProxyRefusal(400, 'The proxy forwards to https hosts only.');
  if (base.username || base.password) throw new ProxyRefusal(400, 'The base URL may not carry credentials.');
  const host = base.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const allowed = PROVIDER_HOSTS[provider];
  if (allowed && !hostAllowed(host, allowed)) {
    throw new ProxyRefusal(403, `The proxy forwards ${provider} requests to ${allowed.join(' or ')} only, not ${host}.`);
  }
  if (host === 'localhost' || host.endsWith('.localhost')) {
    throw new ProxyRefusal(403, 'The proxy does not forward to loopback, private or link-local hosts.');
  }
  const addresses = isIP(host) ? [host] : await resolve(host).catch(() => {
    throw new ProxyRefusal(502, `The host ${host} could not be resolved.`);
  });
  if (addresses.length === 0 || addresses.some(isPrivateAddress)) {
    throw new ProxyRefusal(403, 'The proxy does not forward to loopback, private or link-local hosts.');
  }
  const url = new URL(base.href.replace(/\/+$/, '') + rest);
  if (url.origin !== base.origin) throw new ProxyRefusal(400, 'The path leaves the base URL.');
  return url;
}

/** Refuses requests made by another site's page (the proxy acts with the user's network position). */
export function isCrossSite(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') return true;
  const origin = req.headers.origin;
  if (origin && origin !== 'null') {
    try {
      return new URL(origin).host !== req.headers.host;
    } catch {
      return true;
    }
  }
  return origin === 'null';
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new ProxyRefusal(413, 'The request body is larger than the proxy forwards (30 MB).');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function refuse(res: ServerResponse, status: number, message: string) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.setHeader('x-playground-proxy', 'refused');
  res.end(JSON.stringify({ error: `Local proxy: ${message}` }));
}

type Next = (err?: unknown) => void;

export function createProxyMiddleware(opts: { fetchImpl?: typeof fetch; resolve?: (host: string) => Promise<string[]> } = {}) {
  const doFetch = opts.fetchImpl ?? fetch;
  return async (req: IncomingMessage, res: ServerResponse, next: Next) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const m = url.pathname.match(/^\/proxy\/([a-z0-9_-]+)(\/.*)?$/);
    if (!m) return next();
    if (m[1] === '_ping') {
      res.setHeader('content-type', 'application/json');
      return res.end(JSON.stringify({ ok: true, providers: Object.keys(PROVIDER_HOSTS) }));
    }
    const provider = m[1] ?? '';
    try {
      if (isCrossSite(req)) throw new ProxyRefusal(403, 'cross-site requests are refused.');
      if (req.method !== 'POST' && req.method !== 'GET') throw new ProxyRefusal(405, 'only GET and POST are forwarded.');
      const rawTarget = req.headers[TARGET_HEADER];
      const target = await checkTarget(provider, Array.isArray(rawTarget) ? rawTarget[0] : rawTarget, (m[2] ?? '') + url.search, opts.resolve);
      const headers: Record<string, string> = {};
      for (const name of FORWARD_REQUEST_HEADERS) {
        const v = req.headers[name];
        if (typeof v === 'string') headers[name] = v;
      }
      const body = req.method === 'POST' ? await readBody(req) : undefined;
      const upstream = await doFetch(target, {
        method: req.method,
        headers,
        body: body ? new Uint8Array(body) : undefined,
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (upstream.status >= 300 && upstream.status < 400) {
        throw new ProxyRefusal(502, `the provider answered with a redirect (${upstream.status}), which the proxy does not follow.`);
      }
      res.statusCode = upstream.status;
      upstream.headers.forEach((value, name) => {
        if (FORWARD_RESPONSE_HEADERS.test(name) && name !== 'content-length') res.setHeader(name, value);
      });
      res.end(Buffer.from(await upstream.arrayBuffer()));
      console.log(`[proxy] ${req.method} ${provider} → ${upstream.status}`);
    } catch (e) {
      if (e instanceof ProxyRefusal) return refuse(res, e.status, e.message);
      const message = e instanceof Error && e.name === 'TimeoutError' ? 'the provider did not answer in time.' : 'the provider could not be reached.';
      refuse(res, 502, message);
    }
  };
}
