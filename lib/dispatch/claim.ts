import "server-only";
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { deliveries } from "@/db/schema";

/**
 * Takes up to `limit` due deliveries for one worker. SKIP LOCKED lets any number of workers on one
 * PostgreSQL claim side by side without waiting on each other or taking the same row; the lease hands
 * a crashed worker's rows back once it runs out. Times come from the database, the one clock all share.
 */
export async function claimDueDeliveries(
  db: Database,
  options: { workerId: string; limit: number; leaseMs: number },
): Promise<string[]> {
  const due = db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.status, "pending"),
        lte(deliveries.next_attempt_at, sql`now()`),
        or(isNull(deliveries.lease_expires_at), lt(deliveries.lease_expires_at, sql`now()`)),
      ),
    )
    .orderBy(asc(deliveries.next_attempt_at))
    .limit(options.limit)
    .for("update", { skipLocked: true });
  const claimed = await db
    .update(deliveries)
    .set({
      lease_expires_at: sql`now() + ${`${options.leaseMs} milliseconds`}::interval`,
      leased_by: options.workerId,
    })
    .where(inArray(deliveries.id, due))
    .returning({ id: deliveries.id });
  return claimed.map((row) => row.id);
}
