import { defineConfig } from 'vitest/config';
import { firstPaintDefine } from './scripts/first-paint-define';

// Unit and HTTP tests run in Node; they do not load the app's Vite plugins. `*.gc.test.ts` run in
// their own project whose worker may force a garbage collection (node --expose-gc).
export default defineConfig({
  define: firstPaintDefine(),
  test: {
    environment: 'node',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.{ts,tsx}', 'server/**/*.test.ts', 'scripts/**/*.test.ts'], exclude: ['**/*.gc.test.ts', '**/node_modules/**'] },
      },
      { extends: true, test: { name: 'gc', include: ['server/**/*.gc.test.ts'], pool: 'forks', execArgv: ['--expose-gc'] } },
    ],
  },
});
