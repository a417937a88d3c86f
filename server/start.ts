/**
 * The production server on HOST:PORT (default 127.0.0.1:5173): prints one line with its URL.
 * It runs bundled, as dist/server/start.mjs (scripts/build-server.mjs), with plain node: `npm start`
 * (scripts/start.mjs) builds the app and this bundle when they are stale, then imports it. The app
 * it serves is dist/client/, beside the bundle.
 */
import { fileURLToPath } from 'node:url';
import { createAppServer, isLoopbackBind } from './app-server';

const clientDir = fileURLToPath(new URL('../client/', import.meta.url));
const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT || 5173);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got ${process.env.PORT}`);
  process.exit(1);
}
const server = createAppServer({ distDir: clientDir, loopbackOnly: isLoopbackBind(host) });
server.on('error', (err) => {
  console.error(`Could not listen on ${host}:${port}: ${err.message}`);
  process.exit(1);
});
server.listen(port, host, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  const shown = host.includes(':') ? `[${host}]` : host;
  console.log(`Image API Playground: http://${shown}:${actual}/`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
