import { defineConfig, devices } from '@playwright/test';
// @ts-expect-error: a plain ES module shared with the setup scripts
import { chromiumLaunchOptions } from './scripts/browser.mjs';

const PORT = Number(process.env.E2E_PORT ?? 4173);
/** The Vite dev server (React StrictMode, unbundled modules) for the smoke project. */
const DEV_PORT = Number(process.env.E2E_DEV_PORT ?? PORT + 1000);

/**
 * End-to-end tests drive the production server (`npm start`: it builds when dist/ is stale,
 * then serves the app, the sandbox twins and the proxy with the security headers) in Chromium.
 * The "dev" project runs the smoke specs (`*.smoke.spec.ts`) against `npm run dev` too, so breakage
 * that only shows under the dev server (StrictMode's double effects, unbundled modules) is caught.
 */
export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  // On CI a test that passes only on its second run is reported as flaky, not hidden.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: chromiumLaunchOptions(),
    // A trace (screencast, DOM snapshots) made every test ~1.5× slower on two cores, so only a
    // retry records one (CI retries once); pass `--trace retain-on-failure` when debugging here.
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'production' },
    { name: 'dev', testMatch: /\.smoke\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${DEV_PORT}` } },
  ],
  webServer: [
    {
      command: 'node scripts/start.mjs',
      env: { HOST: '127.0.0.1', PORT: String(PORT) },
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
    {
      command: `npx vite --configLoader runner --port ${DEV_PORT} --strictPort`,
      url: `http://127.0.0.1:${DEV_PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
  ],
});
