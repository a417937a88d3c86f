/** The providers' own size rules, from the registry, for the inpainting library's tests and bench. */
import { getEndpoint } from '../../providers/registry';
import type { ImageSizeRule } from '../../providers/types';

function sizeRuleOf(endpointId: string): ImageSizeRule {
  const rule = getEndpoint(endpointId)?.sizeRule;
  if (!rule) throw new Error(`${endpointId} has no size rule`);
  return rule;
}

/** ModelsLab: width and height up to 1024, multiples of 8. */
export const MODELSLAB_SIZE_RULE = sizeRuleOf('modelslab/inpaint');
/** Segmind SD 1.5: 512, 768 or 1024 on each side. */
export const SEGMIND_SIZE_RULE = sizeRuleOf('segmind/sd1.5-inpainting');
