// Rows written straight into a test database, as an older version or another process left them: a
// webhook, an event and a delivery with the columns every test would otherwise spell out again.
import { afterAll, beforeAll } from "vitest";
import type { Connection, Database } from "@/db";
import { DEFAULT_WORKSPACE_ID, deliveries, events, webhooks } from "@/db/schema";
import type { DatabaseBackend } from "./database-backends";

type WebhookValues = typeof webhooks.$inferInsert;
type DeliveryValues = typeof deliveries.$inferInsert;

/** A webhook row in the default workspace (POST, JSON, rsvp_answer/create) with `values` on top. */
export async function insertWebhook(db: Database, values: Partial<WebhookValues> = {}) {
  const [row] = await db
    .insert(webhooks)
    .values({
      workspace_id: DEFAULT_WORKSPACE_ID,
      name: "CRM",
      method: "POST",
      payload_url: "https://crm.example.com/hooks",
      trigger_element: "rsvp_answer",
      trigger: "create",
      content_type: "application/json",
      header: [],
      secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      ...values,
    })
    .returning();
  if (!row) throw new Error("no webhook row");
  return row;
}

/** An rsvp_answer/create event row in the default workspace, with empty data. */
export async function insertEvent(db: Database) {
  const [row] = await db
    .insert(events)
    .values({
      workspace_id: DEFAULT_WORKSPACE_ID,
      trigger_element: "rsvp_answer",
      trigger: "create",
      data: {},
    })
    .returning({ id: events.id });
  if (!row) throw new Error("no event row");
  return row.id;
}

/** A delivery row of the webhook's event in the default workspace; returns its id. */
export async function insertDelivery(
  db: Database,
  values: Pick<DeliveryValues, "webhook_id" | "event_id"> & Partial<DeliveryValues>,
) {
  const [row] = await db
    .insert(deliveries)
    .values({ workspace_id: DEFAULT_WORKSPACE_ID, ...values })
    .returning({ id: deliveries.id });
  if (!row) throw new Error("no delivery row");
  return row.id;
}

/**
 * Opens the backend's database before the describe block's tests and closes it after them. `db()` is its
 * connection's database; `second()` another connection where the backend can have one.
 */
export function useDatabase(open: DatabaseBackend["open"]) {
  let opened: Awaited<ReturnType<DatabaseBackend["open"]>> | undefined;
  beforeAll(async () => {
    opened = await open();
  });
  afterAll(async () => {
    await opened?.cleanup();
  });
  const current = () => {
    if (!opened) throw new Error("the database is not open yet");
    return opened;
  };
  return {
    db: (): Database => current().connection.db,
    second: (): Promise<Connection> => current().second(),
  };
}
