import "server-only";
import { createHash } from "node:crypto";
import { and, eq, gt, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { verifications } from "@/db/schema";

// Per-account throttle of password sign-ins. Better Auth's own limiter counts per IP address, which a
// client can choose freely when no proxy overwrites X-Forwarded-For (see lib/auth/auth.ts); the account
// is what a password guesser cannot change. Consecutive wrong passwords for one email are counted; from
// the fifth on, that account's sign-in waits 30 s after the last failure, doubling each time up to 15 min.
// A correct password (once the wait is over) clears the count; so does an hour without failures.

export const FREE_FAILURES = 4;
const BASE_DELAY_SECONDS = 30;
const MAX_DELAY_SECONDS = 15 * 60;
const FORGET_AFTER = sql`interval '1 hour'`;
const IDENTIFIER = "sign-in-failures";

/** How long sign-in stays closed after the last of `failures` consecutive wrong passwords. */
export function throttleSeconds(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(BASE_DELAY_SECONDS * 2 ** (failures - FREE_FAILURES - 1), MAX_DELAY_SECONDS);
}

// The counter lives in Better Auth's verifications table (a value with an expiry, nothing more), under
// an id derived from the email, so one upsert counts atomically across app processes and the email
// itself is not stored.
function counterId(email: string): string {
  const hex = createHash("sha256").update(`${IDENTIFIER}\0${email.trim().toLowerCase()}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Seconds until this account may try again; 0 when it may now. */
export async function accountWaitSeconds(db: Database, email: string): Promise<number> {
  const [row] = await db
    .select({
      failures: verifications.value,
      elapsed: sql<string>`extract(epoch from (now() - ${verifications.updatedAt}))`,
    })
    .from(verifications)
    .where(and(eq(verifications.id, counterId(email)), gt(verifications.expiresAt, sql`now()`)));
  if (!row) return 0;
  const wait = throttleSeconds(Number(row.failures)) - Number(row.elapsed);
  return wait > 0 ? Math.ceil(wait) : 0;
}

/** Counts a wrong password; returns the wait it causes (0 while the account has tries left). */
export async function recordFailedSignIn(db: Database, email: string): Promise<number> {
  const [row] = await db
    .insert(verifications)
    .values({
      id: counterId(email),
      identifier: IDENTIFIER,
      value: "1",
      expiresAt: sql`now() + ${FORGET_AFTER}`,
    })
    .onConflictDoUpdate({
      target: verifications.id,
      set: {
        value: sql`case when ${verifications.expiresAt} > now() then (${verifications.value}::int + 1)::text else '1' end`,
        expiresAt: sql`now() + ${FORGET_AFTER}`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ failures: verifications.value });
  return throttleSeconds(Number(row?.failures ?? 1));
}

export async function clearFailedSignIns(db: Database, email: string): Promise<void> {
  await db.delete(verifications).where(eq(verifications.id, counterId(email)));
}
