/**
 * The virtualized grid: rows of as many tiles as fit, only the rows in view
 * (plus a little overscan) in the DOM, arrow keys to move between tiles.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Virtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent, RefObject } from 'react';
import { GalleryTile } from './gallery-tile';
import type { GalleryTile as Tile } from './gallery-tiles';
import { GAP, GRID_OVERSCAN_ROWS, gridLayout } from './grid-layout';
import { createScrollPace } from './scroll-pace';

function useSize(ref: RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const read = () =>
      setSize((was) => (was.width === el.clientWidth && was.height === el.clientHeight ? was : { width: el.clientWidth, height: el.clientHeight }));
    read();
    const observer = new ResizeObserver(read);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

/**
 * Whether the grid is scrolling fast (see scroll-pace.ts); changes at most twice per gesture.
 * Fed by the virtualizer's own change callback: it has read the offset already, where a scroll
 * listener of ours would read scrollTop after the virtualizer's re-render and force a layout.
 */
function useFastScroll(viewport: number) {
  const [fast, setFast] = useState(false);
  const [pace] = useState(createScrollPace);
  const onChange = useCallback(
    (instance: Virtualizer<HTMLDivElement, Element>) => {
      if (!instance.isScrolling) {
        pace.settle();
        setFast(false);
        return;
      }
      const offset = instance.scrollOffset ?? 0;
      if (offset !== pace.lastTop) setFast(pace.sample(offset, performance.now(), viewport));
    },
    [pace, viewport],
  );
  return { fast, onChange };
}

interface GridRowProps {
  tiles: Tile[];
  /** Index of the row's first tile. */
  start: number;
  top: number;
  columns: number;
  rowHeight: number;
  deferThumbs: boolean;
  onOpen(tile: Tile): void;
  onStar(jobId: string, starred: boolean): void;
}

/**
 * Whether a row would render the same: its own tiles (the same objects, see toTiles), place and
 * callbacks. A search or filter gives a new list of tiles; a row whose tiles it left in place
 * does not render again.
 */
function sameRow(a: GridRowProps, b: GridRowProps): boolean {
  if (a.start !== b.start || a.top !== b.top || a.columns !== b.columns || a.rowHeight !== b.rowHeight) return false;
  if (a.deferThumbs !== b.deferThumbs || a.onOpen !== b.onOpen || a.onStar !== b.onStar) return false;
  if (a.tiles === b.tiles) return true;
  for (let i = a.start; i < a.start + a.columns; i++) if (a.tiles[i] !== b.tiles[i]) return false;
  return true;
}

/** One row of tiles. Memoised: while scrolling, only the rows that come into the range render; after a search, only the rows it changed. */
const GridRow = memo(function GridRow({
  tiles,
  start,
  top,
  columns,
  rowHeight,
  deferThumbs,
  onOpen,
  onStar,
}: GridRowProps) {
  const rowTiles = tiles.slice(start, start + columns);
  return (
    <div
      role="none"
      className="absolute left-0 top-0 grid w-full"
      style={{
        transform: `translateY(${top}px)`,
        height: rowHeight - GAP,
        gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
        // One row exactly as tall as the row box: a thumbnail's own size never stretches it.
        gridTemplateRows: 'minmax(0, 1fr)',
        gap: GAP,
        paddingInline: GAP,
        // The row's size is its own: laying out a new row never touches the others (no paint
        // containment, which would clip the focus ring).
        contain: 'size layout style',
      }}
    >
      {rowTiles.map((tile, i) => (
        <div role="listitem" key={tile.key} className="min-h-0 min-w-0">
          <GalleryTile tile={tile} index={start + i} onOpen={onOpen} onStar={onStar} deferThumb={deferThumbs} />
        </div>
      ))}
    </div>
  );
}, sameRow);

export interface GalleryGridHandle {
  focusTile(index: number): void;
}

export function GalleryGrid({
  tiles,
  onOpen,
  onStar,
  handleRef,
}: {
  tiles: Tile[];
  onOpen(tile: Tile): void;
  onStar(jobId: string, starred: boolean): void;
  handleRef?: RefObject<GalleryGridHandle | null>;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { width, height } = useSize(scrollRef);
  const { fast, onChange } = useFastScroll(height);
  const { columns, rowHeight } = gridLayout(width);
  const rowCount = Math.ceil(tiles.length / columns);

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler in this build: nothing memoises the virtualizer's functions
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: GRID_OVERSCAN_ROWS,
    paddingStart: GAP,
    paddingEnd: GAP,
    onChange,
  });

  useEffect(() => {
    virtualizer.measure();
  }, [virtualizer, rowHeight, columns]);

  const focusTile = useCallback(
    (index: number) => {
      const target = Math.max(0, Math.min(tiles.length - 1, index));
      const find = () => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${target}"]`);
      const rendered = find();
      if (rendered) {
        // Already in the DOM (a neighbour, in the overscan): focus now, so quick key presses add up.
        rendered.focus();
        return;
      }
      virtualizer.scrollToIndex(Math.floor(target / columns), { align: 'auto' });
      const tryFocus = (attempt: number) => {
        const el = find();
        if (el) el.focus();
        else if (attempt < 5) requestAnimationFrame(() => tryFocus(attempt + 1));
        else scrollRef.current?.focus();
      };
      requestAnimationFrame(() => tryFocus(0));
    },
    [tiles.length, columns, virtualizer],
  );

  useEffect(() => {
    if (handleRef) handleRef.current = { focusTile };
  }, [handleRef, focusTile]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const from = Number((event.target as HTMLElement).dataset.index);
    if (!Number.isInteger(from)) return;
    const perPage = columns * Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight) / rowHeight));
    const moves: Record<string, number> = {
      ArrowRight: from + 1,
      ArrowLeft: from - 1,
      ArrowDown: from + columns,
      ArrowUp: from - columns,
      PageDown: from + perPage,
      PageUp: from - perPage,
      Home: 0,
      End: tiles.length - 1,
    };
    const to = moves[event.key];
    if (to === undefined || to < 0 || to >= tiles.length || to === from) return;
    event.preventDefault();
    focusTile(to);
  };

  return (
    <div
      ref={scrollRef}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      data-gallery-scroll
      className="relative h-[calc(100dvh-13rem)] min-h-96 overflow-y-auto rounded-lg border border-zinc-800 bg-zinc-950 outline-none"
    >
      <div role="list" aria-label="Images" className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {width > 0 &&
          virtualizer
            .getVirtualItems()
            .map((row) => (
              <GridRow
                key={row.key}
                tiles={tiles}
                start={row.index * columns}
                top={row.start}
                columns={columns}
                rowHeight={rowHeight}
                deferThumbs={fast}
                onOpen={onOpen}
                onStar={onStar}
              />
            ))}
      </div>
    </div>
  );
}
