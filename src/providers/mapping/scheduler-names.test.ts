import { describe, expect, it } from 'vitest';
import { MODELSLAB_SCHEDULERS } from '../modelslab/schema';
import { SEGMIND_DREAMSHAPER_SCHEDULERS, SEGMIND_SIBLING_SCHEDULERS } from '../segmind/schema';
import { equivalentNames, SCHEDULER_EQUIVALENTS, translateScheduler } from './scheduler-names';

describe('translateScheduler', () => {
  it('keeps a name the endpoint already accepts', () => {
    expect(translateScheduler('Euler a', SEGMIND_SIBLING_SCHEDULERS)).toEqual({ kind: 'same', value: 'Euler a' });
    expect(translateScheduler('euler a', SEGMIND_SIBLING_SCHEDULERS)).toEqual({ kind: 'same', value: 'Euler a' });
  });

  it('turns ModelsLab class names into Segmind strings and back', () => {
    expect(translateScheduler('EulerAncestralDiscreteScheduler', SEGMIND_SIBLING_SCHEDULERS)).toEqual({ kind: 'equivalent', value: 'Euler a' });
    expect(translateScheduler('Euler a', MODELSLAB_SCHEDULERS)).toEqual({ kind: 'equivalent', value: 'EulerAncestralDiscreteScheduler' });
    expect(translateScheduler('KDPM2AncestralDiscreteScheduler', SEGMIND_SIBLING_SCHEDULERS)).toEqual({ kind: 'equivalent', value: 'DPM2 a Karras' });
    expect(translateScheduler('dpmpp_2m', MODELSLAB_SCHEDULERS)).toEqual({ kind: 'equivalent', value: 'DPMSolverMultistepScheduler' });
  });

  it('prefers the first name of a group the enum has', () => {
    expect(translateScheduler('DPMSolverMultistepScheduler', SEGMIND_DREAMSHAPER_SCHEDULERS)).toEqual({ kind: 'equivalent', value: 'DPM Multi' });
    expect(translateScheduler('UniPCMultistepScheduler', SEGMIND_DREAMSHAPER_SCHEDULERS)).toEqual({ kind: 'equivalent', value: 'UniPC' });
  });

  it('says when there is no equivalent', () => {
    expect(translateScheduler('LCMScheduler', SEGMIND_DREAMSHAPER_SCHEDULERS)).toEqual({ kind: 'none' });
    expect(translateScheduler('UniPC', SEGMIND_SIBLING_SCHEDULERS)).toEqual({ kind: 'none' });
    expect(translateScheduler('dpmpp_sde_ancestral', MODELSLAB_SCHEDULERS)).toEqual({ kind: 'none' });
  });

  it('every name in the table is a name some schema accepts', () => {
    const known = new Set<string>([...MODELSLAB_SCHEDULERS, ...SEGMIND_DREAMSHAPER_SCHEDULERS]);
    for (const group of SCHEDULER_EQUIVALENTS) for (const name of group) expect(known.has(name), name).toBe(true);
    expect(equivalentNames('something else')).toEqual(['something else']);
  });
});
