/**
 * Which unit test files need a fresh module graph of their own. The others share their worker's
 * modules (Vitest's `isolate: false`): each module is imported once per worker instead of once per
 * file, which was two thirds of the suite's CPU time. A file that changes what another file would
 * see — IndexedDB (fake-indexeddb), Web Storage, globals, module mocks, spies, fake timers, the
 * registry's added endpoints, the environment — runs isolated. Decided from each file's text, so a
 * new test file needs no entry anywhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const TEST_ROOTS = ['src', 'server', 'scripts'];

/** What in a test file's text makes it run isolated. */
export const CHANGES_SHARED_STATE =
  /fake-indexeddb|indexedDB|localStorage|sessionStorage|globalThis|vi\.(mock|doMock|spyOn|stubGlobal|stubEnv|useFakeTimers)\(|setAddedEndpoints|process\.env\.\w+\s*=/;

/** The unit test files under `roots` (relative to `cwd`, `/`-separated), without the `*.gc.test.ts`. */
export function unitTestFiles(cwd: string, roots = TEST_ROOTS): string[] {
  return roots
    .flatMap((root) => readdirSync(join(cwd, root), { recursive: true, encoding: 'utf8' }).map((file) => `${root}/${file.split('\\').join('/')}`))
    .filter((file) => /\.test\.tsx?$/.test(file) && !file.endsWith('.gc.test.ts') && !file.includes('node_modules/'))
    .sort();
}

/** The test files that run isolated (see CHANGES_SHARED_STATE). */
export function isolatedTestFiles(cwd: string): string[] {
  return unitTestFiles(cwd).filter((file) => CHANGES_SHARED_STATE.test(readFileSync(join(cwd, file), 'utf8')));
}
