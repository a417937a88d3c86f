/**
 * Where the renderer's memory peaks (bench/photos/flow.ts): samples the resident size of the
 * browser's renderer processes from /proc every few milliseconds, and reports the highest sample in
 * each phase of the flow. A peak that the whole-run high-water mark (VmHWM) only shows as one
 * number is then placed in load, editing, Generate → shown, or shown → stored. Linux only; elsewhere
 * every figure is NaN.
 *
 * The sampler runs in the bench's Node process, so it sees the page's Workers too (they live in the
 * renderer), and it reads nothing but /proc.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';

export type Phase = 'load' | 'edit' | 'generate' | 'store';
export const PHASES: readonly Phase[] = ['load', 'edit', 'generate', 'store'];

/** The renderer processes' ids, as the browser reports them. */
async function rendererPids(browser: Browser): Promise<number[]> {
  try {
    const cdp = await browser.newBrowserCDPSession();
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; id: number }> };
    await cdp.detach();
    return processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
  } catch {
    return [];
  }
}

/** Resident size of a process in MB, or 0 when it is gone or /proc cannot be read. */
function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export interface MemorySampler {
  /** From now on, samples count for this phase. */
  phase(p: Phase): void;
  /** Stops sampling; the highest renderer resident size (MB) seen in each phase. */
  stop(): Record<Phase, number>;
}

/**
 * Starts sampling every `everyMs` (a timer in this process, so a busy machine samples less
 * often: the figures are a lower bound of the true peak, which VmHWM gives for the whole run).
 */
export async function sampleRendererMemory(browser: Browser, everyMs = 10): Promise<MemorySampler> {
  const pids = await rendererPids(browser);
  const peaks: Record<Phase, number> = { load: NaN, edit: NaN, generate: NaN, store: NaN };
  let current: Phase | undefined;
  const sample = () => {
    if (!current || !pids.length) return;
    const mb = Math.max(...pids.map(rssMb));
    if (!(mb <= peaks[current])) peaks[current] = Number.isNaN(peaks[current]) ? mb : Math.max(peaks[current], mb);
  };
  const timer = setInterval(sample, everyMs);
  return {
    phase(p) {
      sample();
      current = p;
      sample();
    },
    stop() {
      sample();
      clearInterval(timer);
      return { ...peaks };
    },
  };
}
