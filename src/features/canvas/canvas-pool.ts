/**
 * Full-size scratch canvases (snapshots, the export canvas) are expensive to create: the
 * first draw into a fresh 2048×2048 canvas costs 10–40 ms. The pool keeps released ones and
 * prepares a spare while the browser is idle, so a stroke end never pays for an allocation.
 */

export function createCanvas(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

export function context2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser could not create a 2D canvas.');
  return ctx;
}

/** Frees a canvas's pixels now rather than at garbage collection. */
export function releaseCanvasMemory(canvas: HTMLCanvasElement): void {
  canvas.width = 0;
  canvas.height = 0;
}

type IdleHandle = { cancel(): void };

function whenIdle(fn: () => void): IdleHandle {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout: 2000 });
    return { cancel: () => cancelIdleCallback(id) };
  }
  const id = setTimeout(fn, 200);
  return { cancel: () => clearTimeout(id) };
}

export class CanvasPool {
  private free: HTMLCanvasElement[] = [];
  private idle: IdleHandle | undefined;
  private disposed = false;

  constructor(
    readonly width: number,
    readonly height: number,
    /** How many ready canvases to keep in reserve. */
    private readonly spares = 1,
  ) {}

  acquire(): HTMLCanvasElement {
    const canvas = this.free.pop() ?? this.make();
    this.prepareSoon();
    return canvas;
  }

  release(canvas: HTMLCanvasElement): void {
    if (this.disposed || this.free.length >= this.spares + 1) releaseCanvasMemory(canvas);
    else this.free.push(canvas);
  }

  /** Allocates and touches spares while the browser is idle. */
  prepareSoon(): void {
    if (this.idle || this.disposed || this.free.length >= this.spares) return;
    this.idle = whenIdle(() => {
      this.idle = undefined;
      if (this.disposed) return;
      while (this.free.length < this.spares) this.free.push(this.make());
    });
  }

  dispose(): void {
    this.disposed = true;
    this.idle?.cancel();
    this.free.forEach(releaseCanvasMemory);
    this.free = [];
  }

  private make(): HTMLCanvasElement {
    const canvas = createCanvas(this.width, this.height);
    // Touch the pixels so the backing store exists before it is needed.
    const ctx = context2d(canvas);
    ctx.clearRect(0, 0, 1, 1);
    ctx.getImageData(0, 0, 1, 1);
    return canvas;
  }
}
