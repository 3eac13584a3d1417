import { randomBytes } from "node:crypto";
import { Webhook as SignatureVerifier } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getElement, sampleFor } from "@/lib/elements";
import { adminBatch } from "../helpers/admin-cli.mjs";
import { type AppStorage, createAppStorage, type RunningApp, startApp } from "../helpers/app-process.mjs";
import { type Receiver, startReceiver } from "../helpers/receiver";
import { apiClient, type ErrorEnvelope } from "./client";
import { API_TOKEN, eventually, INTERNAL_TOKEN, type StoredWebhook } from "./dispatch-fixture";

// Deliveries to this instance's own request inboxes, with the SSRF guard as strict as ever: no
// ALLOW_PRIVATE_TARGETS, no ALLOWED_TARGET_HOSTS. The app's own origin is its default, http://localhost:$PORT.
// Only `<origin>/api/inbox/<token>` of a live inbox of the webhook's own workspace reaches the app (through
// its own listener); every other loopback address, port, path or token is refused as before.

type Inbox = { id: string; token: string; path: string };
type InboxRequest = { method: string; query: string; headers: [string, string][]; body: string };
type Outcome = { ok: boolean; status: number | null; error_kind: string | null; delivery_id: string | null };

let storage: AppStorage;
let app: RunningApp | undefined;
let receiver: Receiver;
let otherKey = "";
const hook = { trigger_element: "rsvp_answer", trigger: "create", name: "Own inbox" };
const sample = sampleFor(getElement("rsvp_answer") ?? (undefined as never), "create");

const running = () => {
  if (!app) throw new Error("no app");
  return app;
};
const api = () => apiClient(running().baseUrl, API_TOKEN);
const origin = () => `http://localhost:${running().port}`;

beforeAll(async () => {
  storage = await createAppStorage();
  receiver = await startReceiver();
  const owner = "own-inbox-owner@example.com";
  const [, workspaceId] = await adminBatch(storage, [
    ["user", "create", "--email", owner, "--password", randomBytes(12).toString("hex")],
    ["workspace", "create", "--name", "Other", "--owner", owner],
  ]);
  [otherKey = ""] = await adminBatch(storage, [
    ["key", "create", "--workspace", String(workspaceId), "--kind", "api", "--scope", "read_write"],
  ]);
  app = await startApp({
    storage,
    env: { API_TOKEN, INTERNAL_TOKEN, DISPATCH_POLL_INTERVAL_MS: "100", DISPATCH_JITTER: "0" },
  });
});

afterAll(async () => {
  await app?.stop();
  await receiver?.close();
  await storage?.remove();
});

async function newInbox(key = API_TOKEN): Promise<Inbox> {
  const response = await apiClient(running().baseUrl, key).post<Inbox>("/inbox", { name: "Mine" });
  expect(response.status, response.text).toBe(201);
  return response.body;
}

async function storedIn(inbox: Inbox, count: number): Promise<InboxRequest[]> {
  return eventually(async () => {
    const page = await api().get<{ requests: InboxRequest[] }>(`/inbox/${inbox.id}/requests`);
    return page.body.requests.length >= count ? page.body.requests : null;
  }, `${count} request(s) in the inbox`);
}

function verify(secret: string, request: InboxRequest) {
  const content = request.method === "GET" ? request.query : request.body;
  new SignatureVerifier(secret).verify(content, Object.fromEntries(request.headers), { jsonParse: false });
}

describe("a payload URL of one of the app's own inboxes, without ALLOW_PRIVATE_TARGETS", () => {
  it("is saved, and a delivery and a test send arrive in the inbox with a valid signature", async () => {
    const inbox = await newInbox();
    const created = await api().post<StoredWebhook>("/webhook", {
      ...hook,
      payload_url: `${origin()}${inbox.path}`,
    });
    expect(created.status, created.text).toBe(201);
    const webhook = created.body;

    const test = await api().post<Outcome>(`/webhook/${webhook.id}/test`, {});
    expect(test.body, test.text).toMatchObject({ ok: true, status: 200, error_kind: null });
    const [tested] = await storedIn(inbox, 1);
    if (!tested) throw new Error("nothing stored");
    verify(webhook.secret, tested);
    expect(Object.fromEntries(tested.headers)["webhook-id"]).toBe(test.body.delivery_id);

    const event = await fetch(`${running().baseUrl}/api/internal/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${INTERNAL_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ trigger_element: hook.trigger_element, trigger: hook.trigger, data: sample }),
    });
    expect(event.status).toBe(202);
    const [delivered] = await storedIn(inbox, 2);
    if (!delivered) throw new Error("nothing delivered");
    verify(webhook.secret, delivered);
    expect(JSON.parse(delivered.body).element_data).toEqual(sample);
  });

  it("also reaches it for GET, the query string signed", async () => {
    const inbox = await newInbox();
    const created = await api().post<StoredWebhook>("/webhook", {
      ...hook,
      method: "GET",
      payload_url: `${origin()}${inbox.path}?source=test`,
    });
    expect(created.status, created.text).toBe(201);
    expect((await api().post<Outcome>(`/webhook/${created.body.id}/test`, {})).body.ok).toBe(true);
    const [request] = await storedIn(inbox, 1);
    if (!request) throw new Error("nothing stored");
    expect(request.query).toMatch(/^source=test&element_data=/);
    verify(created.body.secret, request);
  });

  it("refuses every other loopback address, port, path and token when saved", async () => {
    const mine = await newInbox();
    const theirs = await newInbox(otherKey);
    const unknown = `hks_inb_${randomBytes(32).toString("base64url")}`;
    const port = running().port;
    for (const url of [
      `http://localhost:${receiver.port}${mine.path}`,
      `${receiver.url}/api/inbox/${mine.token}`,
      `http://127.0.0.1:${port}${mine.path}`,
      `http://[::1]:${port}${mine.path}`,
      `${origin()}/api/v1/webhook/all`,
      `${origin()}${mine.path}/deeper`,
      `${origin()}/api/inbox/../v1/openapi.json`,
      `http://user:pass@localhost:${port}${mine.path}`,
      `${origin()}${theirs.path}`,
      `${origin()}/api/inbox/${unknown}`,
      `https://localhost:${port}${mine.path}`,
    ]) {
      const response = await api().post<ErrorEnvelope>("/webhook", { ...hook, payload_url: url });
      expect(response.status, url).toBe(422);
      expect(response.body.error.issues?.[0]?.path, url).toBe("payload_url");
    }
  });

  it("is refused by the sender once the token no longer names a live inbox of the workspace", async () => {
    const inbox = await newInbox();
    const created = await api().post<StoredWebhook>("/webhook", {
      ...hook,
      payload_url: `${origin()}${inbox.path}`,
    });
    expect(created.status, created.text).toBe(201);
    const rotated = await api().post<Inbox>(`/inbox/${inbox.id}/rotate-token`, {});
    expect(rotated.status, rotated.text).toBe(200);
    const test = await api().post<Outcome>(`/webhook/${created.body.id}/test`, {});
    expect(test.body).toMatchObject({ ok: false, status: null, error_kind: "blocked" });
  });

  it("still refuses a loopback receiver at send time, as before", async () => {
    // Saved while pointing at the own inbox, then moved: the save check refuses the move itself.
    const inbox = await newInbox();
    const created = await api().post<StoredWebhook>("/webhook", {
      ...hook,
      payload_url: `${origin()}${inbox.path}`,
    });
    const moved = await api().patch<ErrorEnvelope>(`/webhook/${created.body.id}`, {
      payload_url: `${receiver.url}/hook`,
    });
    expect(moved.status).toBe(422);
    expect(receiver.requests).toHaveLength(0);
  });
});
