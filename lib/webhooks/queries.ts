import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { webhooks } from "@/db/schema";
import { isUuid } from "@/lib/ids";
import { type Keyset, type KeysetPage, keysetPage, newestFirst, olderThan } from "@/lib/keyset";
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

/**
 * How many webhooks the list shows at once. Drawing a row costs the server about 1.2 ms of CPU (React
 * drawing its fifty-odd elements; bench:list): 100 rows took 180 ms, 50 rows answered at a p95 of 147 ms
 * beside a million deliveries, 25 keep the page well under the 150 ms target.
 */
export const WEBHOOK_PAGE_SIZE = 25;

const webhookKeys: Keyset = { table: webhooks, at: webhooks.date_created, id: webhooks.id };

/** One page of the list, newest first (lib/keyset.ts): the cursor is the last shown webhook's id. */
export async function listWebhookPage(
  db: Database,
  workspaceId: string,
  options: { before?: string | null; limit?: number } = {},
): Promise<KeysetPage<Webhook>> {
  const scope = { column: webhooks.workspace_id, value: workspaceId };
  const page = await keysetPage(options.limit ?? WEBHOOK_PAGE_SIZE, (take) =>
    db
      .select()
      .from(webhooks)
      .where(and(inWorkspace(workspaceId), olderThan(webhookKeys, options.before, scope)))
      .orderBy(...newestFirst(webhookKeys))
      .limit(take),
  );
  return { rows: page.rows.map(toWebhook), older: page.older };
}

export async function listWebhookIds(db: Database, workspaceId: string): Promise<string[]> {
  const rows = await db
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(inWorkspace(workspaceId))
    .orderBy(desc(webhooks.date_created), desc(webhooks.id));
  return rows.map((row) => row.id);
}

// Built once per database and prepared: the API's most frequent read (GET /api/v1/webhook/{id}) spent
// about a tenth of its CPU building this query anew on every request (profiled, bench:dispatch).
function prepareGetWebhook(db: Database) {
  return db
    .select()
    .from(webhooks)
    .where(
      and(eq(webhooks.workspace_id, sql.placeholder("workspace")), eq(webhooks.id, sql.placeholder("id"))),
    )
    .prepare("get_webhook");
}
const getWebhookStatements = new WeakMap<Database, ReturnType<typeof prepareGetWebhook>>();

export async function getWebhook(db: Database, workspaceId: string, id: string): Promise<Webhook | null> {
  if (!isWebhookId(id)) return null;
  let statement = getWebhookStatements.get(db);
  if (!statement) {
    statement = prepareGetWebhook(db);
    getWebhookStatements.set(db, statement);
  }
  const [row] = await statement.execute({ workspace: workspaceId, id });
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
