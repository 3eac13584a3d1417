import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { webhooks } from "@/db/schema";
import { isUuid } from "@/lib/ids";
import type { Webhook } from "./schemas";
import { toWebhook } from "./serialize";

export const isWebhookId = isUuid;

// Every query names its workspace: a webhook of another workspace does not exist for the caller.
const inWorkspace = (workspaceId: string) => eq(webhooks.workspace_id, workspaceId);

export async function listWebhooks(db: Database, workspaceId: string): Promise<Webhook[]> {
  const rows = await db
    .select()
    .from(webhooks)
    .where(inWorkspace(workspaceId))
    .orderBy(desc(webhooks.date_created), desc(webhooks.id));
  return rows.map(toWebhook);
}

export async function listWebhookIds(db: Database, workspaceId: string): Promise<string[]> {
  const rows = await db
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(inWorkspace(workspaceId))
    .orderBy(desc(webhooks.date_created), desc(webhooks.id));
  return rows.map((row) => row.id);
}

export async function getWebhook(db: Database, workspaceId: string, id: string): Promise<Webhook | null> {
  if (!isWebhookId(id)) return null;
  const [row] = await db
    .select()
    .from(webhooks)
    .where(and(inWorkspace(workspaceId), eq(webhooks.id, id)));
  return row ? toWebhook(row) : null;
}

export async function getLatestWebhook(db: Database, workspaceId: string): Promise<Webhook | null> {
  const [row] = await db
    .select()
    .from(webhooks)
    .where(inWorkspace(workspaceId))
    .orderBy(desc(webhooks.date_created), desc(webhooks.id))
    .limit(1);
  return row ? toWebhook(row) : null;
}
