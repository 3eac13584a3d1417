import { ApiError } from "./errors";

export const MAX_BODY_BYTES = 1024 * 1024;
// How much of an oversized upload is still read (and thrown away) so the connection stays usable.
const MAX_DISCARD_BYTES = 64 * 1024 * 1024;

const tooLarge = () => new ApiError("payload_too_large", "payloadTooLarge", { values: { max: "1 MiB" } });
const invalidJson = () => new ApiError("invalid_json", "invalidJson");

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

// Reads the body as a stream and stops as soon as it passes 1 MiB, so a huge upload is never buffered whole.
export async function readJson(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) throw invalidJson();

  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      void discardRest(reader);
      throw tooLarge();
    }
    chunks.push(value);
  }

  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
    return JSON.parse(text);
  } catch {
    throw invalidJson();
  }
}
