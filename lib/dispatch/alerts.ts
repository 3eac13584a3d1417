import "server-only";
import { and, inArray, ne, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { webhooks } from "@/db/schema";
import { DecryptionError } from "@/lib/crypto/envelope";
import { maskUrl, URL_MASK } from "@/lib/crypto/url-secrets";
import { decryptUrl } from "@/lib/crypto/webhook-secrets";
import { getElement, type HooksmithTrigger } from "@/lib/elements";
import { acceptWithin } from "./accept";
import { type AlertDetail, alertData, isOperational, OPERATIONAL_ELEMENT } from "./alert-policy";

// Operational events (alerts) leave here: each one is accepted through the normal intake (accept.ts) in the
// transaction that records the change it reports, so a worker that dies in between loses neither. What
// causes them is decided by alert-policy.ts; when, by the batch writer (record.ts).

/** One alert to send: what happened (`trigger`) to which webhook, and the details of the moment. */
export type PendingAlert = { webhookId: string; trigger: HooksmithTrigger; detail: AlertDetail };

/**
 * Of these webhooks, those an alert could reach: a non-operational webhook whose workspace has an active
 * operational one. One indexed query, asked only for batches that hold a change worth an alert, so a
 * workspace without alert webhooks pays no transaction for them.
 */
export async function alertSubscribers(db: Database, webhookIds: readonly string[]): Promise<Set<string>> {
  if (webhookIds.length === 0) return new Set();
  const rows = await db
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(
      and(
        inArray(webhooks.id, [...webhookIds]),
        ne(webhooks.trigger_element, OPERATIONAL_ELEMENT),
        sql`exists (select 1 from ${webhooks} s where s.workspace_id = ${webhooks.workspace_id}
          and s.trigger_element = ${OPERATIONAL_ELEMENT} and s.active)`,
      ),
    );
  return new Set(rows.map((row) => row.id));
}

/**
 * Accepts each alert as an event of its webhook's workspace, inside `tx` (after the change it reports was
 * written there, so the data shows the webhook as it is now). Alerts about an operational webhook are
 * dropped. Returns how many deliveries were queued: the caller wakes the workers once `tx` has committed.
 */
export async function emitAlerts(tx: Database, alerts: readonly PendingAlert[]): Promise<number> {
  if (alerts.length === 0) return 0;
  const element = getElement(OPERATIONAL_ELEMENT);
  if (!element) throw new Error("the operational element is missing from the catalog");
  // Accepted events are never lost: this transaction commits durably even on a worker's connection,
  // whose other commits do not wait for the disk (scripts/worker.ts).
  await tx.execute(sql`set local synchronous_commit = on`);
  const ids = [...new Set(alerts.map((alert) => alert.webhookId))];
  const sources = await tx
    .select({
      id: webhooks.id,
      workspace_id: webhooks.workspace_id,
      name: webhooks.name,
      payload_url: webhooks.payload_url,
      trigger_element: webhooks.trigger_element,
      trigger: webhooks.trigger,
      active: webhooks.active,
      disabled_reason: webhooks.disabled_reason,
      failing_since: webhooks.failing_since,
    })
    .from(webhooks)
    .where(inArray(webhooks.id, ids));
  const byId = new Map(sources.map((source) => [source.id, source]));
  let queued = 0;
  for (const alert of alerts) {
    const source = byId.get(alert.webhookId);
    if (!source || isOperational(source)) continue;
    const data = alertData({ ...source, url: maskedUrl(source.payload_url) }, alert.detail);
    queued += await acceptWithin(tx, source.workspace_id, {
      element,
      trigger: alert.trigger,
      data,
      prokey: null,
    });
  }
  return queued;
}

// The payload URL as the delivery log shows it: its credentials never travel in an alert.
function maskedUrl(stored: string): string {
  try {
    return maskUrl(decryptUrl(stored));
  } catch (error) {
    if (error instanceof DecryptionError) return URL_MASK;
    throw error;
  }
}
