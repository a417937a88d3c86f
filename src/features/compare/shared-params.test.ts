import { describe, expect, it } from 'vitest';
import { DEFAULT_SHARED_FORM, parseSharedForm, sharedToForm, toStoredShared } from '../../providers/mapping/shared-params';
import { targetLabels } from './targets';

describe('shared form', () => {
  it('reads numbers; empty means the endpoint default; a negative seed means random', () => {
    const { shared, errors } = parseSharedForm({ ...DEFAULT_SHARED_FORM, seed: '-1', steps: '', guidance: 'x' }, { initImage: 'data:image/png;base64,AA' });
    expect(errors).toEqual({ guidance: '"x" is not a number' });
    expect(shared).toEqual({ prompt: DEFAULT_SHARED_FORM.prompt, negativePrompt: '', width: 512, height: 512, samples: 1, strength: 0.7, initImage: 'data:image/png;base64,AA' });
  });

  it('round-trips through the form and keeps no image data when stored', () => {
    const { shared } = parseSharedForm({ ...DEFAULT_SHARED_FORM, seed: '77', scheduler: ' Euler a ' }, { initImage: 'data:x', mask: 'data:y' });
    expect(sharedToForm(shared)).toEqual({ ...DEFAULT_SHARED_FORM, seed: '77', scheduler: 'Euler a' });
    const stored = toStoredShared(shared);
    expect(stored).not.toHaveProperty('initImage');
    expect(stored).toMatchObject({ hasInitImage: true, hasMask: true, seed: 77 });
  });
});

describe('targetLabels', () => {
  it('numbers repeats of the same endpoint and model', () => {
    const labels = targetLabels([
      { id: 'a', endpointId: 'modelslab/text2img' },
      { id: 'b', endpointId: 'modelslab/text2img' },
      { id: 'c', endpointId: 'modelslab/text2img', model: 'anything-v5' },
    ]);
    expect([...labels.values()]).toEqual(['ModelsLab text2img #1', 'ModelsLab text2img #2', 'ModelsLab text2img (anything-v5)']);
  });
});
