/**
 * Which addresses a server on the user's machine may connect to on someone else's behalf.
 *
 * Both the proxy and the twins (image URLs, webhooks) use this: a web page or a provider must
 * never make them reach the user's own machine or network. IPv6 forms that carry an IPv4
 * address (mapped, compatible, NAT64, 6to4, Teredo) are refused or checked as that IPv4.
 */
import { BlockList, isIP } from 'node:net';

/** Every range a server on the user's machine must not be pointed at, as node's own BlockList. */
const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // TEST-NET-1
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 3], // multicast, reserved, broadcast
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback, IPv4-compatible
  ['::ffff:0:0:0', 96], // IPv4-translated
  ['64:ff9b::', 96], // NAT64
  ['64:ff9b:1::', 48], // local NAT64
  ['100::', 64], // discard
  ['2001::', 32], // Teredo
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

/**
 * True for every address a server on the user's machine must not be pointed at: loopback,
 * private, link-local, shared, reserved, multicast, and IPv6 forms that embed one. Anything that
 * is not an IP address is refused too. An IPv4-mapped address (::ffff:a.b.c.d) is checked as
 * that IPv4 address (BlockList does so itself); a zone (`%eth0`) is not part of the address.
 */
export function isBlockedAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) return true;
  return BLOCKED.check(bare, family === 4 ? 'ipv4' : 'ipv6');
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
