/**
 * The sandbox twins as a connect-style middleware: /sandbox/<twin id>/<real path>, generated
 * files under /sandbox/files/, and the shared control API under /sandbox/_control.
 *
 * A new twin is one file exporting its `TwinDef` (`defineTwin`), plus one entry in `twins` below.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { classifyCaller, parseOrigins } from '../callers';
import { closeAfterAnswer } from '../http-guard';
import type { AddressPolicy } from '../net/pinned';
import { a1111Twin } from './a1111';
import { ControlError } from './control';
import { dreamrenderTwin } from './dreamrender';
import { BodyTooLargeError, corsHeaders, header, json, MAX_BODY_BYTES, readBody, requestOrigin, writeReply } from './http';
import type { Reply, TwinRequest } from './http';
import { falQueueTwin, falSchemaTwin } from './fal';
import { falCdnTwin, falRestTwin } from './fal-storage';
import { modelslabTwin } from './modelslab';
import { replicateTwin } from './replicate';
import { segmindTwin } from './segmind';
import { createTwin, resetTwin } from './twin';
import type { AnyTwinDef, Twin } from './twin';

export type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/** The twins, each one `TwinDef` in its own file (`defineTwin`): a new twin is its file plus one line here. */
export const twins: readonly AnyTwinDef[] = [dreamrenderTwin, modelslabTwin, segmindTwin, a1111Twin, replicateTwin, falQueueTwin, falSchemaTwin, falRestTwin, falCdnTwin];

const SHARED_ENDPOINTS = ['GET /sandbox/files/{name}', 'GET|POST /sandbox/_control', 'POST /sandbox/_control/reset', 'GET /sandbox/_control/outbound'];

export interface SandboxOptions {
  /** Page origins besides the request's own that may call the twins (default: SANDBOX_CORS_ORIGINS). */
  corsOrigins?: readonly string[];
  /** Host header check (the standalone twin answers to loopback names only); default: any. */
  allowHost?: (host: string | undefined) => boolean;
  /** Where image URLs and webhooks may connect (default: public addresses only). */
  outbound?: AddressPolicy;
  /** The twins to serve (default: `twins`); tests add a throwaway one. */
  twins?: readonly AnyTwinDef[];
}

/** A new, independent twin instance (its own settings, queue, files) as a middleware. */
export function createSandboxMiddleware(options: SandboxOptions = {}): Middleware {
  const served = options.twins ?? twins;
  const twin = createTwin(
    served.map((t) => t.id),
    options.outbound,
  );
  const states = new Map<string, unknown>(served.map((t) => [t.id, t.state?.(twin)]));
  const allowed = options.corsOrigins ?? parseOrigins(process.env.SANDBOX_CORS_ORIGINS);
  return (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (!path.startsWith('/sandbox/')) {
      next();
      return;
    }
    serve({ twin, twins: served, states, allowedOrigins: allowed, allowHost: options.allowHost }, req, res, path).catch((err: unknown) => {
      if (res.headersSent) res.destroy();
      else writeReply(res, json(500, { error: `Sandbox internal error: ${(err as Error).message}` }));
    });
  };
}

/** Refused answers carry no CORS header, so the calling page cannot read even the refusal. */
function refuse(res: ServerResponse, status: number, message: string): void {
  writeReply(res, json(status, { error: message }, { connection: 'close' }));
  closeAfterAnswer(res);
}

interface Context {
  twin: Twin;
  twins: readonly AnyTwinDef[];
  /** Each twin's own state, by twin id. */
  states: Map<string, unknown>;
  allowedOrigins: readonly string[];
  allowHost: SandboxOptions['allowHost'];
}

async function serve({ twin, twins: served, states, allowedOrigins, allowHost }: Context, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  if (allowHost && !allowHost(req.headers.host)) {
    return refuse(res, 421, `This sandbox answers to 127.0.0.1 and localhost only, not ${req.headers.host ?? 'no Host'}.`);
  }
  const origin = header(req.headers, 'origin');
  const caller = classifyCaller({ origin, secFetchSite: header(req.headers, 'sec-fetch-site'), host: req.headers.host }, allowedOrigins);
  const isFile = path.startsWith('/sandbox/files/') && (method === 'GET' || method === 'HEAD');
  // Files have unguessable names and hold generated pictures: any page may display one, but reads
  // them (CORS) only when it may call the twins.
  if (caller === 'refused' && !isFile) {
    return refuse(res, 403, 'Sandbox: requests from other sites are refused. Set SANDBOX_CORS_ORIGINS to allow an origin.');
  }
  const cors: Record<string, string> = { vary: 'Origin', ...(origin && caller !== 'refused' ? corsHeaders(origin) : {}) };
  if (method === 'OPTIONS') {
    req.resume();
    writeReply(res, { status: 204, headers: { 'access-control-max-age': '600' } }, false, cors);
    return;
  }
  let body: Buffer;
  try {
    const declared = Number(header(req.headers, 'content-length') ?? '0');
    if (declared > MAX_BODY_BYTES) throw new BodyTooLargeError(`request body larger than ${MAX_BODY_BYTES} bytes`);
    body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(req);
  } catch (err) {
    if (!(err instanceof BodyTooLargeError)) throw err;
    writeReply(res, json(413, { error: `Request too large: ${err.message}` }, { connection: 'close' }), false, cors);
    closeAfterAnswer(res);
    return;
  }
  const query = (req.url ?? '').split('?').slice(1).join('?');
  const request: TwinRequest = { method, path, query, headers: req.headers, body, origin: requestOrigin(req.headers) };
  if (path === '/sandbox/_control' || path.startsWith('/sandbox/_control/')) {
    writeReply(res, control(twin, served, states, request), false, cors);
    return;
  }
  const reply = await route(twin, served, states, request);
  const latency = twin.control.settings.latencyMs;
  if (latency > 0) await holdBack(latency, res);
  if (!res.destroyed) writeReply(res, reply, method === 'HEAD', cors);
}

/** Waits `ms` before the answer, or less when the caller hangs up meanwhile (no timer outlives it). */
function holdBack(ms: number, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.once('close', done);
  });
}

function route(twin: Twin, served: readonly AnyTwinDef[], states: Map<string, unknown>, req: TwinRequest): Reply | Promise<Reply> {
  const [, , area] = req.path.split('/');
  const def = served.find((t) => t.id === area);
  if (def) return def.handle(twin, req, states.get(def.id));
  if (area === 'files') return file(twin, req);
  if (req.path === '/sandbox/' && req.method === 'GET') return json(200, { endpoints: [...served.flatMap((t) => t.endpoints), ...SHARED_ENDPOINTS] });
  return json(404, { error: `Unknown sandbox path ${req.path}. See GET /sandbox/ for the list.` });
}

function file(twin: Twin, req: TwinRequest): Reply {
  if (req.method !== 'GET' && req.method !== 'HEAD') return json(405, { error: 'Use GET for files.' });
  // Names are <uuid>-<i>.<ext>: nothing to decode, and a malformed %-escape simply matches no file.
  const name = req.path.slice('/sandbox/files/'.length);
  const stored = twin.files.get(name);
  if (!stored) return json(404, { error: `No such file: ${name}` }, { 'cache-control': 'no-store' });
  return {
    status: 200,
    headers: { 'content-type': stored.contentType, 'cache-control': 'public, max-age=86400, immutable' },
    body: stored.bytes,
  };
}

function control(twin: Twin, served: readonly AnyTwinDef[], states: Map<string, unknown>, req: TwinRequest): Reply {
  const noStore = { 'cache-control': 'no-store' };
  if (req.path === '/sandbox/_control/reset') {
    if (req.method !== 'POST') return json(405, { error: 'Use POST /sandbox/_control/reset.' });
    for (const t of served) t.reset?.(states.get(t.id), twin);
    return json(200, resetTwin(twin), noStore);
  }
  if (req.path === '/sandbox/_control/outbound') {
    if (req.method !== 'GET') return json(405, { error: 'Use GET /sandbox/_control/outbound.' });
    return json(200, twin.outbound.state, noStore);
  }
  if (req.path !== '/sandbox/_control') return json(404, { error: `Unknown control path ${req.path}` });
  if (req.method === 'GET') return json(200, twin.control.settings, noStore);
  if (req.method !== 'POST') return json(405, { error: 'Use GET or POST /sandbox/_control.' });
  let input: unknown;
  try {
    input = JSON.parse(req.body.toString('utf8') || '{}');
  } catch {
    return json(400, { error: 'The control body must be JSON.' });
  }
  try {
    const settings = twin.control.merge(input);
    for (const t of served) t.onControl?.(states.get(t.id), input as Record<string, unknown>);
    return json(200, settings, noStore);
  } catch (err) {
    if (err instanceof ControlError) return json(400, { error: err.message });
    throw err;
  }
}
