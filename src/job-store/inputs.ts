/**
 * Large inputs (init images, masks as `data:` URLs) live in their own object
 * store so job records stay small and the gallery list stays fast. In a stored
 * record such a value is replaced by `{ "$input": "<id>" }`.
 */
import { blobToDataUrl, dataUrlToBlob } from '../lib/data-url';
import { isPlainObject } from './migrate';

/** Data URLs longer than this many characters are moved out of the record. */
export const INPUT_THRESHOLD = 1024;

export interface InputRef {
  $input: string;
}

export function isInputRef(value: unknown): value is InputRef {
  return isPlainObject(value) && typeof value.$input === 'string' && Object.keys(value).length === 1;
}

/** The ids of a job's inputs all start with this, so they can be found by key range. */
export function inputIdPrefix(jobId: string): string {
  return `${jobId}/`;
}

function isLargeDataUrl(value: unknown): value is string {
  return typeof value === 'string' && value.length > INPUT_THRESHOLD && value.startsWith('data:');
}

export interface ExtractedInputs {
  params: Record<string, unknown>;
  /** New blobs to store, by input id. */
  inputs: Map<string, Blob>;
  /** Every input id the params refer to (new and already stored). */
  referenced: Set<string>;
  /** Refs to another job's inputs, rewritten to this job's own ids: new id → the id to copy from. */
  copies: Map<string, string>;
}

/** Replaces large data URLs in `params` (at any depth) by input refs. Pure; does not touch `params`. */
export function extractInputs(jobId: string, params: Record<string, unknown>): ExtractedInputs {
  const inputs = new Map<string, Blob>();
  const referenced = new Set<string>();
  const copies = new Map<string, string>();
  const prefix = inputIdPrefix(jobId);
  const walk = (value: unknown, path: string): unknown => {
    if (isLargeDataUrl(value)) {
      const id = `${prefix}${path}`;
      inputs.set(id, dataUrlToBlob(value));
      referenced.add(id);
      return { $input: id } satisfies InputRef;
    }
    if (isInputRef(value)) {
      if (value.$input.startsWith(prefix)) {
        referenced.add(value.$input);
        return value;
      }
      // Another job's input (params copied from a stored record): this job gets its own copy.
      const id = `${prefix}${path}`;
      copies.set(id, value.$input);
      referenced.add(id);
      return { $input: id } satisfies InputRef;
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, `${path}.${i}`));
    if (isPlainObject(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, path ? `${path}.${k}` : k)]));
    }
    return value;
  };
  const out = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, walk(v, k)]));
  return { params: out, inputs, referenced, copies };
}

/**
 * Puts the data URLs back in place of input refs. A ref whose blob is gone
 * becomes `undefined` (the form then shows the field empty).
 */
export async function restoreInputs(
  params: Record<string, unknown>,
  getBlob: (id: string) => Promise<Blob | undefined>,
): Promise<Record<string, unknown>> {
  const walk = async (value: unknown): Promise<unknown> => {
    if (isInputRef(value)) {
      const blob = await getBlob(value.$input);
      return blob ? blobToDataUrl(blob) : undefined;
    }
    if (Array.isArray(value)) return Promise.all(value.map(walk));
    if (isPlainObject(value)) {
      const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await walk(v)] as const));
      return Object.fromEntries(entries);
    }
    return value;
  };
  return (await walk(params)) as Record<string, unknown>;
}
