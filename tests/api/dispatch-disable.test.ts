import { afterAll, beforeAll, expect, it } from "vitest";
import { getElement } from "@/lib/elements";
import { type RunningApp, startApp } from "../helpers/app-process.mjs";
import { type Receiver, startReceiver } from "../helpers/receiver";
import {
  ARRIVAL_TIMEOUT_MS,
  type DispatchClient,
  dispatchClient,
  dispatchEnv,
  eventually,
} from "./dispatch-fixture";

// A webhook whose deliveries keep failing is switched off once the failures have run for the configured
// span (5 days by default, 2 s here); one success in between starts the span again.

const DISABLE_AFTER_SECONDS = 2;

let app: RunningApp;
let client: DispatchClient;
let broken: Receiver;
let flaky: Receiver;

beforeAll(async () => {
  app = await startApp({
    env: dispatchEnv({
      DISPATCH_RETRY_SCHEDULE: Array(20).fill(0.3).join(","),
      DISPATCH_DISABLE_AFTER_SECONDS: String(DISABLE_AFTER_SECONDS),
    }),
  });
  client = dispatchClient(app.baseUrl);
  broken = await startReceiver();
  flaky = await startReceiver();
});

afterAll(async () => {
  await app?.stop();
  await broken?.close();
  await flaky?.close();
});

const answer = getElement("rsvp_answer")?.sample as Record<string, unknown>;
const event = (prokey: string) => ({
  trigger_element: "rsvp_answer",
  trigger: "create",
  data: answer,
  prokey,
});
const BROKEN = "00000000-0000-4000-8000-00000000000b";
const FLAKY = "00000000-0000-4000-8000-00000000000f";

it("switches off a webhook that has failed for the whole span, and not one that succeeds in between", async () => {
  broken.respondWith({ status: 500, body: "down" });
  // Every third request succeeds: its runs of failures stay well under the span.
  flaky.respondWith(() => ({ status: flaky.requests.length % 3 === 0 ? 200 : 503 }));
  const brokenHook = await client.createWebhook({
    trigger_element: "rsvp_answer",
    trigger: "create",
    prokey_filter: BROKEN,
    payload_url: `${broken.url}/broken`,
  });
  const flakyHook = await client.createWebhook({
    trigger_element: "rsvp_answer",
    trigger: "create",
    prokey_filter: FLAKY,
    payload_url: `${flaky.url}/flaky`,
  });

  expect((await client.sendEvent(event(BROKEN))).deliveries).toBe(1);
  const sending = setInterval(() => void client.sendEvent(event(FLAKY)).catch(() => {}), 400);
  try {
    await broken.waitForRequests(1, ARRIVAL_TIMEOUT_MS);
    const disabled = await eventually(async () => {
      const current = await client.getWebhook(brokenHook.id);
      return current.active ? null : current;
    }, "the failing webhook is switched off");
    expect(disabled.disabled_reason).toBe("failing");
    const firstFailure = broken.requests[0]?.receivedAt ?? 0;
    const lastFailure = broken.requests.at(-1)?.receivedAt ?? 0;
    // Not before the span was over: the attempts that switched it off came at least 2 s after the first.
    expect(lastFailure - firstFailure).toBeGreaterThanOrEqual(DISABLE_AFTER_SECONDS * 1000 - 100);
    // Let the flaky one fail on past the span too, by more than a second: had its successes not started
    // the span again, one of those later failures would have switched it off.
    await eventually(async () => {
      const first = flaky.requests[0]?.receivedAt ?? Date.now();
      const last = flaky.requests.at(-1)?.receivedAt ?? first;
      return last - first >= DISABLE_AFTER_SECONDS * 1000 + 1000;
    }, "the flaky webhook has run past the span");
  } finally {
    clearInterval(sending);
  }
  expect(flaky.requests.length).toBeGreaterThan(6);
  expect(await client.getWebhook(flakyHook.id)).toMatchObject({ active: true, disabled_reason: null });
  // Switched off means no more deliveries for it.
  expect((await client.sendEvent(event(BROKEN))).deliveries).toBe(0);
}, 30_000);
