import { describe, expect, it } from 'vitest';
import { matchInitSize, wholePictureSendSize } from './match-size';
import { MODELSLAB_SIZE_RULE, SEGMIND_SIZE_RULE } from './size-rule-test-helpers';

describe('matchInitSize', () => {
  it('keeps a size the endpoint allows', () => {
    expect(matchInitSize({ width: 800, height: 600 }, MODELSLAB_SIZE_RULE)).toEqual({ width: 800, height: 600 });
  });
  it('rounds each side to the nearest multiple of 8', () => {
    expect(matchInitSize({ width: 803, height: 598 }, MODELSLAB_SIZE_RULE)).toEqual({ width: 800, height: 600 });
  });
  it("takes Segmind's nearest fixed sizes per side", () => {
    expect(matchInitSize({ width: 800, height: 600 }, SEGMIND_SIZE_RULE)).toEqual({ width: 768, height: 512 });
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
});
