import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/db";
import { rateLimitBuckets } from "@/db/schema";
import { TEST_SENDS_PER_MINUTE } from "@/lib/dispatch/test-outcome";
import { env } from "@/lib/env";
import type { Principal, Realm } from "./auth";

// A token bucket per caller in the database, so every app process on it draws from the same bucket
// (per-process buckets would multiply the limit by the number of processes). One statement reads,
// refills and takes from the bucket under its row lock. Written here rather than taken from a library:
// the ones on npm keep buckets in memory or in Redis, and this app's shared state is PostgreSQL.
//
// A process takes tokens in grants of GRANT_SECONDS' worth (rate/20, at least 1) and spends them from
// memory, so at 1000 events/s it asks the database once per 50 requests instead of once per request.
// Every request let through still spent a token of the shared bucket, so the limit holds across
// processes; the tolerance is one grant per process: a grant is spent within GRANT_TTL_MS of being
// taken, so in any second a process may let through up to (grant − 1) more than the bucket gave in that
// second, and tokens it holds unspent are missing from the others' bucket meanwhile (≤ 5 % of the rate
// each way; at the default API rate of 80/s that is 3 requests). A refusal is remembered until the
// bucket has refilled one token: nothing but time refills it, so asking sooner could only be refused.

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

const GRANT_SECONDS = 0.05;
const GRANT_TTL_MS = 1000;

// Read once per process: env() validates every variable, which cost ~5 % of a request's CPU when it ran
// on every request (profiled, bench:dispatch). The limits are settings of the process, fixed at start.
const globalForRates = globalThis as unknown as { hooksmithRates?: Record<Realm, number> };

/** Requests per second for a realm: API_RATE_LIMIT (80) for /api/v1, EVENT_RATE_LIMIT (1000) for events. */
export function ratePerSecond(realm: Realm): number {
  if (!globalForRates.hooksmithRates) {
    const e = env();
    globalForRates.hooksmithRates = { internal: e.EVENT_RATE_LIMIT ?? 1000, api: e.API_RATE_LIMIT ?? 80 };
  }
  return globalForRates.hooksmithRates[realm];
}

export function bucketOf(principal: Principal, realm: Realm): string {
  return `${realm}:${principal.actor.id ?? principal.actor.label}`;
}

/** How many tokens a process takes from the shared bucket at once. */
export function grantSize(rate: number): number {
  return Math.max(1, Math.floor(rate * GRANT_SECONDS));
}

type Held = {
  tokens: number;
  /** Epoch ms until which the tokens held may be spent. */
  expires: number;
  /** Epoch ms until which the bucket cannot have a token. */
  refusedUntil: number;
  /** The database round trip under way for this bucket: others wait for it instead of starting theirs. */
  drawing: Promise<void> | null;
};

// Per database connection (on PostgreSQL: per process) and bucket. Grants live a second, so an entry is
// worth keeping only briefly; the map is emptied of stale entries as it grows.
const held = new WeakMap<Database, Map<string, Held>>();

function heldFor(db: Database, bucket: string, now: number): Held {
  let buckets = held.get(db);
  if (!buckets) {
    buckets = new Map();
    held.set(db, buckets);
  }
  let entry = buckets.get(bucket);
  if (!entry) {
    if (buckets.size >= 10_000) {
      for (const [key, stale] of buckets) {
        if (!stale.drawing && stale.expires < now && stale.refusedUntil < now) buckets.delete(key);
      }
    }
    entry = { tokens: 0, expires: 0, refusedUntil: 0, drawing: null };
    buckets.set(bucket, entry);
  }
  return entry;
}

/**
 * Takes one request from the bucket, which holds `rate` (one `windowSeconds`' worth, a second unless told)
 * and refills continuously. `now` comes from the caller's clock so that tests can move time; processes on
 * one database are expected to share a clock (NTP), and a clock behind the stored one refills nothing.
 */
export async function takeRequest(
  db: Database,
  bucket: string,
  rate: number,
  now = new Date(),
  windowSeconds = 1,
): Promise<LimitResult> {
  const at = now.getTime();
  const entry = heldFor(db, bucket, at);
  for (;;) {
    if (entry.tokens >= 1 && at < entry.expires) {
      entry.tokens -= 1;
      return { ok: true };
    }
    if (at < entry.refusedUntil) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((entry.refusedUntil - at) / 1000)) };
    }
    if (!entry.drawing) {
      entry.drawing = drawGrant(db, bucket, { rate, windowSeconds }, now, entry).finally(() => {
        entry.drawing = null;
      });
    }
    await entry.drawing;
  }
}

// Takes a grant from the shared bucket, or what is left of one; or learns when the next token is due.
type Size = { rate: number; windowSeconds: number };

async function drawGrant(db: Database, bucket: string, size: Size, now: Date, entry: Held) {
  const at = now.getTime();
  const grant = grantSize(size.rate);
  let drawn = await draw(db, bucket, size, grant, now);
  let taken = grant;
  if (!drawn.allowed && drawn.tokens >= 1) {
    // Less than a grant is left: take what there is.
    taken = Math.min(grant, Math.floor(drawn.tokens));
    drawn = await draw(db, bucket, size, taken, now);
  }
  if (drawn.allowed) {
    entry.tokens = taken;
    entry.expires = at + GRANT_TTL_MS;
  } else {
    entry.tokens = 0;
    entry.refusedUntil = at + Math.max(1, ((1 - drawn.tokens) / size.rate) * size.windowSeconds * 1000);
  }
}

// Takes `take` tokens from the bucket if it holds that many after refilling, else nothing; returns the
// tokens left (the refilled count when refused) and whether they were taken.
async function draw(db: Database, bucket: string, { rate, windowSeconds }: Size, take: number, now: Date) {
  const table = rateLimitBuckets;
  const elapsedSeconds = sql`greatest(0, extract(epoch from (${now.toISOString()}::timestamptz - ${table.updated_at})))`;
  const refill = rate / windowSeconds;
  const refilled = sql`least(${rate}::float8, ${table.tokens} + ${elapsedSeconds} * ${refill}::float8)`;
  const [row] = await db
    .insert(table)
    .values({ bucket, tokens: rate - take, updated_at: now, allowed: true })
    .onConflictDoUpdate({
      target: table.bucket,
      set: {
        tokens: sql`case when ${refilled} >= ${take}::float8 then ${refilled} - ${take}::float8 else ${refilled} end`,
        allowed: sql`${refilled} >= ${take}::float8`,
        updated_at: now,
      },
    })
    .returning({ tokens: table.tokens, allowed: table.allowed });
  if (!row) throw new Error("the rate-limit statement returned no row");
  return row;
}

// Test sends per workspace: 30 a minute, whoever sends them (people in the editor, keys over the API). A
// test is a real request to a third party made while the caller waits, and holds a connection up to the
// 15 s timeout: unlimited, a workspace could use the app to hammer any host, or tie up the app's
// connections. 30 a minute is far more than a person clicking "Send test" needs, and lets a script try
// every method and content type in one go. The bucket is the API's (rate_limit_buckets), shared by every
// app process, holding 30 and refilling one every 2 s.
export function takeTestSend(db: Database, workspaceId: string, now = new Date()): Promise<LimitResult> {
  return takeRequest(db, `test:${workspaceId}`, TEST_SENDS_PER_MINUTE, now, 60);
}
