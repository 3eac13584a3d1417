import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_WORKSPACE_ID, deliveries, events, webhooks, workspaces } from "@/db/schema";
import { encryptSecret, encryptUrl } from "@/lib/crypto/webhook-secrets";
import { acceptEvent } from "@/lib/dispatch/accept";
import type { DeliveryOutcome } from "@/lib/dispatch/attempt";
import { claimDueDeliveries } from "@/lib/dispatch/claim";
import { defaultDispatchConfig } from "@/lib/dispatch/config";
import { parseEvent } from "@/lib/dispatch/event-input";
import { recordOutcomes } from "@/lib/dispatch/record";
import { sendTest } from "@/lib/dispatch/test-send";
import { getElement } from "@/lib/elements";
import { setWebhookActive } from "@/lib/webhooks/mutations";
import { acknowledgeDisabled, disabledNoticeCount, disabledNotices } from "@/lib/webhooks/notices";
import { generateSigningSecret } from "@/lib/webhooks/secret";
import { databaseBackends } from "../helpers/database-backends";
import { insertDelivery, insertEvent, insertWebhook, useDatabase } from "../helpers/rows";

// Alerts through our own pipeline: what the batch writer records (a 410, a run of failures, a delivery that
// failed for good) is accepted as an operational event of the same workspace, in the same commit, and
// queued for the workspace's alert webhooks like any event. On both databases.

const WORKER = "alerts-test-worker";
const answer = getElement("rsvp_answer")?.sample as Record<string, unknown>;
const parsed = parseEvent({ trigger_element: "rsvp_answer", trigger: "create", data: answer }, "en");
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const event = parsed.event;

describe.each(databaseBackends())("alerts on $name", ({ open }) => {
  const { db } = useDatabase(open);
  beforeEach(async () => {
    await db().delete(webhooks);
    await db().delete(events);
  });

  const receiver = (name: string, workspaceId = DEFAULT_WORKSPACE_ID) =>
    insertWebhook(db(), {
      name,
      workspace_id: workspaceId,
      payload_url: `https://${name}.example.com/hook?token=secret`,
    });
  const alertHook = (trigger: string, workspaceId = DEFAULT_WORKSPACE_ID, name = `alerts-${trigger}`) =>
    insertWebhook(db(), {
      name,
      workspace_id: workspaceId,
      trigger_element: "hooksmith",
      trigger,
      payload_url: "https://ops.example.com/alerts",
    });

  // Claims every due delivery of the given webhooks (nothing else is due in these tests' workspaces).
  const claimOf = async (webhookId: string) => {
    const { claimed } = await claimDueDeliveries(db(), {
      workerId: WORKER,
      limit: 100,
      leaseMs: 60_000,
      perWebhook: 100,
    });
    const mine = claimed.filter((row) => row.webhook.id === webhookId);
    const first = mine[0];
    if (!first) throw new Error("nothing claimed");
    return first;
  };

  const outcome = (
    deliveryId: string,
    webhookId: string,
    result: { status: number; retry?: boolean; at?: Date },
  ): DeliveryOutcome => {
    const ok = result.status < 300;
    const at = result.at ?? new Date();
    return {
      deliveryId,
      webhookId,
      status: ok ? "succeeded" : result.retry ? "pending" : "failed",
      attempts: 1,
      request: null,
      lastResponseStatus: result.status,
      lastError: ok ? null : `HTTP ${result.status}`,
      nextAttemptAt: result.retry ? new Date(at.getTime() + 60_000) : null,
      log: {
        delivery_id: deliveryId,
        attempt: 1,
        started_at: at,
        duration_ms: 3,
        request: { method: "POST", url: "https://example.com/hook", headers: [], body: "{}" },
        response_status: result.status,
        response_headers: {},
        response_body: null,
        error_kind: null,
        error_message: null,
      },
      effect: { at, effect: ok ? "succeeded" : result.status === 410 ? "gone" : "failed" },
    };
  };

  const alerts = async () =>
    db().select().from(events).where(eq(events.trigger_element, "hooksmith")).orderBy(events.received_at);
  const deliveriesOf = (webhookId: string) =>
    db().select().from(deliveries).where(eq(deliveries.webhook_id, webhookId));

  // One real event to `webhookId`, claimed, its attempt recorded with `result`.
  const attempt = async (webhookId: string, result: Parameters<typeof outcome>[2]) => {
    await acceptEvent(db(), (await webhookRow(webhookId)).workspace_id, event);
    const claimed = await claimOf(webhookId);
    await recordOutcomes(db(), defaultDispatchConfig, WORKER, [
      outcome(claimed.delivery.id, webhookId, result),
    ]);
    return claimed.delivery;
  };
  const webhookRow = async (id: string) => {
    const [row] = await db().select().from(webhooks).where(eq(webhooks.id, id));
    if (!row) throw new Error("no webhook");
    return row;
  };

  it("sends webhook.disabled with the reason to a subscribed alert webhook after a 410", async () => {
    const crm = await receiver("crm");
    const ops = await alertHook("webhook.disabled");
    await alertHook("webhook.recovered");
    await attempt(crm.id, { status: 410 });

    const [alert, ...more] = await alerts();
    expect(more).toEqual([]);
    expect(alert).toMatchObject({ trigger: "webhook.disabled", workspace_id: DEFAULT_WORKSPACE_ID });
    expect(alert?.data).toMatchObject({
      id: crm.id,
      name: "crm",
      url: "https://crm.example.com/hook?token=••••",
      trigger_element: "rsvp_answer",
      trigger: "create",
      active: false,
      disabled_reason: "gone",
      last_response_status: 410,
    });
    expect(getElement("hooksmith")?.schema.safeParse(alert?.data).success).toBe(true);
    const [queued] = await deliveriesOf(ops.id);
    expect(queued).toMatchObject({ event_id: alert?.id, status: "pending" });
  });

  it("sends webhook.disabled from the writer's single statement too (a webhook it has seen before)", async () => {
    const crm = await receiver("seen");
    await alertHook("webhook.disabled");
    // The first batch settles the webhook under a lock and remembers its health; the next takes the fast path.
    await attempt(crm.id, { status: 200 });
    expect(await alerts()).toEqual([]);
    await attempt(crm.id, { status: 410 });
    expect((await alerts()).map((row) => [row.trigger, (row.data as { id: string }).id])).toEqual([
      ["webhook.disabled", crm.id],
    ]);
  });

  it("sends delivery.failed with the delivery and its event when the retries are used up", async () => {
    const crm = await receiver("exhausted");
    const ops = await alertHook("delivery.failed");
    const sent = await attempt(crm.id, { status: 500 });
    const [failed] = await deliveriesOf(crm.id);

    const [alert, ...more] = await alerts();
    expect(more).toEqual([]);
    expect(alert?.trigger).toBe("delivery.failed");
    expect(alert?.data).toMatchObject({
      id: crm.id,
      active: true,
      failing_since: expect.any(String),
      last_response_status: 500,
      last_error: "HTTP 500",
      delivery: { id: sent.id, event_id: failed?.event_id, attempts: 1 },
    });
    expect(await deliveriesOf(ops.id)).toHaveLength(1);
  });

  it("sends webhook.failing when the run of failures starts and webhook.recovered when a success ends it", async () => {
    const crm = await receiver("flaky");
    await alertHook("webhook.failing");
    await alertHook("webhook.recovered");
    await alertHook("delivery.failed");
    const start = Date.now();
    await attempt(crm.id, { status: 503, retry: true, at: new Date(start) });
    // A second failure in the same run is no news.
    await attempt(crm.id, { status: 503, retry: true, at: new Date(start + 1_000) });
    await attempt(crm.id, { status: 200, at: new Date(start + 2_000) });
    const sent = await alerts();
    expect(sent.map((row) => row.trigger)).toEqual(["webhook.failing", "webhook.recovered"]);
    expect(sent[0]?.data).toMatchObject({ failing_since: new Date(start).toISOString() });
    expect(sent[1]?.data).toMatchObject({ failing_since: null, last_response_status: 200 });
  });

  it("sends nothing about an alert webhook's own failures", async () => {
    const ops = await alertHook("webhook.failing", DEFAULT_WORKSPACE_ID, "ops-failing");
    await alertHook("webhook.disabled", DEFAULT_WORKSPACE_ID, "ops-disabled");
    await alertHook("delivery.failed", DEFAULT_WORKSPACE_ID, "ops-failed");
    const eventId = await insertEvent(db());
    await insertDelivery(db(), { webhook_id: ops.id, event_id: eventId });
    const claimed = await claimOf(ops.id);
    await recordOutcomes(db(), defaultDispatchConfig, WORKER, [
      outcome(claimed.delivery.id, ops.id, { status: 410 }),
    ]);
    expect(await webhookRow(ops.id)).toMatchObject({ active: false, disabled_reason: "gone" });
    expect(await alerts()).toEqual([]);
  });

  it("sends nothing to other workspaces, and stores no alert nobody takes", async () => {
    const [other] = await db().insert(workspaces).values({ name: "Other team" }).returning();
    if (!other) throw new Error("no workspace");
    const theirs = await alertHook("webhook.disabled", other.id);
    const crm = await receiver("lonely");
    await attempt(crm.id, { status: 410 });
    expect(await alerts()).toEqual([]);
    expect(await deliveriesOf(theirs.id)).toEqual([]);

    // Their own webhook's 410 reaches their alert webhook, not ours.
    const ours = await alertHook("webhook.disabled");
    const their = await receiver("their-crm", other.id);
    await attempt(their.id, { status: 410 });
    const [alert] = await alerts();
    expect(alert).toMatchObject({ workspace_id: other.id, trigger: "webhook.disabled" });
    expect(await deliveriesOf(theirs.id)).toHaveLength(1);
    expect(await deliveriesOf(ours.id)).toEqual([]);
  });

  it("sends nothing for a test send that fails", async () => {
    await alertHook("delivery.failed");
    await alertHook("webhook.failing");
    // A loopback target without the opt-in: the guard refuses it, a failure like any other.
    const webhook = await insertWebhook(db(), {
      payload_url: encryptUrl("http://127.0.0.1:9/hook"),
      secret: encryptSecret(generateSigningSecret()),
    });
    const result = await sendTest(db(), DEFAULT_WORKSPACE_ID, webhook.id, {});
    expect(result).toMatchObject({ ok: true, outcome: { ok: false, error_kind: "blocked" } });
    expect(await alerts()).toEqual([]);
  });

  it("leaves a switched-off alert webhook out", async () => {
    const crm = await receiver("quiet");
    const ops = await alertHook("webhook.disabled");
    await db()
      .update(webhooks)
      .set({ active: false })
      .where(and(eq(webhooks.id, ops.id)));
    await attempt(crm.id, { status: 410 });
    expect(await alerts()).toEqual([]);
  });

  describe("the owners' notice", () => {
    const here = {
      workspaceId: DEFAULT_WORKSPACE_ID,
      actor: { kind: "token" as const, id: null, label: "test" },
    };
    const noticeIds = async () => (await disabledNotices(db(), DEFAULT_WORKSPACE_ID)).map((n) => n.id);

    it("names each webhook Hooksmith switched off until it is acknowledged, and again after the next switch-off", async () => {
      const crm = await receiver("noticed");
      const byHand = await receiver("by-hand");
      await attempt(crm.id, { status: 410 });
      await setWebhookActive(db(), here, byHand.id, false);
      expect(await disabledNotices(db(), DEFAULT_WORKSPACE_ID)).toEqual([
        { id: crm.id, name: "noticed", reason: "gone", switched_off_at: expect.any(String) },
      ]);
      expect(await disabledNoticeCount(db(), DEFAULT_WORKSPACE_ID)).toBe(1);

      expect(await acknowledgeDisabled(db(), DEFAULT_WORKSPACE_ID, crm.id)).toBe(true);
      expect(await acknowledgeDisabled(db(), DEFAULT_WORKSPACE_ID, crm.id)).toBe(false);
      expect(await noticeIds()).toEqual([]);
      expect(await disabledNoticeCount(db(), DEFAULT_WORKSPACE_ID)).toBe(0);

      // Switched on again, then off by Hooksmith once more: a new notice.
      await setWebhookActive(db(), here, crm.id, true);
      await attempt(crm.id, { status: 410 });
      expect(await noticeIds()).toEqual([crm.id]);
    });

    it("lets no other workspace acknowledge it, and refuses what is no id", async () => {
      const [other] = await db().insert(workspaces).values({ name: "Elsewhere" }).returning();
      if (!other) throw new Error("no workspace");
      const crm = await receiver("kept");
      await attempt(crm.id, { status: 410 });
      expect(await acknowledgeDisabled(db(), other.id, crm.id)).toBe(false);
      expect(await acknowledgeDisabled(db(), DEFAULT_WORKSPACE_ID, "not-a-uuid")).toBe(false);
      expect(await disabledNoticeCount(db(), other.id)).toBe(0);
      expect(await noticeIds()).toEqual([crm.id]);
    });
  });
});
