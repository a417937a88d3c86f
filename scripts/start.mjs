// `npm start` (and `npm run sandbox` with the argument `sandbox`), in plain node: builds the app
// (vite, into dist/client/) and the server bundle (esbuild, into dist/server/) when either is
// missing or older than what it is made from, then imports the bundle. Nothing compiles
// TypeScript at run time; a built, fresh checkout starts with node alone.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const clientIndex = join(root, 'dist', 'client', 'index.html');
/** What the app's build reads: a change to any of these makes dist/client/ stale. */
const CLIENT_SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'scripts/precompress.ts', 'scripts/first-paint-define.ts', 'package-lock.json', 'tsconfig.app.json'];
const serverBundle = (name) => join(root, 'dist', 'server', `${name}.mjs`);
const serverInputs = join(root, 'dist', 'server', 'inputs.json');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

const builtAt = (file) => (existsSync(file) ? statSync(file).mtimeMs : -1);

export function clientIsStale() {
  const at = builtAt(clientIndex);
  return at < 0 || CLIENT_SOURCES.some((source) => newestMtime(join(root, source)) > at);
}

/** Stale when a bundle or its list of inputs is missing, or one of the inputs (or the lock file) is newer. */
export function serverIsStale(name) {
  const at = Math.min(builtAt(serverBundle(name)), builtAt(serverInputs));
  if (at < 0) return true;
  const { inputs } = JSON.parse(readFileSync(serverInputs, 'utf8'));
  return [...inputs, 'package-lock.json', 'scripts/build-server.mjs'].some((file) => newestMtime(join(root, file)) > at);
}

function buildClient() {
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--configLoader', 'runner', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
}

async function buildServerBundle() {
  const { buildServer } = await import('./build-server.mjs');
  try {
    await buildServer();
  } catch (err) {
    console.error(`The server build failed: ${err.message}`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const name = process.argv[2] === 'sandbox' ? 'sandbox' : 'start';
  if (name === 'start' && clientIsStale()) buildClient();
  if (serverIsStale(name)) await buildServerBundle();
  await import(pathToFileURL(serverBundle(name)).href);
}
