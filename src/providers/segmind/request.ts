/**
 * Segmind requests: JSON, the key in the `x-api-key` header. Values keep their
 * JSON types; `image` and `mask` go as a link or as raw base64 without the
 * `data:` prefix. Undefined and null values and an empty optional text are left out.
 * Body order is the schema's: images first, then the order of the document's example.
 */
import type { KeyLocation } from '../types';
import type { WireFormat } from '../shared/request';

export const SEGMIND_KEY: KeyLocation = { in: 'header', name: 'x-api-key' };

export const SEGMIND_WIRE: WireFormat = { body: 'json', key: SEGMIND_KEY, nulls: 'omit', blankText: 'omit' };
