/**
 * An XMP packet carrying this app's JSON in one property, `iap:json`, and the reader for it.
 * JPEG stores the packet in an APP1 segment, WebP in an `XMP ` chunk.
 */

export const XMP_NAMESPACE = 'urn:image-api-playground:xmp:1';

/** Element content needs only `&`, `<` and `>` escaped (quotes stay as they are, readable in any XMP viewer). */
function escapeXmlText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return NAMED[ref] ?? whole;
  });
}

/** A complete XMP packet (with the `<?xpacket?>` wrapper) whose `iap:json` property holds `json`. */
export function buildXmpPacket(json: string): string {
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    `<rdf:Description rdf:about="" xmlns:iap="${XMP_NAMESPACE}">`,
    `<iap:json>${escapeXmlText(json)}</iap:json>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

/** The `iap:json` property of an XMP packet (element or attribute form), whatever prefix it is bound to. */
export function readXmpJson(xmp: string): string | undefined {
  const bound = new RegExp(`xmlns:([A-Za-z_][\\w.-]*)\\s*=\\s*["']${XMP_NAMESPACE.replace(/[.:]/g, '\\$&')}["']`).exec(xmp);
  if (!bound) return undefined;
  const prefix = bound[1] ?? 'iap';
  const element = new RegExp(`<${prefix}:json(?:\\s[^>]*)?>([\\s\\S]*?)</${prefix}:json>`).exec(xmp);
  if (element) return unescapeXml(element[1] ?? '');
  const attribute = new RegExp(`${prefix}:json\\s*=\\s*"([^"]*)"`).exec(xmp);
  return attribute ? unescapeXml(attribute[1] ?? '') : undefined;
}
