/**
 * The server bundle (`npm run build`, `npm start`): esbuild makes it, and it runs with plain node,
 * importing only packages listed in package.json's "dependencies".
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module run by node itself
import { buildServer, packageOf } from './build-server.mjs';

// Inside the checkout, so that the bundle finds node_modules as dist/server/ does.
const tmp = new URL('../node_modules/.tmp/', import.meta.url).pathname;
mkdirSync(tmp, { recursive: true });
const dist = mkdtempSync(join(tmp, 'dist-'));
const outDir = join(dist, 'server');
mkdirSync(join(dist, 'client'));
writeFileSync(join(dist, 'client', 'index.html'), '<!doctype html><title>built app</title>');
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('the server bundle', { timeout: 60_000 }, () => {
  it('names the package of an import, and none for node built-ins', () => {
    expect(packageOf('undici')).toBe('undici');
    expect(packageOf('@scope/pkg/sub')).toBe('@scope/pkg');
    expect(packageOf('node:fs')).toBeNull();
    expect(packageOf('fs/promises')).toBeNull();
  });

  it('imports only dependencies, and serves the twins under plain node', async () => {
    const { packages, inputs } = (await buildServer({ outDir })) as { packages: string[]; inputs: string[] };
    const { dependencies, devDependencies } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    for (const name of packages) expect(Object.keys(dependencies), name).toContain(name);
    expect(packages).toContain('jpeg-js');
    expect(packages.filter((name) => name in devDependencies)).toEqual([]);
    expect(inputs).toContain('server/app-server.ts');

    const child = spawn(process.execPath, [join(outDir, 'start.mjs')], { env: { ...process.env, HOST: '127.0.0.1', PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const found = /http:\/\/\S+\//.exec(out);
          if (found) resolve(found[0]);
        });
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.once('exit', (code) => reject(new Error(`the bundle exited (${code}): ${out}`)));
      });
      expect(await (await fetch(url)).text()).toContain('built app');
      const res = await fetch(`${url}sandbox/segmind/v1/sd1.5-dreamshaper`, {
        method: 'POST',
        headers: { 'x-api-key': 'any', 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'fantasy village in fog', seed: 165577282 }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
