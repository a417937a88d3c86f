/**
 * Runs a standard fetch handler (Request → Promise<Response>) on node:http, so the proxy's code is
 * the same on Node and on an edge runtime. The Request's signal aborts when the browser goes
 * away, and the answer is streamed with back-pressure; a stream that fails midway resets the
 * connection, so a cut answer never looks complete.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { closeAfterAnswer } from './http-guard';

export type FetchHandler = (request: Request) => Promise<Response>;

export function toNodeListener(handler: FetchHandler): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !name.startsWith(':')) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const method = req.method ?? 'GET';
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
      method,
      headers,
      body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
      signal: controller.signal,
      // Node's fetch needs this for a streamed request body.
      ...({ duplex: 'half' } as object),
    });
    let response: Response;
    try {
      response = await handler(request);
    } catch {
      response = new Response(JSON.stringify({ error: 'Internal error' }), { status: 500, headers: { 'content-type': 'application/json' } });
    }
    if (res.destroyed) {
      await response.body?.cancel().catch(() => undefined);
      return;
    }
    res.statusCode = response.status;
    response.headers.forEach((value, name) => res.setHeader(name, value));
    if (response.headers.get('connection') === 'close') closeAfterAnswer(res);
    if (!response.body || method === 'HEAD') {
      await response.body?.cancel().catch(() => undefined);
      res.end();
      return;
    }
    await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res).catch(() => {
      res.destroy();
    });
  };
}
