import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { type DeliveryRow, deliveries, webhooks } from "@/db/schema";
import { requeueDelivery } from "@/lib/dispatch/resend";
import { wakeWorkers } from "@/lib/dispatch/wake";
import { isUuid } from "@/lib/ids";
import { type Keyset, keysetPage, newestFirst, olderThan } from "@/lib/keyset";
import type { DeliveryJson } from "./rows";
import { DELIVERY_PAGE_SIZE, type PageQuery } from "./schemas";
import { deliveryJson } from "./serialize";

// Retry now and replay of one delivery. Both wake the workers, so "now" means the next claim, not the next poll.

export type RetryResult =
  | { ok: true; delivery: DeliveryJson }
  | { ok: false; error: "not_found" | "webhook_disabled" | "in_flight" | "succeeded" };

export type ReplayResult =
  | { ok: true; delivery: DeliveryJson }
  | { ok: false; error: "not_found" | "webhook_disabled" };

/** One delivery of the workspace; null when there is none. */
export async function getDelivery(
  db: Database,
  workspaceId: string,
  deliveryId: string,
): Promise<DeliveryJson | null> {
  const found = await findDelivery(db, workspaceId, deliveryId);
  return found ? deliveryJson(found.delivery) : null;
}

const deliveryKeys: Keyset = { table: deliveries, at: deliveries.created_at, id: deliveries.id };

/** One page of a webhook's deliveries, newest first (lib/keyset.ts); null when there is no such webhook. */
export async function listWebhookDeliveries(
  db: Database,
  workspaceId: string,
  webhookId: string,
  query: PageQuery,
): Promise<{ deliveries: DeliveryJson[]; older: string | null } | null> {
  if (!isUuid(webhookId)) return null;
  const [webhook] = await db
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(and(eq(webhooks.workspace_id, workspaceId), eq(webhooks.id, webhookId)));
  if (!webhook) return null;
  const { rows, older } = await keysetPage(query.limit ?? DELIVERY_PAGE_SIZE, (take) =>
    db
      .select()
      .from(deliveries)
      .where(
        and(
          eq(deliveries.webhook_id, webhookId),
          olderThan(deliveryKeys, query.before, { column: deliveries.webhook_id, value: webhookId }),
        ),
      )
      .orderBy(...newestFirst(deliveryKeys))
      .limit(take),
  );
  return { deliveries: rows.map(deliveryJson), older };
}

async function findDelivery(db: Database, workspaceId: string, deliveryId: string) {
  if (!isUuid(deliveryId)) return null;
  const [row] = await db
    .select({ delivery: deliveries, active: webhooks.active })
    .from(deliveries)
    .innerJoin(webhooks, eq(webhooks.id, deliveries.webhook_id))
    .where(and(eq(deliveries.workspace_id, workspaceId), eq(deliveries.id, deliveryId)));
  return row ?? null;
}

/**
 * Sends a pending, failed or cancelled delivery at once. It keeps its id (the same `webhook-id`), its stored
 * request and its attempt count: if this try fails too, the retry schedule goes on from the attempt it
 * reached. A delivery a worker is sending right now, or one that succeeded, is left alone.
 */
export async function retryDelivery(
  db: Database,
  workspaceId: string,
  deliveryId: string,
): Promise<RetryResult> {
  const found = await findDelivery(db, workspaceId, deliveryId);
  // A test send is one attempt, never sent again: there is no delivery to retry.
  if (!found || found.delivery.is_test) return { ok: false, error: "not_found" };
  if (found.delivery.status === "succeeded") return { ok: false, error: "succeeded" };
  // The worker would only cancel it again unsent.
  if (!found.active) return { ok: false, error: "webhook_disabled" };
  const row = await requeueDelivery(db, deliveryId, ["pending", "failed", "cancelled"]);
  if (!row) return { ok: false, error: "in_flight" };
  return { ok: true, delivery: deliveryJson(row) };
}

/**
 * A new delivery of the same event to the same webhook, whatever the original's state: a new id (so a new
 * `webhook-id`), rendered from the webhook as it is today, linked to the original by `replay_of`.
 */
export async function replayDelivery(
  db: Database,
  workspaceId: string,
  deliveryId: string,
): Promise<ReplayResult> {
  const found = await findDelivery(db, workspaceId, deliveryId);
  if (!found) return { ok: false, error: "not_found" };
  if (!found.active) return { ok: false, error: "webhook_disabled" };
  const [row] = await insertReplays(db, [found.delivery]);
  if (!row) return { ok: false, error: "webhook_disabled" };
  wakeWorkers();
  return { ok: true, delivery: deliveryJson(row) };
}

type ReplaySource = Pick<DeliveryRow, "event_id" | "webhook_id" | "workspace_id"> & { id: string | null };

/**
 * Inserts one replay per source. The callers checked that the webhooks are active; one switched off since is
 * caught by the claim, which cancels deliveries of inactive webhooks instead of sending them.
 */
export async function insertReplays(db: Database, sources: ReplaySource[]): Promise<DeliveryRow[]> {
  if (sources.length === 0) return [];
  return db
    .insert(deliveries)
    .values(
      sources.map((source) => ({
        event_id: source.event_id,
        webhook_id: source.webhook_id,
        workspace_id: source.workspace_id,
        replay_of: source.id,
        is_replay: true,
      })),
    )
    .returning();
}
