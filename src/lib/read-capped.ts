/**
 * The one capped body reader, for the browser (`api/http.ts`) and the proxy (`server/proxy.ts`):
 * reads a byte stream whole, and past `cap` bytes stops reading, cancels the stream and throws
 * `tooLarge()`: a large body is never buffered.
 */
export async function readCapped(
  body: ReadableStream<Uint8Array> | null | undefined,
  cap: number,
  tooLarge: () => Error,
  declaredLength?: string | null,
): Promise<Uint8Array> {
  // Declared too large: refused before a byte is read. The unread body is the caller's (a client
  // cancels it; a server closes the connection: cancelling a node request stream here would race it).
  if (Number(declaredLength ?? 0) > cap) throw tooLarge();
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
