import { describe, expect, it } from 'vitest';
import { stitchRole } from './stitch-role';
import type { JobRecord } from './job-record';

const plan: NonNullable<JobRecord['inpaint']> = {
  image: 'local:1',
  mask: 'local:2',
  area: 'masked',
  maskBlur: 4,
  region: { crop: { x: 0, y: 0, width: 512, height: 512 }, send: { width: 512, height: 512 }, bounds: { x: 0, y: 0, width: 512, height: 512 } },
};

describe('stitchRole', () => {
  it('tells the stitched picture from the raw output by the notes the job runner writes', () => {
    expect(stitchRole({ inpaint: plan }, { note: 'Stitched into the 2048×1536 original (only masked: crop 512×512 at 0, 0).' })).toBe('stitched');
    expect(stitchRole({ inpaint: plan }, { note: "The provider's raw output." })).toBe('raw');
    expect(stitchRole({ inpaint: plan }, { note: "The provider's raw output. It could not be stitched into the original: no." })).toBe('raw');
  });

  it('says nothing for a job that was not stitched, or an image without such a note', () => {
    expect(stitchRole({}, { note: "The provider's raw output." })).toBeUndefined();
    expect(stitchRole({ inpaint: plan }, {})).toBeUndefined();
    expect(stitchRole({ inpaint: plan }, { note: 'The provider sent 3 images; at most 2 are documented.' })).toBeUndefined();
  });
});
