import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/db";
import { rateLimitBuckets } from "@/db/schema";
import { env } from "@/lib/env";
import type { Principal, Realm } from "./auth";

// A token bucket per caller in the database, so every app process on it draws from the same bucket
// (per-process buckets would multiply the limit by the number of processes). One statement reads,
// refills and takes from the bucket under its row lock. Written here rather than taken from a library:
// the ones on npm keep buckets in memory or in Redis, and this app's shared state is PostgreSQL.

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Requests per second for a realm: API_RATE_LIMIT (80) for /api/v1, EVENT_RATE_LIMIT (1000) for events. */
export function ratePerSecond(realm: Realm): number {
  const e = env();
  return realm === "internal" ? (e.EVENT_RATE_LIMIT ?? 1000) : (e.API_RATE_LIMIT ?? 80);
}

export function bucketOf(principal: Principal, realm: Realm): string {
  return `${realm}:${principal.actor.id ?? principal.actor.label}`;
}

/**
 * Takes one request from the bucket, which holds `rate` (one second's worth) and refills continuously.
 * `now` comes from the caller's clock so that tests can move time; processes on one database are
 * expected to share a clock (NTP), and a clock behind the stored one refills nothing.
 */
export async function takeRequest(
  db: Database,
  bucket: string,
  rate: number,
  now = new Date(),
): Promise<LimitResult> {
  const table = rateLimitBuckets;
  const elapsedSeconds = sql`greatest(0, extract(epoch from (${now.toISOString()}::timestamptz - ${table.updated_at})))`;
  const refilled = sql`least(${rate}::float8, ${table.tokens} + ${elapsedSeconds} * ${rate}::float8)`;
  const [row] = await db
    .insert(table)
    .values({ bucket, tokens: rate - 1, updated_at: now, allowed: true })
    .onConflictDoUpdate({
      target: table.bucket,
      set: {
        tokens: sql`case when ${refilled} >= 1 then ${refilled} - 1 else ${refilled} end`,
        allowed: sql`${refilled} >= 1`,
        updated_at: now,
      },
    })
    .returning({ tokens: table.tokens, allowed: table.allowed });
  if (!row || row.allowed) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - row.tokens) / rate)) };
}
