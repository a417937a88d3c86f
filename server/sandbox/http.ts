/** Plain HTTP plumbing shared by the twins: replies as data, CORS, body reading, origins. */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** What a handler answers; the router adds CORS (for allowed origins) and the configured latency, then writes it. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
}

/** One request as the twins see it: the body is already read. */
export interface TwinRequest {
  method: string;
  /** Path without the query string, e.g. /sandbox/segmind/v1/sd1.5-img2img. */
  path: string;
  /** The query string without its `?` ('' when none). */
  query?: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** `http://host:port` of this request (x-forwarded-proto and Host), for absolute URLs. */
  origin: string;
}

/** Every x-* header a twin sends, plus retry-after: a browser may only read the listed ones. */
export const EXPOSED_HEADERS = [
  'x-remaining-credits',
  'x-generation-time',
  'x-seed-value',
  'x-cost',
  'x-request-id',
  'x-rate-limit-remaining',
  'retry-after',
];

/** CORS for a page origin the twins serve (their own, or one from SANDBOX_CORS_ORIGINS). */
export function corsHeaders(origin: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST, PUT, OPTIONS',
    'access-control-allow-headers': 'content-type, x-api-key, authorization',
    'access-control-expose-headers': EXPOSED_HEADERS.join(', '),
  };
}

/** Largest request body the twins read (base64 init images and masks are big). */
export const MAX_BODY_BYTES = 60 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > limit) throw new BodyTooLargeError(`request body larger than ${limit} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export function requestOrigin(headers: IncomingHttpHeaders): string {
  const forwarded = headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim() || 'http';
  return `${proto}://${headers.host ?? '127.0.0.1'}`;
}

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The media type of a request, lower-cased, without parameters. */
export function mediaType(headers: IncomingHttpHeaders): string {
  return (header(headers, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

/** Writes a reply; `extra` (CORS, vary) comes first so a reply's own headers win. */
export function writeReply(res: ServerResponse, reply: Reply, headOnly = false, extra: Record<string, string> = {}): void {
  const body = reply.body ?? '';
  const length = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  res.writeHead(reply.status, { ...extra, ...reply.headers, 'content-length': String(length) });
  if (headOnly || reply.status === 204) res.end();
  else res.end(body);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Seconds with two decimals, as the services report times. */
export function seconds(ms: number): number {
  return Math.round(ms / 10) / 100;
}
