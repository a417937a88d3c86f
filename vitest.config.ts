import { defineConfig } from 'vitest/config';
import { firstPaintDefine } from './scripts/first-paint-define';

// Unit and HTTP tests run in Node; they do not load the app's Vite plugins.
export default defineConfig({
  define: firstPaintDefine(),
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}', 'server/**/*.test.ts', 'scripts/**/*.test.ts'],
  },
});
