/**
 * Scheduler names across providers. ModelsLab names diffusers classes
 * (`EulerAncestralDiscreteScheduler`), Segmind uses sampler strings (`Euler a`,
 * `dpmpp_2m`). Each group below lists names for one and the same sampler; a
 * value is translated to the first name of its group that the endpoint's own
 * enum accepts. The enums themselves are read from the schemas.
 */

export const SCHEDULER_EQUIVALENTS: readonly (readonly string[])[] = [
  ['DDIM', 'DDIMScheduler'],
  ['DDPM', 'DDPMScheduler'],
  ['PNDM', 'PNDMScheduler'],
  ['LMS', 'LMSDiscreteScheduler'],
  ['Euler', 'EulerDiscreteScheduler'],
  ['Euler a', 'EulerAncestralDiscreteScheduler'],
  ['Heun', 'HeunDiscreteScheduler'],
  // DPM++ 2M is diffusers' multistep DPM-Solver.
  ['DPM Multi', 'dpmpp_2m', 'DPMSolverMultistepScheduler'],
  ['DPM Single', 'DPMSolverSinglestepScheduler'],
  ['DPM2 Karras', 'KDPM2DiscreteScheduler'],
  ['DPM2 a Karras', 'KDPM2AncestralDiscreteScheduler'],
  ['UniPC', 'UniPCMultistepScheduler'],
];

export type SchedulerMatch =
  | { kind: 'same'; value: string }
  | { kind: 'equivalent'; value: string }
  | { kind: 'none' };

function normalize(name: string): string {
  return name.trim().toLowerCase();
}

/** The names equivalent to `name` (itself included), or just `[name]` when it is in no group. */
export function equivalentNames(name: string): readonly string[] {
  const n = normalize(name);
  return SCHEDULER_EQUIVALENTS.find((group) => group.some((g) => normalize(g) === n)) ?? [name];
}

/** `value` expressed in one of `options` (an endpoint's scheduler enum). */
export function translateScheduler(value: string, options: ReadonlyArray<string | number>): SchedulerMatch {
  const names = options.filter((o): o is string => typeof o === 'string');
  const exact = names.find((o) => o === value) ?? names.find((o) => normalize(o) === normalize(value));
  if (exact !== undefined) return { kind: 'same', value: exact };
  for (const candidate of equivalentNames(value)) {
    const hit = names.find((o) => normalize(o) === normalize(candidate));
    if (hit !== undefined) return { kind: 'equivalent', value: hit };
  }
  return { kind: 'none' };
}
