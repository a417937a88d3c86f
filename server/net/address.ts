/**
 * Which addresses a server on the user's machine may connect to on someone else's behalf.
 *
 * Both the proxy and the twins (image URLs, webhooks) use this: a web page or a provider must
 * never make them reach the user's own machine or network. IPv6 forms that carry an IPv4
 * address (mapped, compatible, NAT64, 6to4, Teredo) are refused or checked as that IPv4.
 */
import { isIP } from 'node:net';

/** `a.b.c.d` (dotted decimal, as the URL parser normalises every IPv4 spelling) → 4 bytes. */
function ipv4Bytes(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.map(Number);
}

/** An IPv6 literal (with `::`, an optional trailing dotted IPv4 and an optional zone) → 16 bytes. */
export function ipv6Bytes(text: string): number[] | null {
  let s = text.toLowerCase().replace(/^\[|\]$/g, '');
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (isIP(s) !== 6) return null;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s)?.[1];
  if (dotted) {
    const v4 = ipv4Bytes(dotted);
    if (!v4) return null;
    const hex = (hi: number, lo: number) => ((hi << 8) | lo).toString(16);
    s = s.slice(0, -dotted.length) + `${hex(v4[0] ?? 0, v4[1] ?? 0)}:${hex(v4[2] ?? 0, v4[3] ?? 0)}`;
  }
  const [head = '', rest, extra] = s.split('::');
  if (extra !== undefined) return null;
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = rest === undefined ? [] : parse(rest);
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (rest === undefined && missing !== 0)) return null;
  const groups = [...left, ...Array<number>(missing).fill(0), ...right];
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

function ipv4Blocked([a = 0, b = 0, c = 0]: number[]): boolean {
  return (
    a === 0 || // "this network"
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) || // IETF protocol assignments, TEST-NET-1
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113) ||
    a >= 224 // multicast, reserved, broadcast
  );
}

function startsWith(bytes: number[], prefix: number[], bits: number): boolean {
  for (let i = 0; i < bits; i += 1) {
    const byte = i >> 3;
    const mask = 0x80 >> (i & 7);
    if (((bytes[byte] ?? 0) & mask) !== ((prefix[byte] ?? 0) & mask)) return false;
  }
  return true;
}

/** IPv6 ranges refused outright, as [prefix bytes, prefix length]. */
const BLOCKED_V6: Array<[number[], number]> = [
  [[], 96], // ::/96: unspecified, loopback, IPv4-compatible
  [[0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], 96], // ::ffff:0:0:0/96, IPv4-translated
  [[0, 0x64, 0xff, 0x9b], 96], // 64:ff9b::/96, NAT64
  [[0, 0x64, 0xff, 0x9b, 0, 1], 48], // 64:ff9b:1::/48, local NAT64
  [[0x01, 0x00], 64], // 100::/64, discard
  [[0x20, 0x01, 0, 0], 32], // 2001::/32, Teredo
  [[0x20, 0x01, 0x0d, 0xb8], 32], // documentation
  [[0x20, 0x02], 16], // 2002::/16, 6to4
  [[0xfc], 7], // unique local
  [[0xfe, 0x80], 10], // link-local
  [[0xfe, 0xc0], 10], // site-local (deprecated)
  [[0xff], 8], // multicast
];

/**
 * True for every address a server on the user's machine must not be pointed at: loopback,
 * private, link-local, shared, reserved, multicast, and IPv6 forms that embed one. Anything that
 * is not an IP address is refused too.
 */
export function isBlockedAddress(address: string): boolean {
  const v4 = ipv4Bytes(address);
  if (v4) return ipv4Blocked(v4);
  const v6 = ipv6Bytes(address);
  if (!v6) return true;
  // IPv4-mapped (::ffff:a.b.c.d) is the IPv4 address itself.
  if (v6.slice(0, 10).every((b) => b === 0) && v6[10] === 0xff && v6[11] === 0xff) return ipv4Blocked(v6.slice(12));
  return BLOCKED_V6.some(([prefix, bits]) => startsWith(v6, prefix, bits));
}

/**
 * The host of a URL as it will be connected to: lower case, without IPv6 brackets and without
 * trailing dots (`localhost.` is `localhost`). The WHATWG URL parser has already turned
 * `2130706433`, `0x7f.0.0.1`, `127.1` and `0177.0.0.1` into `127.0.0.1`.
 */
export function connectHost(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.+$/, '');
}

/** Names that always mean this machine, whatever a resolver says. */
export function isLoopbackName(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === 'localhost.localdomain';
}
