import { Webhook as SignatureVerifier } from "standardwebhooks";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getElement, sampleFor } from "@/lib/elements";
import { type Receiver, startReceiver } from "../helpers/receiver";
import { type ApiResponse, apiClient, type ErrorEnvelope } from "./client";
import { dispatchClient, eventually, UUID, verifySignature } from "./dispatch-fixture";
import { type OpenApiDocument, openApiChecker } from "./openapi-conformance";
import { sharedWorkspace } from "./shared-app";

// POST /api/v1/webhook/{id}/test on the shared app, in this file's own workspace: the outcome of one real
// send through the sender, its signature, the refusals, the limit, and that a failing test leaves the
// webhook's health alone. The rate-limit test is last: it spends the workspace's tests for the minute.

type Outcome = {
  delivery_id: string | null;
  event_id: string | null;
  request: { method: string; url: string; headers: [string, string][]; body: string | null };
  ok: boolean;
  status: number | null;
  duration_ms: number;
  response_headers: [string, string][];
  response_body: string;
  response_body_truncated: boolean;
  error_kind: string | null;
  error_message: string | null;
  error_description: string | null;
};
type Inbox = { id: string; path: string };
type InboxRequest = { method: string; query: string; headers: [string, string][]; body: string };

const workspace = sharedWorkspace("test-send");
const client = dispatchClient(workspace.baseUrl, { api: workspace.apiKey, event: workspace.eventKey });
const owner = client.api;
const reader = apiClient(workspace.baseUrl, workspace.readKey);
const writer = apiClient(workspace.baseUrl, workspace.writeKey);
const stranger = dispatchClient(workspace.baseUrl, {
  api: sharedWorkspace("webhooks").apiKey,
  event: sharedWorkspace("webhooks").eventKey,
});
let check: ReturnType<typeof openApiChecker>;
let receiver: Receiver;

const hook = { trigger_element: "rsvp_answer", trigger: "create" };
const sample = sampleFor(getElement("rsvp_answer") ?? (undefined as never), "create");

beforeAll(async () => {
  check = openApiChecker((await owner.get<OpenApiDocument>("/openapi.json", { token: null })).body);
});

beforeEach(async () => {
  receiver = await startReceiver();
});

afterEach(async () => {
  await client.removeWebhooks();
  await stranger.removeWebhooks();
  await receiver.close();
});

async function test(
  id: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<ApiResponse<Outcome>> {
  const response =
    body === undefined
      ? await owner.request<Outcome>("POST", `/webhook/${id}/test`, { headers })
      : await owner.post<Outcome>(`/webhook/${id}/test`, body, { headers });
  check.response("POST", "/webhook/{id}/test", response);
  return response;
}

describe("a test send", () => {
  it("sends every method and content type once, signed with the webhook's secret, and answers the outcome", async () => {
    receiver.respondWith({ status: 201, headers: { "x-receiver": "yes" }, body: '{"thanks":true}' });
    let expected = 0;
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      for (const content_type of ["application/json", "application/x-www-form-urlencoded"]) {
        const webhook = await client.createWebhook({
          ...hook,
          method,
          content_type,
          payload_url: `${receiver.url}/hook/${method}`,
          body: [{ key: "who", value: "{{email}}" }],
        });
        const response = await test(webhook.id);
        expect(response.status, response.text).toBe(200);
        const outcome = response.body;
        expect(outcome).toMatchObject({
          delivery_id: expect.stringMatching(UUID),
          event_id: null,
          ok: true,
          status: 201,
          response_body: '{"thanks":true}',
          response_body_truncated: false,
          error_kind: null,
          error_description: null,
        });
        expect(outcome.response_headers).toContainEqual(["x-receiver", "yes"]);
        expect(outcome.request.method).toBe(method);
        expected += 1;
        const [request] = (await receiver.waitForRequests(expected)).slice(-1);
        if (!request) throw new Error("nothing arrived");
        expect(request.method).toBe(method);
        expect(request.headers["webhook-id"]).toBe(outcome.delivery_id);
        verifySignature(webhook.secret, request);
        const raw = request.body.toString("utf8");
        const who =
          method === "GET"
            ? new URL(request.url, "http://receiver").searchParams.get("who")
            : content_type === "application/json"
              ? JSON.parse(raw).who
              : new URLSearchParams(raw).get("who");
        expect(who).toBe((sample as { email: string }).email);
        if (method !== "GET") expect(request.headers["content-type"]).toBe(content_type);
      }
    }
  });

  it("replays a real event of the workspace when given its id, and refuses an event of another workspace", async () => {
    const webhook = await client.createWebhook({ ...hook, payload_url: `${receiver.url}/real` });
    const data = { ...(sample as Record<string, unknown>), email: "real-person@example.com" };
    const accepted = await client.sendEvent({ ...hook, data });
    await receiver.waitForRequests(1);
    const response = await test(webhook.id, { event_id: accepted.event_id });
    expect(response.body).toMatchObject({ ok: true, event_id: accepted.event_id });
    const [, replayed] = await receiver.waitForRequests(2);
    expect(JSON.parse(replayed?.body.toString("utf8") ?? "{}").element_data.email).toBe(
      "real-person@example.com",
    );

    const foreign = await stranger.createWebhook({ ...hook, payload_url: `${receiver.url}/other` });
    const elsewhere = await stranger.sendEvent({ ...hook, data });
    expect(foreign.id).toMatch(UUID);
    const refused = await owner.post<ErrorEnvelope>(`/webhook/${webhook.id}/test`, {
      event_id: elsewhere.event_id,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.issues?.[0]?.path).toBe("event_id");
  });

  it("keeps the first 16 KiB of the answer and says why no answer came, in the caller's language", async () => {
    receiver.respondOnce({ status: 200, body: "x".repeat(20 * 1024) });
    const webhook = await client.createWebhook({ ...hook, payload_url: `${receiver.url}/big` });
    const big = (await test(webhook.id)).body;
    expect(big.response_body).toHaveLength(16 * 1024);
    expect(big.response_body_truncated).toBe(true);

    const closed = await startReceiver();
    const port = closed.port;
    await closed.close();
    const refusedHook = await client.createWebhook({ ...hook, payload_url: `http://127.0.0.1:${port}/gone` });
    const english = (await test(refusedHook.id)).body;
    expect(english).toMatchObject({ ok: false, status: null, error_kind: "refused" });
    expect(english.error_description).toMatch(/refused the connection/);
    const german = (await test(refusedHook.id, undefined, { "accept-language": "de" })).body;
    expect(german.error_description).toMatch(/Verbindung abgelehnt/);
  });

  it("is refused to a read key (a viewer), allowed to a write key, and 404 for another workspace's webhook", async () => {
    const webhook = await client.createWebhook({ ...hook, payload_url: `${receiver.url}/roles` });
    const read = await reader.post<ErrorEnvelope>(`/webhook/${webhook.id}/test`, {});
    expect(read.status).toBe(403);
    expect(read.body.error.code).toBe("forbidden");
    expect((await writer.post<Outcome>(`/webhook/${webhook.id}/test`, {})).body.ok).toBe(true);

    const foreign = await stranger.createWebhook({ ...hook, payload_url: `${receiver.url}/foreign` });
    const response = await owner.post<ErrorEnvelope>(`/webhook/${foreign.id}/test`, {});
    expect(response.status).toBe(404);
    check.response("POST", "/webhook/{id}/test", response);
    expect(receiver.requests.filter((request) => request.url === "/foreign")).toHaveLength(0);
  });

  it("never counts toward switching the webhook off: a 410 to a test leaves it on, a real delivery's does not", async () => {
    receiver.respondWith({ status: 410, body: "gone" });
    const webhook = await client.createWebhook({ ...hook, payload_url: `${receiver.url}/gone` });
    for (let index = 0; index < 3; index += 1) {
      expect((await test(webhook.id)).body).toMatchObject({ ok: false, status: 410 });
    }
    const after = await client.getWebhook(webhook.id);
    expect(after).toMatchObject({ active: true, disabled_reason: null, last_execution: null });

    await client.sendEvent({ ...hook, data: sample });
    const off = await eventually(async () => {
      const current = await client.getWebhook(webhook.id);
      return current.active ? null : current;
    }, "a real delivery's 410 switches the webhook off");
    expect(off.disabled_reason).not.toBeNull();
  });

  it("sends to a request inbox of the workspace instead of the payload URL, and refuses another's inbox", async () => {
    const webhook = await client.createWebhook({ ...hook, payload_url: `${receiver.url}/not-here` });
    const inbox = (await owner.post<Inbox>("/inbox", { name: "Test target" })).body;
    const outcome = (await test(webhook.id, { inbox_id: inbox.id })).body;
    expect(outcome).toMatchObject({ ok: true, status: 200 });
    expect(outcome.request.url).toContain(inbox.path);
    const page = await owner.get<{ requests: InboxRequest[] }>(`/inbox/${inbox.id}/requests`);
    const [stored] = page.body.requests;
    if (!stored) throw new Error("the inbox stored nothing");
    new SignatureVerifier(webhook.secret).verify(stored.body, Object.fromEntries(stored.headers), {
      jsonParse: false,
    });
    expect(receiver.requests).toHaveLength(0);

    const foreignInbox = (await stranger.api.post<Inbox>("/inbox", { name: "Not yours" })).body;
    const refused = await owner.post<ErrorEnvelope>(`/webhook/${webhook.id}/test`, {
      inbox_id: foreignInbox.id,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.issues?.[0]?.path).toBe("inbox_id");
    await stranger.api.delete(`/inbox/${foreignInbox.id}`);
    await owner.delete(`/inbox/${inbox.id}`);
  });

  it("refuses a body that is not the documented object", async () => {
    const webhook = await client.createWebhook({ ...hook, payload_url: `${receiver.url}/x` });
    const unknown = await owner.post<ErrorEnvelope>(`/webhook/${webhook.id}/test`, { event: "x" });
    expect(unknown.status).toBe(422);
    const form = await owner.request<ErrorEnvelope>("POST", `/webhook/${webhook.id}/test`, {
      body: "event_id=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    expect((await owner.get<ErrorEnvelope>(`/webhook/${webhook.id}/test`)).status).toBe(405);
  });

  it("holds a workspace to 30 tests a minute: then 429 with Retry-After", async () => {
    const webhook = await client.createWebhook({ ...hook, payload_url: `${receiver.url}/many` });
    let limited: ApiResponse<ErrorEnvelope> | null = null;
    for (let index = 0; index < 40 && !limited; index += 1) {
      const response = await owner.post<ErrorEnvelope>(`/webhook/${webhook.id}/test`, {});
      if (response.status === 429) limited = response;
      else expect(response.status).toBe(200);
    }
    if (!limited) throw new Error("no 429 within 40 tests");
    check.response("POST", "/webhook/{id}/test", limited);
    expect(limited.body.error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // Another workspace's tests are not held up by this one's.
    const foreign = await stranger.createWebhook({ ...hook, payload_url: `${receiver.url}/theirs` });
    expect((await stranger.api.post<Outcome>(`/webhook/${foreign.id}/test`, {})).status).toBe(200);
  });
});
