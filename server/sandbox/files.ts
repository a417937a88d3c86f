/** In-memory store of generated files (/sandbox/files/<name>), least recently used first out. */

export interface StoredFile {
  bytes: Uint8Array;
  contentType: string;
  /** Epoch ms from which the file is served (queued ModelsLab jobs publish their files late). */
  availableAt: number;
}

export const CONTENT_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  base64: 'text/plain; charset=utf-8',
};

export class FileStore {
  private readonly files = new Map<string, StoredFile>();
  private bytes = 0;

  constructor(
    readonly maxFiles = 500,
    readonly maxBytes = 200 * 1024 * 1024,
  ) {}

  put(name: string, bytes: Uint8Array, availableAt = 0): void {
    const extension = name.slice(name.lastIndexOf('.') + 1);
    const contentType = CONTENT_TYPES[extension];
    if (!contentType) throw new Error(`FileStore: unsupported file type .${extension}`);
    this.delete(name);
    this.files.set(name, { bytes, contentType, availableAt });
    this.bytes += bytes.byteLength;
    for (const [oldest] of this.files) {
      if (this.files.size <= this.maxFiles && this.bytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  /** The file if it exists and is already published; marks it as recently used. */
  get(name: string, now = Date.now()): StoredFile | undefined {
    const file = this.files.get(name);
    if (!file || file.availableAt > now) return undefined;
    this.files.delete(name);
    this.files.set(name, file);
    return file;
  }

  get size(): number {
    return this.files.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  private delete(name: string): void {
    const file = this.files.get(name);
    if (!file) return;
    this.bytes -= file.bytes.byteLength;
    this.files.delete(name);
  }
}
