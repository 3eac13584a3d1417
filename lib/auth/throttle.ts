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

// throttleSeconds in SQL, for the one statement that decides whether a try may go ahead.
const failures = sql`${verifications.value}::int`;
const WAIT_SQL = sql.raw(
  `case when "verifications"."value"::int <= ${FREE_FAILURES} then 0 ` +
    `else least(${BASE_DELAY_SECONDS} * power(2, "verifications"."value"::int - ${FREE_FAILURES + 1}), ${MAX_DELAY_SECONDS}) end`,
);
const ELAPSED_SQL = sql`extract(epoch from (now() - ${verifications.updatedAt}))`;
const LIVE_SQL = sql`${verifications.expiresAt} > now()`;

/** Seconds until this account may try again; 0 when it may now. */
export async function accountWaitSeconds(db: Database, email: string): Promise<number> {
  const [row] = await db
    .select({ failures: verifications.value, elapsed: ELAPSED_SQL })
    .from(verifications)
    .where(and(eq(verifications.id, counterId(email)), gt(verifications.expiresAt, sql`now()`)));
  if (!row) return 0;
  const wait = throttleSeconds(Number(row.failures)) - Number(row.elapsed);
  return wait > 0 ? Math.ceil(wait) : 0;
}

/**
 * Reserves a try before the password is checked: counts it as a failure at once, in one conditional
 * upsert, unless the account must wait. Parallel tries are thus counted before any of them is checked
 * (read-then-write let 39 of 40 parallel guesses through). Returns 0 when the try may go ahead, else the
 * seconds to wait. The try's outcome then confirms it (recordFailedSignIn), clears the count
 * (clearFailedSignIns) or hands it back (releaseSignInTry).
 */
export async function reserveSignInTry(db: Database, email: string): Promise<number> {
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
        value: sql`case when ${LIVE_SQL} then (${failures} + 1)::text else '1' end`,
        expiresAt: sql`now() + ${FORGET_AFTER}`,
        updatedAt: sql`now()`,
      },
      // The row stays locked from here to the end of the statement, so the next try sees this one's count.
      // A free try passes whatever the clock says: now() is when a statement began, so one that waited for
      // the lock can read an updatedAt later than its now(), and a negative elapsed time refused free tries.
      setWhere: sql`not ${LIVE_SQL} or ${WAIT_SQL} = 0 or ${ELAPSED_SQL} >= ${WAIT_SQL}`,
    })
    .returning({ failures: verifications.value });
  if (row) return 0;
  // Between the refused upsert and this read a correct password may have cleared the count: wait 1 s.
  return Math.max(await accountWaitSeconds(db, email), 1);
}

/** A reserved try was a wrong password: the wait runs from now. Returns the wait it causes. */
export async function recordFailedSignIn(db: Database, email: string): Promise<number> {
  const [row] = await db
    .update(verifications)
    .set({ updatedAt: sql`now()` })
    .where(eq(verifications.id, counterId(email)))
    .returning({ failures: verifications.value });
  return throttleSeconds(Number(row?.failures ?? 0));
}

/** A reserved try ended without a password verdict (a malformed request, an error): it does not count. */
export async function releaseSignInTry(db: Database, email: string): Promise<void> {
  await db
    .update(verifications)
    .set({ value: sql`greatest(${failures} - 1, 0)::text` })
    .where(eq(verifications.id, counterId(email)));
}

export async function clearFailedSignIns(db: Database, email: string): Promise<void> {
  await db.delete(verifications).where(eq(verifications.id, counterId(email)));
}
