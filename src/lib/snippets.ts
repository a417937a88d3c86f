/**
 * Copy as code: the request as sent, as a cURL command or a JavaScript fetch.
 * Callers pass an already redacted request unless the user asked for the key.
 */
import type { HttpRequest } from '../providers/types';

/** Single-quotes a string for a POSIX shell. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'"'"'`)}'`;
}

/** `name="value"` for curl --form, escaping what curl's parser treats specially. */
function formValue(name: string, value: string): string {
  return `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `notes`: comment lines put first (how an image is passed, when the body holds a placeholder). */
export function toCurl(req: HttpRequest, notes: readonly string[] = []): string {
  const comments = notes.map((n) => `# ${n}\n`).join('');
  const lines = [`${comments}curl --location ${shellQuote(req.url)}`];
  if (req.method !== 'POST' || req.body.type === 'none') lines.push(`--request ${req.method}`);
  for (const [name, value] of Object.entries(req.headers)) lines.push(`--header ${shellQuote(`${name}: ${value}`)}`);
  if (req.body.type === 'json') lines.push(`--data-raw ${shellQuote(JSON.stringify(req.body.value, null, 2))}`);
  if (req.body.type === 'multipart') {
    for (const [name, value] of req.body.fields) lines.push(`--form ${shellQuote(formValue(name, value))}`);
  }
  return lines.join(' \\\n');
}

export function toFetch(req: HttpRequest, notes: readonly string[] = []): string {
  const out: string[] = notes.map((n) => `// ${n}`);
  let body = '';
  if (req.body.type === 'json') {
    body = `  body: JSON.stringify(${JSON.stringify(req.body.value, null, 2).replace(/\n/g, '\n  ')}),\n`;
  } else if (req.body.type === 'multipart') {
    out.push('const form = new FormData();');
    for (const [name, value] of req.body.fields) out.push(`form.append(${JSON.stringify(name)}, ${JSON.stringify(value)});`);
    out.push('');
    body = '  body: form,\n';
  }
  const headers = Object.keys(req.headers).length
    ? `  headers: ${JSON.stringify(req.headers, null, 2).replace(/\n/g, '\n  ')},\n`
    : '';
  out.push(`const response = await fetch(${JSON.stringify(req.url)}, {\n  method: ${JSON.stringify(req.method)},\n${headers}${body}});`);
  out.push(
    "const result = response.headers.get('content-type')?.startsWith('image/')\n  ? await response.blob()\n  : await response.json();",
  );
  return out.join('\n');
}
