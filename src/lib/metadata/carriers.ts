/**
 * Tools that write JPEG or WebP (and some PNG savers) carry the usual texts inside other
 * fields: ComfyUI's savers put `prompt:{…}` and `workflow:{…}` in EXIF IFD0 `Model` and `Make`
 * (or `ImageDescription`); Civitai puts a ComfyUI graph (or `{ prompt, workflow }`) in
 * `UserComment`; NovelAI's WebP puts its PNG texts as one JSON object in `UserComment`; XMP may
 * hold `parameters`, `prompt` or `workflow` properties. This unpacks them under the keys the
 * readers know (`prompt`, `workflow`, `Comment`, …), never replacing a key already present.
 */
import { unescapeXml } from './xmp';

type Raw = Record<string, string>;

const CARRIERS = ['Model', 'Make', 'ImageDescription', 'UserComment', 'comment'];
const NOVELAI_KEYS = ['Comment', 'Description', 'Source', 'Software', 'Title'];

function object(text: string): Record<string, unknown> | undefined {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return undefined;
  try {
    const data: unknown = JSON.parse(t);
    return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A ComfyUI API graph: an object whose values are nodes with a `class_type`. */
export function looksLikeComfyGraph(o: Record<string, unknown> | undefined): boolean {
  if (!o) return false;
  const nodes = Object.values(o);
  return nodes.length > 0 && nodes.some((n) => n !== null && typeof n === 'object' && typeof (n as Record<string, unknown>)['class_type'] === 'string');
}

function set(raw: Raw, key: string, value: unknown): void {
  if (raw[key] !== undefined || value === undefined || value === null) return;
  raw[key] = typeof value === 'string' ? value : JSON.stringify(value);
}

function unpack(raw: Raw, text: string): void {
  const prefixed = /^\s*(prompt|workflow)\s*:\s*(\{[\s\S]*)$/i.exec(text);
  if (prefixed) {
    set(raw, (prefixed[1] ?? '').toLowerCase(), prefixed[2]);
    return;
  }
  const o = object(text);
  if (!o) return;
  if (looksLikeComfyGraph(o)) return set(raw, 'prompt', text.trim());
  const inner = typeof o['prompt'] === 'string' ? object(o['prompt']) : (o['prompt'] as Record<string, unknown> | undefined);
  if (looksLikeComfyGraph(inner)) {
    set(raw, 'prompt', inner);
    set(raw, 'workflow', o['workflow']);
    return;
  }
  if (o['Software'] === 'NovelAI' || (o['Comment'] !== undefined && o['Source'] !== undefined)) {
    for (const k of NOVELAI_KEYS) set(raw, k, o[k]);
  }
}

/** The text of XMP elements or attributes with one of `names` (any prefix; `rdf:Alt` lists give their first item). */
function xmpProperties(xmp: string, names: readonly string[]): Raw {
  const out: Raw = {};
  for (const name of names) {
    const open = new RegExp(`<(?:[\\w-]+:)?${name}(?:\\s[^>]*)?>`).exec(xmp);
    if (open) {
      const start = open.index + open[0].length;
      const close = xmp.indexOf(`${name}>`, start);
      if (close > start) {
        const inner = xmp.slice(start, xmp.lastIndexOf('</', close));
        out[name] = unescapeXml(inner.replace(/<[^>]*>/g, '').trim());
        continue;
      }
    }
    const attribute = new RegExp(`(?:[\\w-]+:)${name}\\s*=\\s*"([^"]*)"`).exec(xmp);
    if (attribute) out[name] = unescapeXml(attribute[1] ?? '');
  }
  return out;
}

/** Adds the texts carried in EXIF fields, comments and XMP to `raw`. */
export function unpackCarriedTexts(raw: Raw, xmp?: string): void {
  if (xmp) {
    const props = xmpProperties(xmp, ['parameters', 'prompt', 'workflow', 'UserComment', 'description']);
    for (const key of ['parameters', 'prompt', 'workflow']) set(raw, key, props[key]);
    for (const key of ['UserComment', 'description']) if (props[key]) unpack(raw, props[key]);
  }
  for (const key of CARRIERS) {
    const text = raw[key];
    if (text !== undefined) unpack(raw, text);
  }
}
