/**
 * The rectangle or lasso in progress, drawn over the stage as SVG in screen pixels (a dashed
 * outline, dark under light so it shows on any picture). It is only a preview: the mask gets
 * the shape's pixels when it closes. Redrawn when the view changes, so zooming mid-shape works.
 */
import type { Point } from './shape-geometry';
import type { View } from './view-transform';

export type ShapePreview = { kind: 'rect'; a: Point; b: Point } | { kind: 'path'; points: readonly Point[]; cursor?: Point };

const SVG = 'http://www.w3.org/2000/svg';

export class ShapeOverlay {
  private readonly svg: SVGSVGElement;
  private readonly under: SVGPathElement;
  private readonly over: SVGPathElement;
  private readonly band: SVGPathElement;
  private readonly bandUnder: SVGPathElement;
  private readonly start: SVGCircleElement;
  private shape: ShapePreview | undefined;

  constructor(container: HTMLElement) {
    this.svg = document.createElementNS(SVG, 'svg');
    this.svg.setAttribute('aria-hidden', 'true');
    Object.assign(this.svg.style, { position: 'absolute', inset: '0', width: '100%', height: '100%', pointerEvents: 'none', display: 'none', overflow: 'visible' });
    const path = (stroke: string, dash?: string, width = '1.5') => {
      const p = document.createElementNS(SVG, 'path');
      p.setAttribute('fill', 'none');
      p.setAttribute('stroke', stroke);
      p.setAttribute('stroke-width', width);
      p.setAttribute('stroke-linejoin', 'round');
      if (dash) p.setAttribute('stroke-dasharray', dash);
      this.svg.appendChild(p);
      return p;
    };
    this.under = path('rgba(0,0,0,0.85)', undefined, '3');
    this.over = path('#fbbf24', '6 4');
    this.bandUnder = path('rgba(0,0,0,0.6)', undefined, '2.5');
    this.band = path('#fbbf24', '3 3', '1.25');
    this.start = document.createElementNS(SVG, 'circle');
    this.start.setAttribute('r', '5');
    this.start.setAttribute('fill', 'rgba(251,191,36,0.35)');
    this.start.setAttribute('stroke', '#fbbf24');
    this.svg.appendChild(this.start);
    container.appendChild(this.svg);
  }

  show(shape: ShapePreview | undefined, view: View): void {
    this.shape = shape;
    this.render(view);
  }

  render(view: View): void {
    const shape = this.shape;
    if (!shape) {
      this.svg.style.display = 'none';
      return;
    }
    const at = (p: Point) => `${(p.x * view.scale + view.x).toFixed(1)} ${(p.y * view.scale + view.y).toFixed(1)}`;
    let d = '';
    let band = '';
    let first: Point | undefined;
    if (shape.kind === 'rect') {
      const { a, b } = shape;
      d = `M${at(a)} L${at({ x: b.x, y: a.y })} L${at(b)} L${at({ x: a.x, y: b.y })} Z`;
    } else if (shape.points.length) {
      first = shape.points[0]!;
      d = shape.points.map((p, i) => `${i ? 'L' : 'M'}${at(p)}`).join(' ');
      if (shape.cursor) band = `M${at(shape.points[shape.points.length - 1]!)} L${at(shape.cursor)} L${at(first)}`;
    }
    this.under.setAttribute('d', d);
    this.over.setAttribute('d', d);
    this.band.setAttribute('d', band);
    this.bandUnder.setAttribute('d', band);
    this.start.style.display = first ? '' : 'none';
    if (first) {
      this.start.setAttribute('cx', String(first.x * view.scale + view.x));
      this.start.setAttribute('cy', String(first.y * view.scale + view.y));
    }
    this.svg.style.display = 'block';
  }

  destroy(): void {
    this.svg.remove();
  }
}
