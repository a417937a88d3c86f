/**
 * `npm run sandbox`: the twins on their own, at http://127.0.0.1:$SANDBOX_PORT (default 8787).
 * Also serves the public sample images at /samples/, as the dev server does. It answers only to
 * Host names of this machine (a DNS-rebinding page cannot reach it under its own name), and
 * serves CORS to the origins listed in SANDBOX_CORS_ORIGINS. Every answer carries the security
 * headers of the production server.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { isLoopbackHostHeader } from '../callers';
import { guardServer } from '../http-guard';
import { securityHeaders } from '../security-headers';
import { createSandboxMiddleware } from './index';

const HOST = '127.0.0.1';
const port = Number(process.env.SANDBOX_PORT ?? 8787);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`SANDBOX_PORT must be a port number, got ${process.env.SANDBOX_PORT}`);
  process.exit(1);
}
// Run bundled as dist/server/sandbox.mjs: two levels down, as this file is, so the path holds for both.
const samplesDir = fileURLToPath(new URL('../../public/samples/', import.meta.url));
const sandbox = createSandboxMiddleware({ allowHost: isLoopbackHostHeader });

const server = guardServer(createServer(), securityHeaders('production'), (req, res) => {
  sandbox(req, res, () => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const sample = /^\/samples\/([\w.-]+\.png)$/.exec(path)?.[1];
    const notFound = () => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `Not found: ${path}. The twins live under /sandbox/.` }));
    };
    if (!isLoopbackHostHeader(req.headers.host)) {
      res.writeHead(421, { 'content-type': 'application/json', connection: 'close' });
      return res.end(JSON.stringify({ error: 'This sandbox answers to 127.0.0.1 and localhost only.' }));
    }
    if (!sample || (req.method !== 'GET' && req.method !== 'HEAD')) return notFound();
    readFile(samplesDir + sample).then(
      (bytes) => {
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': bytes.length });
        res.end(req.method === 'HEAD' ? undefined : bytes);
      },
      () => notFound(),
    );
  });
});

server.listen(port, HOST, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  console.log(`Sandbox twins listening on http://${HOST}:${actual}/sandbox/ (control: /sandbox/_control)`);
});
