/**
 * Schedules mask exports: debounced after commits (never during a stroke), newest wins.
 * An empty mask is reported as undefined without encoding anything. The mask is drawn at full
 * size and encoded in the mask Worker (`mask-export.ts`): the main thread only posts the operations
 * and gets the PNG's Blob back. Nothing turns it into a data URL (a 12-megapixel mask's base64,
 * there and back, was one 50 ms task); the preview shows it through an object URL.
 */
import type { MaskDocument } from './mask-document';
import type { Rect } from '../../lib/inpaint/types';
import { clampBox } from '../../lib/inpaint/mask-box';
import type { BoxRgba } from '../../lib/inpaint/mask-box';
import { exportFullMask } from './mask-export';
import type { ExportedMask } from './mask-png';

export interface ExportedMaskFile {
  /** The PNG as sent. */
  blob: Blob;
  /** An object URL of `blob` for the preview, revoked a few exports later (`PREVIEW_URLS`). */
  url: string;
  width: number;
  height: number;
  bytes: number;
  /** A box holding every painted pixel (`MaskDocument.paintedBox`): null when none, undefined when unknown. */
  box: Rect | null | undefined;
  /** The box's pixels as encoded (`readMaskAhead` keeps them instead of decoding the PNG), when not too large. */
  pixels?: BoxRgba;
}

/** Preview URLs kept alive: the newest is shown; the few before it may still be read (a test compares two). */
const PREVIEW_URLS = 4;

export class MaskExporter {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private version = 0;
  /** The document and its version last reported; nothing scheduled since. Generate's flush then has nothing to do. */
  private reported: { doc: MaskDocument; version: number } | undefined;
  private readonly urls: string[] = [];

  constructor(
    private readonly onResult: (result: ExportedMaskFile | undefined) => void,
    private readonly delayMs = 200,
  ) {}

  schedule(doc: MaskDocument, delayMs = this.delayMs): void {
    this.version++;
    this.reported = undefined;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(doc), delayMs);
  }

  /** Exports now, whatever is scheduled (Generate must send the mask on screen); resolves once reported. */
  flush(doc: MaskDocument): Promise<void> {
    // Already reported as it is now: encoding a 50-megapixel mask again would only cost time.
    if (this.reported?.doc === doc && this.reported.version === doc.version && !doc.painting) return Promise.resolve();
    this.version++;
    clearTimeout(this.timer);
    return this.run(doc);
  }

  /** Forgets pending work (a new image, an unmount). */
  cancel(): void {
    this.version++;
    this.reported = undefined;
    clearTimeout(this.timer);
  }

  dispose(): void {
    this.cancel();
    for (const url of this.urls.splice(0)) URL.revokeObjectURL(url);
  }

  /** The mask as a PNG now, at the image's size (drawn and encoded in the mask Worker). */
  async encode(doc: MaskDocument): Promise<ExportedMask> {
    const { blob } = await exportFullMask(doc, false);
    return { blob: blob!, width: doc.width, height: doc.height };
  }

  private async run(doc: MaskDocument): Promise<void> {
    const version = this.version;
    const docVersion = doc.version;
    const stale = () => version !== this.version;
    // A stroke in progress is not the mask yet; its commit schedules the next export.
    if (doc.painting) return;
    const coverage = doc.coverage();
    const reportEmpty = () => {
      this.onResult(undefined);
      this.reported = { doc, version: docVersion };
    };
    if (coverage === 'empty') return reportEmpty();
    const { width, height } = doc;
    // The box from the same operations the export reads now.
    const box = doc.paintedBox();
    const rect = box ? (clampBox(box, { width, height }) ?? undefined) : undefined;
    // After erasing or inverting, only the pixels can tell whether anything is painted: the Worker looks.
    const { blob, boxPixels } = await exportFullMask(doc, coverage === 'unknown', 'png', rect);
    if (stale()) return;
    if (!blob) return reportEmpty();
    const pixels = rect && boxPixels ? { width, height, rect, data: boxPixels } : undefined;
    const url = URL.createObjectURL(blob);
    this.urls.push(url);
    while (this.urls.length > PREVIEW_URLS) URL.revokeObjectURL(this.urls.shift()!);
    this.onResult({ blob, url, width, height, bytes: blob.size, box, pixels });
    this.reported = { doc, version: docVersion };
  }
}
