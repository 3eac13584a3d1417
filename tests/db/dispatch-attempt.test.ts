import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliveries, events, webhooks } from "@/db/schema";
import { isEncrypted } from "@/lib/crypto/envelope";
import { attemptDelivery } from "@/lib/dispatch/attempt";
import { claimDueDeliveries } from "@/lib/dispatch/claim";
import { defaultDispatchConfig } from "@/lib/dispatch/config";
import { recordOutcomes } from "@/lib/dispatch/record";
import { databaseBackends } from "../helpers/database-backends";
import { type Receiver, startReceiver } from "../helpers/receiver";
import { insertDelivery, insertEvent, insertWebhook, useDatabase } from "../helpers/rows";

// One attempt through the real parts (claim, render, send to a loopback receiver, record), on both databases:
// what the delivery row keeps of the request it sent. A delivery that may go out again (a retry, a resend)
// keeps it, its header values encrypted, so every try sends the same bytes; one that succeeded never goes
// out again (a replay is a new delivery, rendered anew) and keeps none: the log holds what was sent.

const WORKER = "dispatch-attempt-test";
const config = { ...defaultDispatchConfig, allowPrivateTargets: true };

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
});

describe.each(databaseBackends())("an attempt on $name", ({ open }) => {
  const { db } = useDatabase(open);
  beforeEach(async () => {
    await db().delete(webhooks);
    await db().delete(events);
  });

  async function attemptOnce(status: number) {
    receiver.respondOnce({ status, body: "" });
    const webhook = await insertWebhook(db(), {
      payload_url: `${receiver.url}/hook`,
      header: [{ key: "Authorization", value: "Bearer kept-secret" }],
    });
    const id = await insertDelivery(db(), { webhook_id: webhook.id, event_id: await insertEvent(db()) });
    const { claimed } = await claimDueDeliveries(db(), {
      workerId: WORKER,
      limit: 10,
      leaseMs: 60_000,
      perWebhook: 10,
    });
    expect(claimed.map((row) => row.delivery.id)).toEqual([id]);
    const outcome = await attemptDelivery(claimed[0] as (typeof claimed)[number], config, db());
    await recordOutcomes(db(), config, WORKER, [outcome]);
    const [row] = await db().select().from(deliveries).where(eq(deliveries.id, id));
    return row;
  }

  it("keeps no request for a delivery that succeeded", async () => {
    const row = await attemptOnce(200);
    expect(row?.status).toBe("succeeded");
    expect(row?.request).toBeNull();
  });

  it("keeps the request, its header values and URL encrypted, for a delivery that will be tried again", async () => {
    const row = await attemptOnce(500);
    expect(row?.status).toBe("pending");
    const authorization = row?.request?.headers.find(([name]) => name === "Authorization")?.[1] ?? "";
    expect(isEncrypted(authorization)).toBe(true);
    expect(isEncrypted(row?.request?.url ?? "")).toBe(true);
    expect(row?.request?.body).toContain("element_data");
  });
});
