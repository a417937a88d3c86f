/** Small readers for an HttpResponse: headers, text and JSON bodies. Pure. */

/** A header's value, whatever the case of its name (the contract says lower-case; be liberal). */
export function getHeader(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  if (wanted in headers) return headers[wanted];
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === wanted) return v;
  }
  return undefined;
}

/** The media type without parameters, lower-case (`image/jpeg`), or '' when absent. */
export function contentType(headers: Record<string, string>): string {
  const raw = getHeader(headers, 'content-type') ?? '';
  return (raw.split(';')[0] ?? '').trim().toLowerCase();
}

export function decodeText(body: Uint8Array): string {
  return new TextDecoder('utf-8').decode(body);
}

/** The body parsed as JSON, or undefined when it is not JSON (whatever the Content-Type says). */
export function parseJson(body: Uint8Array): unknown {
  const text = decodeText(body).trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A finite number from a number or a numeric string. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A non-empty string, or a provider message shaped as an object/array flattened to one line. */
export function messageText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map(messageText).filter((p): p is string => p !== undefined);
    return parts.length > 0 ? parts.join('; ') : undefined;
  }
  if (isRecord(value)) {
    // FastAPI-style validation item: { loc: [...], msg: "..." }
    if (typeof value.msg === 'string') {
      const loc = Array.isArray(value.loc) ? value.loc.filter((l) => l !== 'body').join('.') : '';
      return loc ? `${loc}: ${value.msg}` : value.msg;
    }
    const parts = Object.entries(value)
      .map(([k, v]) => {
        const t = messageText(v);
        return t === undefined ? undefined : `${k}: ${t}`;
      })
      .filter((p): p is string => p !== undefined);
    return parts.length > 0 ? parts.join('; ') : undefined;
  }
  return undefined;
}

/** A short readable excerpt of a text body: HTML tags stripped, whitespace collapsed, truncated. */
export function summarizeText(text: string, max = 200): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
  const source = title ?? text;
  const plain = source
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

export function isSuccessStatus(status: number): boolean {
  return status >= 200 && status < 300;
}
