import { describe, expect, it } from 'vitest';
import { getEndpoint } from '../registry';
import { describeSchema } from '../fields/describe';
import { parseOverrides } from './overrides';

const fields = (id: string) => describeSchema(getEndpoint(id)!.schema);

describe('parseOverrides', () => {
  it('reads name=value lines in the endpoint’s own names, typed by the schema', () => {
    const got = parseOverrides('num_inference_steps = 25\n# a comment\n\nscheduler=Euler a\nbase64=yes', fields('segmind/sd1.5-dreamshaper'));
    expect(got).toEqual({ values: { num_inference_steps: 25, scheduler: 'Euler a', base64: true }, errors: [] });
  });

  it('takes null where the schema allows it', () => {
    expect(parseOverrides('seed=null', fields('modelslab/text2img')).values).toEqual({ seed: null });
  });

  it('reports unknown names, bad numbers and image fields', () => {
    const got = parseOverrides('steps=30\nguidance_scale=lots\nimage=x\njunk', fields('segmind/sd1.5-inpainting'));
    expect(got.values).toEqual({});
    expect(got.errors).toEqual([
      'line 1: this endpoint has no parameter "steps"',
      'line 2: guidance_scale: "lots" is not a number',
      'line 3: image comes from the shared init image or mask',
      'line 4: write name=value',
    ]);
  });
});
