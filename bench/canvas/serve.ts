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

/**
 * `isolated` serves the pages cross-origin isolated (COOP/COEP), which gives the bench
 * 5 µs timers instead of 100 µs; the harness does not use it because it loads a
 * cross-origin image on purpose.
 */
export async function serveBenchPages(options: { isolated?: boolean } = {}): Promise<{ server: ViteDevServer; origin: string }> {
  const headers = options.isolated
    ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }
    : undefined;
  const server = await createServer({
    root: repoRoot,
    configFile: false,
    logLevel: 'error',
    plugins: [react(), tailwindcss()],
    server: { port: 0, host: '127.0.0.1', strictPort: false, hmr: false, watch: null, headers },
    optimizeDeps: { entries: ['bench/canvas/*.html'] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('The bench server did not start.');
  return { server, origin: `http://127.0.0.1:${address.port}` };
}
