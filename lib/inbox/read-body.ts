import "server-only";

/** The body, or "too_large" as soon as it passes `max` bytes: a huge upload is never buffered whole. */
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
      // Stop reading; Next closes the connection rather than keep a half-read body on it.
      await reader.cancel().catch(() => {});
      return "too_large";
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
