// Bundles the server (the production server and the standalone twins) with esbuild into
// dist/server/, so that `npm start` runs plain `node` with no TypeScript loader at run time.
// The packages it imports stay outside the bundle and are loaded from node_modules: each must be
// one of package.json's "dependencies" (the build fails otherwise), so a production install
// (`npm ci --omit=dev`) runs what the build made.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const serverOutDir = join(root, 'dist', 'server');
/** The bundle's entries: `npm start` and `npm run sandbox`. */
export const SERVER_ENTRIES = { start: 'server/start.ts', sandbox: 'server/sandbox/standalone.ts' };

/** The package name of a bare import (`undici`, `@scope/pkg`), or null for node built-ins. */
export function packageOf(specifier) {
  if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0])) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export async function buildServer({ outDir = serverOutDir } = {}) {
  const { build } = await import('esbuild');
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: SERVER_ENTRIES,
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    metafile: true,
    logLevel: 'error',
  });
  const { dependencies = {} } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const imported = new Set();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const entry of output.imports) if (entry.external) imported.add(packageOf(entry.path));
  }
  imported.delete(null);
  const missing = [...imported].filter((name) => !(name in dependencies));
  if (missing.length) {
    throw new Error(`The server imports ${missing.join(', ')} at run time: move ${missing.length > 1 ? 'them' : 'it'} to "dependencies" in package.json.`);
  }
  // Every file the bundle was made from, beside it: `scripts/start.mjs` rebuilds when one is newer.
  const inputs = Object.keys(result.metafile.inputs).map((path) => relative(root, join(root, path)));
  writeFileSync(join(outDir, 'inputs.json'), JSON.stringify({ inputs, packages: [...imported].sort() }, null, 2));
  return { inputs, packages: [...imported].sort() };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildServer().then(
    ({ inputs, packages }) => console.log(`server bundled into dist/server/ (${inputs.length} modules; run-time packages: ${packages.join(', ')})`),
    (err) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
