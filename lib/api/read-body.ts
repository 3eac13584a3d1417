// How much of an oversized upload is still read (and thrown away) so the connection stays usable.
const MAX_DISCARD_BYTES = 64 * 1024 * 1024;

/**
 * The body, or "too_large" as soon as it passes `max` bytes: a huge upload is never buffered whole. The
 * JSON routes and the request inboxes read bodies this way.
 */
export async function readBodyUpTo(request: Request, max: number): Promise<Buffer | "too_large"> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > max) return "too_large";
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      void discardRest(reader);
      return "too_large";
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

// A keep-alive connection carries the next request only after this one's body has been read to its end;
// Node does this itself for bodies nobody touched, but not for one we stopped reading halfway.
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let discarded = 0;
  try {
    while (discarded <= MAX_DISCARD_BYTES) {
      const { done, value } = await reader.read();
      if (done) return;
      discarded += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The client went away: nothing left to keep usable.
  }
}
