/**
 * The display raster in tiles (`mask-raster.ts`): a canvas's first draw allocates and clears all
 * its pixels at once, and for a 2560×1920 raster that was one 70–100 ms task on the first stamp
 * of the first stroke (and again when the stage first drew the blank raster). Tiles are made
 * when something is first drawn into them, so a stroke in a corner makes one or two small ones.
 * Pure arithmetic: which tiles a rectangle touches, and where each tile sits.
 */

/** Tile side in display pixels: a tile is 1 MB, made in a few milliseconds. */
export const TILE_SIDE = 512;

export interface TileRect {
  /** Index in the grid, row by row. */
  index: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export class TileGrid {
  readonly columns: number;
  readonly rows: number;

  constructor(
    readonly width: number,
    readonly height: number,
    readonly side = TILE_SIDE,
  ) {
    this.columns = Math.max(1, Math.ceil(width / side));
    this.rows = Math.max(1, Math.ceil(height / side));
  }

  get count(): number {
    return this.columns * this.rows;
  }

  /** Where tile `index` sits (the last column and row are cut to the raster's size). */
  rect(index: number): TileRect {
    const col = index % this.columns;
    const row = Math.floor(index / this.columns);
    const x = col * this.side;
    const y = row * this.side;
    return { index, x, y, width: Math.min(this.side, this.width - x), height: Math.min(this.side, this.height - y) };
  }

  /** The indices of the tiles a rectangle (display pixels, any values) overlaps; none when it is off the raster or empty. */
  touching(left: number, top: number, right: number, bottom: number): number[] {
    const x0 = Math.max(0, left);
    const y0 = Math.max(0, top);
    const x1 = Math.min(this.width, right);
    const y1 = Math.min(this.height, bottom);
    if (x1 <= x0 || y1 <= y0) return [];
    const c0 = Math.floor(x0 / this.side);
    const c1 = Math.ceil(x1 / this.side) - 1;
    const r0 = Math.floor(y0 / this.side);
    const r1 = Math.ceil(y1 / this.side) - 1;
    const out: number[] = [];
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) out.push(r * this.columns + c);
    return out;
  }
}
