import { describe, expect, it } from 'vitest';
import type { SharedParams } from '../../providers/mapping/shared-params';
import { MAX_REQUESTS, parseAxis, planSweep, splitValues } from './sweep';

const shared: SharedParams = { prompt: 'a fox', negativePrompt: '', seed: 42, width: 512, height: 512, steps: 30, guidance: 7.5, samples: 1 };
const t = (id: string, endpointId: string) => ({ id, endpointId });
const segmind = t('s', 'segmind/sd1.5-dreamshaper');
const modelslab = t('m', 'modelslab/text2img');
const dreamrender = t('d', 'dreamrender/generate_image');

describe('axis values', () => {
  it('splits on commas outside quotes', () => {
    expect(splitValues(' 1, 2 ,, 3 ')).toEqual(['1', '2', '3']);
    expect(splitValues('"a cat, sitting", a dog')).toEqual(['a cat, sitting', 'a dog']);
  });

  it('reads numbers and ranges', () => {
    expect(parseAxis({ param: 'steps', values: '20-40 (+10), 50' }, []).values.map((v) => v.value)).toEqual([20, 30, 40, 50]);
    expect(parseAxis({ param: 'guidance', values: '5-3' }, []).values.map((v) => v.value)).toEqual([5, 4, 3]);
    expect(parseAxis({ param: 'guidance', values: '1-2 (+0.5)' }, []).values.map((v) => v.label)).toEqual(['guidance 1', 'guidance 1.5', 'guidance 2']);
    expect(parseAxis({ param: 'seed', values: '-1' }, []).values.map((v) => v.value)).toEqual([-1]);
  });

  it('reports what it cannot read', () => {
    expect(parseAxis({ param: 'steps', values: 'many' }, []).errors).toEqual(['"many" is not a number or a range like 10-30 (+10)']);
    expect(parseAxis({ param: 'seed', values: '' }, []).errors).toEqual(['Give the seed values, separated by commas']);
    expect(parseAxis({ param: 'seed', values: '1-1000' }, []).errors[0]).toMatch(/1000 values; at most 50/);
  });

  it('target axis: all targets, or the numbered ones', () => {
    expect(parseAxis({ param: 'target', values: '' }, [segmind, modelslab]).values.map((v) => v.value)).toEqual(['s', 'm']);
    expect(parseAxis({ param: 'target', values: '2' }, [segmind, modelslab]).values).toEqual([{ label: 'ModelsLab text2img', value: 'm' }]);
    expect(parseAxis({ param: 'target', values: '3' }, [segmind, modelslab]).errors).toEqual(['"3" is not a target number (1 to 2)']);
  });
});

describe('planSweep', () => {
  it('without axes: one cell per target, labelled by target', () => {
    const plan = planSweep({ targets: [dreamrender, modelslab, segmind], shared });
    expect(plan.requestCount).toBe(3);
    expect(plan.cells.map((c) => c.label)).toEqual(['DreamRender-3.0 generate_image', 'ModelsLab text2img', 'Segmind sd1.5-dreamshaper']);
    expect(plan.cells.every((c) => c.mapping.params.seed === 42)).toBe(true);
  });

  it('seed × guidance on one target: four labelled cells, counted before running', () => {
    const plan = planSweep({ targets: [segmind], shared, x: { param: 'seed', values: '1, 2' }, y: { param: 'guidance', values: '5, 9' } });
    expect(plan.errors).toEqual([]);
    expect(plan.requestCount).toBe(4);
    expect(plan.cells.map((c) => c.label)).toEqual(['seed 1 · guidance 5', 'seed 2 · guidance 5', 'seed 1 · guidance 9', 'seed 2 · guidance 9']);
    expect(plan.cells.map((c) => [c.mapping.params.seed, c.mapping.params.guidance_scale])).toEqual([[1, 5], [2, 5], [1, 9], [2, 9]]);
    expect(plan.cells.map((c) => [c.xIndex, c.yIndex])).toEqual([[0, 0], [1, 0], [0, 1], [1, 1]]);
  });

  it('every target runs every cell unless the targets are an axis', () => {
    const plan = planSweep({ targets: [segmind, modelslab], shared, x: { param: 'steps', values: '25, 45' } });
    expect(plan.requestCount).toBe(4);
    expect(plan.cells.map((c) => c.label)).toEqual(['steps 25 · Segmind sd1.5-dreamshaper', 'steps 25 · ModelsLab text2img', 'steps 45 · Segmind sd1.5-dreamshaper', 'steps 45 · ModelsLab text2img']);
    // Each endpoint's own adjustment still applies inside a sweep.
    expect(plan.cells[1]!.mapping.params.num_inference_steps).toBe(21);
  });

  it('targets on X, scheduler on Y: translated per endpoint', () => {
    const plan = planSweep({ targets: [segmind, modelslab], shared, x: { param: 'target', values: '' }, y: { param: 'scheduler', values: 'Euler a, DDIM' } });
    expect(plan.requestCount).toBe(4);
    expect(plan.cells.map((c) => c.mapping.params.scheduler)).toEqual(['Euler a', 'EulerAncestralDiscreteScheduler', 'DDIM', 'DDIMScheduler']);
    expect(plan.cells[0]!.label).toBe('Segmind sd1.5-dreamshaper · scheduler Euler a');
  });

  it('cells the schema would reject are counted apart and not sent', () => {
    const plan = planSweep({ targets: [segmind], shared, x: { param: 'prompt', values: 'a cat, ""' } });
    expect(plan.cells).toHaveLength(1); // "" is dropped as an empty value
    const plan2 = planSweep({ targets: [segmind, t('i', 'segmind/sd1.5-inpainting')], shared, x: { param: 'seed', values: '1,2' } });
    expect(plan2.requestCount).toBe(2);
    expect(plan2.skipped).toHaveLength(2);
  });

  it('refuses equal axes, bad values and oversized runs', () => {
    expect(planSweep({ targets: [segmind], shared, x: { param: 'seed', values: '1' }, y: { param: 'seed', values: '2' } }).errors).toContain('The X and Y axes must be different parameters.');
    expect(planSweep({ targets: [segmind], shared, x: { param: 'steps', values: 'x' } }).errors).toEqual(['X axis: "x" is not a number or a range like 10-30 (+10)']);
    const big = planSweep({ targets: [segmind, modelslab, dreamrender], shared, x: { param: 'seed', values: '1-40' }, y: { param: 'guidance', values: '1-2' } });
    expect(big.requestCount).toBe(240);
    expect(big.errors).toEqual([`240 requests: at most ${MAX_REQUESTS} per run. Use fewer values.`]);
    expect(planSweep({ targets: [], shared }).errors).toEqual(['Add at least one target.']);
  });
});
