/** The normalised shape every reader produces, whatever wrote the image. */
import type { OwnMetadata } from './own-metadata';

export type MetadataSource =
  | 'image-api-playground'
  | 'a1111'
  | 'comfyui'
  | 'invokeai'
  | 'novelai'
  | 'fooocus'
  | 'swarmui'
  | 'json'
  | 'none';

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'unknown';

/**
 * Generation parameters in one vocabulary. `sampler` is the sampling method (A1111 `Sampler`,
 * ComfyUI `sampler_name`, InvokeAI `scheduler`, NovelAI `sampler`), written as the source wrote it;
 * `scheduler` is the noise schedule when the source names it apart (A1111 `Schedule type`,
 * ComfyUI `scheduler`, NovelAI `noise_schedule`).
 */
export interface GenerationParameters {
  prompt?: string;
  negativePrompt?: string;
  seed?: number;
  steps?: number;
  cfgScale?: number;
  sampler?: string;
  scheduler?: string;
  width?: number;
  height?: number;
  model?: string;
  denoisingStrength?: number;
  /** The seed's digits as written, when they do not survive as a number (Fooocus's 64-bit seeds). */
  seedText?: string;
}

export interface ReadResult extends GenerationParameters {
  source: MetadataSource;
  /** Which of the source's formats it was, when it has several (`stealth alpha`, `Dream`, `sd-metadata`). */
  sourceDetail?: string;
  format: ImageFormat;
  /** Every text field found, by its key (PNG keyword; `UserComment`, `ImageDescription`, `comment` and `image-api-playground` for JPEG/WebP). */
  raw: Record<string, string>;
  /** This app's own JSON, when present and valid. */
  own?: OwnMetadata;
  /** Things a user may want to know: invalid JSON, an unreadable file, a graph without a sampler. */
  warnings: string[];
}

/** Coerces a number or a numeric string; anything else is undefined. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function toText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Drops the undefined fields, so results compare and spread cleanly. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
