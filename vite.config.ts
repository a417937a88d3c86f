import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { Connect, Plugin } from 'vite';
import { firstPaintDefine } from './scripts/first-paint-define';
import { precompress } from './scripts/precompress';
import { toNodeListener } from './server/node-bridge';
import { createProxyHandler } from './server/proxy';
import { proxyTargets } from './server/proxy-targets';
import { createSandboxMiddleware } from './server/sandbox/index';
import { requestSecurityHeaders, setSecurityHeaders } from './server/security-headers';

/**
 * Mounts the security headers, the sandbox twins (/sandbox/…) and the live proxy (/proxy/…) in
 * the dev and preview servers, as the production server (server/app-server.ts) does. The dev
 * server's policy allows inline scripts and styles, which Vite's hot reload needs.
 */
function playgroundServer(): Plugin {
  const mount = (middlewares: Connect.Server, mode: 'dev' | 'production') => {
    const proxy = toNodeListener(createProxyHandler({ targets: proxyTargets }));
    middlewares.use((req, res, next) => {
      setSecurityHeaders(res, requestSecurityHeaders(mode, req));
      next();
    });
    middlewares.use(createSandboxMiddleware());
    middlewares.use((req, res, next) => {
      if ((req.url ?? '').startsWith('/proxy/')) void proxy(req, res);
      else next();
    });
  };
  return {
    name: 'playground-server',
    configureServer(server) {
      mount(server.middlewares, 'dev');
    },
    configurePreviewServer(server) {
      mount(server.middlewares, 'production');
    },
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), playgroundServer(), precompress()],
  // The playground's first paint (endpoint list, default form) derived from the schemas, so the
  // first page needs no zod and no provider module.
  define: firstPaintDefine(),
  // The twins answer CORS themselves, exactly as specified; Vite's own CORS layer would answer first.
  server: { host: '127.0.0.1', port: 5173, cors: false },
  preview: { host: '127.0.0.1', port: 4173, cors: false },
  build: {
    // The server's bundle goes beside it, in dist/server/ (scripts/build-server.mjs).
    outDir: 'dist/client',
    sourcemap: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // zod and src/zod-jitless.ts share one chunk, so z.config({ jitless: true }) runs as soon as
          // zod is loaded: before any module that parses at load time (otherwise zod probes eval
          // once, which the Content-Security-Policy reports as a violation).
          groups: [{ name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]|[\\/]src[\\/]zod-jitless\.ts$/ }],
        },
      },
    },
  },
});
