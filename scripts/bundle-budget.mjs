// The JavaScript the first page loads must stay within budget (gzip).
// Reads dist/client/index.html: its module script and every modulepreload link, and what
// those import statically (Vite lists static imports as modulepreload links).
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// Issue 15 brought the first page from 150.3 KB to 81.8 KB; the limit keeps about 8 KB of room.
const BUDGET_KB = 90;
const dist = join(process.cwd(), 'dist', 'client');
if (!existsSync(join(dist, 'index.html'))) {
  console.error('bundle budget: dist/client/index.html is missing; run "vite build" first');
  process.exit(1);
}
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const srcs = new Set();
for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) srcs.add(m[1]);
for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) srcs.add(m[1]);

// Follow static imports between chunks too (a chunk may import another without a preload link).
const queue = [...srcs];
while (queue.length) {
  const src = queue.shift();
  const code = readFileSync(join(dist, src), 'utf8');
  for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w${},*\s]+from\s*)?["'](\.\/[^"']+\.js)["']/g)) {
    const dep = join(src, '..', m[1]).replace(/\\/g, '/');
    const rel = dep.startsWith('/') ? dep : `/${dep}`;
    if (!srcs.has(rel)) {
      srcs.add(rel);
      queue.push(rel);
    }
  }
}

let total = 0;
const rows = [];
for (const src of srcs) {
  const code = readFileSync(join(dist, src));
  const gz = gzipSync(code, { level: 9 }).length;
  total += gz;
  const konva = /Konva\.Stage|konva-stage|_isUnderCache/.test(code.toString('utf8'));
  rows.push({ src, raw: code.length, gz, konva });
}
for (const r of rows) {
  console.log(`  ${r.src}  ${(r.raw / 1024).toFixed(1)} KB raw, ${(r.gz / 1024).toFixed(1)} KB gzip${r.konva ? '  (contains Konva!)' : ''}`);
}
const kb = total / 1024;
console.log(`bundle budget: first page loads ${kb.toFixed(1)} KB of JavaScript (gzip) in ${rows.length} file(s); budget ${BUDGET_KB} KB (${((kb / BUDGET_KB) * 100).toFixed(0)} %)`);
const konvaEager = rows.some((r) => r.konva);
if (konvaEager) console.error('bundle budget: Konva is in the first page\'s JavaScript; it belongs in a lazily loaded chunk');
if (kb > BUDGET_KB || konvaEager) process.exit(1);
