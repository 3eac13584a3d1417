import "server-only";
import { and, asc, count, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { deliveries, recoveryJobs, webhooks } from "@/db/schema";
import { dueNow } from "@/lib/dispatch/resend";
import { wakeWorkers } from "@/lib/dispatch/wake";
import { isUuid } from "@/lib/ids";
import type { RecoveryJson } from "./rows";
import { recoveryJson } from "./serialize";

// "Resend everything that failed for this webhook since …" (Svix's recover): counted first, then a job the
// workers run in batches (runRecoveryBatch), each batch one short transaction. The failed deliveries are
// those whose status is `failed` and that were created at or after `since` and no later than the moment
// the recovery was asked for. Each goes back to the queue as a resend does: same id (`webhook-id`), same
// stored request, its attempt count going on.

/** Deliveries of the webhook a batch looks at: short transactions, whatever the size of the job. */
export const RECOVERY_BATCH = 200;

type Scope = { workspaceId: string; webhookId: string };

async function findWebhook(db: Database, { workspaceId, webhookId }: Scope) {
  if (!isUuid(webhookId)) return null;
  const [webhook] = await db
    .select({ id: webhooks.id, active: webhooks.active })
    .from(webhooks)
    .where(and(eq(webhooks.workspace_id, workspaceId), eq(webhooks.id, webhookId)));
  return webhook ?? null;
}

const failedSince = (webhookId: string, since: Date, until: SqlTime) =>
  and(
    eq(deliveries.webhook_id, webhookId),
    sql`${deliveries.status} = 'failed'`,
    // A test send is one attempt, never sent again (lib/dispatch/test-send.ts).
    eq(deliveries.is_test, false),
    gte(deliveries.created_at, since),
    lte(deliveries.created_at, until),
  );
type SqlTime = Date | ReturnType<typeof sql>;

/** How many deliveries of the webhook failed since `since`; null when there is no such webhook. */
export async function countRecoverable(db: Database, scope: Scope, since: Date): Promise<number | null> {
  if (!(await findWebhook(db, scope))) return null;
  const [row] = await db
    .select({ n: count() })
    .from(deliveries)
    .where(failedSince(scope.webhookId, since, sql`now()`));
  return row?.n ?? 0;
}

export type StartRecoveryResult =
  | { ok: true; recovery: RecoveryJson }
  | { ok: false; error: "not_found" | "webhook_disabled" };

/** Counts the failures and leaves the job to the workers; answers at once. */
export async function startRecovery(db: Database, scope: Scope, since: Date): Promise<StartRecoveryResult> {
  const webhook = await findWebhook(db, scope);
  if (!webhook) return { ok: false, error: "not_found" };
  // Their deliveries would only be cancelled again unsent.
  if (!webhook.active) return { ok: false, error: "webhook_disabled" };
  const [job] = await db
    .insert(recoveryJobs)
    .values({
      workspace_id: scope.workspaceId,
      webhook_id: scope.webhookId,
      since,
      total: sql`(select count(*)::int from ${deliveries} where ${failedSince(scope.webhookId, since, sql`now()`)})`,
    })
    .returning();
  if (!job) throw new Error("insert returned no recovery job");
  wakeRecovery();
  return { ok: true, recovery: recoveryJson(job) };
}

/** A recovery job of the workspace, with its progress; null when there is none. */
export async function getRecovery(
  db: Database,
  workspaceId: string,
  id: string,
): Promise<RecoveryJson | null> {
  if (!isUuid(id)) return null;
  const [job] = await db
    .select()
    .from(recoveryJobs)
    .where(and(eq(recoveryJobs.workspace_id, workspaceId), eq(recoveryJobs.id, id)));
  return job ? recoveryJson(job) : null;
}

/**
 * One batch of the oldest running job, if any: the next RECOVERY_BATCH deliveries of its webhook in its time
 * range, from its cursor, requeuing the failed ones. The job's row is locked with SKIP LOCKED, so workers
 * on one PostgreSQL share jobs without waiting. Returns whether a batch ran (there may be more).
 */
export async function runRecoveryBatch(db: Database, batch = RECOVERY_BATCH): Promise<boolean> {
  const ran = await db.transaction(async (tx) => {
    const [job] = await tx
      .select()
      .from(recoveryJobs)
      .where(sql`${recoveryJobs.status} = 'running'`)
      .orderBy(asc(recoveryJobs.created_at))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!job) return false;
    // The job's times are read in SQL, not through a JS Date: those keep milliseconds, the columns microseconds.
    const since = sql`(select j.since from ${recoveryJobs} j where j.id = ${job.id})`;
    const until = sql`(select j.until from ${recoveryJobs} j where j.id = ${job.id})`;
    const after = job.cursor_id
      ? sql`(${deliveries.created_at}, ${deliveries.id}) > (select j.cursor_at, j.cursor_id from ${recoveryJobs} j where j.id = ${job.id})`
      : undefined;
    const seen = await tx
      .select({ id: deliveries.id, status: deliveries.status })
      .from(deliveries)
      .where(
        and(
          eq(deliveries.webhook_id, job.webhook_id),
          gte(deliveries.created_at, since),
          lte(deliveries.created_at, until),
          after,
        ),
      )
      .orderBy(asc(deliveries.created_at), asc(deliveries.id))
      .limit(batch);
    const failed = seen.filter((row) => row.status === "failed").map((row) => row.id);
    const requeued =
      failed.length === 0
        ? []
        : await tx
            .update(deliveries)
            .set(dueNow)
            .where(and(inArray(deliveries.id, failed), sql`${deliveries.status} = 'failed'`))
            .returning({ id: deliveries.id });
    const last = seen.at(-1);
    const finished = seen.length < batch;
    await tx
      .update(recoveryJobs)
      .set({
        done: sql`${recoveryJobs.done} + ${requeued.length}`,
        ...(last
          ? {
              cursor_at: sql`(select d.created_at from ${deliveries} d where d.id = ${last.id})`,
              cursor_id: last.id,
            }
          : {}),
        ...(finished ? { status: "completed" as const, completed_at: sql`now()` } : {}),
      })
      .where(eq(recoveryJobs.id, job.id));
    return true;
  });
  if (ran) wakeWorkers();
  return ran;
}

// Jobs asked for in this process start at once instead of at the next poll (see loop.ts).
const globalForRecovery = globalThis as unknown as { hooksmithRecoveryWake?: Set<() => void> };

export function onRecoveryWake(listener: () => void): () => void {
  globalForRecovery.hooksmithRecoveryWake ??= new Set();
  const listeners = globalForRecovery.hooksmithRecoveryWake;
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function wakeRecovery(): void {
  for (const listener of globalForRecovery.hooksmithRecoveryWake ?? []) listener();
}
