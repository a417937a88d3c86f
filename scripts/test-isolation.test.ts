import { describe, expect, it } from 'vitest';
import { CHANGES_SHARED_STATE, isolatedTestFiles, unitTestFiles } from './test-isolation';

const cwd = new URL('..', import.meta.url).pathname;

describe('test isolation (vitest.config.ts)', () => {
  it('finds every unit test file, and isolates those that change shared state', () => {
    const files = unitTestFiles(cwd);
    expect(files).toContain('src/app/fourth-provider.test.tsx');
    expect(files).toContain('server/sandbox/png.test.ts');
    expect(files.some((f) => f.endsWith('.gc.test.ts'))).toBe(false);
    const isolated = isolatedTestFiles(cwd);
    expect(isolated).toEqual(expect.arrayContaining(['src/app/fourth-provider.test.tsx', 'src/job-store/store.test.ts', 'src/lib/persisted.test.ts']));
    expect(isolated).not.toContain('server/sandbox/png.test.ts');
  });

  it('recognises each way a file changes what the next one sees', () => {
    for (const text of [
      "import 'fake-indexeddb/auto';",
      "localStorage.setItem('k', 'v');",
      "sessionStorage.clear();",
      "Object.defineProperty(globalThis, 'x', {});",
      "vi.mock('../providers/registry');",
      "vi.spyOn(console, 'warn');",
      'vi.useFakeTimers();',
      "vi.stubGlobal('fetch', f);",
      "reg.setAddedEndpoints('replicate', []);",
      "process.env.SANDBOX_PORT = '0';",
    ]) {
      expect(CHANGES_SHARED_STATE.test(text), text).toBe(true);
    }
    for (const text of ["import { decodePng } from './png';", 'spawn(process.execPath, [], { env: { ...process.env } });', 'vi.waitFor(() => {});']) {
      expect(CHANGES_SHARED_STATE.test(text), text).toBe(false);
    }
  });
});
