/** Builders of HttpResponse values for the adapters' unit tests. */
import type { HttpResponse } from '../types';

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: new TextEncoder().encode(JSON.stringify(value)),
  };
}

export function textResponse(status: number, text: string, type = 'text/plain', headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'content-type': type, ...headers }, body: new TextEncoder().encode(text) };
}

export function bytesResponse(status: number, bytes: Uint8Array, type: string | undefined, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { ...(type ? { 'content-type': type } : {}), ...headers }, body: bytes };
}

/** The first bytes of a JPEG and of a PNG: enough for type sniffing. */
export const JPEG_BYTES = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
export const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
