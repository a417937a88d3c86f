/**
 * The bench page's instruments, for bench/gallery.bench.ts and the
 * screenshot script. main.js mounts the real GalleryView (it is plain JS so
 * the Node-side type check of bench/ never has to compile JSX).
 */
import { liveObjectUrlCount } from '../../src/job-store/object-urls';
import { galleryStore } from '../../src/job-store/store';
import { seedGallery } from './seed-records';

/** Renders the gallery afresh; returns performance.now() from just before. */
export type Mount = () => number;

const events: string[] = [];
let mount: Mount = () => {
  throw new Error('installBench was not called');
};

function frames(n = 2): Promise<void> {
  return new Promise((resolve) => {
    const step = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
    step(n);
  });
}

function scroller(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-gallery-scroll]');
}

function visibleTiles(): HTMLElement[] {
  const box = scroller()?.getBoundingClientRect();
  if (!box) return [];
  return [...document.querySelectorAll<HTMLElement>('[data-gallery-tile]')].filter((t) => {
    const r = t.getBoundingClientRect();
    return r.bottom > box.top && r.top < box.bottom;
  });
}

/** Of the visible tiles that have a stored image, the share whose thumbnail is loaded (0–1; 1 when none has one). */
function shownShare(): number {
  const withImage = visibleTiles().filter((t) => t.querySelector('[data-thumb], [data-thumb-pending]'));
  if (withImage.length === 0) return 1;
  return withImage.filter((t) => t.querySelector<HTMLImageElement>('img[data-thumb]')?.complete).length / withImage.length;
}

function meanOf(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

/** Visible tiles are all painted: no placeholder left, every thumbnail loaded and decoded. */
async function visibleSettled(): Promise<boolean> {
  const tiles = visibleTiles();
  if (tiles.length === 0) return false;
  if (tiles.some((t) => t.querySelector('[data-thumb-pending]'))) return false;
  const imgs = tiles.flatMap((t) => [...t.querySelectorAll('img')]);
  if (!imgs.every((img) => img.complete && img.naturalWidth > 0)) return false;
  await Promise.all(imgs.map((img) => img.decode().catch(() => undefined)));
  return true;
}

async function untilSettled(timeoutMs = 20_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!(await visibleSettled())) {
    if (performance.now() > end) throw new Error('the grid did not settle');
    await frames(1);
  }
}

/** Columns and row pitch, read from the DOM. */
function layout() {
  const rows = [...document.querySelectorAll<HTMLElement>('[data-gallery-scroll] [role="none"]')];
  const ys = rows.map((r) => new DOMMatrix(getComputedStyle(r).transform).m42).sort((a, b) => a - b);
  const pitch = ys.length > 1 ? ys[1]! - ys[0]! : 0;
  return { columns: rows[0]?.children.length ?? 0, rowPitch: pitch, viewport: scroller()?.clientHeight ?? 0 };
}

const bench = {
  events,
  seed: (count: number, mixed = false) => seedGallery(count, { mixed }),
  clear: () => galleryStore().clearAll(),
  liveObjectUrlCount,
  frames,
  layout,

  /** Mounts the gallery; ms until the first screen of thumbnails is decoded and painted. */
  async firstPaint(): Promise<{ ms: number; tiles: number; imgs: number }> {
    const t0 = mount();
    await untilSettled();
    await frames(2);
    const tiles = visibleTiles();
    return { ms: performance.now() - t0, tiles: tiles.length, imgs: tiles.filter((t) => t.querySelector('img')).length };
  },

  mount: () => mount(),

  /**
   * Saves a new job with a 1024×768 PNG through the app's store, as the jobs
   * code does: the browser thumbnail maker runs, and the open gallery should
   * show the job on its own (change notice → re-read).
   */
  async saveThroughStore(): Promise<{ thumbType: string; thumbSize: [number, number]; image: [number, number]; thumbBytes: number; imageBytes: number }> {
    const canvas = new OffscreenCanvas(1024, 768);
    const ctx = canvas.getContext('2d')!;
    const g = ctx.createRadialGradient(512, 384, 10, 512, 384, 600);
    g.addColorStop(0, '#fde68a');
    g.addColorStop(1, '#1e3a8a');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, 1024, 768);
    const png = await canvas.convertToBlob({ type: 'image/png' });
    const store = galleryStore();
    const now = Date.now();
    const id = crypto.randomUUID();
    await store.putJob({
      version: 2,
      starred: false,
      id,
      createdAt: now,
      updatedAt: now,
      mode: 'sandbox',
      provider: 'segmind',
      endpointId: 'segmind/sd1.5-dreamshaper',
      params: { prompt: 'saved through the store', seed: 4242, init_image: `data:image/png;base64,${'A'.repeat(4000)}` },
      seed: 4242,
      status: 'sending',
      timings: { submittedAt: now },
      images: [],
    });
    const image = await store.saveImage(id, { blob: png, mime: 'image/png', seed: 4242 });
    await store.updateJob(id, { status: 'done', timings: { submittedAt: now, finishedAt: Date.now(), latencyMs: 321 } });
    const thumb = (await store.getThumbBlob(image.id))!;
    const bitmap = await createImageBitmap(thumb);
    return {
      thumbType: thumb.type,
      thumbSize: [bitmap.width, bitmap.height],
      image: [image.width ?? 0, image.height ?? 0],
      thumbBytes: thumb.size,
      imageBytes: png.size,
    };
  },

  /** Makes the next write of job `id` fail as a full disk would; the gallery should show its alert. */
  async simulateStorageFull(id: string): Promise<string> {
    const real = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      await galleryStore().updateJob(id, { status: 'done' });
      return 'written';
    } catch (error) {
      return error instanceof Error ? error.name : String(error);
    } finally {
      IDBObjectStore.prototype.put = real;
    }
  },

  /**
   * Scrolls `pxPerFrame` every frame for `count` frames (2,400 px/s at 40 px: brisk wheel
   * scrolling) without touching the DOM in between; frame intervals.
   */
  async scrollSmooth(pxPerFrame: number, count: number) {
    const el = scroller()!;
    el.scrollTop = 0;
    await frames(3);
    const intervals: number[] = [];
    const shown: number[] = [];
    let last = performance.now();
    for (let i = 0; i < count; i++) {
      el.scrollTop += pxPerFrame;
      await frames(1);
      const now = performance.now();
      intervals.push(now - last);
      last = now;
      // Every tenth frame: how much of the screen shows its thumbnails (it reads the layout, so not every frame).
      if (i % 10 === 9) shown.push(shownShare());
    }
    intervals.sort((a, b) => a - b);
    const pct = (p: number) => intervals[Math.min(intervals.length - 1, Math.floor(p * intervals.length))] ?? 0;
    return { median: pct(0.5), p95: pct(0.95), over50: intervals.filter((x) => x > 50).length, frames: count, shown: meanOf(shown) };
  },

  /** Scrolls `pxPerFrame` every frame for `ms`, from where the grid is (for screenshots taken while it runs). */
  async fling(pxPerFrame: number, ms: number): Promise<void> {
    const el = scroller()!;
    const end = performance.now() + ms;
    while (performance.now() < end) {
      el.scrollTop += pxPerFrame;
      await frames(1);
    }
  },

  /** The frame interval with nothing to do, for reading the scrolling figures on a busy machine. */
  async idleFrames(count = 60): Promise<number> {
    const intervals: number[] = [];
    let last = performance.now();
    for (let i = 0; i < count; i++) {
      await frames(1);
      const now = performance.now();
      intervals.push(now - last);
      last = now;
    }
    intervals.sort((a, b) => a - b);
    return intervals[Math.floor(intervals.length / 2)] ?? 0;
  },

  /** Scrolls top to bottom in steps; the DOM and object URL counts along the way. */
  async scrollThrough(step: number) {
    // The first screen comes from the newest jobs; wait for the whole list (the count shows when it is in).
    const end = performance.now() + 20_000;
    while (!/\d+ images? in \d+ jobs?/.test(document.body.textContent ?? '')) {
      if (performance.now() > end) throw new Error('the whole list never loaded');
      await frames(1);
    }
    await frames(2);
    const el = scroller()!;
    const seen = { maxImgs: 0, maxTiles: 0, maxUrls: 0, maxVisible: 0, steps: 0 };
    const shown: number[] = [];
    const intervals: number[] = [];
    let last = performance.now();
    for (let top = 0; top <= el.scrollHeight - el.clientHeight + step; top += step) {
      el.scrollTop = top;
      await frames(1);
      const now = performance.now();
      intervals.push(now - last);
      last = now;
      seen.steps++;
      seen.maxImgs = Math.max(seen.maxImgs, document.querySelectorAll('img').length);
      seen.maxTiles = Math.max(seen.maxTiles, document.querySelectorAll('[data-gallery-tile]').length);
      seen.maxVisible = Math.max(seen.maxVisible, visibleTiles().length);
      seen.maxUrls = Math.max(seen.maxUrls, liveObjectUrlCount());
      shown.push(shownShare());
    }
    await new Promise((r) => setTimeout(r, 300));
    const atBottom = { imgs: document.querySelectorAll('img').length, urls: liveObjectUrlCount() };
    el.scrollTop = 0;
    await untilSettled();
    await new Promise((r) => setTimeout(r, 300));
    const backAtTop = { imgs: document.querySelectorAll('img').length, tiles: document.querySelectorAll('[data-gallery-tile]').length, urls: liveObjectUrlCount() };
    intervals.sort((a, b) => a - b);
    const pct = (p: number) => intervals[Math.min(intervals.length - 1, Math.floor(p * intervals.length))] ?? 0;
    return { ...seen, shown: meanOf(shown), atBottom, backAtTop, frameMs: { median: pct(0.5), p95: pct(0.95), max: pct(1), over50: intervals.filter((x) => x > 50).length } };
  },
};

export type GalleryBench = typeof bench;

declare global {
  interface Window {
    galleryBench: GalleryBench;
  }
}

/** Exposes the instruments as window.galleryBench; `events` collects what the gallery's callbacks received. */
export function installBench(mountGallery: Mount): string[] {
  mount = mountGallery;
  window.galleryBench = bench;
  return events;
}
