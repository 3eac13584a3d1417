import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveries, deliveryAttempts } from "@/db/schema";
import { getElement } from "@/lib/elements";
import { type AppStorage, createAppStorage, type RunningApp, startApp } from "../helpers/app-process.mjs";
import { type Receiver, startReceiver } from "../helpers/receiver";
import type { ErrorEnvelope } from "./client";
import {
  API_TOKEN,
  ARRIVAL_TIMEOUT_MS,
  dispatchClient,
  eventually,
  INTERNAL_TOKEN,
  openStorage,
  type StoredWebhook,
} from "./dispatch-fixture";

// Without the opt-in, loopback targets are refused when sending too, not only when saving. The webhooks
// pointing at loopback are saved by an app that has the opt-in; the same storage is then served by an app
// without it, which must refuse to send there while still delivering to a host it is told to allow.

const ALLOWED_HOST = "127.0.0.2";

let storage: AppStorage;
let app: RunningApp | undefined;
let loopback: Receiver;
let allowed: Receiver;
const saved: Record<"literal" | "name" | "allowed", StoredWebhook | undefined> = {
  literal: undefined,
  name: undefined,
  allowed: undefined,
};

const answer = getElement("rsvp_answer")?.sample as Record<string, unknown>;
const hook = { trigger_element: "rsvp_answer", trigger: "create" };
const baseEnv = { API_TOKEN, INTERNAL_TOKEN, DISPATCH_POLL_INTERVAL_MS: "100" };

beforeAll(async () => {
  storage = await createAppStorage();
  loopback = await startReceiver();
  // Linux answers on all of 127.0.0.0/8: a second loopback address stands in for an allowed host.
  allowed = await startReceiver({ host: ALLOWED_HOST });

  const permissive = await startApp({ storage, env: { ...baseEnv, ALLOW_PRIVATE_TARGETS: "true" } });
  try {
    const client = dispatchClient(permissive.baseUrl);
    saved.literal = await client.createWebhook({ ...hook, payload_url: `${loopback.url}/literal` });
    saved.name = await client.createWebhook({
      ...hook,
      payload_url: `http://localhost:${loopback.port}/name`,
    });
  } finally {
    await permissive.stop();
  }
  app = await startApp({ storage, env: { ...baseEnv, ALLOWED_TARGET_HOSTS: ALLOWED_HOST } });
});

afterAll(async () => {
  await app?.stop();
  await loopback?.close();
  await allowed?.close();
  await storage?.remove();
});

describe("payload URLs on non-public addresses without the opt-in", () => {
  it("refuses them when a webhook is saved", async () => {
    if (!app) throw new Error("no app");
    const client = dispatchClient(app.baseUrl);
    for (const url of [
      `${loopback.url}/literal`,
      `http://localhost:${loopback.port}/name`,
      "http://10.1.2.3/hook",
      "http://169.254.169.254/latest/meta-data",
      "http://[::1]/hook",
      "http://[::ffff:127.0.0.1]/hook",
    ]) {
      const response = await client.api.post<ErrorEnvelope>("/webhook", {
        ...hook,
        name: "Internal",
        payload_url: url,
      });
      expect(response.status, url).toBe(422);
      expect(response.body.error.issues?.map((issue) => issue.path)).toEqual(["payload_url"]);
    }
  });

  it("refuses to send to them, including a hostname that resolves to loopback", async () => {
    if (!app) throw new Error("no app");
    const client = dispatchClient(app.baseUrl);
    saved.allowed = await client.createWebhook({ ...hook, payload_url: `${allowed.url}/allowed` });

    expect((await client.sendEvent({ ...hook, data: answer })).deliveries).toBe(3);
    // The allowed host gets its delivery, which shows the worker ran the whole event.
    const [request] = await allowed.waitForRequests(1, ARRIVAL_TIMEOUT_MS);
    expect(request?.body.toString("utf8")).toBe(JSON.stringify({ element_data: answer }));
    // The refused ones are done once their webhook records the execution.
    for (const webhook of [saved.literal, saved.name]) {
      await eventually(
        async () => webhook && (await client.getWebhook(webhook.id)).last_execution,
        "the refused delivery is recorded",
      );
    }

    // The attempt log says why the others were not sent (read once the app is down: PGlite is one process's).
    await app.stop();
    app = undefined;
    const connection = await openStorage(storage);
    try {
      for (const [name, host] of [
        ["literal", "127.0.0.1"],
        ["name", "localhost"],
      ] as const) {
        const webhook = saved[name];
        if (!webhook) throw new Error(`no ${name} webhook`);
        const [delivery] = await connection.db
          .select()
          .from(deliveries)
          .where(eq(deliveries.webhook_id, webhook.id));
        // Blocked is final: retrying the same address cannot help.
        expect(delivery, name).toMatchObject({ status: "failed", attempts: 1, last_response_status: null });
        const attempts = await connection.db
          .select()
          .from(deliveryAttempts)
          .where(eq(deliveryAttempts.delivery_id, delivery?.id ?? ""))
          .orderBy(asc(deliveryAttempts.attempt));
        expect(attempts, name).toHaveLength(1);
        expect(attempts[0]?.error_kind, name).toBe("blocked");
        expect(attempts[0]?.error_message, name).toContain(host);
        expect(attempts[0]?.error_message, name).toMatch(/loopback/);
      }
    } finally {
      await connection.close();
    }
    expect(loopback.requests).toEqual([]);
  });
});
