/**
 * Schedules mask exports: debounced after commits (never during a stroke), newest wins.
 * An empty mask is reported as undefined without encoding anything.
 */
import { CanvasPool } from './canvas-pool';
import type { MaskDocument } from './mask-document';
import { blobToDataUrl, exportMaskPng, scanForPaint } from './mask-export';

export interface ExportedMaskUrl {
  dataUrl: string;
  width: number;
  height: number;
  bytes: number;
}

export class MaskExporter {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private version = 0;
  private pool: CanvasPool | undefined;
  private scratch: HTMLCanvasElement | undefined;

  constructor(
    private readonly onResult: (result: ExportedMaskUrl | undefined) => void,
    private readonly delayMs = 200,
  ) {}

  /** Prepares the export canvas for a size while the browser is idle. */
  prepare(width: number, height: number): void {
    if (this.pool && this.pool.width === width && this.pool.height === height) return;
    this.releaseScratch();
    this.pool = new CanvasPool(width, height, 1);
    this.pool.prepareSoon();
  }

  schedule(doc: MaskDocument, delayMs = this.delayMs): void {
    this.version++;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(doc), delayMs);
  }

  /** Forgets pending work (a new image, an unmount). */
  cancel(): void {
    this.version++;
    clearTimeout(this.timer);
  }

  dispose(): void {
    this.cancel();
    this.releaseScratch();
  }

  private releaseScratch(): void {
    if (this.scratch) this.pool?.release(this.scratch);
    this.scratch = undefined;
    this.pool?.dispose();
    this.pool = undefined;
  }

  private async run(doc: MaskDocument): Promise<void> {
    const version = this.version;
    const stale = () => version !== this.version;
    // A stroke in progress is not the mask yet; its commit schedules the next export.
    if (doc.painting) return;
    let coverage = doc.coverage();
    if (coverage === 'unknown') {
      const painted = await scanForPaint(doc.raster.canvas, () => stale() || doc.painting);
      if (painted === undefined) return;
      coverage = painted ? 'some' : 'empty';
    }
    if (coverage === 'empty') {
      this.onResult(undefined);
      return;
    }
    this.prepare(doc.width, doc.height);
    this.scratch ??= this.pool!.acquire();
    const { blob, width, height } = await exportMaskPng(doc.raster.canvas, this.scratch);
    if (stale()) return;
    const dataUrl = await blobToDataUrl(blob);
    if (stale()) return;
    this.onResult({ dataUrl, width, height, bytes: blob.size });
  }
}
