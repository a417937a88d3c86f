/**
 * The one request builder: the schema says what is sent. Body order is the
 * schema's own key order, each value's encoding is its `wire` metadata, and the
 * URL is the endpoint's `path` below the base URL. The key goes where the
 * provider's `KeyLocation` says. Pure.
 */
import type { z } from 'zod';
import { paramMeta } from '../param';
import type { WireEncoding } from '../param';
import type { AnyObjectSchema, HttpRequest, KeyLocation } from '../types';
import { bytesToBase64, stripDataUrlPrefix } from './base64';
import { trueFalse, yesNo } from './values';

export interface WireFormat {
  body: 'json' | 'multipart';
  key: KeyLocation;
  /** `send`: null goes as null (ModelsLab's example sends `"seed": null`); `omit`: left out. Multipart always omits. */
  nulls: 'send' | 'omit';
  /** `omit`: an empty or blank text is left out (the service applies its default); `send`: sent as "". Images are never blank-dropped. */
  blankText: 'send' | 'omit';
}

export function wireOf(field: z.ZodType): WireEncoding {
  const meta = paramMeta(field);
  if (meta?.widget === 'image') return meta.wire === 'imageList' || meta.wire === 'dataUri' ? meta.wire : 'image';
  return meta?.wire ?? 'as-is';
}

export function encodeValue(value: unknown, wire: WireEncoding): unknown {
  switch (wire) {
    case 'intString':
      return typeof value === 'number' ? String(value) : value;
    case 'yesNo':
      return typeof value === 'boolean' ? yesNo(value) : value;
    case 'trueFalse':
      return typeof value === 'boolean' ? trueFalse(value) : value;
    case 'image':
      return typeof value === 'string' ? stripDataUrlPrefix(value) : value;
    case 'imageList':
      return typeof value === 'string' ? [stripDataUrlPrefix(value)] : value;
    case 'dataUri':
    case 'as-is':
      return value;
  }
}

/** The name a field goes out under (`ParamMeta.wireName`, else its own). */
export function wireNameOf(name: string, field: z.ZodType): string {
  return paramMeta(field)?.wireName ?? name;
}

/** Sets `value` at a dotted `name` of a JSON body (`a.b` → `{ a: { b } }`), keeping what is there. */
export function setWireValue(body: Record<string, unknown>, name: string, value: unknown) {
  const parts = name.split('.');
  let at = body;
  for (const part of parts.slice(0, -1)) {
    const next = at[part];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) at[part] = {};
    at = at[part] as Record<string, unknown>;
  }
  at[parts[parts.length - 1]!] = value;
}

/** The schema's fields as they go on the wire (wire names), in the schema's order; absent ones left out. */
export function encodeParams(schema: AnyObjectSchema, params: Record<string, unknown>, format: WireFormat): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const value = params[name];
    if (value === undefined) continue;
    if (value === null && (format.nulls === 'omit' || format.body === 'multipart')) continue;
    const wire = wireOf(field);
    const image = wire === 'image' || wire === 'imageList' || wire === 'dataUri';
    if (format.blankText === 'omit' && !image && typeof value === 'string' && value.trim() === '') continue;
    out.push([wireNameOf(name, field), encodeValue(value, wire)]);
  }
  return out;
}

/** `Authorization: Basic …` for a `user:password` key (UTF-8, as browsers and curl send it). */
export function basicAuth(key: string): string {
  return `Basic ${bytesToBase64(new TextEncoder().encode(key))}`;
}

/** The headers that carry the key, for the locations that use one. */
export function keyHeaders(loc: KeyLocation, key: string): Record<string, string> {
  if (loc.in === 'header') return { [loc.name]: `${loc.prefix ?? ''}${key}` };
  if (loc.in === 'bearer') return { Authorization: `Bearer ${key}` };
  if (loc.in === 'basic') return key ? { Authorization: basicAuth(key) } : {};
  return {};
}

export interface BuildFromSchemaArgs {
  schema: AnyObjectSchema;
  path: string;
  format: WireFormat;
  params: Record<string, unknown>;
  key: string;
  baseUrl: string;
  /** A last look at the JSON body (ModelsLab turns `base64` on when a local image is sent). */
  adjust?(body: Record<string, unknown>, params: Record<string, unknown>): void;
}

/** POST {baseUrl}{path} with the schema's fields, encoded and ordered by the schema. */
export function buildFromSchema(args: BuildFromSchemaArgs): HttpRequest {
  const { format, key } = args;
  const fields = encodeParams(args.schema, args.params, format);
  const url = `${args.baseUrl}${args.path}`;
  if (format.body === 'multipart') {
    const out: Array<[string, string]> = format.key.in === 'multipart' ? [[format.key.name, key]] : [];
    for (const [name, value] of fields) out.push([name, String(value)]);
    // No Content-Type: the fetch layer's FormData sets it with the boundary.
    return { method: 'POST', url, headers: keyHeaders(format.key, key), body: { type: 'multipart', fields: out } };
  }
  const value: Record<string, unknown> = format.key.in === 'json' ? { [format.key.name]: key } : {};
  for (const [name, v] of fields) setWireValue(value, name, v);
  args.adjust?.(value, args.params);
  return {
    method: 'POST',
    url,
    headers: { ...keyHeaders(format.key, key), 'Content-Type': 'application/json' },
    body: { type: 'json', value },
  };
}
