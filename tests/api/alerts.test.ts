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
  verifySignature,
} from "./dispatch-fixture";

// Alerts through our own pipeline, end to end in the built app: a receiver answers 410, Hooksmith switches
// its webhook off, and the workspace's alert webhook gets a signed `webhook.disabled` at a real loopback
// receiver, verified with the Standard Webhooks library.

let app: RunningApp;
let client: DispatchClient;
let gone: Receiver;
let ops: Receiver;

beforeAll(async () => {
  app = await startApp({ env: dispatchEnv() });
  client = dispatchClient(app.baseUrl);
  gone = await startReceiver();
  ops = await startReceiver();
});

afterAll(async () => {
  await app?.stop();
  await gone?.close();
  await ops?.close();
});

const answer = getElement("rsvp_answer")?.sample as Record<string, unknown>;
const PROKEY = "00000000-0000-4000-8000-0000000000a1";

it("delivers a signed webhook.disabled with the reason to the alert webhook after a 410", async () => {
  gone.respondWith({ status: 410, body: "gone" });
  const crm = await client.createWebhook({
    name: "CRM",
    trigger_element: "rsvp_answer",
    trigger: "create",
    prokey_filter: PROKEY,
    payload_url: `${gone.url}/crm?token=s3cret`,
  });
  const alerts = await client.createWebhook({
    name: "Ops alerts",
    trigger_element: "hooksmith",
    trigger: "webhook.disabled",
    payload_url: `${ops.url}/alerts`,
  });

  await client.sendEvent({ trigger_element: "rsvp_answer", trigger: "create", data: answer, prokey: PROKEY });
  await gone.waitForRequests(1, ARRIVAL_TIMEOUT_MS);
  const [request] = await ops.waitForRequests(1, ARRIVAL_TIMEOUT_MS);
  if (!request) throw new Error("no alert arrived");

  expect(() => verifySignature(alerts.secret, request)).not.toThrow();
  const body = JSON.parse(request.body.toString("utf8"));
  expect(body.element_data).toMatchObject({
    id: crm.id,
    name: "CRM",
    url: `${gone.url}/crm?token=••••`,
    trigger_element: "rsvp_answer",
    trigger: "create",
    active: false,
    disabled_reason: "gone",
    last_response_status: 410,
  });
  expect(await client.getWebhook(crm.id)).toMatchObject({ active: false, disabled_reason: "gone" });
  // The alert is an event of the workspace like any other: in the event log, with its delivery.
  const logged = await eventually(async () => {
    const response = await client.api.get<{ events: { trigger_element: string; trigger: string }[] }>(
      "/events?element=hooksmith",
    );
    return response.body.events?.find((event) => event.trigger === "webhook.disabled");
  }, "the alert is in the event log");
  expect(logged.trigger_element).toBe("hooksmith");
  expect(await client.getWebhook(alerts.id)).toMatchObject({ active: true });
});

it("refuses an operational event reported from outside", async () => {
  const response = await client.postEvent({
    body: {
      trigger_element: "hooksmith",
      trigger: "webhook.disabled",
      data: getElement("hooksmith")?.samplesByTrigger?.["webhook.disabled"],
    },
  });
  expect(response.status).toBe(422);
  expect(response.text).toContain("trigger_element");
});
