import { ApiError } from "./errors";
import { readBodyUpTo } from "./read-body";

export const MAX_BODY_BYTES = 1024 * 1024;

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

/**
 * Reads a JSON body as a stream and stops as soon as it passes 1 MiB, so a huge upload is never buffered
 * whole. Only a body declared as `application/json` is read: a browser may send a cross-site form post
 * (form-encoded, multipart or text/plain) without asking first, and that must never be taken for JSON. A
 * missing Content-Type is refused the same way, body or not: every route that reads a body needs one.
 */
export async function readJson(request: Request): Promise<unknown> {
  if (!isJsonContentType(request.headers.get("content-type"))) throw notJson();
  const body = await readBodyUpTo(request, MAX_BODY_BYTES);
  if (body === "too_large") throw tooLarge();

  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(body);
    return JSON.parse(text);
  } catch {
    throw invalidJson();
  }
}
