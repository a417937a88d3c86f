import js from '@eslint/js';
import globals from 'globals';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** One file-naming style: kebab-case (dots only before the extension, as in `x.test.ts`). */
const kebabCaseFiles = {
  meta: { type: 'suggestion', messages: { name: 'File name "{{name}}" is not kebab-case.' } },
  create(context) {
    const name = context.filename.split(/[\\/]/).pop() ?? '';
    return {
      Program(node) {
        if (!/^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+)*$/.test(name)) context.report({ node, messageId: 'name', data: { name } });
      },
    };
  },
};
const local = { rules: { 'kebab-case-files': kebabCaseFiles } };

/**
 * The layers (README "Architecture"): providers (pure) ← api ← job-store ← features ← app.
 * lib holds small pure utilities; components/ui shared widgets. A feature imports only
 * itself and the layers below: features never import each other. src/providers imports
 * nothing of the app. providers and lib import no package but zod and fflate (their tests may use vitest and
 * node). The files at the root of src/ (and a folder not listed here) are the app's. The twins
 * (server/sandbox) never import src/: they are the documents' independent reading. Enforced by
 * eslint-plugin-boundaries; `scripts/lint-layers.test.ts` checks it.
 */
const LAYERS = [
  { type: 'providers', pattern: 'src/providers/**', partialMatch: false },
  { type: 'lib', pattern: 'src/lib/**', partialMatch: false },
  { type: 'api', pattern: 'src/api/**', partialMatch: false },
  { type: 'job-store', pattern: 'src/job-store/**', partialMatch: false },
  { type: 'ui', pattern: 'src/components/**', partialMatch: false },
  { type: 'feature', pattern: 'src/features/*/**', partialMatch: false, capture: ['name'] },
  { type: 'app', pattern: 'src/app/**', partialMatch: false },
  // The files at the root of src/ (the entry, the zod set-up it loads) are the app's: the last src/
  // descriptor, so it takes only what the ones above do not.
  { type: 'app', pattern: 'src', partialMatch: false },
  // The twins are the independent reading of the documents: they never import src/.
  { type: 'sandbox', pattern: 'server/sandbox/**', partialMatch: false },
  { type: 'server', pattern: 'server/**', partialMatch: false },
];
/**
 * The packages the pure layers (providers, lib) may import: zod, and fflate (inflate for the image
 * metadata readers: plain byte code, no DOM, no I/O). No React, no IndexedDB, no node.
 */
const PURE_PACKAGES = ['zod', 'fflate'];
const PURE = ['providers', 'lib'];
const below = (...types) => ({ to: { element: { types: { anyOf: types } } } });
const layerPolicies = [
  { from: { element: { type: 'providers' } }, allow: below('providers') },
  { from: { element: { type: 'lib' } }, allow: below('lib', 'providers') },
  { from: { element: { type: 'api' } }, allow: below('api', 'providers', 'lib') },
  { from: { element: { type: 'job-store' } }, allow: below('job-store', 'api', 'providers', 'lib') },
  { from: { element: { type: 'ui' } }, allow: below('ui', 'job-store', 'api', 'providers', 'lib') },
  { from: { element: { type: 'feature' } }, allow: below('ui', 'job-store', 'api', 'providers', 'lib') },
  // A feature's own files.
  { from: { element: { type: 'feature' } }, allow: { to: { element: { type: 'feature', captured: { name: '{{ from.element.captured.name }}' } } } } },
  { from: { element: { type: 'app' } }, allow: below('app', 'feature', 'ui', 'job-store', 'api', 'providers', 'lib') },
  { from: { element: { type: 'sandbox' } }, allow: below('sandbox', 'server') },
  // The server reads the provider registry (the proxy's hosts) and lib's capped reader; the sandbox neither.
  { from: { element: { type: 'server' } }, allow: below('server', 'sandbox', 'providers', 'lib') },
  // Packages and node's own modules: any layer but the pure ones, which take zod only; any test.
  { from: { element: { types: { noneOf: PURE } } }, allow: { to: { module: { origin: ['external', 'core'] } } } },
  { from: { element: { types: { anyOf: PURE } } }, allow: { to: { module: { origin: 'external', source: PURE_PACKAGES } } } },
  { from: { file: { categories: 'test' } }, allow: { to: { module: { origin: ['external', 'core'] } } } },
  // The server's tests drive the client's fetch wrapper against the proxy.
  { from: { element: { type: 'server' }, file: { categories: 'test' } }, allow: below('api') },
];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx}'],
    languageOptions: { ecmaVersion: 2023, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks, local, boundaries },
    settings: {
      'boundaries/elements': LAYERS,
      'boundaries/files': [{ category: 'test', pattern: ['**/*.test.{ts,tsx}', '**/*test-helpers.ts'] }],
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] } },
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', checkAllOrigins: true, policies: layerPolicies }],
      'local/kebab-case-files': 'error',
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['scripts/**/*.{js,mjs}'],
    languageOptions: { globals: globals.node },
  },
);
