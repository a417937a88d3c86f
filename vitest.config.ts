import { defineConfig } from 'vitest/config';

// Unit and HTTP tests run in Node; they do not load the app's Vite plugins.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}', 'server/**/*.test.ts', 'scripts/**/*.test.ts'],
  },
});
