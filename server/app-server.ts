/**
 * The production server: the built app (dist/), the sandbox twins and the live proxy on one
 * node:http server, every answer with the security headers (`guardServer`: a failing handler
 * answers 500 and the server keeps serving). Static files are served by sirv
 * (the file server `vite preview` itself uses).
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import sirv from 'sirv';
import { isLoopbackHostHeader, parseOrigins } from './callers';
import { guardServer } from './http-guard';
import { toNodeListener } from './node-bridge';
import { createProxyHandler } from './proxy';
import type { ProxyOptions } from './proxy';
import { proxyTargets } from './proxy-targets';
import { createSandboxMiddleware } from './sandbox/index';
import type { SandboxOptions } from './sandbox/index';
import { requestSecurityHeaders } from './security-headers';

export interface AppServerOptions {
  /** The built app. */
  distDir: string;
  /** Answer only to loopback Host names (DNS rebinding); on when the server is bound to loopback. */
  loopbackOnly: boolean;
  proxy?: Partial<ProxyOptions>;
  sandbox?: SandboxOptions;
}

const LOOPBACK_BINDS = new Set(['127.0.0.1', 'localhost', '::1']);

export function isLoopbackBind(host: string): boolean {
  return LOOPBACK_BINDS.has(host) || host.startsWith('127.');
}

export function createAppServer(options: AppServerOptions): Server {
  const sandbox = createSandboxMiddleware({ corsOrigins: parseOrigins(process.env.SANDBOX_CORS_ORIGINS), ...options.sandbox });
  const proxy = toNodeListener(createProxyHandler({ targets: proxyTargets, ...options.proxy }));
  const assets = sirv(options.distDir, {
    single: true,
    dev: false,
    etag: true,
    // The build writes .br and .gz copies (scripts/precompress.ts).
    brotli: true,
    gzip: true,
    setHeaders(res, pathname) {
      // Hashed bundles never change; index.html is checked every time.
      res.setHeader('cache-control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return guardServer(createServer(), (req) => requestSecurityHeaders('production', req), (req, res) => {
    if (options.loopbackOnly && !isLoopbackHostHeader(req.headers.host)) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      res.end('This server answers to 127.0.0.1 and localhost only.\n');
      return;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/proxy/')) return proxy(req, res);
    sandbox(req, res, () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8', allow: 'GET, HEAD' });
        res.end('Method not allowed.\n');
        return;
      }
      assets(req, res, () => {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Not found.\n');
      });
    });
  });
}
