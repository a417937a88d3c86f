/**
 * Run by hand: `npx tsx scripts/metadata-corpus.ts <dir>`. Reads every image under `<dir>` with
 * the app's metadata reader and prints, per file, how many of the fields in `<dir>/expected.json`
 * came out right (and which did not), then the totals. The directory is an argument: real files
 * from other tools are never part of this repository (the unit tests write their own fixtures).
 *
 * expected.json: `{ "<relative path>": { software, prompt | promptAnyOf, negativePrompt, width,
 * height, model: { name }, sampling: { sampler, scheduler, steps, cfg, seed, denoise } } }`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readImageMetadata } from '../src/lib/metadata/image-metadata';
import type { ReadResult } from '../src/lib/metadata/types';

interface Expected {
  software?: string;
  prompt?: string;
  promptAnyOf?: string[];
  negativePrompt?: string;
  width?: number;
  height?: number;
  model?: { name?: string };
  sampling?: { sampler?: string; scheduler?: string; steps?: number; cfg?: number; seed?: number | string; denoise?: number };
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(png|jpe?g|webp)$/i.test(name) ? [path] : [];
  });
}

/** The software label the corpus uses: the source, and the variant in brackets. */
function software(read: ReadResult): string {
  return read.sourceDetail ? `${read.source} (${read.sourceDetail})` : read.source;
}

/** [field, expected, read] for every field the entry names. */
function checks(e: Expected, r: ReadResult): [string, unknown, unknown][] {
  const s = e.sampling ?? {};
  const rows: [string, unknown, unknown][] = [];
  const add = (name: string, expected: unknown, read: unknown) => {
    if (expected !== undefined) rows.push([name, expected, read]);
  };
  add('software', e.software, software(r));
  if (e.promptAnyOf) rows.push(['prompt', e.promptAnyOf, r.prompt]);
  else add('prompt', e.prompt, r.prompt);
  add('negativePrompt', e.negativePrompt, r.negativePrompt);
  add('width', e.width, r.width);
  add('height', e.height, r.height);
  add('model', e.model?.name, r.model);
  add('sampler', s.sampler, r.sampler);
  add('scheduler', s.scheduler, r.scheduler);
  add('steps', s.steps, r.steps);
  add('cfg', s.cfg, r.cfgScale);
  add('seed', s.seed, typeof s.seed === 'string' ? (r.seedText ?? (r.seed === undefined ? undefined : String(r.seed))) : r.seed);
  add('denoise', s.denoise, r.denoisingStrength);
  return rows;
}

function right(expected: unknown, read: unknown): boolean {
  return Array.isArray(expected) ? expected.includes(read) : expected === read;
}

const short = (v: unknown) => {
  const t = JSON.stringify(v) ?? 'undefined';
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
};

async function main() {
  const dir = process.argv[2];
  if (!dir) {
    console.error('Usage: npx tsx scripts/metadata-corpus.ts <corpus directory holding expected.json>');
    process.exit(2);
  }
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, Expected>;
  let totalRight = 0;
  let total = 0;
  let whole = 0;
  const lines: string[] = [];
  const misses: string[] = [];
  for (const path of files(dir).sort()) {
    const name = relative(dir, path).split('\\').join('/');
    const started = performance.now();
    const read = await readImageMetadata(new Uint8Array(readFileSync(path)));
    const ms = (performance.now() - started).toFixed(0);
    const want = expected[name];
    if (!want) {
      lines.push(`${name.padEnd(48)} ${'-'.padStart(7)}  ${software(read)} (no expected values) ${ms} ms`);
      continue;
    }
    const rows = checks(want, read);
    const ok = rows.filter(([, e, r]) => right(e, r)).length;
    totalRight += ok;
    total += rows.length;
    if (ok === rows.length) whole++;
    lines.push(`${name.padEnd(48)} ${`${ok}/${rows.length}`.padStart(7)}  ${software(read)} ${ms} ms`);
    for (const [field, e, r] of rows) if (!right(e, r)) misses.push(`  ${name} ${field}: expected ${short(e)}, read ${short(r)}`);
  }
  console.log(`${'file'.padEnd(48)} ${'right'.padStart(7)}  read as`);
  console.log(lines.join('\n'));
  if (misses.length) console.log(`\nWrong or missing:\n${misses.join('\n')}`);
  const pct = total ? ((100 * totalRight) / total).toFixed(1) : '0';
  console.log(`\n${totalRight} of ${total} fields right (${pct} %), ${whole} of ${Object.keys(expected).length} files read whole`);
  if (totalRight !== total) process.exitCode = 1;
}

void main();
