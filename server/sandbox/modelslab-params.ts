/** ModelsLab v4 Dreambooth request validation (seeds 001 and 002, providers.md). */
import { FieldError, isAbsent, readEnum, readFlag, readNumber, readSeed, readString } from './params';
import type { Fields } from './params';

export type ModelsLabKind = 'text2img' | 'img2img' | 'inpaint';

export const MODELSLAB_SCHEDULERS = [
  'DDPMScheduler',
  'DDIMScheduler',
  'PNDMScheduler',
  'LMSDiscreteScheduler',
  'EulerDiscreteScheduler',
  'EulerAncestralDiscreteScheduler',
  'DPMSolverMultistepScheduler',
  'HeunDiscreteScheduler',
  'KDPM2DiscreteScheduler',
  'DPMSolverSinglestepScheduler',
  'KDPM2AncestralDiscreteScheduler',
  'UniPCMultistepScheduler',
  'DDIMInverseScheduler',
  'DEISMultistepScheduler',
  'IPNDMScheduler',
  'KarrasVeScheduler',
  'ScoreSdeVeScheduler',
  'LCMScheduler',
] as const;

export const TEXT2IMG_STEPS = [21, 31, 41, 51] as const;
const SIZE = { integer: true, min: 64, max: 1024 };

/** yes/no flags echoed in meta, with the documented defaults. */
const FLAGS: [string, boolean][] = [
  ['tomesd', true],
  ['use_karras_sigmas', true],
  ['multi_lingual', false],
  ['panorama', false],
  ['self_attention', false],
  ['upscale', false],
  ['highres_fix', false],
  ['temp', false],
];

export interface ModelsLabParams {
  kind: ModelsLabKind;
  modelId: string;
  prompt: string;
  negativePrompt: string | null;
  /** Absent for img2img / inpaint means "the init image's size, capped at 1024". */
  width?: number;
  height?: number;
  samples: number;
  steps: number;
  guidanceScale: number;
  /** Absent means random. */
  seed?: number;
  scheduler: string;
  safetyChecker: boolean;
  safetyCheckerType: string;
  enhancePrompt: boolean;
  base64: boolean;
  strength?: number;
  initImage?: string;
  maskImage?: string;
  webhook?: string;
  trackId: string | number | null;
  /** Other accepted fields, in the service's meta spelling, for the response's meta. */
  extraMeta: Record<string, unknown>;
}

const yesNo = (flag: boolean) => (flag ? 'yes' : 'no');

function readWebhook(fields: Fields): string | undefined {
  const webhook = readString(fields, 'webhook');
  if (webhook === undefined) return undefined;
  try {
    const url = new URL(webhook);
    if (url.protocol === 'http:' || url.protocol === 'https:') return webhook;
  } catch {
    // reported below
  }
  throw new FieldError('webhook', 'must be an http(s) URL');
}

function readTrackId(fields: Fields): string | number | null {
  const value = fields.track_id;
  if (isAbsent(value)) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  throw new FieldError('track_id', 'must be a string or a number');
}

/** lora_strength: one number, or comma-separated numbers (one per lora_model). */
function readLoraStrength(fields: Fields): string | null {
  const value = fields.lora_strength;
  if (isAbsent(value)) return null;
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  const parts = text.split(',').map((part) => part.trim());
  if (parts.some((part) => part === '' || !Number.isFinite(Number(part)))) {
    throw new FieldError('lora_strength', 'must be a number or comma-separated numbers, e.g. "0.6,0.8"');
  }
  return parts.join(',');
}

/** Validates a generation body; throws FieldError naming the first bad field. */
export function readModelsLabParams(kind: ModelsLabKind, fields: Fields): ModelsLabParams {
  const modelId = readString(fields, 'model_id', true) ?? '';
  const prompt = readString(fields, 'prompt', true) ?? '';
  const initImage = kind === 'text2img' ? undefined : readString(fields, 'init_image', true);
  const maskImage = kind === 'inpaint' ? readString(fields, 'mask_image', true) : undefined;
  const negativePrompt = readString(fields, 'negative_prompt') ?? null;
  const width = readNumber(fields, 'width', SIZE);
  const height = readNumber(fields, 'height', SIZE);
  const samples = readNumber(fields, 'samples', { integer: true, min: 1, max: 4 }) ?? 1;
  const steps =
    kind === 'text2img'
      ? (readNumber(fields, 'num_inference_steps', { integer: true, min: 21, max: 51, oneOf: TEXT2IMG_STEPS }) ?? 31)
      : (readNumber(fields, kind === 'inpaint' ? 'steps' : 'num_inference_steps', { integer: true, min: 1, max: 50 }) ?? 30);
  const guidanceScale = readNumber(fields, 'guidance_scale', { min: 1, max: 20 }) ?? 7.5;
  const strength = kind === 'text2img' ? undefined : (readNumber(fields, 'strength', { min: 0, max: 1 }) ?? (kind === 'inpaint' ? 1 : 0.7));
  const seed = readSeed(fields, 'seed');
  const scheduler = readEnum(fields, 'scheduler', MODELSLAB_SCHEDULERS) ?? 'UniPCMultistepScheduler';
  const safetyChecker = readFlag(fields, 'safety_checker', 'yesno') ?? false;
  const safetyCheckerType =
    readEnum(fields, 'safety_checker_type', ['blur', 'sensitive_content_text', 'pixelate', 'black']) ?? 'sensitive_content_text';
  const enhancePrompt = readFlag(fields, 'enhance_prompt', 'yesno') ?? true;
  const base64 = readFlag(fields, 'base64', 'yesno') ?? false;
  const extraMeta: Record<string, unknown> = {};
  for (const [name, fallback] of FLAGS) extraMeta[name] = yesNo(readFlag(fields, name, 'yesno') ?? fallback);
  extraMeta.algorithm_type = readEnum(fields, 'algorithm_type', ['none', 'dpmsolver+++']) ?? 'none';
  extraMeta.clip_skip = readNumber(fields, 'clip_skip', { integer: true, min: 1, max: 8 }) ?? null;
  extraMeta.vae = readString(fields, 'vae') ?? null;
  extraMeta.lora = readString(fields, 'lora_model') ?? null;
  extraMeta.lora_strength = readLoraStrength(fields);
  extraMeta.embeddings = readString(fields, 'embeddings_model') ?? null;
  return {
    kind,
    modelId,
    prompt,
    negativePrompt,
    width,
    height,
    samples,
    steps,
    guidanceScale,
    seed,
    scheduler,
    safetyChecker,
    safetyCheckerType,
    enhancePrompt,
    base64,
    strength,
    initImage,
    maskImage,
    webhook: readWebhook(fields),
    trackId: readTrackId(fields),
    extraMeta,
  };
}

const QUALITY_TAGS = [
  'DSLR photography',
  'sharp focus',
  'Unreal Engine 5',
  'Octane Render',
  'Redshift',
  '((cinematic lighting))',
  'f/1.4',
  'ISO 200',
  '1/160s',
  '8K',
  'RAW',
  'unedited',
  'symmetrical balance',
  'in-frame',
  'highly detailed',
  'volumetric light',
];

/** The service's prompt enhancement, imitated: the prompt plus six quality tags chosen by its hash. */
export function enhancePromptText(prompt: string, hash: number): string {
  const tags: string[] = [];
  let h = hash >>> 0;
  while (tags.length < 6) {
    const tag = QUALITY_TAGS[h % QUALITY_TAGS.length] ?? '8K';
    if (!tags.includes(tag)) tags.push(tag);
    h = (Math.imul(h, 1103515245) + 12345) >>> 0;
  }
  return ` ${prompt} ${tags.join(', ')}`;
}
