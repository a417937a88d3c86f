// Finds a Chromium that Playwright can drive, on this machine or an ordinary laptop.
// Order: CHROMIUM_PATH, Playwright's own downloaded browser, a system Chromium/Chrome on PATH.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

function onPath(name) {
  try {
    const out = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const p = out.trim();
    return p && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

/** @returns {{ executablePath?: string, source: string } | undefined} */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return { executablePath: fromEnv, source: 'CHROMIUM_PATH' };
  try {
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return { executablePath: undefined, source: 'playwright' };
  } catch {
    // Playwright has no browser of its own here.
  }
  for (const name of SYSTEM_NAMES) {
    const p = onPath(name);
    if (p) return { executablePath: p, source: name };
  }
  return undefined;
}

/** Flags for a system Chromium in a locked-down, offline container; harmless on a laptop. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Launch options for Playwright's chromium.launch / use.launchOptions. */
export function chromiumLaunchOptions() {
  const found = findChromium();
  return found?.executablePath
    ? { executablePath: found.executablePath, args: CHROMIUM_ARGS }
    : { args: CHROMIUM_ARGS };
}
