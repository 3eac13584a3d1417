import "server-only";
import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { type DeliveryRow, type DeliveryStatus, deliveries, webhooks } from "@/db/schema";
import { isUuid } from "@/lib/ids";
import { wakeWorkers } from "./wake";

export type ResendResult =
  | { ok: true }
  | { ok: false; error: "not_found" | "not_failed" | "webhook_disabled" };

/**
 * Puts a failed (or cancelled) delivery back in the queue, due now. Only while its webhook is on: an
 * inactive webhook sends nothing. It keeps its id, so receivers see the same
 * `webhook-id` and can drop it if they had processed it after all, and its stored request, so the same
 * body goes out. Its attempt count goes on: a resend is one more try, not a new retry schedule.
 */
export async function resendDelivery(
  db: Database,
  workspaceId: string,
  webhookId: string,
  deliveryId: string,
): Promise<ResendResult> {
  if (!isUuid(webhookId) || !isUuid(deliveryId)) return { ok: false, error: "not_found" };
  const [row] = await db
    .select({ status: deliveries.status, active: webhooks.active })
    .from(deliveries)
    .innerJoin(webhooks, eq(webhooks.id, deliveries.webhook_id))
    .where(
      and(
        eq(deliveries.workspace_id, workspaceId),
        eq(deliveries.id, deliveryId),
        eq(deliveries.webhook_id, webhookId),
      ),
    );
  if (!row) return { ok: false, error: "not_found" };
  // The worker would cancel it again unsent.
  if (!row.active) return { ok: false, error: "webhook_disabled" };
  const requeued = await requeueDelivery(db, deliveryId, ["failed", "cancelled"]);
  return requeued ? { ok: true } : { ok: false, error: "not_failed" };
}

// A delivery put back in the queue, due now and held by no worker: resend, retry now and bulk recovery.
export const dueNow = {
  status: "pending" as const,
  next_attempt_at: sql`now()`,
  lease_expires_at: null,
  leased_by: null,
  completed_at: null,
};

/**
 * Puts one delivery back in the queue, due now, and wakes the workers: only while it is in one of `from`
 * (a double click or a second tab cannot queue one that is already on its way), never while a worker holds
 * a live lease on it (its outcome decides what follows), and never a test (one attempt, never sent again:
 * lib/dispatch/test-send.ts). Returns the row, or null when it was not requeued. The caller checks the
 * workspace and that the webhook is on.
 */
export async function requeueDelivery(
  db: Database,
  deliveryId: string,
  from: DeliveryStatus[],
): Promise<DeliveryRow | null> {
  const [row] = await db
    .update(deliveries)
    .set(dueNow)
    .where(
      and(
        eq(deliveries.id, deliveryId),
        inArray(deliveries.status, from),
        eq(deliveries.is_test, false),
        or(isNull(deliveries.lease_expires_at), lt(deliveries.lease_expires_at, sql`now()`)),
      ),
    )
    .returning();
  if (!row) return null;
  wakeWorkers();
  return row;
}
