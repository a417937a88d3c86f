/**
 * Sandbox image benchmark (npm run bench:sandbox): how long the twins take to synthesise and
 * encode one picture. Prints median, min and max over RUNS runs per step and size, and the
 * median total against the 300 ms goal for 1024x1024. Figures only; nothing is asserted.
 */
import { encodeJpeg } from '../server/sandbox/jpeg';
import { encodePng } from '../server/sandbox/png';
import { synthesize } from '../server/sandbox/synth';
import type { SynthInput } from '../server/sandbox/synth';

const RUNS = 15;
const WARMUP = 3;
const GOAL_MS = 300;
const PROMPTS = ['a quiet lake at sunset with a lone tree', 'lighthouse at night by the sea', 'snowy mountains and a cabin', 'shoe', 'desert dunes'];

function input(size: number, run: number): SynthInput {
  return {
    provider: 'bench',
    model: 'bench',
    prompt: PROMPTS[run % PROMPTS.length] ?? 'bench',
    negativePrompt: '',
    seed: run,
    width: size,
    height: size,
    sample: 0,
    enhance: run % 2 === 0,
  };
}

function time(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

interface Stats {
  median: number;
  min: number;
  max: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0 };
}

function measure(size: number): Record<string, Stats> {
  const steps: Record<string, number[]> = { synthesis: [], 'PNG encode': [], 'JPEG encode': [], 'total PNG': [], 'total JPEG': [] };
  for (let run = -WARMUP; run < RUNS; run++) {
    const seed = Math.max(run, 0);
    let raster = synthesize(input(size, seed));
    const record = (name: string, ms: number) => run >= 0 && steps[name]?.push(ms);
    record('synthesis', time(() => (raster = synthesize(input(size, seed)))));
    record('PNG encode', time(() => encodePng(raster)));
    record('JPEG encode', time(() => encodeJpeg(raster)));
    record('total PNG', time(() => encodePng(synthesize(input(size, seed)))));
    record('total JPEG', time(() => encodeJpeg(synthesize(input(size, seed)))));
  }
  return Object.fromEntries(Object.entries(steps).map(([name, samples]) => [name, stats(samples)]));
}

const fmt = (ms: number) => ms.toFixed(1).padStart(7);
console.log(`Sandbox image benchmark: ${RUNS} runs after ${WARMUP} warm-up runs, node ${process.version}`);
for (const size of [1024, 512]) {
  const results = measure(size);
  console.log(`\n${size}x${size}            median      min      max   (ms)`);
  for (const [name, s] of Object.entries(results)) console.log(`  ${name.padEnd(14)} ${fmt(s.median)}  ${fmt(s.min)}  ${fmt(s.max)}`);
  if (size === 1024) {
    for (const name of ['total PNG', 'total JPEG']) {
      const median = results[name]?.median ?? 0;
      console.log(`  ${name} median / ${GOAL_MS} ms goal: ${(median / GOAL_MS).toFixed(2)} (${median <= GOAL_MS ? 'within' : 'OVER'} the goal)`);
    }
  }
}
