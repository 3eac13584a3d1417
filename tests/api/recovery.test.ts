import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getElement, sampleFor } from "@/lib/elements";
import { type Receiver, startReceiver } from "../helpers/receiver";
import { type ApiClient, apiClient } from "./client";
import {
  type DispatchClient,
  dispatchClient,
  eventually,
  type StoredWebhook,
  verifySignature,
} from "./dispatch-fixture";
import { type OpenApiDocument, openApiChecker } from "./openapi-conformance";
import { sharedWorkspace } from "./shared-app";

// The event log and recovery over the API (issue 13): retry now, replay a delivery or an event, recover a
// webhook's failures since a time, and the keyset-paged lists; against the shared app, in this file's
// own workspace, with real loopback receivers.

const workspace = sharedWorkspace("recovery");
const client: DispatchClient = dispatchClient(workspace.baseUrl, {
  api: workspace.apiKey,
  event: workspace.eventKey,
});
const owner: ApiClient = client.api;
const reader: ApiClient = apiClient(workspace.baseUrl, workspace.readKey);
const writer: ApiClient = apiClient(workspace.baseUrl, workspace.writeKey);
const stranger: ApiClient = apiClient(workspace.baseUrl, sharedWorkspace("webhooks").apiKey);

type Delivery = {
  id: string;
  event_id: string;
  webhook_id: string;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  is_replay: boolean;
  replay_of: string | null;
  created_at: string;
};
type EventSummary = {
  id: string;
  element_id: string | null;
  received_at: string;
  deliveries: Record<string, number>;
};
type EventPage = { events: EventSummary[]; older: string | null };
type Recovery = { id: string; status: string; total: number; done: number };

const receivers: Receiver[] = [];
beforeEach(() => {
  receivers.length = 0;
});
afterEach(async () => {
  await client.removeWebhooks();
  await Promise.all(receivers.map((receiver) => receiver.close()));
});

async function receiver(): Promise<Receiver> {
  const started = await startReceiver();
  receivers.push(started);
  return started;
}

const sample = getElement("rsvp_answer");
if (!sample) throw new Error("no rsvp_answer");
/** An RSVP answer with its own element id; a first name with a line break cannot go into a header. */
function answer(firstName = "Lena") {
  const data = structuredClone(sampleFor(sample as NonNullable<typeof sample>, "create")) as {
    id: string;
    payload: Record<string, unknown>;
  };
  data.id = randomUUID();
  data.payload.first_name = firstName;
  return data;
}

async function hook(target: Receiver, extra: Record<string, unknown> = {}): Promise<StoredWebhook> {
  return client.createWebhook({
    payload_url: `${target.url}/hook`,
    trigger_element: "rsvp_answer",
    trigger: "create",
    ...extra,
  });
}

async function send(data: Record<string, unknown>): Promise<string> {
  const accepted = await client.sendEvent({ trigger_element: "rsvp_answer", trigger: "create", data });
  return accepted.event_id;
}

async function deliveriesOf(webhookId: string): Promise<Delivery[]> {
  const page = await owner.get<{ deliveries: Delivery[] }>(`/webhook/${webhookId}/deliveries?limit=100`);
  expect(page.status, page.text).toBe(200);
  return page.body.deliveries;
}

async function settled(webhookId: string, count: number): Promise<Delivery[]> {
  return eventually(async () => {
    const rows = await deliveriesOf(webhookId);
    return rows.length >= count && rows.every((row) => row.status !== "pending") ? rows : null;
  }, `${count} settled deliveries`);
}

const webhookIdOf = (request: { headers: Record<string, unknown> }) => String(request.headers["webhook-id"]);

describe("replay", () => {
  it("replays a delivery as a new one with a new webhook-id, linked to the original, signed", async () => {
    const target = await receiver();
    const webhook = await hook(target);
    const eventId = await send(answer());
    const [first] = await target.waitForRequests(1);
    const [original] = await settled(webhook.id, 1);
    expect(original?.status).toBe("succeeded");

    const replay = await owner.post<Delivery>(`/deliveries/${original?.id}/replay`, undefined);
    expect(replay.status, replay.text).toBe(202);
    expect(replay.body).toMatchObject({ event_id: eventId, is_replay: true, replay_of: original?.id });
    const [, again] = await target.waitForRequests(2);
    expect(webhookIdOf(again as never)).toBe(replay.body.id);
    expect(webhookIdOf(again as never)).not.toBe(webhookIdOf(first as never));
    expect(again?.body.toString()).toBe(first?.body.toString());
    expect(() => verifySignature(webhook.secret, again as never)).not.toThrow();
  });

  it("replays an event to one webhook, through its configuration of today, or to all it reached", async () => {
    const [one, two] = [await receiver(), await receiver()];
    const first = await hook(one);
    const second = await hook(two);
    const eventId = await send(answer());
    await one.waitForRequests(1);
    await two.waitForRequests(1);
    await owner.patch(`/webhook/${second.id}`, { body: [{ key: "replayed", value: "yes" }] });

    const toOne = await owner.post<{ deliveries: Delivery[] }>(`/events/${eventId}/replay`, {
      webhook_id: second.id,
    });
    expect(toOne.status, toOne.text).toBe(202);
    expect(toOne.body.deliveries.map((row) => row.webhook_id)).toEqual([second.id]);
    const [, replayed] = await two.waitForRequests(2);
    expect(webhookIdOf(replayed as never)).toBe(toOne.body.deliveries[0]?.id);
    expect(JSON.parse(replayed?.body.toString() ?? "{}")).toMatchObject({ replayed: "yes" });

    const toAll = await owner.post<{ deliveries: Delivery[] }>(`/events/${eventId}/replay`, undefined);
    expect(toAll.status, toAll.text).toBe(202);
    expect(toAll.body.deliveries.map((row) => row.webhook_id).sort()).toEqual([first.id, second.id].sort());
    await one.waitForRequests(2);
    await two.waitForRequests(3);
    const event = await owner.get<{ deliveries: Delivery[] }>(`/events/${eventId}`);
    expect(event.body.deliveries).toHaveLength(5);
    expect(one.requests).toHaveLength(2);
  });

  it("refuses a webhook that is off, of another workspace, or on another trigger", async () => {
    const target = await receiver();
    const webhook = await hook(target);
    const other = await client.createWebhook({
      payload_url: `${target.url}/other`,
      trigger_element: "rsvp_answer",
      trigger: "delete",
    });
    const eventId = await send(answer());
    await target.waitForRequests(1);
    const wrongTrigger = await owner.post(`/events/${eventId}/replay`, { webhook_id: other.id });
    expect(wrongTrigger.status).toBe(422);
    const unknown = await owner.post(`/events/${eventId}/replay`, { webhook_id: randomUUID() });
    expect(unknown.status).toBe(404);
    await owner.patch(`/webhook/${webhook.id}`, { active: false });
    const off = await owner.post(`/events/${eventId}/replay`, { webhook_id: webhook.id });
    expect(off.status).toBe(409);
    expect(off.body).toMatchObject({ error: { code: "conflict" } });
  });
});

describe("retry now", () => {
  it("sends a pending delivery at once, with the same webhook-id, and its attempt count goes on", async () => {
    const target = await receiver();
    target.respondOnce({ status: 500 });
    const webhook = await hook(target);
    await send(answer());
    const [failedTry] = await target.waitForRequests(1);
    const pending = await eventually(async () => {
      const [row] = await deliveriesOf(webhook.id);
      return row?.status === "pending" && row.attempts === 1 ? row : null;
    }, "a pending delivery after one failed try");
    const due = Date.parse(pending.next_attempt_at ?? "");

    const retried = await owner.post<Delivery>(`/deliveries/${pending.id}/retry`, undefined);
    expect(retried.status, retried.text).toBe(202);
    const [, retry] = await target.waitForRequests(2);
    expect(retry?.receivedAt).toBeLessThan(due);
    expect(webhookIdOf(retry as never)).toBe(webhookIdOf(failedTry as never));
    const [done] = await settled(webhook.id, 1);
    expect(done).toMatchObject({ id: pending.id, status: "succeeded", attempts: 2 });
    const again = await owner.post(`/deliveries/${pending.id}/retry`, undefined);
    expect(again.status).toBe(409);
  });

  it("sends a failed delivery again, rendered from the webhook as it is now", async () => {
    const target = await receiver();
    const webhook = await hook(target, { header: [{ key: "x-name", value: "{{payload.first_name}}" }] });
    await send(answer("Line\nbreak"));
    const [failed] = await settled(webhook.id, 1);
    expect(failed?.status).toBe("failed");
    await owner.patch(`/webhook/${webhook.id}`, { header: [{ key: "x-name", value: "fixed" }] });
    const retried = await owner.post<Delivery>(`/deliveries/${failed?.id}/retry`, undefined);
    expect(retried.status, retried.text).toBe(202);
    const [arrived] = await target.waitForRequests(1);
    expect(arrived?.headers["x-name"]).toBe("fixed");
    expect(webhookIdOf(arrived as never)).toBe(failed?.id);
  });
});

describe("recover", () => {
  it("counts, then resends exactly the failures since the time, in batches, with its progress", async () => {
    const target = await receiver();
    const webhook = await hook(target, { header: [{ key: "x-name", value: "{{payload.first_name}}" }] });
    await send(answer("Before\nsince"));
    const [before] = await settled(webhook.id, 1);
    // A moment after the first failure, on the database's clock: that failure is not part of it.
    const since = new Date(Date.parse(before?.created_at ?? "") + 1).toISOString();
    await send(answer("Bad\none"));
    await send(answer("Bad\ntwo"));
    await send(answer("Good"));
    const rows = await settled(webhook.id, 4);
    await target.waitForRequests(1);
    const failedSince = rows.filter((row) => row.status === "failed" && row.id !== before?.id);
    expect(failedSince).toHaveLength(2);

    await owner.patch(`/webhook/${webhook.id}`, { header: [] });
    const count = await owner.get<{ count: number }>(
      `/webhook/${webhook.id}/recover?since=${encodeURIComponent(since)}`,
    );
    expect(count.status, count.text).toBe(200);
    expect(count.body.count).toBe(2);
    const started = await owner.post<Recovery>(`/webhook/${webhook.id}/recover`, { since });
    expect(started.status, started.text).toBe(202);
    expect(started.body).toMatchObject({ total: 2 });
    expect(started.headers.get("location")).toBe(`/api/v1/recoveries/${started.body.id}`);
    const finished = await eventually(async () => {
      const progress = await owner.get<Recovery>(`/recoveries/${started.body.id}`);
      return progress.body.status === "completed" ? progress.body : null;
    }, "the recovery to complete");
    expect(finished).toMatchObject({ total: 2, done: 2 });

    const arrived = await target.waitForRequests(3);
    expect(
      arrived
        .slice(1)
        .map(webhookIdOf as never)
        .sort(),
    ).toEqual(failedSince.map((row) => row.id).sort());
    const after = await settled(webhook.id, 4);
    expect(after.find((row) => row.id === before?.id)?.status).toBe("failed");
    expect(after.filter((row) => row.status === "succeeded")).toHaveLength(3);
  });

  it("refuses a webhook of another workspace, and a time that is not one", async () => {
    const target = await receiver();
    const webhook = await hook(target);
    const since = new Date().toISOString();
    expect((await stranger.post(`/webhook/${webhook.id}/recover`, { since })).status).toBe(404);
    expect((await stranger.get(`/webhook/${webhook.id}/recover?since=${since}`)).status).toBe(404);
    const invalid = await owner.post(`/webhook/${webhook.id}/recover`, { since: "yesterday" });
    expect(invalid.status).toBe(422);
    const started = await owner.post<Recovery>(`/webhook/${webhook.id}/recover`, { since });
    expect(started.status).toBe(202);
    expect((await stranger.get(`/recoveries/${started.body.id}`)).status).toBe(404);
  });
});

describe("the event log", () => {
  it("pages newest first without gaps or repeats, and filters by search, element and state", async () => {
    const target = await receiver();
    await hook(target);
    const sent: { eventId: string; elementId: string }[] = [];
    for (let index = 0; index < 5; index += 1) {
      const data = answer();
      sent.push({ eventId: await send(data), elementId: data.id });
    }
    await target.waitForRequests(5);
    // From the first one's arrival (the database's clock): the file's earlier events are older.
    const first = await owner.get<EventPage>(`/events?search=${sent[0]?.eventId}`);
    const from = first.body.events[0]?.received_at ?? "";
    expect(from).not.toBe("");
    const seen: string[] = [];
    let before: string | null = null;
    do {
      const query: string = `/events?limit=2&from=${encodeURIComponent(from)}${before ? `&before=${before}` : ""}`;
      const page = await owner.get<EventPage>(query);
      expect(page.status, page.text).toBe(200);
      expect(page.body.events.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.events.map((event) => event.id));
      before = page.body.older;
    } while (before);
    expect(seen).toEqual(sent.map((row) => row.eventId).reverse());

    const target3 = sent[2] as { eventId: string; elementId: string };
    const found = await owner.get<EventPage>(`/events?search=${target3.elementId}`);
    expect(found.body.events.map((event) => event.id)).toEqual([target3.eventId]);
    expect(found.body.events[0]).toMatchObject({ element_id: target3.elementId, deliveries: { total: 1 } });
    const byId = await owner.get<EventPage>(`/events?search=${target3.eventId}`);
    expect(byId.body.events.map((event) => event.id)).toEqual([target3.eventId]);
    const otherElement = await owner.get<EventPage>(
      `/events?element=booking&from=${encodeURIComponent(from)}`,
    );
    expect(otherElement.body.events).toEqual([]);
    const failing = await owner.get<EventPage>(`/events?state=failed&from=${encodeURIComponent(from)}`);
    expect(failing.body.events).toEqual([]);
    expect((await owner.get(`/events?state=stuck`)).status).toBe(422);
  });

  it("pages a webhook's deliveries newest first", async () => {
    const target = await receiver();
    const webhook = await hook(target);
    for (let index = 0; index < 3; index += 1) await send(answer());
    await target.waitForRequests(3);
    const first = await owner.get<{ deliveries: Delivery[]; older: string | null }>(
      `/webhook/${webhook.id}/deliveries?limit=2`,
    );
    expect(first.body.deliveries).toHaveLength(2);
    const second = await owner.get<{ deliveries: Delivery[]; older: string | null }>(
      `/webhook/${webhook.id}/deliveries?limit=2&before=${first.body.older}`,
    );
    expect(second.body.deliveries).toHaveLength(1);
    expect(second.body.older).toBeNull();
    const ids = [...first.body.deliveries, ...second.body.deliveries].map((row) => row.id);
    expect(new Set(ids).size).toBe(3);
    expect((await stranger.get(`/webhook/${webhook.id}/deliveries`)).status).toBe(404);
  });
});

describe("keys and workspaces", () => {
  it("needs a key, lets a read key only read and a write key only write, and hides other workspaces", async () => {
    const target = await receiver();
    const webhook = await hook(target);
    const eventId = await send(answer());
    await target.waitForRequests(1);
    const [delivery] = await settled(webhook.id, 1);

    expect((await owner.get("/events", { token: null })).status).toBe(401);
    expect((await reader.get("/events")).status).toBe(200);
    expect((await reader.get(`/events/${eventId}`)).status).toBe(200);
    expect((await reader.post(`/deliveries/${delivery?.id}/replay`, undefined)).status).toBe(403);
    expect((await reader.post(`/events/${eventId}/replay`, undefined)).status).toBe(403);
    expect((await writer.get("/events")).status).toBe(403);
    expect((await writer.post(`/deliveries/${delivery?.id}/replay`, undefined)).status).toBe(202);

    for (const path of [`/events/${eventId}`, `/deliveries/${delivery?.id}`]) {
      expect((await stranger.get(path)).status, path).toBe(404);
    }
    expect((await stranger.post(`/events/${eventId}/replay`, undefined)).status).toBe(404);
    expect((await stranger.post(`/deliveries/${delivery?.id}/retry`, undefined)).status).toBe(404);
    expect((await stranger.post(`/deliveries/${delivery?.id}/replay`, undefined)).status).toBe(404);
    const theirs = await stranger.get<EventPage>(`/events?search=${eventId}`);
    expect(theirs.body.events).toEqual([]);
  });

  it("answers as the OpenAPI document says", async () => {
    const document = (await owner.get<OpenApiDocument>("/openapi.json", { token: null })).body;
    const check = openApiChecker(document);
    const target = await receiver();
    const webhook = await hook(target);
    const eventId = await send(answer());
    await target.waitForRequests(1);
    const [delivery] = await settled(webhook.id, 1);
    const since = new Date(Date.now() - 60_000).toISOString();
    check.response("GET", "/events", await owner.get("/events?limit=1"));
    check.response("GET", "/events", await owner.get("/events?limit=0"));
    check.response("GET", "/events/{id}", await owner.get(`/events/${eventId}`));
    check.response("GET", "/events/{id}", await stranger.get(`/events/${eventId}`));
    check.requestBody("POST", "/events/{id}/replay", { webhook_id: webhook.id });
    check.response(
      "POST",
      "/events/{id}/replay",
      await owner.post(`/events/${eventId}/replay`, { webhook_id: webhook.id }),
    );
    check.response("GET", "/deliveries/{id}", await owner.get(`/deliveries/${delivery?.id}`));
    check.response(
      "POST",
      "/deliveries/{id}/replay",
      await owner.post(`/deliveries/${delivery?.id}/replay`, undefined),
    );
    check.response(
      "POST",
      "/deliveries/{id}/retry",
      await owner.post(`/deliveries/${delivery?.id}/retry`, undefined),
    );
    check.response(
      "GET",
      "/webhook/{id}/deliveries",
      await owner.get(`/webhook/${webhook.id}/deliveries?limit=1`),
    );
    check.response(
      "GET",
      "/webhook/{id}/recover",
      await owner.get(`/webhook/${webhook.id}/recover?since=${since}`),
    );
    check.requestBody("POST", "/webhook/{id}/recover", { since });
    const started = await owner.post<Recovery>(`/webhook/${webhook.id}/recover`, { since });
    check.response("POST", "/webhook/{id}/recover", started);
    check.response("GET", "/recoveries/{id}", await owner.get(`/recoveries/${started.body.id}`));
    check.response("GET", "/recoveries/{id}", await owner.get(`/recoveries/${randomUUID()}`));
  });
});
