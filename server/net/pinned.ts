/**
 * Resolve once, check every address, connect to exactly those addresses: a name that answers
 * a public address to the check and a loopback one to the connection (DNS rebinding) cannot
 * slip through, because the connection never asks DNS again.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { LookupFunction } from 'node:net';
import { Agent } from 'undici';
import { isBlockedAddress, isLoopbackName } from './address';

export type Resolve = (host: string) => Promise<string[]>;

export const systemResolve: Resolve = async (host) => (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** Where outbound connections may go; both parts are injectable so tests can reach a loopback upstream. */
export interface AddressPolicy {
  resolve?: Resolve;
  isBlocked?: (address: string) => boolean;
}

export class TargetRefused extends Error {
  constructor(
    readonly reason: 'blocked' | 'unresolvable',
    message: string,
  ) {
    super(message);
  }
}

/** The addresses `host` resolves to, all of them allowed; throws TargetRefused otherwise. */
export async function checkedAddresses(host: string, policy: AddressPolicy = {}): Promise<string[]> {
  const isBlocked = policy.isBlocked ?? isBlockedAddress;
  const blocked = () => new TargetRefused('blocked', `${host} is a loopback, private or link-local address`);
  if (isLoopbackName(host)) throw blocked();
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await (policy.resolve ?? systemResolve)(host);
    } catch {
      throw new TargetRefused('unresolvable', `${host} could not be resolved`);
    }
  }
  if (addresses.length === 0) throw new TargetRefused('unresolvable', `${host} could not be resolved`);
  if (addresses.some(isBlocked)) throw blocked();
  return addresses;
}

export interface PinnedOptions {
  /** Extra trusted CA certificates (tests run an https upstream with their own certificate). */
  ca?: string | Buffer;
  connectTimeoutMs?: number;
}

/** An undici Agent whose every connection goes to `addresses`, whatever DNS says by then. */
export function pinnedAgent(addresses: string[], options: PinnedOptions = {}): Agent {
  const entries = addresses.map((address) => ({ address, family: isIP(address) }));
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    const first = entries[0] ?? { address: '0.0.0.0', family: 4 };
    if (lookupOptions.all) callback(null, entries);
    else callback(null, first.address, first.family);
  };
  return new Agent({
    connect: { lookup, ...(options.ca ? { ca: options.ca } : {}), timeout: options.connectTimeoutMs ?? 15_000 },
    connections: 4,
  });
}
