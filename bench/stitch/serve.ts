/**
 * A Vite dev server for bench/stitch/bench.html, rooted at the repository (so /src resolves and
 * the stitch Worker is bundled from its URL), bound to 127.0.0.1 on a free port, cross-origin
 * isolated (5 µs timers). It does not load the app's vite.config.ts: nothing but this page.
 */
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import type { ViteDevServer } from 'vite';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export async function serveStitchBench(): Promise<{ server: ViteDevServer; origin: string }> {
  const server = await createServer({
    root: repoRoot,
    configFile: false,
    logLevel: 'error',
    server: {
      port: 0,
      host: '127.0.0.1',
      strictPort: false,
      hmr: false,
      watch: null,
      headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
    },
    optimizeDeps: { entries: ['bench/stitch/*.html'] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('The stitch bench server did not start.');
  return { server, origin: `http://127.0.0.1:${address.port}` };
}
