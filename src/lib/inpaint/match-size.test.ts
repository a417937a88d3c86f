import { describe, expect, it } from 'vitest';
import { matchInitSize, wholePictureSendSize } from './match-size';
import { MODELSLAB_SIZE_RULE, SEGMIND_SIZE_RULE } from './size-rules';

describe('matchInitSize', () => {
  it('keeps a size the endpoint allows', () => {
    expect(matchInitSize({ width: 800, height: 600 }, MODELSLAB_SIZE_RULE)).toEqual({ width: 800, height: 600 });
  });
  it('rounds each side to the nearest multiple of 8', () => {
    expect(matchInitSize({ width: 803, height: 598 }, MODELSLAB_SIZE_RULE)).toEqual({ width: 800, height: 600 });
  });
  it("takes Segmind's nearest fixed sizes per side only when they keep the aspect", () => {
    expect(matchInitSize({ width: 760, height: 510 }, SEGMIND_SIZE_RULE)).toEqual({ width: 768, height: 512 });
    // 768×512 would squash 4:3 to 3:2: the largest 4:3 size instead.
    expect(matchInitSize({ width: 800, height: 600 }, SEGMIND_SIZE_RULE)).toEqual({ width: 1024, height: 768 });
  });
  it('keeps the aspect of an image larger than the endpoint allows', () => {
    expect(matchInitSize({ width: 4096, height: 3072 }, MODELSLAB_SIZE_RULE)).toEqual({ width: 1024, height: 768 });
    expect(matchInitSize({ width: 4096, height: 3072 }, SEGMIND_SIZE_RULE)).toEqual({ width: 1024, height: 768 });
  });
});

describe('wholePictureSendSize', () => {
  it('sends an allowed size as is and scales the rest to the largest size of its aspect', () => {
    expect(wholePictureSendSize({ width: 512, height: 512 }, MODELSLAB_SIZE_RULE)).toEqual({ width: 512, height: 512 });
    expect(wholePictureSendSize({ width: 800, height: 600 }, SEGMIND_SIZE_RULE)).toEqual({ width: 1024, height: 768 });
    expect(wholePictureSendSize({ width: 4096, height: 3072 }, MODELSLAB_SIZE_RULE)).toEqual({ width: 1024, height: 768 });
  });
  it("takes the form's width and height when allowed and of the picture's aspect, never another shape", () => {
    const photo = { width: 4032, height: 3024 };
    expect(wholePictureSendSize(photo, MODELSLAB_SIZE_RULE, { width: 512, height: 384 })).toEqual({ width: 512, height: 384 });
    expect(wholePictureSendSize(photo, MODELSLAB_SIZE_RULE, { width: 512, height: 512 })).toEqual({ width: 1024, height: 768 });
    expect(wholePictureSendSize({ width: 1024, height: 768 }, MODELSLAB_SIZE_RULE, { width: 512, height: 512 })).toEqual({ width: 1024, height: 768 });
    expect(wholePictureSendSize({ width: 803, height: 598 }, MODELSLAB_SIZE_RULE, { width: 800, height: 600 })).toEqual({ width: 800, height: 600 });
  });
});
