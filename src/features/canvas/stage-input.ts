/**
 * The stage's DOM input: pointer, wheel, Space and scroll events turned into tool input in stage
 * pixels (PointerRouter), and what the brush cursor needs to know (hovering, Space held, the last
 * pointer). The stage's position is read again at the next pointer event after a scroll, not on
 * every scroll event (each read would force a layout while the results column scrolls).
 */
import { isButtonLike, isTextEntry } from './dom-targets';
import { effectivePressure } from './stroke-geometry';
import type { PointerRouter } from './tools/pointer-router';
import type { PointerInput, PointerSample } from './tools/tool-types';
import { wheelZoomFactor } from '../../lib/zoom-view';

export interface StageInputDeps {
  router: PointerRouter;
  /** Something the cursor depends on changed. */
  changed(): void;
  hasImage(): boolean;
  /** Zoom by `factor` about (x, y), stage pixels. */
  wheel(factor: number, x: number, y: number): void;
  resize(width: number, height: number): void;
}

export class StageInput {
  space = false;
  hovering = false;
  lastPointer: { x: number; y: number; type: string } | undefined;
  private rect: DOMRect;
  /** A scroll moved the stage: `rect` is read again at the next pointer event. */
  private rectStale = false;
  private readonly cleanups: Array<() => void> = [];

  constructor(
    private readonly el: HTMLDivElement,
    private readonly deps: StageInputDeps,
  ) {
    this.rect = el.getBoundingClientRect();
    this.bind();
  }

  measure(): void {
    this.rect = this.el.getBoundingClientRect();
    this.rectStale = false;
  }

  destroy(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  private toInput(e: PointerEvent, coalesced: boolean): PointerInput {
    if (this.rectStale) this.measure();
    const { left, top } = this.rect;
    let events: PointerEvent[] = [e];
    if (coalesced && typeof e.getCoalescedEvents === 'function') {
      const list = e.getCoalescedEvents();
      if (list.length) events = list;
    }
    const samples: PointerSample[] = events.map((c) => ({
      x: c.clientX - left,
      y: c.clientY - top,
      pressure: effectivePressure(e.pointerType, c.pressure),
    }));
    return { id: e.pointerId, type: e.pointerType, button: e.button, x: e.clientX - left, y: e.clientY - top, samples };
  }

  private bind(): void {
    const el = this.el;
    const on = <K extends keyof HTMLElementEventMap>(type: K, fn: (e: HTMLElementEventMap[K]) => void, opts?: AddEventListenerOptions) => {
      el.addEventListener(type, fn as EventListener, opts);
      this.cleanups.push(() => el.removeEventListener(type, fn as EventListener, opts));
    };
    const onWindow = <K extends keyof WindowEventMap>(type: K, fn: (e: WindowEventMap[K]) => void) => {
      window.addEventListener(type, fn as EventListener);
      this.cleanups.push(() => window.removeEventListener(type, fn as EventListener));
    };

    on('pointerdown', (e) => {
      if (e.button === 2) return;
      this.measure();
      if (e.pointerType !== 'touch') e.preventDefault();
      if (document.activeElement !== el && el.tabIndex >= 0) el.focus({ preventScroll: true });
      try {
        el.setPointerCapture(e.pointerId);
      } catch {
        // A synthetic or already-released pointer cannot be captured; input still works.
      }
      this.deps.router.down(this.toInput(e, false));
      this.deps.changed();
    });
    on('pointermove', (e) => {
      const input = this.toInput(e, true);
      this.lastPointer = { x: input.x, y: input.y, type: e.pointerType };
      this.deps.router.move(input);
      this.deps.changed();
    });
    on('pointerup', (e) => {
      this.deps.router.up(this.toInput(e, false));
      this.deps.changed();
    });
    on('pointercancel', (e) => {
      this.deps.router.cancel(this.toInput(e, false));
      this.deps.changed();
    });
    on('lostpointercapture', (e) => {
      // Capture lost without a pointerup (the element moved, the window lost focus…): finish.
      if (this.deps.router.state !== 'idle') this.deps.router.up(this.toInput(e, false));
    });
    on('pointerenter', (e) => {
      this.hovering = true;
      this.measure();
      this.lastPointer = { x: e.clientX - this.rect.left, y: e.clientY - this.rect.top, type: e.pointerType };
      this.deps.changed();
    });
    on('pointerleave', () => {
      this.hovering = false;
      this.deps.changed();
    });
    on('contextmenu', (e) => e.preventDefault());
    on(
      'wheel',
      (e) => {
        if (!this.deps.hasImage()) return;
        e.preventDefault();
        this.measure();
        this.deps.wheel(wheelZoomFactor(e.deltaY, e.deltaMode, e.ctrlKey), e.clientX - this.rect.left, e.clientY - this.rect.top);
      },
      { passive: false },
    );
    onWindow('keydown', (e) => {
      if (e.code !== 'Space' || e.repeat || isTextEntry(e.target)) return;
      if (!this.hovering && document.activeElement !== el) return;
      if (isButtonLike(e.target)) return;
      e.preventDefault();
      this.space = true;
      this.deps.changed();
    });
    onWindow('keyup', (e) => {
      if (e.code !== 'Space' || !this.space) return;
      this.space = false;
      this.deps.changed();
    });
    onWindow('blur', () => {
      this.space = false;
      this.deps.router.interrupt('blur');
      this.deps.changed();
    });
    // Any scrolling ancestor moves the stage: capture catches scroll events that do not bubble.
    const onScroll = () => {
      this.rectStale = true;
    };
    document.addEventListener('scroll', onScroll, { capture: true, passive: true });
    this.cleanups.push(() => document.removeEventListener('scroll', onScroll, { capture: true }));

    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box) this.deps.resize(Math.round(box.width), Math.round(box.height));
    });
    observer.observe(el);
    this.cleanups.push(() => observer.disconnect());
  }
}
