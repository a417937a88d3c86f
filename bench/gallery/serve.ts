/** Serves the gallery bench page with Vite and opens it in headless Chromium; traffic stays on 127.0.0.1. */
import { chromium } from '@playwright/test';
import type { Browser, LaunchOptions, Page } from '@playwright/test';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import type { ViteDevServer } from 'vite';
// @ts-expect-error: a plain ES module shared with the setup scripts
import { chromiumLaunchOptions } from '../../scripts/browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');

export interface BenchSession {
  browser: Browser;
  page: Page;
  url: string;
  close(): Promise<void>;
}

async function startServer(): Promise<{ server: ViteDevServer; url: string }> {
  // Vite picks production builds of React and the libraries from NODE_ENV (the dev builds are several times slower).
  process.env.NODE_ENV = 'production';
  const server = await createServer({
    configFile: false,
    root: here,
    mode: 'production',
    plugins: [react(), tailwindcss()],
    cacheDir: resolve(repo, 'node_modules/.vite-bench-gallery'),
    logLevel: 'warn',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, fs: { allow: [repo] } },
    optimizeDeps: {
      include: ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', 'react/jsx-dev-runtime', '@tanstack/react-query', '@tanstack/react-virtual', 'idb', 'zod'],
    },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('the bench server has no port');
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

export async function openBench(viewport = { width: 1280, height: 800 }): Promise<BenchSession> {
  const { server, url } = await startServer();
  const browser = await chromium.launch(chromiumLaunchOptions() as LaunchOptions);
  const context = await browser.newContext({ viewport });
  // Nothing leaves the machine: anything not served by the bench server is refused.
  await context.route('**/*', (route) => {
    const target = new URL(route.request().url());
    return target.hostname === '127.0.0.1' || target.protocol === 'blob:' || target.protocol === 'data:' ? route.continue() : route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') console.error('page console:', msg.text());
  });
  await page.goto(url);
  await page.waitForFunction(() => 'galleryBench' in window);
  return {
    browser,
    page,
    url,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Reloads the page (the database stays) and waits for the instruments. */
export async function reload(page: Page): Promise<void> {
  await page.reload();
  await page.waitForFunction(() => 'galleryBench' in window);
}
