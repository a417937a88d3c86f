/**
 * A Vite dev server for the bench and harness pages under bench/canvas, rooted at the
 * repository (so /src and public/ resolve), bound to 127.0.0.1 on a free port. It does not
 * load the app's vite.config.ts: no sandbox or proxy middleware, nothing but these pages.
 */
import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { createServer } from 'vite';
import type { ViteDevServer } from 'vite';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export async function serveBenchPages(): Promise<{ server: ViteDevServer; origin: string }> {
  const server = await createServer({
    root: repoRoot,
    configFile: false,
    logLevel: 'error',
    plugins: [react(), tailwindcss()],
    server: { port: 0, host: '127.0.0.1', strictPort: false, hmr: false, watch: null },
    optimizeDeps: { entries: ['bench/canvas/*.html'] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('The bench server did not start.');
  return { server, origin: `http://127.0.0.1:${address.port}` };
}
