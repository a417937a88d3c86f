import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import { createProxyMiddleware } from './server/proxy';
import { createSandboxMiddleware } from './server/sandbox/index';

/** Mounts the sandbox twins (/sandbox/…) and the live proxy (/proxy/…) in the dev and preview servers. */
function playgroundServer(): Plugin {
  return {
    name: 'playground-server',
    configureServer(server) {
      server.middlewares.use(createSandboxMiddleware());
      server.middlewares.use(createProxyMiddleware());
    },
    configurePreviewServer(server) {
      server.middlewares.use(createSandboxMiddleware());
      server.middlewares.use(createProxyMiddleware());
    },
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), playgroundServer()],
  // The twins answer CORS themselves, exactly as specified; Vite's own CORS layer would answer first.
  server: { host: '127.0.0.1', port: 5173, cors: false },
  preview: { host: '127.0.0.1', port: 4173, cors: false },
  build: { sourcemap: true },
});
