/**
 * Schedules mask exports: debounced after commits (never during a stroke), newest wins.
 * An empty mask is reported as undefined without encoding anything. The mask is drawn at full
 * size and encoded in the mask Worker (`mask-export.ts`): the main thread only posts the operations.
 */
import type { MaskDocument } from './mask-document';
import { blobToDataUrl } from '../../lib/data-url';
import { rememberMaskBox } from '../../lib/inpaint/mask-hints';
import { exportFullMask } from './mask-export';
import type { ExportedMask } from './mask-png';

export interface ExportedMaskUrl {
  dataUrl: string;
  width: number;
  height: number;
  bytes: number;
}

export class MaskExporter {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private version = 0;
  /** The document and its version last reported; nothing scheduled since. Generate's flush then has nothing to do. */
  private reported: { doc: MaskDocument; version: number } | undefined;

  constructor(
    private readonly onResult: (result: ExportedMaskUrl | undefined) => void,
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
    // After erasing or inverting, only the pixels can tell whether anything is painted: the Worker looks.
    const { blob } = await exportFullMask(doc, coverage === 'unknown');
    if (stale()) return;
    if (!blob) return reportEmpty();
    const { width, height } = doc;
    const dataUrl = await blobToDataUrl(blob);
    if (stale()) return;
    const box = doc.version === docVersion ? doc.paintedBox() : undefined;
    if (box !== undefined) rememberMaskBox(dataUrl, box);
    this.onResult({ dataUrl, width, height, bytes: blob.size });
    this.reported = { doc, version: docVersion };
  }
}
