/**
 * The sandbox twins as a connect-style middleware: /sandbox/<provider>/<real path>, generated
 * files under /sandbox/files/, and the shared control API under /sandbox/_control.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { A1111_ENDPOINTS, handleA1111 } from './a1111';
import { ControlError } from './control';
import { handleDreamRender } from './dreamrender';
import { BodyTooLargeError, json, readBody, requestOrigin, sleep, writeReply } from './http';
import type { Reply, TwinRequest } from './http';
import { handleModelsLab } from './modelslab';
import { handleSegmind } from './segmind';
import { createTwin, resetTwin } from './twin';
import type { Twin } from './twin';

export type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

const ENDPOINTS = [
  'POST /sandbox/dreamrender/api/generate_image',
  'POST /sandbox/modelslab/api/v4/dreambooth',
  'POST /sandbox/modelslab/api/v4/dreambooth/img2img',
  'POST /sandbox/modelslab/api/v4/dreambooth/inpaint',
  'POST /sandbox/modelslab/api/v4/dreambooth/fetch',
  'POST /sandbox/modelslab/api/v4/dreambooth/fetch/{id}',
  'POST /sandbox/modelslab/api/v3/dreambooth/fetch/{id}',
  'POST /sandbox/segmind/v1/sd1.5-dreamshaper',
  'POST /sandbox/segmind/v1/sd1.5-img2img',
  'POST /sandbox/segmind/v1/sd1.5-inpainting',
  ...A1111_ENDPOINTS,
  'GET /sandbox/files/{name}',
  'GET|POST /sandbox/_control',
  'POST /sandbox/_control/reset',
];

/** A new, independent twin instance (its own settings, queue, files) as a middleware. */
export function createSandboxMiddleware(): Middleware {
  const twin = createTwin();
  return (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (!path.startsWith('/sandbox/')) {
      next();
      return;
    }
    serve(twin, req, res, path).catch((err: unknown) => {
      if (res.headersSent) res.destroy();
      else writeReply(res, json(500, { error: `Sandbox internal error: ${(err as Error).message}` }));
    });
  };
}

async function serve(twin: Twin, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  if (method === 'OPTIONS') {
    req.resume();
    writeReply(res, { status: 204, headers: { 'access-control-max-age': '600' } });
    return;
  }
  let body: Buffer;
  try {
    body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(req);
  } catch (err) {
    if (!(err instanceof BodyTooLargeError)) throw err;
    writeReply(res, json(413, { error: `Request too large: ${err.message}` }));
    req.resume();
    return;
  }
  const request: TwinRequest = { method, path, headers: req.headers, body, origin: requestOrigin(req.headers) };
  if (path === '/sandbox/_control' || path.startsWith('/sandbox/_control/')) {
    writeReply(res, control(twin, request));
    return;
  }
  const reply = await route(twin, request);
  const latency = twin.control.settings.latencyMs;
  if (latency > 0) await sleep(latency);
  writeReply(res, reply, method === 'HEAD');
}

function route(twin: Twin, req: TwinRequest): Reply | Promise<Reply> {
  const [, , area] = req.path.split('/');
  if (area === 'dreamrender') return handleDreamRender(twin, req);
  if (area === 'modelslab') return handleModelsLab(twin, req);
  if (area === 'segmind') return handleSegmind(twin, req);
  if (area === 'a1111') return handleA1111(twin, req);
  if (area === 'files') return file(twin, req);
  if (req.path === '/sandbox/' && req.method === 'GET') return json(200, { endpoints: ENDPOINTS });
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

function control(twin: Twin, req: TwinRequest): Reply {
  const noStore = { 'cache-control': 'no-store' };
  if (req.path === '/sandbox/_control/reset') {
    if (req.method !== 'POST') return json(405, { error: 'Use POST /sandbox/_control/reset.' });
    return json(200, resetTwin(twin), noStore);
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
    if (typeof input === 'object' && input !== null && 'segmindCredits' in input) twin.credits.clear();
    return json(200, settings, noStore);
  } catch (err) {
    if (err instanceof ControlError) return json(400, { error: err.message });
    throw err;
  }
}
