import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_WORKSPACE_ID, deliveries, deliveryAttempts, events, workspaces } from "@/db/schema";
import { listWebhookHealth, webhookHealthDetail, workspaceOverview } from "@/lib/health/queries";
import { databaseBackends } from "../helpers/database-backends";
import { insertWebhook, useDatabase } from "../helpers/rows";

// The health aggregates on both databases: deliveries fall in the right hourly (or daily) bucket, test sends
// and other workspaces never count, a pending delivery whose try failed counts as failed, and the failing
// webhook's reason is its newest failure.

const NOW = new Date("2026-12-02T10:30:00Z");
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);

describe.each(databaseBackends())("health aggregates on $name", ({ open }) => {
  const { db } = useDatabase(open);
  const ids = { crm: "", broken: "", off: "", quiet: "", elsewhere: "" };

  async function event(workspaceId: string, at: Date, isTest = false) {
    const [row] = await db()
      .insert(events)
      .values({
        workspace_id: workspaceId,
        trigger_element: "rsvp_answer",
        trigger: "create",
        data: {},
        received_at: at,
        is_test: isTest,
      })
      .returning({ id: events.id });
    return row?.id ?? "";
  }

  async function delivery(
    webhookId: string,
    at: Date,
    values: Partial<typeof deliveries.$inferInsert> = {},
    workspaceId = DEFAULT_WORKSPACE_ID,
  ) {
    const eventId = await event(workspaceId, at, values.is_test ?? false);
    const [row] = await db()
      .insert(deliveries)
      .values({
        event_id: eventId,
        webhook_id: webhookId,
        workspace_id: workspaceId,
        created_at: at,
        ...values,
      })
      .returning({ id: deliveries.id });
    return row?.id ?? "";
  }

  async function attempt(
    deliveryId: string,
    at: Date,
    values: Partial<typeof deliveryAttempts.$inferInsert>,
  ) {
    await db()
      .insert(deliveryAttempts)
      .values({
        delivery_id: deliveryId,
        attempt: 1,
        started_at: at,
        duration_ms: 100,
        request: { method: "POST", url: "https://crm.example.com/hooks", headers: [], body: null },
        ...values,
      });
  }

  beforeAll(async () => {
    ids.crm = (await insertWebhook(db(), { name: "CRM" })).id;
    ids.broken = (await insertWebhook(db(), { name: "Broken", failing_since: hoursAgo(3) })).id;
    ids.off = (await insertWebhook(db(), { name: "Off", active: false, disabled_reason: "gone" })).id;
    ids.quiet = (await insertWebhook(db(), { name: "Quiet" })).id;
    const [other] = await db().insert(workspaces).values({ name: "Other team" }).returning();
    ids.elsewhere = (await insertWebhook(db(), { name: "Elsewhere", workspace_id: other?.id ?? "" })).id;

    // CRM: two successes this hour, one an hour ago, one failure 5 h ago, one 2 days ago (outside 24 h).
    const ok = { status: "succeeded" as const, attempts: 1, last_response_status: 200 };
    for (const [hours, ms] of [
      [0.1, 80],
      [0.2, 120],
      [1.2, 300],
    ] as const) {
      await attempt(await delivery(ids.crm, hoursAgo(hours), ok), hoursAgo(hours), {
        response_status: 200,
        duration_ms: ms,
      });
    }
    const failed = await delivery(ids.crm, hoursAgo(5), {
      status: "failed",
      attempts: 1,
      last_response_status: 503,
      last_error: "HTTP 503",
    });
    await attempt(failed, hoursAgo(5), { response_status: 503, duration_ms: 900 });
    await delivery(ids.crm, hoursAgo(48), ok);
    // A test send this hour, failed: never counted.
    const test = await delivery(ids.crm, hoursAgo(0.3), {
      status: "failed",
      attempts: 1,
      is_test: true,
      last_response_status: 500,
    });
    await attempt(test, hoursAgo(0.3), { response_status: 500 });
    // A delivery not yet tried: counted, neither succeeded nor failed.
    await delivery(ids.crm, hoursAgo(0.05), { status: "pending", attempts: 0 });

    // Broken: waiting to retry after a refused connection (older), then after a 500 (newest).
    const refused = await delivery(ids.broken, hoursAgo(2.5), {
      status: "pending",
      attempts: 2,
      last_error: "refused: connect ECONNREFUSED 127.0.0.1:9",
    });
    await attempt(refused, hoursAgo(2.5), { error_kind: "refused", error_message: "connect ECONNREFUSED" });
    await attempt(refused, hoursAgo(2.4), {
      attempt: 2,
      error_kind: "refused",
      error_message: "connect ECONNREFUSED",
    });
    const served = await delivery(ids.broken, hoursAgo(1), {
      status: "pending",
      attempts: 1,
      last_response_status: 500,
      last_error: "HTTP 500",
    });
    await attempt(served, hoursAgo(1), { response_status: 500, duration_ms: 40 });

    // The other workspace: busy, and none of it may show here.
    for (let index = 0; index < 3; index += 1) {
      await delivery(ids.elsewhere, hoursAgo(0.5), { status: "failed", attempts: 1 }, other?.id);
    }
  });

  it("counts only the webhooks asked for, as the list's page asks", async () => {
    const health = await listWebhookHealth(db(), DEFAULT_WORKSPACE_ID, NOW, [ids.crm, ids.off]);
    expect(Object.keys(health).sort()).toEqual([ids.crm, ids.off].sort());
    expect(health[ids.crm]).toMatchObject({ deliveries: 5, succeeded: 3, failed: 1 });
    expect(health[ids.off]).toMatchObject({ state: "off", deliveries: 0 });
    expect(await listWebhookHealth(db(), DEFAULT_WORKSPACE_ID, NOW, [])).toEqual({});
    // Another workspace's webhook, even when named: nothing.
    expect(await listWebhookHealth(db(), DEFAULT_WORKSPACE_ID, NOW, [ids.elsewhere])).toEqual({});
  });

  it("counts each webhook's real deliveries of the last 24 hours in hourly buckets", async () => {
    const health = await listWebhookHealth(db(), DEFAULT_WORKSPACE_ID, NOW);
    const crm = health[ids.crm];
    expect(crm).toMatchObject({ state: "healthy", deliveries: 5, succeeded: 3, failed: 1, reason: null });
    expect(crm?.buckets).toHaveLength(24);
    // The range starts at 11:00 yesterday: 10:xx is bucket 23, 09:xx bucket 22, 05:xx bucket 18.
    expect(crm?.buckets[23]).toMatchObject({ start: "2026-12-02T10:00:00.000Z", succeeded: 2, failed: 0 });
    expect(crm?.buckets[22]).toMatchObject({ succeeded: 1, failed: 0 });
    expect(crm?.buckets[18]).toMatchObject({ succeeded: 0, failed: 1 });
    expect(crm?.buckets.reduce((sum, bucket) => sum + bucket.succeeded + bucket.failed, 0)).toBe(4);
  });

  it("calls a webhook failing, with how long and its newest failure's reason, and one switched off off", async () => {
    const health = await listWebhookHealth(db(), DEFAULT_WORKSPACE_ID, NOW);
    expect(health[ids.broken]).toMatchObject({
      state: "failing",
      failingSince: hoursAgo(3).toISOString(),
      deliveries: 2,
      succeeded: 0,
      failed: 2,
      reason: { status: 500 },
    });
    expect(health[ids.off]).toMatchObject({ state: "off", deliveries: 0, reason: null });
    expect(health[ids.quiet]).toMatchObject({ state: "healthy", deliveries: 0 });
  });

  it("lists only the workspace's own webhooks", async () => {
    const health = await listWebhookHealth(db(), DEFAULT_WORKSPACE_ID, NOW);
    expect(Object.keys(health).sort()).toEqual([ids.crm, ids.broken, ids.off, ids.quiet].sort());
  });

  it("gives a webhook's response times and most common failure reasons over a range, tests left out", async () => {
    const crm = await webhookHealthDetail(db(), DEFAULT_WORKSPACE_ID, ids.crm, "24h", NOW);
    expect(crm).toMatchObject({ deliveries: 5, succeeded: 3, failed: 1, p50: 120, p95: 900 });
    expect(crm.reasons).toEqual([{ status: 503, count: 1 }]);
    const broken = await webhookHealthDetail(db(), DEFAULT_WORKSPACE_ID, ids.broken, "24h", NOW);
    expect(broken.reasons).toEqual([
      { kind: "refused", count: 2 },
      { status: 500, count: 1 },
    ]);
  });

  it("puts a 7-day range in quarter days and a 30-day one in days, reaching back to older deliveries", async () => {
    const week = await webhookHealthDetail(db(), DEFAULT_WORKSPACE_ID, ids.crm, "7d", NOW);
    expect(week.buckets).toHaveLength(28);
    expect(week.deliveries).toBe(6);
    // Two days ago (08-02 10:30 - 48 h = 11-30 10:30) falls in the quarter day from 06:00.
    expect(week.buckets.find((bucket) => bucket.start === "2026-11-30T06:00:00.000Z")).toMatchObject({
      succeeded: 1,
    });
    const month = await webhookHealthDetail(db(), DEFAULT_WORKSPACE_ID, ids.crm, "30d", NOW);
    expect(month.buckets).toHaveLength(30);
    expect(month.buckets.at(-1)).toMatchObject({
      start: "2026-12-02T00:00:00.000Z",
      succeeded: 3,
      failed: 1,
    });
  });

  it("refuses another workspace's webhook: its figures stay empty", async () => {
    const detail = await webhookHealthDetail(db(), DEFAULT_WORKSPACE_ID, ids.elsewhere, "24h", NOW);
    expect(detail).toMatchObject({ deliveries: 0, failed: 0, p50: null, reasons: [] });
  });

  it("sums up the workspace: events, deliveries, success rate, webhooks failing and switched off", async () => {
    const overview = await workspaceOverview(db(), DEFAULT_WORKSPACE_ID, NOW);
    // Real events of the last 24 h: 5 of CRM (not the test's, not the one 2 days ago) and 2 of Broken.
    expect(overview).toMatchObject({ events: 7, deliveries: 7, succeeded: 3, failed: 3, webhooks: 4 });
    expect(overview.failing).toEqual([
      { id: ids.broken, name: "Broken", failing_since: hoursAgo(3).toISOString() },
    ]);
    expect(overview.switchedOff).toEqual([{ id: ids.off, name: "Off", disabled_reason: "gone" }]);
  });
});
