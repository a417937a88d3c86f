// Makes sure a Chromium is there for the end-to-end tests and benchmarks.
// 1. one already found (CHROMIUM_PATH, Playwright's own, or a system Chromium/Chrome);
// 2. else Playwright's own download (works on an ordinary laptop);
// 3. else, as root on Debian/Ubuntu, the distribution's chromium package.
import { spawnSync } from 'node:child_process';
import { findChromium } from './browser.mjs';

function run(cmd, args) {
  console.log(`[browser] ${cmd} ${args.join(' ')}`);
  return spawnSync(cmd, args, { stdio: 'inherit', timeout: 15 * 60_000 }).status === 0;
}

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

let found = findChromium();
if (!found) {
  console.log('[browser] no Chromium found; installing one');
  run('npx', ['playwright', 'install', 'chromium']);
  found = findChromium();
}
if (!found && process.getuid?.() === 0 && have('apt-get')) {
  run('apt-get', ['update', '-qq']) && run('apt-get', ['install', '-y', '-qq', 'chromium']);
  found = findChromium();
}
if (!found) {
  console.error(
    '[browser] No Chromium could be found or installed. Install Chromium or Chrome, ' +
      'or run "npx playwright install chromium", or set CHROMIUM_PATH to a Chromium binary.',
  );
  process.exit(1);
}
console.log(`[browser] using ${found.source === 'playwright' ? "Playwright's Chromium" : found.source}`);
