/**
 * One outbound request from the twins (an init image, a webhook) to a public address only:
 * the host is resolved and checked first, the connection pinned to the checked addresses, no
 * redirect is followed, the answer is read up to a size cap. It reads the body itself rather
 * than with `src/lib/read-capped.ts` (the proxy's and the client's): the twins import nothing of src/.
 */
import { fetch } from 'undici';
import { connectHost } from './address';
import { checkedAddresses, pinnedAgent } from './pinned';
import type { AddressPolicy } from './pinned';

export interface PublicAnswer {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
}

export class AnswerTooLarge extends Error {}

export interface PublicRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxBytes: number;
}

/** Throws TargetRefused before any connection for a non-public target; a 3xx comes back as is. */
export async function fetchPublic(url: URL, request: PublicRequest, policy: AddressPolicy = {}): Promise<PublicAnswer> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`unsupported protocol ${url.protocol}`);
  const addresses = await checkedAddresses(connectHost(url), policy);
  const agent = pinnedAgent(addresses);
  try {
    const response = await fetch(url, {
      method: request.method ?? 'GET',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
      dispatcher: agent,
    });
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > request.maxBytes) {
      await response.body?.cancel();
      throw new AnswerTooLarge(`larger than ${request.maxBytes} bytes`);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (response.body) {
      for await (const chunk of response.body) {
        size += chunk.byteLength;
        if (size > request.maxBytes) throw new AnswerTooLarge(`larger than ${request.maxBytes} bytes`);
        chunks.push(chunk);
      }
    }
    return { status: response.status, headers: response.headers as unknown as Headers, bytes: new Uint8Array(Buffer.concat(chunks)) };
  } finally {
    void agent.destroy().catch(() => undefined);
  }
}
