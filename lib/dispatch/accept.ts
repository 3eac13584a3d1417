import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { deliveries, events, webhooks } from "@/db/schema";
import type { EventInput } from "./event-input";
import { passesFilters } from "./match";
import { wakeWorkers } from "./wake";

export type AcceptedEvent = { event_id: string; deliveries: number };

// Built once per database and prepared: PostgreSQL parses and plans them once per connection.
function prepareStatements(db: Database) {
  const candidates = db
    .select({ id: webhooks.id, prokey_filter: webhooks.prokey_filter, filters: webhooks.filters })
    .from(webhooks)
    .where(
      and(
        eq(webhooks.workspace_id, sql.placeholder("workspace")),
        eq(webhooks.active, true),
        eq(webhooks.trigger_element, sql.placeholder("element")),
        eq(webhooks.trigger, sql.placeholder("trigger")),
      ),
    )
    .prepare("event_candidates");

  // The event and its deliveries in one statement, so in one transaction. Each webhook is checked to be
  // still active: it may have been switched off since the candidates were read.
  const event = db.$with("event", { id: events.id }).as(sql`
    insert into ${events} (workspace_id, trigger_element, "trigger", prokey, data)
    values (${sql.placeholder("workspace")}::uuid, ${sql.placeholder("element")}::text, ${sql.placeholder("trigger")}::text,
      ${sql.placeholder("prokey")}::text, ${sql.placeholder("data")}::json)
    returning id
  `);
  const queued = db.$with("queued", {}).as(sql`
    insert into ${deliveries} (event_id, webhook_id, workspace_id)
    select event.id, w.id, w.workspace_id from event, ${webhooks} w
    where w.id in (select value::uuid from jsonb_array_elements_text(${sql.placeholder("webhooks")}::jsonb))
      and w.workspace_id = ${sql.placeholder("workspace")}::uuid
      and w.active
    returning 1
  `);
  const insert = db
    .with(event, queued)
    .select({
      event_id: event.id,
      deliveries: sql<number>`(select count(*) from queued)::int`.mapWith(Number),
    })
    .from(event)
    .prepare("accept_event");
  return { candidates, insert };
}

const statements = new WeakMap<Database, ReturnType<typeof prepareStatements>>();

/**
 * Stores the event and one delivery per matching active webhook of its workspace in one transaction: once
 * this returns, nothing of it can be lost, and the workers deliver it from the table. The filters are
 * applied here, by match.ts, between reading the candidates and the one statement that writes.
 */
export async function acceptEvent(
  db: Database,
  workspaceId: string,
  input: EventInput,
): Promise<AcceptedEvent> {
  let prepared = statements.get(db);
  if (!prepared) {
    prepared = prepareStatements(db);
    statements.set(db, prepared);
  }
  const candidates = await prepared.candidates.execute({
    workspace: workspaceId,
    element: input.element.key,
    trigger: input.trigger,
  });
  const matching = candidates
    .filter((webhook) => passesFilters(webhook, input.element, input))
    .map((webhook) => webhook.id);

  const [accepted] = await prepared.insert.execute({
    workspace: workspaceId,
    element: input.element.key,
    trigger: input.trigger,
    prokey: input.prokey,
    data: JSON.stringify(input.data),
    webhooks: JSON.stringify(matching),
  });
  if (!accepted) throw new Error("insert returned no event");
  if (accepted.deliveries > 0) wakeWorkers();
  return accepted;
}
