import "server-only";
import { randomBytes } from "node:crypto";

export const SECRET_PREFIX = "whsec_";
// Standard Webhooks asks for 24 to 64 random bytes; 32 matches the HMAC-SHA256 output size.
const SECRET_BYTES = 32;

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
