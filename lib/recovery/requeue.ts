import { sql } from "drizzle-orm";

// A delivery put back in the queue, due now and held by no worker: retry now and bulk recovery set these.
export const dueNow = {
  status: "pending" as const,
  next_attempt_at: sql`now()`,
  lease_expires_at: null,
  leased_by: null,
  completed_at: null,
};
