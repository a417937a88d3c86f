import { describe, expect, it } from 'vitest';
import { downloadFileName } from '../../job-store/image-file-name';
import { countSummary, shortError, tileCaption, tileLabel, toTiles } from './gallery-tiles';
import { makeJob } from '../../job-store/test-fixtures';

const img = (id: string, seed?: number) => ({ id, mime: 'image/png', seed, stored: true });

describe('gallery tiles', () => {
  it('makes one tile per image and one per image-less job', () => {
    const jobs = [
      makeJob({ id: 'a', images: [img('a1', 1), img('a2', 2)] }),
      makeJob({ id: 'b', status: 'failed', seed: 9, error: { kind: 'auth', message: 'The key was refused. Check it in Settings.' } }),
    ];
    const tiles = toTiles(jobs);
    expect(tiles.map((t) => [t.key, t.seed])).toEqual([
      ['a:a1', 1],
      ['a:a2', 2],
      ['b', 9],
    ]);
    expect(tileLabel(tiles[0]!)).toBe('Open image, seed 1, ModelsLab text2img, image 1 of 2, a lighthouse at dusk');
    expect(tileLabel(tiles[2]!)).toBe('Open job, seed 9, ModelsLab text2img, Failed, The key was refused., a lighthouse at dusk');
    expect(countSummary(jobs)).toBe('2 images in 2 jobs');
    expect(countSummary([jobs[1]!])).toBe('0 images in 1 job');
  });

  it('gives the same tile objects back for a record that did not change, new ones for a changed record', () => {
    const a = makeJob({ id: 'a', images: [img('a1', 1), img('a2', 2)] });
    const b = makeJob({ id: 'b', images: [img('b1', 3)] });
    const first = toTiles([a, b]);
    const narrowed = toTiles([b]);
    expect(narrowed[0]).toBe(first[2]);
    const again = toTiles([a, b]);
    expect(again).not.toBe(first);
    again.forEach((tile, i) => expect(tile).toBe(first[i]));
    // The store replaces a record when it changes (a star, a new image): its tiles are new.
    const starred = { ...a, starred: true };
    const changed = toTiles([starred, b]);
    expect(changed[0]).not.toBe(first[0]);
    expect(changed[0]!.job).toBe(starred);
    expect(changed[2]).toBe(first[2]);
  });

  it('labels a single image as the spec says', () => {
    const [tile] = toTiles([makeJob({ seed: 1234, images: [img('x')] })]);
    expect(tileLabel(tile!)).toBe('Open image, seed 1234, ModelsLab text2img, a lighthouse at dusk');
  });

  it('ends the name with what the tile shows: the count, the compare label, the prompt’s start', () => {
    const job = makeJob({ compareLabel: 'seed 11 · guidance 5', images: [img('p', 11), img('q', 12)], params: { prompt: `  a ${'very '.repeat(30)}long prompt ` } });
    const tile = toTiles([job])[1]!;
    expect(tileCaption(job)).toHaveLength(90);
    expect(tileCaption(job).endsWith('…')).toBe(true);
    expect(tileLabel(tile)).toBe(`Open image, seed 12, ModelsLab text2img, image 2 of 2, seed 11 · guidance 5, ${tileCaption(job)}`);
    expect(tileCaption(makeJob({ params: { seed: 1 } }))).toBe('No prompt');
  });

  it('shortens long errors', () => {
    expect(shortError({ kind: 'server', message: 'x'.repeat(200) }).length).toBeLessThanOrEqual(70);
  });

  it('names downloads by endpoint and seed', () => {
    const job = makeJob({ endpointId: 'segmind/sd1.5-dreamshaper', seed: 77, images: [{ id: 'i', mime: 'image/jpeg', stored: true }] });
    expect(downloadFileName(job, job.images[0]!)).toBe('segmind-sd1.5-dreamshaper-seed-77.jpg');
    const two = makeJob({ images: [img('p', 1), img('q', 2)] });
    expect(downloadFileName(two, two.images[1]!)).toBe('modelslab-text2img-seed-2-2.png');
  });
});

describe('grid layout', () => {
  it('fits as many columns of at least the minimum width as it can', async () => {
    const { gridLayout, MIN_TILE } = await import('./grid-layout');
    expect(gridLayout(1248).columns).toBe(6);
    expect(gridLayout(768).columns).toBe(4);
    expect(gridLayout(100).columns).toBe(1);
    for (const w of [400, 800, 1600]) expect(gridLayout(w).tileWidth).toBeGreaterThanOrEqual(MIN_TILE);
  });
});
