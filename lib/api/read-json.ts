import { ApiError } from "./errors";

export const MAX_BODY_BYTES = 1024 * 1024;
// How much of an oversized upload is still read (and thrown away) so the connection stays usable.
const MAX_DISCARD_BYTES = 64 * 1024 * 1024;

const tooLarge = () => new ApiError("payload_too_large", "payloadTooLarge", { values: { max: "1 MiB" } });
const invalidJson = () => new ApiError("invalid_json", "invalidJson");
const notJson = () => new ApiError("unsupported_media_type", "unsupportedMediaType");

/**
 * Whether a Content-Type header names JSON: `application/json`, any case, with optional parameters; a
 * charset must be UTF-8, the only one JSON has (RFC 8259). `application/*+json` types are refused too:
 * the routes speak plain JSON only.
 */
export function isJsonContentType(header: string | null): boolean {
  if (header === null) return false;
  const [type = "", ...parameters] = header.split(";");
  if (type.trim().toLowerCase() !== "application/json") return false;
  return parameters.every((parameter) => {
    const [name = "", value = ""] = parameter.split("=", 2);
    if (name.trim().toLowerCase() !== "charset") return true;
    return /^"?utf-?8"?$/i.test(value.trim());
  });
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

/**
 * Reads a JSON body as a stream and stops as soon as it passes 1 MiB, so a huge upload is never buffered
 * whole. Only a body declared as `application/json` is read: a browser may send a cross-site form post
 * (form-encoded, multipart or text/plain) without asking first, and that must never be taken for JSON. A
 * missing Content-Type is refused the same way, body or not: every route that reads a body needs one.
 */
export async function readJson(request: Request): Promise<unknown> {
  if (!isJsonContentType(request.headers.get("content-type"))) throw notJson();
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
