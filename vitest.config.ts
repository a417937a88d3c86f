import { defineConfig } from 'vitest/config';
import { firstPaintDefine } from './scripts/first-paint-define';
import { isolatedTestFiles } from './scripts/test-isolation';

// Unit and HTTP tests run in Node; they do not load the app's Vite plugins. Most test files share
// their worker thread's modules (`isolate: false`: each module is imported once per worker, not
// once per file); those that change shared state (IndexedDB, storage, globals, mocks, timers) run
// isolated, picked from their text by scripts/test-isolation.ts. `*.gc.test.ts` run in their own
// project whose worker may force a garbage collection (node --expose-gc).
const isolated = isolatedTestFiles(new URL('.', import.meta.url).pathname);

export default defineConfig({
  define: firstPaintDefine(),
  test: {
    environment: 'node',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          pool: 'threads',
          isolate: false,
          include: ['src/**/*.test.{ts,tsx}', 'server/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.gc.test.ts', '**/node_modules/**', ...isolated],
        },
      },
      { extends: true, test: { name: 'isolated', pool: 'threads', include: isolated } },
      { extends: true, test: { name: 'gc', include: ['server/**/*.gc.test.ts'], pool: 'forks', execArgv: ['--expose-gc'] } },
    ],
  },
});
