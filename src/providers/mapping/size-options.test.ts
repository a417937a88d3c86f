import { describe, expect, it } from 'vitest';
import { chooseSizeOption } from './size-options';

const RATIOS = ['1:1', '16:9', '21:9', '3:2', '2:3', '4:5', '5:4', '3:4', '4:3', '9:16', '9:21'];
const PRESETS = ['square_hd', 'square', 'portrait_4_3', 'portrait_16_9', 'landscape_4_3', 'landscape_16_9'];

describe('chooseSizeOption', () => {
  it('an aspect ratio enum: the same ratio, never exact (the model picks the pixels)', () => {
    expect(chooseSizeOption(RATIOS, 1024, 768)).toEqual({ value: '4:3', exact: false, sameRatio: true, note: '1024×768 sent as the aspect ratio "4:3": the model picks the pixel size' });
    expect(chooseSizeOption(RATIOS, 512, 512)?.value).toBe('1:1');
    expect(chooseSizeOption(RATIOS, 576, 1024)?.value).toBe('9:16');
  });

  it('a ratio it does not have: the nearest, said as such', () => {
    const c = chooseSizeOption(RATIOS, 1000, 400)!;
    expect(c).toMatchObject({ value: '21:9', sameRatio: false });
    expect(c.note).toMatch(/ratio 2\.5\) has no aspect ratio of its own here: the nearest is "21:9"/);
  });

  it('fal presets: exact when the size is a preset, else the nearest ratio then area, with the size it makes', () => {
    expect(chooseSizeOption(PRESETS, 1024, 768)).toEqual({ value: 'landscape_4_3', exact: true, size: [1024, 768], sameRatio: true, note: '1024×768 is the preset "landscape_4_3"' });
    expect(chooseSizeOption(PRESETS, 512, 512)).toMatchObject({ value: 'square', exact: true });
    expect(chooseSizeOption(PRESETS, 640, 640)).toMatchObject({ value: 'square', exact: false });
    expect(chooseSizeOption(PRESETS, 768, 768)).toMatchObject({ value: 'square_hd', exact: false });
    expect(chooseSizeOption(PRESETS, 960, 960)).toMatchObject({ value: 'square_hd', exact: false, note: '960×960 has no preset: "square_hd" makes 1024×1024' });
    expect(chooseSizeOption(PRESETS, 720, 1280)?.value).toBe('portrait_16_9');
  });

  it('options naming no size or ratio, or no size asked: nothing to choose', () => {
    expect(chooseSizeOption(['custom', 'match_input_image'], 512, 512)).toBeUndefined();
    expect(chooseSizeOption(RATIOS, 0, 512)).toBeUndefined();
    expect(chooseSizeOption(['custom', '1:1'], 640, 640)?.value).toBe('1:1');
  });
});
