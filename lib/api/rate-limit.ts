import "server-only";
import { env } from "@/lib/env";
import type { Principal, Realm } from "./auth";

// A token bucket per key, in this process's memory. Written here rather than taken from a library: the
// ones on npm are Express middleware or need Redis, and this is twenty lines. With several app processes
// each holds its own buckets, so the limit is per process (say so in the README).

type Bucket = { tokens: number; updatedAt: number };
const globalForLimits = globalThis as unknown as { hooksmithBuckets?: Map<string, Bucket> };

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Requests per second for a realm: API_RATE_LIMIT (80) for /api/v1, EVENT_RATE_LIMIT (1000) for events. */
export function ratePerSecond(realm: Realm): number {
  const e = env();
  return realm === "internal" ? (e.EVENT_RATE_LIMIT ?? 1000) : (e.API_RATE_LIMIT ?? 80);
}

/** Takes one request from the caller's bucket, which holds one second's worth and refills continuously. */
export function takeRequest(principal: Principal, realm: Realm, now = Date.now()): LimitResult {
  const rate = ratePerSecond(realm);
  globalForLimits.hooksmithBuckets ??= new Map();
  const buckets = globalForLimits.hooksmithBuckets;
  const key = `${realm}:${principal.actor.id ?? principal.actor.label}`;
  const bucket = buckets.get(key) ?? { tokens: rate, updatedAt: now };
  bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.updatedAt) / 1000) * rate);
  bucket.updatedAt = now;
  buckets.set(key, bucket);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return { ok: true };
  }
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / rate)) };
}
