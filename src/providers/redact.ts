import type { HttpRequest, KeyLocation, RequestBody } from './types';

/**
 * A copy of `req` with the API key replaced wherever the provider carries it
 * (a JSON field, a header, a multipart field, `Authorization`). Pure: `req` is not changed.
 * Header names match whatever their case.
 */
export function redactRequest(req: HttpRequest, loc: KeyLocation, replacement = '<YOUR_API_KEY>'): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name] = carriesKey(loc, name) ? redactHeader(loc, replacement) : value;
  }
  return { method: req.method, url: req.url, headers, body: redactBody(req.body, loc, replacement) };
}

function carriesKey(loc: KeyLocation, header: string): boolean {
  const name = header.toLowerCase();
  if (loc.in === 'header') return name === loc.name.toLowerCase();
  return (loc.in === 'bearer' || loc.in === 'basic') && name === 'authorization';
}

/** `Bearer <replacement>` / `Basic <replacement>`: the scheme stays readable, the secret does not. */
function redactHeader(loc: KeyLocation, replacement: string): string {
  if (loc.in === 'bearer') return `Bearer ${replacement}`;
  if (loc.in === 'basic') return `Basic ${replacement}`;
  if (loc.in === 'header') return `${loc.prefix ?? ''}${replacement}`;
  return replacement;
}

function redactBody(body: RequestBody, loc: KeyLocation, replacement: string): RequestBody {
  switch (body.type) {
    case 'json': {
      const value = structuredClone(body.value);
      if (loc.in === 'json' && Object.prototype.hasOwnProperty.call(value, loc.name)) value[loc.name] = replacement;
      return { type: 'json', value };
    }
    case 'multipart':
      return {
        type: 'multipart',
        fields: body.fields.map(([name, value]): [string, string] => [
          name,
          loc.in === 'multipart' && name === loc.name ? replacement : value,
        ]),
      };
    case 'file':
      return body;
    case 'none':
      return { type: 'none' };
  }
}
