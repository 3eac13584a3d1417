import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveries, deliveryAttempts } from "@/db/schema";
import { getElement } from "@/lib/elements";
import {
  type AppStorage,
  createAppStorage,
  freePort,
  type RunningApp,
  startApp,
} from "../helpers/app-process.mjs";
import { type ReceivedRequest, type Receiver, startReceiver } from "../helpers/receiver";
import {
  ARRIVAL_TIMEOUT_MS,
  type DispatchClient,
  dispatchClient,
  dispatchEnv,
  eventually,
  openStorage,
  verifySignature,
} from "./dispatch-fixture";

// Failures and retries with a shortened schedule: retry n comes 1 s after try n, three retries in all.
// Each test's webhook has its own prokey filter and its own receiver, so events reach only that test's
// webhook: the tests wait out their retries side by side. The last one runs after all of them, stops the
// app and reads the attempt log that the others left behind.

const RETRY_SECONDS = 1;
// Long enough that a receiver in this (busy) test process answers within it: at 1.5 s, under a load of 17,
// the first try of "retried" timed out before its 500 arrived.
const TIMEOUT_MS = 3000;

let storage: AppStorage;
let app: RunningApp;
let client: DispatchClient;
const receivers: Receiver[] = [];
// Webhook ids and receivers by test, for the log checks at the end.
const webhookIds: Record<string, string> = {};
const targets: Record<string, Receiver> = {};

beforeAll(async () => {
  storage = await createAppStorage();
  app = await startApp({
    storage,
    env: dispatchEnv({
      DISPATCH_RETRY_SCHEDULE: Array(3).fill(RETRY_SECONDS).join(","),
      DISPATCH_TIMEOUT_MS: String(TIMEOUT_MS),
    }),
  });
  client = dispatchClient(app.baseUrl);
});

afterAll(async () => {
  await app?.stop();
  for (const receiver of receivers) await receiver.close();
  await storage?.remove();
});

async function receiver(): Promise<Receiver> {
  const started = await startReceiver();
  receivers.push(started);
  return started;
}

const answer = getElement("rsvp_answer")?.sample as Record<string, unknown>;
let prokeys = 0;

/** A webhook that only this test's events reach, and a function that sends one such event. */
async function isolatedWebhook(name: string, input: Record<string, unknown>) {
  prokeys += 1;
  const prokey = `00000000-0000-4000-8000-${String(prokeys).padStart(12, "0")}`;
  const webhook = await client.createWebhook({
    trigger_element: "rsvp_answer",
    trigger: "create",
    prokey_filter: prokey,
    ...input,
  });
  webhookIds[name] = webhook.id;
  const send = () =>
    client.sendEvent({ trigger_element: "rsvp_answer", trigger: "create", data: answer, prokey });
  return { webhook, send };
}

const gaps = (requests: ReceivedRequest[]) =>
  requests
    .slice(1)
    .map((request, index) => request.receivedAt - (requests[index] as ReceivedRequest).receivedAt);

describe.concurrent("deliveries that fail", () => {
  describe("retries", () => {
    it("retries a failed delivery with the same webhook-id and body until it succeeds", async () => {
      const target = await receiver();
      target.respondOnce({ status: 500, body: "try again" });
      target.respondOnce({ status: 502 });
      const { webhook, send } = await isolatedWebhook("retried", {
        payload_url: `${target.url}/flaky`,
        header: [{ key: "Authorization", value: "Bearer live-secret-credential-1234" }],
      });
      expect(webhook.last_execution).toBeNull();
      expect((await send()).deliveries).toBe(1);

      const requests = await target.waitForRequests(3, ARRIVAL_TIMEOUT_MS);
      const ids = new Set(requests.map((request) => request.headers["webhook-id"]));
      expect(ids.size).toBe(1);
      for (const request of requests) {
        expect(request.body.toString("utf8")).toBe(JSON.stringify({ element_data: answer }));
        expect(request.headers.authorization).toBe("Bearer live-secret-credential-1234");
        // Each try is signed anew, and every signature verifies.
        expect(() => verifySignature(webhook.secret, request)).not.toThrow();
      }
      for (const gap of gaps(requests)) expect(gap).toBeGreaterThanOrEqual(RETRY_SECONDS * 1000 * 0.8);

      const updated = await eventually(async () => {
        const current = await client.getWebhook(webhook.id);
        return current.last_execution ? current : null;
      }, "last_execution is set");
      expect(Date.parse(updated.last_execution ?? "")).toBeGreaterThan(Date.now() - 60_000);
      expect(updated.active).toBe(true);
    });

    it("gives up after the last retry of the schedule", async () => {
      const target = await receiver();
      targets.exhausted = target;
      target.respondWith({ status: 500 });
      const { send } = await isolatedWebhook("exhausted", { payload_url: `${target.url}/down` });
      await send();
      // The first try and three retries, and no fifth: it would be due a retry's wait after the fourth, so
      // it gets twice that to show up (the other tests run meanwhile). The log check at the end agrees.
      const requests = await target.waitForRequests(4, ARRIVAL_TIMEOUT_MS);
      expect(new Set(requests.map((request) => request.headers["webhook-id"])).size).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 2 * RETRY_SECONDS * 1000));
      expect(target.requests).toHaveLength(4);
    });

    it("honours Retry-After on 503 and 429, within [scheduled, 2 × scheduled]", async () => {
      const target = await receiver();
      // Twice the schedule: honoured in full.
      target.respondOnce({ status: 503, headers: { "retry-after": String(2 * RETRY_SECONDS) } });
      // An hour: cut to twice the schedule.
      target.respondOnce({ status: 429, headers: { "retry-after": "3600" } });
      const { send } = await isolatedWebhook("retry-after", { payload_url: `${target.url}/busy` });
      await send();
      const requests = await target.waitForRequests(3, ARRIVAL_TIMEOUT_MS);
      for (const gap of gaps(requests)) {
        // Well above the 1 s schedule, and far below the hour asked for.
        expect(gap).toBeGreaterThanOrEqual(2 * RETRY_SECONDS * 1000 - 400);
        expect(gap).toBeLessThan(10_000);
      }
    });

    it("times out a receiver that does not answer, and tries again", async () => {
      const target = await receiver();
      target.respondOnce({ hang: true });
      const { send } = await isolatedWebhook("timeout", { payload_url: `${target.url}/slow` });
      await send();
      const requests = await target.waitForRequests(2, ARRIVAL_TIMEOUT_MS);
      // The retry is due 1 s after the first try began, which is before that try gave up: it must still wait
      // until the sender has given up on the first one and closed its connection. Compared by the events
      // themselves, not by a wall-clock gap, which a loaded test process stretches or squeezes.
      const [first, second] = requests;
      expect(first?.closedAt).toBeDefined();
      expect(second?.receivedAt).toBeGreaterThanOrEqual(first?.closedAt ?? Number.POSITIVE_INFINITY);
      // The first connection stayed open until the timeout, not until an early failure.
      expect((first?.closedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(TIMEOUT_MS / 2);
      expect(requests[1]?.headers["webhook-id"]).toBe(requests[0]?.headers["webhook-id"]);
    });

    it("treats a connection refused as a failure and retries it", async () => {
      // Nothing listens on a port that was just free; the log check at the end reads the outcome.
      const port = await freePort();
      const { send } = await isolatedWebhook("refused", { payload_url: `http://127.0.0.1:${port}/nobody` });
      expect((await send()).deliveries).toBe(1);
    });
  });

  describe("answers that end a delivery or a webhook", () => {
    it("does not follow a redirect", async () => {
      const target = await receiver();
      const elsewhere = await receiver();
      target.respondOnce({ redirect: `${elsewhere.url}/moved` });
      const { send } = await isolatedWebhook("redirect", { payload_url: `${target.url}/old` });
      await send();
      // The 302 is a failure: the retry goes to the payload URL again, never to the Location.
      const requests = await target.waitForRequests(2, ARRIVAL_TIMEOUT_MS);
      expect(requests.map((request) => request.url)).toEqual(["/old", "/old"]);
      expect(elsewhere.requests).toEqual([]);
    });

    it("disables the webhook on 410 Gone", async () => {
      const target = await receiver();
      target.respondWith({ status: 410, body: "gone for good" });
      const { webhook, send } = await isolatedWebhook("gone", { payload_url: `${target.url}/gone` });
      expect((await send()).deliveries).toBe(1);
      await target.waitForRequests(1, ARRIVAL_TIMEOUT_MS);

      const disabled = await eventually(async () => {
        const current = await client.getWebhook(webhook.id);
        return current.active ? null : current;
      }, "the webhook is disabled");
      expect(disabled.disabled_reason).toBe("gone");
      // The attempt that got 410 ran the webhook: it is its last execution.
      expect(Date.parse(disabled.last_execution ?? "")).toBeGreaterThan(Date.now() - 60_000);
      expect((await send()).deliveries).toBe(0);
    });

    it("sends nothing more once the webhook is switched off: its queued retry is cancelled", async () => {
      const target = await receiver();
      // Come back in 2 s: the retry waits that long (twice the schedule), time enough to switch it off.
      target.respondWith({ status: 503, headers: { "retry-after": String(2 * RETRY_SECONDS) } });
      const { webhook, send } = await isolatedWebhook("switched-off", { payload_url: `${target.url}/off` });
      expect((await send()).deliveries).toBe(1);
      await target.waitForRequests(1, ARRIVAL_TIMEOUT_MS);
      const off = await client.api.patch(`/webhook/${webhook.id}`, { active: false });
      expect(off.status, off.text).toBe(200);
      // Twice as long as the retry would have waited; the log check at the end finds it cancelled.
      await new Promise((resolve) => setTimeout(resolve, 4 * RETRY_SECONDS * 1000));
      expect(target.requests).toHaveLength(1);
    });
  });
});

describe("the attempt log", () => {
  it("records every attempt with its outcome, secrets masked", async () => {
    await app.stop();
    const connection = await openStorage(storage);
    const logOf = async (name: string) => {
      const id = webhookIds[name];
      if (!id) throw new Error(`no webhook for ${name}`);
      const [delivery] = await connection.db.select().from(deliveries).where(eq(deliveries.webhook_id, id));
      if (!delivery) throw new Error(`no delivery for ${name}`);
      const attempts = await connection.db
        .select()
        .from(deliveryAttempts)
        .where(eq(deliveryAttempts.delivery_id, delivery.id))
        .orderBy(asc(deliveryAttempts.attempt));
      return { delivery, attempts };
    };
    try {
      const retried = await logOf("retried");
      expect(retried.delivery).toMatchObject({ status: "succeeded", attempts: 3, last_response_status: 200 });
      expect(retried.attempts.map((attempt) => attempt.response_status)).toEqual([500, 502, 200]);
      expect(retried.attempts[0]?.response_body).toBe("try again");
      for (const attempt of retried.attempts) {
        const sent = Object.fromEntries(
          attempt.request.headers.map(([name, value]) => [name.toLowerCase(), value]),
        );
        expect(sent.authorization).not.toContain("live-secret-credential");
        expect(sent["webhook-id"]).toBe(retried.delivery.id);
        expect(attempt.request.body).toBe(JSON.stringify({ element_data: answer }));
      }

      const exhausted = await logOf("exhausted");
      expect(exhausted.delivery).toMatchObject({ status: "failed", attempts: 4, last_response_status: 500 });
      expect(exhausted.attempts).toHaveLength(4);

      const timedOut = await logOf("timeout");
      expect(timedOut.delivery.status).toBe("succeeded");
      expect(timedOut.attempts[0]).toMatchObject({ error_kind: "timeout", response_status: null });
      expect(timedOut.attempts[0]?.duration_ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);

      const refused = await logOf("refused");
      expect(refused.attempts[0]?.error_kind).toBe("refused");

      const redirected = await logOf("redirect");
      expect(redirected.attempts[0]).toMatchObject({ response_status: 302, error_kind: null });
      expect(redirected.attempts[0]?.response_headers?.location).toMatch(/\/moved$/);
      expect(redirected.delivery.status).toBe("succeeded");

      const gone = await logOf("gone");
      expect(gone.delivery).toMatchObject({ status: "failed", attempts: 1, last_response_status: 410 });

      const switchedOff = await logOf("switched-off");
      expect(switchedOff.delivery).toMatchObject({
        status: "cancelled",
        attempts: 1,
        last_response_status: 503,
      });
      expect(switchedOff.delivery.completed_at).not.toBeNull();
      expect(switchedOff.attempts).toHaveLength(1);
    } finally {
      await connection.close();
    }
    // Nothing more arrived after the schedule ran out.
    expect(targets.exhausted?.requests).toHaveLength(4);
  });
});
