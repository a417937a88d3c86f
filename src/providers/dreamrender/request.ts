/**
 * DreamRender requests: POST {base}/api/generate_image as multipart/form-data,
 * `dev_key` first, then the schema's fields in the document's order; every value
 * goes as a string (booleans as "True"/"False", per the schema's metadata).
 * Optional fields that are undefined are left out; an empty string is sent as ""
 * (the document's example sends `negative_prompt=""`).
 */
import type { KeyLocation } from '../types';
import type { WireFormat } from '../shared/request';

export const DREAMRENDER_KEY: KeyLocation = { in: 'multipart', name: 'dev_key' };

export const DREAMRENDER_WIRE: WireFormat = { body: 'multipart', key: DREAMRENDER_KEY, nulls: 'omit', blankText: 'send' };
