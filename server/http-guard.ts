/**
 * What keeps one request from taking a server down, in one place for the production server, the
 * standalone twins and the proxy's tests: every answer (Node's own 400/431 included) carries the
 * security headers, a handler that throws or rejects answers 500 (or, mid-answer, resets its
 * connection) and the server keeps serving, and a refusal can close its connection without
 * reading the rest of a body.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

export type GuardedListener = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** Closes the connection once this answer is out, without reading the rest of the request body. */
export function closeAfterAnswer(res: ServerResponse): void {
  // Taken now: once the answer is finished Node detaches the socket from req and res.
  const socket = res.socket;
  res.once('finish', () => socket?.destroySoon());
}

function failed(res: ServerResponse): void {
  // No message, no stack: the caller learns nothing of the server's insides.
  console.error(`[server] a request handler failed: ${res.req.method ?? '?'} ${(res.req.url ?? '').split('?')[0] ?? ''}`);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(500, { 'content-type': 'application/json', connection: 'close', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ error: 'Internal error' }));
}

/** The status Node itself would answer a request it could not parse with. */
function clientErrorStatus(err: NodeJS.ErrnoException): number {
  if (err.code === 'HPE_HEADER_OVERFLOW') return 431;
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/** The headers of every answer, or per request (the policy names the origins the request's cookie lists). */
export type GuardHeaders = Record<string, string> | ((req: Pick<IncomingMessage, 'headers'>) => Record<string, string>);

/**
 * Serves `listener` on `server` with `headers` on every answer: set before the listener runs, and
 * written by hand into the answers Node gives requests it cannot parse (per-request headers are
 * then those of a request without cookies).
 */
export function guardServer(server: Server, headers: GuardHeaders, listener: GuardedListener): Server {
  const headersOf = typeof headers === 'function' ? headers : () => headers;
  const plain = headersOf({ headers: {} });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    for (const [name, value] of Object.entries(headersOf(req))) res.setHeader(name, value);
    try {
      const done = listener(req, res);
      if (done) done.catch(() => failed(res));
    } catch {
      failed(res);
    }
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = clientErrorStatus(err);
    const lines = [`HTTP/1.1 ${status} ${REASONS[status] ?? 'Bad Request'}`, 'connection: close', 'content-length: 0', ...Object.entries(plain).map(([n, v]) => `${n}: ${v}`)];
    socket.end(`${lines.join('\r\n')}\r\n\r\n`);
  });
  return server;
}
