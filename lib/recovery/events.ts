import "server-only";
import { and, asc, eq, gte, inArray, lte, or, type SQL, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { deliveries, events, webhooks } from "@/db/schema";
import { wakeWorkers } from "@/lib/dispatch/wake";
import { isUuid } from "@/lib/ids";
import { type Keyset, keysetPage, newestFirst, olderThan } from "@/lib/keyset";
import { insertReplays } from "./deliveries";
import type { DeliveryCounts, EventDetail, EventPage } from "./rows";
import { EVENT_PAGE_SIZE, type EventQuery } from "./schemas";
import { type DeliveryJson, deliveryJson } from "./serialize";

// The event log: a workspace's accepted events, newest first, with how their deliveries stand; and
// replaying one event to its webhooks.

const eventKeys: Keyset = { table: events, at: events.received_at, id: events.id };
const elementId = sql<string | null>`(${events.data}->>'id')`;
// Spelled out: inside a select list drizzle writes a column without its table, which a subquery over
// deliveries would read as its own column.
const outerEventId = sql`"events"."id"`;

// One correlated read of the event's deliveries (deliveries_event_idx): few rows per event.
const counts = sql<DeliveryCounts>`(select json_build_object(
    'total', count(*),
    'pending', count(*) filter (where d.status = 'pending'),
    'succeeded', count(*) filter (where d.status = 'succeeded'),
    'failed', count(*) filter (where d.status = 'failed'),
    'cancelled', count(*) filter (where d.status = 'cancelled'))
  from ${deliveries} d where d.event_id = ${outerEventId})`;

function filters(workspaceId: string, query: EventQuery): (SQL | undefined)[] {
  const search = query.search;
  return [
    eq(events.workspace_id, workspaceId),
    // The sample events of test sends are not events the platform sent.
    eq(events.is_test, false),
    query.element ? eq(events.trigger_element, query.element) : undefined,
    query.trigger ? eq(events.trigger, query.trigger) : undefined,
    query.from ? gte(events.received_at, new Date(query.from)) : undefined,
    query.to ? lte(events.received_at, new Date(query.to)) : undefined,
    query.state
      ? sql`exists (select 1 from ${deliveries} d where d.event_id = ${outerEventId} and d.status = ${query.state})`
      : undefined,
    search
      ? or(
          sql`${elementId} = ${search}`,
          eq(events.prokey, search),
          isUuid(search) ? eq(events.id, search) : undefined,
        )
      : undefined,
  ];
}

/** One page of the workspace's events, newest first, filtered; the cursor is an event id (lib/keyset.ts). */
export async function listEvents(db: Database, workspaceId: string, query: EventQuery): Promise<EventPage> {
  const { rows, older } = await keysetPage(query.limit ?? EVENT_PAGE_SIZE, (take) =>
    db
      .select({
        id: events.id,
        trigger_element: events.trigger_element,
        trigger: events.trigger,
        prokey: events.prokey,
        element_id: elementId,
        received_at: events.received_at,
        deliveries: counts,
      })
      .from(events)
      .where(
        and(
          ...filters(workspaceId, query),
          olderThan(eventKeys, query.before, { column: events.workspace_id, value: workspaceId }),
        ),
      )
      .orderBy(...newestFirst(eventKeys))
      .limit(take),
  );
  return {
    events: rows.map((row) => ({
      ...row,
      element_id: row.element_id === null ? null : String(row.element_id),
      received_at: row.received_at.toISOString(),
    })),
    older,
  };
}

/** One event with its data and every delivery it made (replays included), oldest first; null if none. */
export async function getEvent(
  db: Database,
  workspaceId: string,
  eventId: string,
): Promise<EventDetail | null> {
  if (!isUuid(eventId)) return null;
  const [event] = await db
    .select()
    .from(events)
    .where(and(eq(events.workspace_id, workspaceId), eq(events.id, eventId)));
  if (!event) return null;
  const rows = await db
    .select({ delivery: deliveries, webhook_name: webhooks.name })
    .from(deliveries)
    .innerJoin(webhooks, eq(webhooks.id, deliveries.webhook_id))
    .where(and(eq(deliveries.workspace_id, workspaceId), eq(deliveries.event_id, eventId)))
    .orderBy(asc(deliveries.created_at), asc(deliveries.id));
  return {
    id: event.id,
    trigger_element: event.trigger_element,
    trigger: event.trigger,
    prokey: event.prokey,
    received_at: event.received_at.toISOString(),
    data: event.data,
    deliveries: rows.map((row) => ({ ...deliveryJson(row.delivery), webhook_name: row.webhook_name })),
  };
}

export type ReplayEventResult =
  | { ok: true; deliveries: DeliveryJson[] }
  | { ok: false; error: "not_found" | "webhook_not_found" | "webhook_disabled" | "webhook_other_trigger" };

/**
 * Sends a stored event again, with its data as received, through the webhooks as they are configured today:
 * to every active webhook it reached before, or to one webhook of the workspace (active, and on the event's
 * element and trigger, so its templates fit the data). Each replay is a new delivery (a new `webhook-id`),
 * linked to the webhook's latest earlier delivery of this event, if there is one.
 */
export async function replayEvent(
  db: Database,
  workspaceId: string,
  eventId: string,
  webhookId?: string,
): Promise<ReplayEventResult> {
  if (!isUuid(eventId)) return { ok: false, error: "not_found" };
  const [event] = await db
    .select({ id: events.id, trigger_element: events.trigger_element, trigger: events.trigger })
    .from(events)
    .where(and(eq(events.workspace_id, workspaceId), eq(events.id, eventId)));
  if (!event) return { ok: false, error: "not_found" };
  const earlier = await db
    .selectDistinctOn([deliveries.webhook_id], { id: deliveries.id, webhook_id: deliveries.webhook_id })
    .from(deliveries)
    .where(eq(deliveries.event_id, eventId))
    .orderBy(deliveries.webhook_id, sql`${deliveries.created_at} desc`);
  const original = new Map(earlier.map((row) => [row.webhook_id, row.id]));

  let targets: string[];
  if (webhookId !== undefined) {
    const [webhook] = isUuid(webhookId)
      ? await db
          .select()
          .from(webhooks)
          .where(and(eq(webhooks.workspace_id, workspaceId), eq(webhooks.id, webhookId)))
      : [];
    if (!webhook) return { ok: false, error: "webhook_not_found" };
    if (!webhook.active) return { ok: false, error: "webhook_disabled" };
    const fits = webhook.trigger_element === event.trigger_element && webhook.trigger === event.trigger;
    if (!fits && !original.has(webhook.id)) return { ok: false, error: "webhook_other_trigger" };
    targets = [webhook.id];
  } else {
    const ids = [...original.keys()];
    const active =
      ids.length === 0
        ? []
        : await db
            .select({ id: webhooks.id })
            .from(webhooks)
            .where(
              and(
                eq(webhooks.workspace_id, workspaceId),
                inArray(webhooks.id, ids),
                eq(webhooks.active, true),
              ),
            );
    targets = active.map((row) => row.id);
  }
  const rows = await insertReplays(
    db,
    targets.map((id) => ({
      id: original.get(id) ?? null,
      event_id: eventId,
      webhook_id: id,
      workspace_id: workspaceId,
    })),
  );
  if (rows.length > 0) wakeWorkers();
  return { ok: true, deliveries: rows.map(deliveryJson) };
}
