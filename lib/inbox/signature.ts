import { createHmac, timingSafeEqual } from "node:crypto";

// The check a receiver using the `standardwebhooks` library makes (Webhook#verify, v1.1), step by step,
// as a pure function so the inbox can say *why* a request fails instead of only that it does:
//   1. webhook-id, webhook-timestamp and webhook-signature present and not empty (names in any case);
//   2. the timestamp a whole number of seconds (parseInt, as the library reads it) within 5 minutes of now;
//   3. one `v1,<base64>` entry of the signature header equal to HMAC-SHA256 over
//      `${id}.${timestamp}.${content}` with one of the secrets.
// What the signed content is belongs to the caller: the raw body as text (what the library verifies),
// or for GET the exact query string sent (issue 12, part 5).

export const TOLERANCE_SECONDS = 5 * 60;
const SECRET_PREFIX = "whsec_";

export type SignatureVerdict =
  | { result: "valid"; secret: number }
  | { result: "invalid" }
  | { result: "stale"; direction: "too_old" | "too_new" }
  | { result: "missing_headers"; missing: string[] };

export type SignatureCheckInput = {
  headers: readonly (readonly [string, string])[];
  /** What was signed; a Buffer is read as UTF-8 text, as the library does. */
  content: string | Buffer;
  /** The secrets to try, in order (current first, then a previous one still valid); `whsec_…`. */
  secrets: readonly string[];
  now: Date;
};

const REQUIRED = ["webhook-id", "webhook-timestamp", "webhook-signature"] as const;

export function checkSignature({ headers, content, secrets, now }: SignatureCheckInput): SignatureVerdict {
  // The library lower-cases the names into one object: the last of repeated names wins.
  const byName = new Map(headers.map(([name, value]) => [name.toLowerCase(), value]));
  const missing = REQUIRED.filter((name) => !byName.get(name));
  if (missing.length > 0) return { result: "missing_headers", missing };
  const id = byName.get("webhook-id") as string;
  const signature = byName.get("webhook-signature") as string;

  const timestamp = Number.parseInt(byName.get("webhook-timestamp") as string, 10);
  if (Number.isNaN(timestamp)) return { result: "invalid" };
  const seconds = Math.floor(now.getTime() / 1000);
  if (seconds - timestamp > TOLERANCE_SECONDS) return { result: "stale", direction: "too_old" };
  if (timestamp > seconds + TOLERANCE_SECONDS) return { result: "stale", direction: "too_new" };

  const signed = `${id}.${timestamp}.${typeof content === "string" ? content : content.toString("utf8")}`;
  const given = signature
    .split(" ")
    .map((entry) => entry.split(","))
    .filter(([version]) => version === "v1")
    .map(([, value]) => Buffer.from(value ?? "", "utf8"));
  for (const [index, secret] of secrets.entries()) {
    const key = Buffer.from(
      secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret,
      "base64",
    );
    if (key.length === 0) continue;
    const expected = Buffer.from(createHmac("sha256", key).update(signed, "utf8").digest("base64"), "utf8");
    if (given.some((value) => value.length === expected.length && timingSafeEqual(value, expected))) {
      return { result: "valid", secret: index };
    }
  }
  return { result: "invalid" };
}
