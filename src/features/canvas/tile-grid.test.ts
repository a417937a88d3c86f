import { describe, expect, it } from 'vitest';
import { TileGrid } from './tile-grid';

describe('TileGrid', () => {
  it('covers the raster with tiles, the last column and row cut to size', () => {
    const g = new TileGrid(2560, 1920);
    expect([g.columns, g.rows, g.count]).toEqual([5, 4, 20]);
    expect(g.rect(0)).toEqual({ index: 0, x: 0, y: 0, width: 512, height: 512 });
    expect(g.rect(19)).toEqual({ index: 19, x: 2048, y: 1536, width: 512, height: 384 });
    const odd = new TileGrid(1000, 700);
    expect(odd.rect(odd.count - 1)).toEqual({ index: 3, x: 512, y: 512, width: 488, height: 188 });
    let area = 0;
    for (let i = 0; i < odd.count; i++) area += odd.rect(i).width * odd.rect(i).height;
    expect(area).toBe(1000 * 700);
  });

  it('a raster smaller than a tile is one tile', () => {
    const g = new TileGrid(300, 200);
    expect(g.count).toBe(1);
    expect(g.touching(-50, -50, 1000, 1000)).toEqual([0]);
  });

  it('finds the tiles a rectangle touches: edges are exclusive on the right and bottom', () => {
    const g = new TileGrid(2560, 1920);
    expect(g.touching(10, 10, 20, 20)).toEqual([0]);
    expect(g.touching(500, 10, 512, 20)).toEqual([0]);
    expect(g.touching(500, 10, 513, 20)).toEqual([0, 1]);
    expect(g.touching(512, 512, 513, 513)).toEqual([6]);
    expect(g.touching(500, 500, 530, 530)).toEqual([0, 1, 5, 6]);
  });

  it('clips to the raster: a stamp half off the edge, and one wholly off it', () => {
    const g = new TileGrid(2560, 1920);
    expect(g.touching(-40, -40, 10, 10)).toEqual([0]);
    expect(g.touching(2550, 1910, 2600, 1960)).toEqual([19]);
    expect(g.touching(-100, 10, 0, 20)).toEqual([]);
    expect(g.touching(2560, 10, 2600, 20)).toEqual([]);
    expect(g.touching(10, 10, 10, 20)).toEqual([]);
  });
});
