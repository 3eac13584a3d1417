import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_WORKSPACE_ID, deliveries, deliveryAttempts, events, webhooks } from "@/db/schema";
import { encryptRequestHeaders } from "@/lib/crypto/delivery-requests";
import { decryptValue, encryptValue, isEncrypted } from "@/lib/crypto/envelope";
import { encryptionKey } from "@/lib/crypto/key";
import { acceptEvent } from "@/lib/dispatch/accept";
import type { DeliveryOutcome } from "@/lib/dispatch/attempt";
import { claimDueDeliveries } from "@/lib/dispatch/claim";
import { defaultDispatchConfig } from "@/lib/dispatch/config";
import { parseEvent } from "@/lib/dispatch/event-input";
import { recordOutcomes } from "@/lib/dispatch/record";
import { getElement } from "@/lib/elements";
import { databaseBackends } from "../helpers/database-backends";
import { insertWebhook, useDatabase } from "../helpers/rows";

// The batch writer on a real database, both of them: what the failure policy decided reaches the delivery
// rows, the attempt log and the webhook, in one commit per batch.

const WORKER = "record-test-worker";
const DAY = 24 * 60 * 60 * 1000;
const answer = getElement("rsvp_answer")?.sample as Record<string, unknown>;
const parsed = parseEvent({ trigger_element: "rsvp_answer", trigger: "create", data: answer }, "en");
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const event = parsed.event;

describe.each(databaseBackends())("recording outcomes on $name", ({ open }) => {
  const { db } = useDatabase(open);
  beforeEach(async () => {
    await db().delete(webhooks);
    await db().delete(events);
  });

  async function webhook(name: string, failingSince: Date | null = null) {
    const row = await insertWebhook(db(), {
      name,
      payload_url: `https://${name}.example.com/hook`,
      failing_since: failingSince,
    });
    return row.id;
  }

  const claim = async (count: number) => {
    for (let index = 0; index < count; index += 1) await acceptEvent(db(), DEFAULT_WORKSPACE_ID, event);
    const { claimed } = await claimDueDeliveries(db(), {
      workerId: WORKER,
      limit: 100,
      leaseMs: 60_000,
      perWebhook: 100,
    });
    return claimed;
  };

  const outcome = (
    deliveryId: string,
    webhookId: string,
    at: Date,
    result: { status: number; retry?: boolean },
  ): DeliveryOutcome => {
    const ok = result.status < 300;
    return {
      deliveryId,
      webhookId,
      status: ok ? "succeeded" : result.retry ? "pending" : "failed",
      attempts: 1,
      request: null,
      lastResponseStatus: result.status,
      lastError: ok ? null : `HTTP ${result.status}`,
      nextAttemptAt: result.retry ? new Date(at.getTime() + 5_000) : null,
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

  const webhookRow = async (id: string) => (await db().select().from(webhooks).where(eq(webhooks.id, id)))[0];
  const deliveryRows = async () => db().select().from(deliveries);

  it("writes each delivery's result and its log row, and the webhook's run of failures", async () => {
    const hook = await webhook("mixed");
    const [first, second] = await claim(2);
    if (!first || !second) throw new Error("nothing claimed");
    const at = new Date();
    await recordOutcomes(db(), defaultDispatchConfig, WORKER, [
      outcome(first.delivery.id, hook, at, { status: 200 }),
      outcome(second.delivery.id, hook, new Date(at.getTime() + 1), { status: 503, retry: true }),
    ]);
    const rows = await deliveryRows();
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(first.delivery.id)).toMatchObject({ status: "succeeded", leased_by: null });
    expect(byId.get(first.delivery.id)?.completed_at).not.toBeNull();
    expect(byId.get(second.delivery.id)).toMatchObject({
      status: "pending",
      leased_by: null,
      completed_at: null,
    });
    expect(await db().select().from(deliveryAttempts)).toHaveLength(2);
    expect(await webhookRow(hook)).toMatchObject({
      active: true,
      failing_since: new Date(at.getTime() + 1),
      last_execution: new Date(at.getTime() + 1),
    });
  });

  it("switches a webhook off on a 410 and cancels its retries, those in the same batch too", async () => {
    const hook = await webhook("gone");
    const [goneOne, retried, queued] = await claim(3);
    if (!goneOne || !retried || !queued) throw new Error("nothing claimed");
    const at = new Date();
    // `queued` stays with the worker unrecorded: the webhook's trigger leaves leased rows to their worker.
    await recordOutcomes(db(), defaultDispatchConfig, WORKER, [
      outcome(goneOne.delivery.id, hook, at, { status: 410 }),
      outcome(retried.delivery.id, hook, at, { status: 500, retry: true }),
    ]);
    expect(await webhookRow(hook)).toMatchObject({ active: false, disabled_reason: "gone" });
    const statuses = new Map((await deliveryRows()).map((row) => [row.id, row.status]));
    expect(statuses.get(goneOne.delivery.id)).toBe("failed");
    expect(statuses.get(retried.delivery.id)).toBe("cancelled");
    expect(statuses.get(queued.delivery.id)).toBe("pending");
  });

  it("switches a webhook off after the span of failures, and cancels its queued deliveries", async () => {
    const hook = await webhook("failing", new Date(Date.now() - 5 * DAY - 1000));
    const [failed, ...rest] = await claim(3);
    if (!failed) throw new Error("nothing claimed");
    // The others go back to the queue unclaimed, so the switch-off cancels them.
    await db().update(deliveries).set({ leased_by: null, lease_expires_at: null });
    await db().update(deliveries).set({ leased_by: WORKER }).where(eq(deliveries.id, failed.delivery.id));
    await recordOutcomes(db(), defaultDispatchConfig, WORKER, [
      outcome(failed.delivery.id, hook, new Date(), { status: 500, retry: true }),
    ]);
    expect(await webhookRow(hook)).toMatchObject({ active: false, disabled_reason: "failing" });
    const statuses = (await deliveryRows()).map((row) => row.status).sort();
    expect(statuses).toEqual(["cancelled", "cancelled", "cancelled"]);
    expect(rest).toHaveLength(2);
  });

  it("keeps another worker's result when the lease was lost, but still logs the attempt", async () => {
    const hook = await webhook("stolen");
    const [taken] = await claim(1);
    if (!taken) throw new Error("nothing claimed");
    await db().update(deliveries).set({ leased_by: "another-worker" });
    await recordOutcomes(db(), defaultDispatchConfig, WORKER, [
      outcome(taken.delivery.id, hook, new Date(), { status: 200 }),
    ]);
    expect(await deliveryRows()).toMatchObject([{ status: "pending", leased_by: "another-worker" }]);
    expect(await db().select().from(deliveryAttempts)).toHaveLength(1);
  });

  it("writes from the health it last saw, and re-reads it under a lock when someone changed it since", async () => {
    const hook = await webhook("changed");
    const [first, second, third, fourth] = await claim(4);
    if (!first || !second || !third || !fourth) throw new Error("nothing claimed");
    const t = Date.now();
    const fail = (id: string, ms: number) =>
      outcome(id, hook, new Date(t + ms), { status: 500, retry: true });
    await recordOutcomes(db(), defaultDispatchConfig, WORKER, [fail(first.delivery.id, 0)]);
    await recordOutcomes(db(), defaultDispatchConfig, WORKER, [fail(second.delivery.id, 10)]);
    expect(await webhookRow(hook)).toMatchObject({
      failing_since: new Date(t),
      last_execution: new Date(t + 10),
    });

    // Switched off and on again by a person, which starts the run of failures afresh.
    await db().update(webhooks).set({ failing_since: null }).where(eq(webhooks.id, hook));
    await recordOutcomes(db(), defaultDispatchConfig, WORKER, [fail(third.delivery.id, 20)]);
    expect(await webhookRow(hook)).toMatchObject({ failing_since: new Date(t + 20), active: true });

    // Switched off while the last one was being sent: its retry is cancelled, not queued.
    await db().update(webhooks).set({ active: false }).where(eq(webhooks.id, hook));
    await recordOutcomes(db(), defaultDispatchConfig, WORKER, [fail(fourth.delivery.id, 30)]);
    const statuses = new Map((await deliveryRows()).map((row) => [row.id, row.status]));
    expect(statuses.get(fourth.delivery.id)).toBe("cancelled");
    expect(statuses.get(first.delivery.id)).toBe("cancelled");
    expect(await webhookRow(hook)).toMatchObject({ active: false, disabled_reason: null });
  });

  it("hands the attempt the webhook's stored envelopes to reuse, and never a plaintext as one", async () => {
    const key = encryptionKey();
    const url = "https://sealed.example.com/hook";
    const row = await insertWebhook(db(), {
      name: "sealed",
      payload_url: encryptValue(url, key),
      // One value from before encryption: it must not pass for an envelope.
      header: [
        { key: "Authorization", value: encryptValue("Bearer t-1", key) },
        { key: "X-Legacy", value: "plain" },
      ],
    });
    const [claimed] = await claim(1);
    expect(claimed?.webhook.id).toBe(row?.id);
    const sealed = claimed?.sealed ?? new Map();
    expect([...sealed.keys()].sort()).toEqual(["Bearer t-1", url]);
    for (const [plain, stored] of sealed) expect(decryptValue(stored, key)).toBe(plain);

    const request = encryptRequestHeaders(
      {
        method: "POST",
        url,
        headers: [
          ["Authorization", "Bearer t-1"],
          ["X-Legacy", "plain"],
          ["X-Rendered", "Bearer t-2"],
        ],
        body: "{}",
      },
      key,
      sealed,
    );
    expect(request.url).toBe(sealed.get(url));
    expect(request.headers[0]?.[1]).toBe(sealed.get("Bearer t-1"));
    for (const [, value] of request.headers) expect(isEncrypted(value)).toBe(true);
    expect(decryptValue(request.headers[2]?.[1] ?? "", key)).toBe("Bearer t-2");
  });
});
