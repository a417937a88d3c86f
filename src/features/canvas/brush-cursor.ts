/** The brush outline that follows the pointer over the stage: a circle of the brush's size on screen, white over black. */
export class BrushCursor {
  private readonly el: HTMLDivElement;

  constructor(container: HTMLElement) {
    this.el = document.createElement('div');
    this.el.setAttribute('aria-hidden', 'true');
    Object.assign(this.el.style, {
      position: 'absolute',
      left: '0',
      top: '0',
      pointerEvents: 'none',
      borderRadius: '9999px',
      border: '1px solid rgba(255,255,255,0.95)',
      boxShadow: '0 0 0 1px rgba(0,0,0,0.8), inset 0 0 0 1px rgba(0,0,0,0.5)',
      display: 'none',
      willChange: 'transform',
    });
    container.appendChild(this.el);
  }

  /** Shows a circle of `diameter` CSS pixels centred on (x, y), or hides it. */
  show(at: { x: number; y: number } | undefined, diameter: number): void {
    if (!at) {
      this.el.style.display = 'none';
      return;
    }
    const d = Math.max(4, diameter);
    this.el.style.display = 'block';
    this.el.style.width = `${d}px`;
    this.el.style.height = `${d}px`;
    this.el.style.transform = `translate(${at.x - d / 2}px, ${at.y - d / 2}px)`;
  }

  destroy(): void {
    this.el.remove();
  }
}
