/** The grid's geometry: as many columns of at least MIN_TILE px as fit. Pure. */

export const MIN_TILE = 168;
export const GAP = 12;
/** The caption under each thumbnail (seed, endpoint). */
export const CAPTION = 46;
/** Rows rendered above and below the visible ones. */
export const GRID_OVERSCAN_ROWS = 2;

export interface GridLayout {
  columns: number;
  tileWidth: number;
  /** Row pitch: tile + caption + gap. */
  rowHeight: number;
}

/** `width`: the scroll container's inner width; the grid has GAP padding on both sides. */
export function gridLayout(width: number): GridLayout {
  const inner = Math.max(0, width - 2 * GAP);
  const columns = Math.max(1, Math.floor((inner + GAP) / (MIN_TILE + GAP)));
  const tileWidth = Math.max(0, (inner - GAP * (columns - 1)) / columns);
  return { columns, tileWidth, rowHeight: Math.round(tileWidth + CAPTION + GAP) };
}
