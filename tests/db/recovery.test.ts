import { inArray, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_WORKSPACE_ID, deliveries, events, recoveryJobs, webhooks } from "@/db/schema";
import { getRecovery, runRecoveryBatch, startRecovery } from "@/lib/recovery/recover";
import { databaseBackends } from "../helpers/database-backends";
import { insertEvent, insertWebhook, useDatabase } from "../helpers/rows";

// Bulk recovery on both databases: counted when asked for, then requeued batch after batch from the job's
// cursor, exactly the failures of the webhook since the time, each once.

describe.each(databaseBackends())("bulk recovery on $name", ({ open }) => {
  const { db } = useDatabase(open);
  beforeEach(async () => {
    await db().delete(recoveryJobs);
    await db().delete(webhooks);
    await db().delete(events);
  });

  it("requeues exactly the failures since the time, in batches, and says how far it got", async () => {
    const webhook = await insertWebhook(db());
    const other = await insertWebhook(db(), { name: "Other" });
    const eventId = await insertEvent(db());
    const since = new Date(Date.now() - 60 * 60_000);
    // 250 deliveries a second apart, the first 50 before `since`; every other one failed.
    const rows = Array.from({ length: 250 }, (_, index) => ({
      event_id: eventId,
      webhook_id: webhook.id,
      workspace_id: DEFAULT_WORKSPACE_ID,
      status: index % 2 === 0 ? ("failed" as const) : ("succeeded" as const),
      created_at: new Date(since.getTime() + (index - 50) * 1000),
    }));
    const inserted = await db().insert(deliveries).values(rows).returning();
    await db()
      .insert(deliveries)
      .values({ ...rows[60], webhook_id: other.id } as typeof deliveries.$inferInsert);
    const expected = inserted
      .filter((row) => row.status === "failed" && row.created_at >= since)
      .map((row) => row.id);

    const started = await startRecovery(
      db(),
      { workspaceId: DEFAULT_WORKSPACE_ID, webhookId: webhook.id },
      since,
    );
    if (!started.ok) throw new Error(started.error);
    expect(started.recovery).toMatchObject({ status: "running", total: expected.length, done: 0 });
    let batches = 0;
    while (await runRecoveryBatch(db(), 40)) batches += 1;
    // 200 deliveries in range, 40 at a time: five full batches and a last one that finds none.
    expect(batches).toBe(6);
    expect(await getRecovery(db(), DEFAULT_WORKSPACE_ID, started.recovery.id)).toMatchObject({
      status: "completed",
      total: 100,
      done: 100,
    });
    const pending = await db()
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(sql`${deliveries.status} = 'pending'`);
    expect(pending.map((row) => row.id).sort()).toEqual(expected.sort());
    // Nothing was added or lost: recovery requeues, it never copies.
    const all = await db()
      .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(deliveries)
      .where(inArray(deliveries.webhook_id, [webhook.id, other.id]));
    expect(all[0]?.n).toBe(251);
    expect(await getRecovery(db(), "00000000-0000-4000-8000-000000000000", started.recovery.id)).toBeNull();
  });
});
