import "server-only";
import { createHash, randomBytes } from "node:crypto";

// "hks_inb_" + 256 random bits in base64url: unguessable, and safe in a URL path as it is.
const PREFIX = "hks_inb_";
const TOKEN = /^hks_inb_[A-Za-z0-9_-]{43}$/;

export function generateInboxToken(): { token: string; hash: string } {
  const token = PREFIX + randomBytes(32).toString("base64url");
  return { token, hash: hashInboxToken(token) };
}

// Like API keys: 256 random bits need no salt or stretching; the hash finds the inbox in one index lookup.
export function hashInboxToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether `value` has the shape of an inbox token; anything else is not looked up at all. */
export function isInboxToken(value: string): boolean {
  return TOKEN.test(value);
}

/** The inbox's address on this app, relative to its origin. */
export function inboxPath(token: string): string {
  return `/api/inbox/${token}`;
}
