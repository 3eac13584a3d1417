import "server-only";
import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";

export const SECRET_PREFIX = "whsec_";
// Standard Webhooks asks for 24 to 64 random bytes; 32 matches the HMAC-SHA256 output size.
const SECRET_BYTES = 32;
// After a rotation the old secret signs beside the new one for a day, so receivers can switch over.
const DEFAULT_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** A new signing secret in the Standard Webhooks format: "whsec_" + base64 of random bytes. */
export function generateSigningSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString("base64");
}

/** Whether `value` is a secret the `standardwebhooks` libraries accept: prefix, base64, 24–64 bytes. */
export function isSigningSecret(value: string): boolean {
  if (!value.startsWith(SECRET_PREFIX)) return false;
  const encoded = value.slice(SECRET_PREFIX.length);
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(encoded)) return false;
  const length = Buffer.from(encoded, "base64").length;
  return length >= 24 && length <= 64;
}

/** How long the previous secret keeps signing after a rotation: 24 h unless DISPATCH_SECRET_OVERLAP_SECONDS says otherwise. */
export function secretOverlapMs(): number {
  const seconds = env().DISPATCH_SECRET_OVERLAP_SECONDS;
  return seconds === undefined ? DEFAULT_OVERLAP_MS : Math.round(seconds * 1000);
}
