/**
 * Parameter metadata: the one registry the form, validation, the compare
 * mapping and copy-as-code all read. Register on the outermost schema of a
 * field (after `.optional()` / `.default()`), through `param()`.
 */
import { z } from 'zod';
import type { ParamRole } from './types';

export type WidgetHint =
  | 'text'
  | 'textarea'
  | 'number'
  | 'integer'
  | 'select'
  | 'boolean'
  | 'seed'
  | 'image';

/**
 * How a value goes on the wire (the body builder in `shared/request.ts` reads it):
 * - `as-is` (the default): the JSON value unchanged (a multipart field: its text);
 * - `intString`: a number as a decimal string (`"512"`), as ModelsLab's example sends sizes;
 * - `yesNo`: a boolean as `"yes"` / `"no"` (ModelsLab flags);
 * - `trueFalse`: a boolean as `"True"` / `"False"` (DreamRender's Python-style booleans);
 * - `image`: an image: a link is sent as is, a local image as raw base64 (no `data:` prefix);
 * - `imageList`: one image, encoded as `image`, sent as a one-item list (A1111 `init_images`);
 * - `dataUri`: an image sent as it is: a link, or a local image as a whole `data:` URI (Replicate, fal).
 */
export type WireEncoding = 'as-is' | 'intString' | 'yesNo' | 'trueFalse' | 'image' | 'imageList' | 'dataUri';

export interface ParamMeta {
  /** One line from the provider's documents. */
  description: string;
  /** Basic fields show first; advanced ones sit under "Advanced". */
  group: 'basic' | 'advanced';
  /** Overrides the widget inferred from the schema type. */
  widget?: WidgetHint;
  /** Suggestions for a free-text field (documented example values; the user may type others). */
  suggestions?: readonly string[];
  /** Slider step for numbers. */
  step?: number;
  /** The shared role for the compare view's parameter mapping. */
  role?: ParamRole;
  /** For `widget: 'seed'`: the value that asks the provider for a random seed (-1, or null). */
  randomValue?: number | null;
  /** For `widget: 'image'`: the image is a mask (white = repaint). */
  mask?: boolean;
  /** The wire encoding; `as-is` when absent. `widget: 'image'` fields are `image` unless they say `imageList` or `dataUri`. */
  wire?: WireEncoding;
  /**
   * The name on the wire when it differs from the field's: a dotted name nests the value in
   * the JSON body (`override_settings.sd_model_checkpoint`). Multipart sends the name as is.
   */
  wireName?: string;
  /** A list the provider's server offers (`ProviderDef.extra.lists`), shown as suggestions. */
  serverList?: string;
}

export const paramRegistry = z.registry<ParamMeta>();

export function param<T extends z.ZodType>(schema: T, meta: ParamMeta): T {
  // Widened to z.ZodType: with a generic T, zod's register() signature
  // (a conditional type over T) cannot be resolved and rejects `meta`.
  (schema as z.ZodType).register(paramRegistry, meta);
  return schema;
}

export function paramMeta(schema: z.ZodType): ParamMeta | undefined {
  return paramRegistry.get(schema);
}
