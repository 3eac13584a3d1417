import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { deliveries, webhooks } from "@/db/schema";
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
  const requeued = await db
    .update(deliveries)
    .set({
      status: "pending",
      next_attempt_at: sql`now()`,
      lease_expires_at: null,
      leased_by: null,
      completed_at: null,
    })
    // Only a finished one: a double click or a second tab cannot queue a delivery that is already on its way.
    // A test is one attempt, never sent again (lib/dispatch/test-send.ts).
    .where(
      and(
        eq(deliveries.id, deliveryId),
        inArray(deliveries.status, ["failed", "cancelled"]),
        eq(deliveries.is_test, false),
      ),
    )
    .returning({ id: deliveries.id });
  if (requeued.length === 0) return { ok: false, error: "not_failed" };
  wakeWorkers();
  return { ok: true };
}
