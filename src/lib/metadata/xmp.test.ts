import { describe, expect, it } from 'vitest';
import { XMP_NAMESPACE, buildXmpPacket, readXmpJson, unescapeXml } from './xmp';

describe('XMP packet', () => {
  it('round-trips JSON holding XML special characters', () => {
    const json = JSON.stringify({ prompt: `<a & "b"> 'c' ✓` });
    const packet = buildXmpPacket(json);
    expect(packet).not.toContain('<a &');
    // Quotes need no escaping in element content: the JSON stays readable in the packet.
    expect(packet).toContain('<iap:json>{"prompt":"&lt;a &amp; \\"b\\"&gt; \'c\' ✓"}</iap:json>');
    expect(packet).not.toContain('&#34;');
    expect(packet.startsWith('<?xpacket begin=')).toBe(true);
    expect(readXmpJson(packet)).toBe(json);
  });

  it('reads the property under another prefix and in attribute form', () => {
    expect(readXmpJson(`<rdf:Description xmlns:p="${XMP_NAMESPACE}"><p:json>{&quot;a&quot;:1}</p:json></rdf:Description>`)).toBe('{"a":1}');
    expect(readXmpJson(`<rdf:Description xmlns:iap='${XMP_NAMESPACE}' iap:json="{&#34;b&#34;:2}"/>`)).toBe('{"b":2}');
  });

  it('finds nothing in a packet without the namespace', () => {
    expect(readXmpJson('<x:xmpmeta xmlns:x="adobe:ns:meta/"><iap:json>{}</iap:json></x:xmpmeta>')).toBeUndefined();
  });

  it('unescapes named, decimal and hex references', () => {
    expect(unescapeXml('&lt;&gt;&amp;&quot;&apos;&#65;&#x1F600;&unknown;')).toBe(`<>&"'A😀&unknown;`);
  });
});
