/**
 * The request as it leaves (or would leave), and copy as cURL / fetch. The key
 * is replaced by a placeholder unless the user ticks "include my key".
 */
import { useMemo, useState } from 'react';
import { redactRequest } from '../../providers/redact';
import { imagePlaceholder, isImageRef } from '../../providers/shared/image-ref';
import type { HttpRequest, KeyLocation } from '../../providers/types';
import { Button } from '../../components/ui/button';

const PLACEHOLDER = '<YOUR_API_KEY>';

/** Longer strings than this are shown by their length: a preview never prints (or scans) megabytes. */
const LONG_TEXT = 2000;

/** A value as shown: a local image as `<PNG 1024×1024, 1.8 MB>`, a very long string by its length. */
function shownValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (isImageRef(value)) return imagePlaceholder(value);
  return value.length > LONG_TEXT ? `<${value.length} characters>` : value;
}

/** The request with its images (and any very long text) replaced by short placeholders. */
export function displayRequest(req: HttpRequest): HttpRequest {
  if (req.body.type === 'json') {
    const value = Object.fromEntries(Object.entries(req.body.value).map(([k, v]) => [k, shownValue(v)]));
    return { ...req, body: { type: 'json', value } };
  }
  if (req.body.type === 'multipart') {
    return { ...req, body: { type: 'multipart', fields: req.body.fields.map(([k, v]) => [k, String(shownValue(v))]) } };
  }
  return req;
}

/** How each local image travels, for the copied snippets: the body holds a placeholder in its place. */
export function imageNotes(req: HttpRequest): string[] {
  const entries = req.body.type === 'json' ? Object.entries(req.body.value) : req.body.type === 'multipart' ? req.body.fields : [];
  return entries
    .filter(([, v]) => isImageRef(v))
    .map(([name, v]) =>
      req.body.type === 'multipart'
        ? `${name}: replace ${imagePlaceholder(String(v))} with the image as raw base64 text (no "data:" prefix).`
        : `${name}: replace ${imagePlaceholder(String(v))} with the image file as raw base64 (no "data:" prefix), e.g. $(base64 -w0 image.png).`,
    );
}

function describeBody(req: HttpRequest): string {
  if (req.body.type === 'json') return JSON.stringify(req.body.value, null, 2);
  if (req.body.type === 'multipart') return req.body.fields.map(([k, v]) => `${k}=${v}`).join('\n');
  return '';
}

export function RequestPanel({ request, keyLocation, title = 'Request' }: { request: HttpRequest | undefined; keyLocation: KeyLocation; title?: string }) {
  const [includeKey, setIncludeKey] = useState(false);
  const [copied, setCopied] = useState<string>();
  const keyed = useMemo(
    () => (request ? (includeKey ? request : redactRequest(request, keyLocation, PLACEHOLDER)) : undefined),
    [request, includeKey, keyLocation],
  );
  const shown = useMemo(() => (keyed ? displayRequest(keyed) : undefined), [keyed]);
  const notes = useMemo(() => (keyed ? imageNotes(keyed) : []), [keyed]);
  if (!shown) {
    return (
      <section aria-label={title} className="rounded-lg border border-zinc-800 bg-zinc-900/60 p-3 text-sm text-zinc-400">
        The request appears here as you fill the form.
      </section>
    );
  }
  const copy = async (what: 'cURL' | 'fetch') => {
    // The snippet writers load when first used: they are not needed to show the request.
    const { toCurl, toFetch } = await import('../../lib/snippets');
    const text = what === 'cURL' ? toCurl(shown, notes) : toFetch(shown, notes);
    try {
      await navigator.clipboard.writeText(text);
      setCopied(`${what} copied${includeKey ? ' (with your key)' : ''}`);
    } catch {
      setCopied('The browser refused clipboard access: select the text and copy it.');
    }
    setTimeout(() => setCopied(undefined), 4000);
  };
  const headers = Object.entries(shown.headers);
  return (
    <section aria-label={title} className="flex min-w-0 flex-col gap-2 rounded-lg border border-zinc-800 bg-zinc-900/60 p-3">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-sm font-semibold text-zinc-200">{title}</h2>
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <label className="flex items-center gap-1 text-xs text-zinc-400">
            <input type="checkbox" className="accent-amber-500" checked={includeKey} onChange={(e) => setIncludeKey(e.target.checked)} />
            include my key
          </label>
          <Button onClick={() => void copy('cURL')}>
            Copy as cURL
          </Button>
          <Button onClick={() => void copy('fetch')}>
            Copy as fetch
          </Button>
        </div>
      </div>
      <p role="status" className="min-h-4 text-xs text-emerald-400">{copied}</p>
      <pre aria-label="Request body" tabIndex={0} className="max-h-80 overflow-auto whitespace-pre-wrap break-all rounded bg-zinc-950 p-2 font-mono text-xs text-zinc-300">
        <span className="text-amber-400">{shown.method}</span> {shown.url}
        {headers.map(([k, v]) => `\n${k}: ${v}`).join('')}
        {`\n\n${describeBody(shown)}`}
      </pre>
    </section>
  );
}
