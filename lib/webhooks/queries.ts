import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { webhooks } from "@/db/schema";
import type { Webhook } from "./schemas";
import { toWebhook } from "./serialize";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Ids are UUIDs; anything else cannot exist, and must not reach the database as a cast error.
export function isWebhookId(id: string): boolean {
  return UUID.test(id);
}

export async function listWebhooks(db: Database): Promise<Webhook[]> {
  const rows = await db.select().from(webhooks).orderBy(desc(webhooks.date_created), desc(webhooks.id));
  return rows.map(toWebhook);
}

export async function listWebhookIds(db: Database): Promise<string[]> {
  const rows = await db
    .select({ id: webhooks.id })
    .from(webhooks)
    .orderBy(desc(webhooks.date_created), desc(webhooks.id));
  return rows.map((row) => row.id);
}

export async function getWebhook(db: Database, id: string): Promise<Webhook | null> {
  if (!isWebhookId(id)) return null;
  const [row] = await db.select().from(webhooks).where(eq(webhooks.id, id));
  return row ? toWebhook(row) : null;
}

export async function getLatestWebhook(db: Database): Promise<Webhook | null> {
  const [row] = await db
    .select()
    .from(webhooks)
    .orderBy(desc(webhooks.date_created), desc(webhooks.id))
    .limit(1);
  return row ? toWebhook(row) : null;
}
