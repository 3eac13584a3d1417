import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { type ApiClient, apiClient, type ErrorEnvelope } from "./client";
import { type OpenApiDocument, openApiChecker } from "./openapi-conformance";
import { sharedWorkspace } from "./shared-app";

// Request inboxes over HTTP: the public capture address and /api/v1/inbox, against the built app.

const MiB = 1024 * 1024;

type Inbox = { id: string; token: string; path: string; pinned: boolean; expires_at: string | null };
type StoredRequest = {
  method: string;
  path: string;
  query: string;
  headers: [string, string][];
  body: string;
  body_encoding: string;
  body_size: number;
};
type Page = { requests: StoredRequest[]; older: string | null };

// The shared app, in this file's own workspace: its read_write, read and write keys, and a key of another
// file's workspace as the stranger.
const workspace = sharedWorkspace("inbox");
const owner: ApiClient = apiClient(workspace.baseUrl, workspace.apiKey);
const reader: ApiClient = apiClient(workspace.baseUrl, workspace.readKey);
const writer: ApiClient = apiClient(workspace.baseUrl, workspace.writeKey);
const stranger: ApiClient = apiClient(workspace.baseUrl, sharedWorkspace("webhooks").apiKey);

async function newInbox(fields: Record<string, unknown> = {}): Promise<Inbox> {
  const response = await owner.post<Inbox>("/inbox", { name: "Try-out", ...fields });
  expect(response.status, response.text).toBe(201);
  return response.body;
}

const send = (inbox: Inbox, init: RequestInit & { suffix?: string } = {}) =>
  fetch(`${workspace.baseUrl}${inbox.path}${init.suffix ?? ""}`, init);

async function stored(inbox: Inbox, limit = 100): Promise<StoredRequest[]> {
  const page = await owner.get<Page>(`/inbox/${inbox.id}/requests?limit=${limit}`);
  expect(page.status, page.text).toBe(200);
  return page.body.requests;
}

describe("the capture address", () => {
  it("stores a request of every method with its path, query, headers and body, and answers 200", async () => {
    const inbox = await newInbox();
    const methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
    for (const method of methods) {
      const body = ["GET", "HEAD"].includes(method) ? undefined : `{"method":"${method}"}`;
      const response = await send(inbox, {
        method,
        suffix: "/hooks/a?x=1&y=%C3%BC",
        headers: { "x-custom": method, ...(body ? { "content-type": "application/json" } : {}) },
        body,
      });
      expect(response.status, method).toBe(200);
      const text = await response.text();
      expect(text, method).toBe(method === "HEAD" ? "" : '{"received":true}');
    }
    const requests = await stored(inbox);
    expect(requests.map((request) => request.method)).toEqual([...methods].reverse());
    for (const request of requests) {
      expect(request).toMatchObject({ path: "/hooks/a", query: "x=1&y=%C3%BC" });
      expect(request.headers).toContainEqual(["x-custom", request.method]);
    }
    expect(requests.find((request) => request.method === "PATCH")).toMatchObject({
      body: '{"method":"PATCH"}',
      body_encoding: "utf-8",
      body_size: 18,
    });
  });

  it("keeps a binary body byte for byte", async () => {
    const inbox = await newInbox();
    const bytes = Buffer.from([0, 0xff, 0xfe, 0x41]);
    expect((await send(inbox, { method: "POST", body: bytes })).status).toBe(200);
    const [request] = await stored(inbox);
    expect(request).toMatchObject({ body: bytes.toString("base64"), body_encoding: "base64", body_size: 4 });
  });

  it("takes a body of 1 MiB and refuses a larger one with 413, storing nothing", async () => {
    const inbox = await newInbox();
    expect((await send(inbox, { method: "POST", body: "a".repeat(MiB) })).status).toBe(200);
    const refused = await send(inbox, { method: "POST", body: "a".repeat(MiB + 1) });
    expect(refused.status).toBe(413);
    expect(((await refused.json()) as ErrorEnvelope).error.code).toBe("payload_too_large");
    const requests = await stored(inbox);
    expect(requests.map((request) => request.body_size)).toEqual([MiB]);
  });

  it("answers with the status, Retry-After and delay it is told to", async () => {
    const inbox = await newInbox({ response_status: 429, response_retry_after: 7 });
    const limited = await send(inbox, { method: "POST", body: "{}" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    for (const status of [410, 500, 204]) {
      expect(
        (await owner.patch(`/inbox/${inbox.id}`, { response_status: status, response_retry_after: null }))
          .status,
      ).toBe(200);
      const response = await send(inbox, { method: "POST", body: "{}" });
      expect(response.status).toBe(status);
      expect(response.headers.get("retry-after")).toBeNull();
    }
    await owner.patch(`/inbox/${inbox.id}`, { response_status: 200, response_delay_ms: 400 });
    const started = performance.now();
    expect((await send(inbox, { method: "POST", body: "{}" })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    expect(await stored(inbox)).toHaveLength(5);
  });

  it("answers 404 for an unknown token and stops the old address at once after a rotation", async () => {
    const unknown = await fetch(`${workspace.baseUrl}/api/inbox/hks_inb_${"A".repeat(43)}`, {
      method: "POST",
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ErrorEnvelope).error.code).toBe("not_found");
    const inbox = await newInbox();
    const rotated = await owner.post<Inbox>(`/inbox/${inbox.id}/rotate-token`, undefined);
    expect(rotated.status).toBe(200);
    expect(rotated.body.token).not.toBe(inbox.token);
    expect((await send(inbox, { method: "POST", body: "old" })).status).toBe(404);
    expect((await send(rotated.body, { method: "POST", body: "new" })).status).toBe(200);
    expect((await stored(inbox)).map((request) => request.body)).toEqual(["new"]);
  });

  it("keeps the newest 100 requests", async () => {
    const inbox = await newInbox();
    for (let n = 0; n < 103; n += 1) {
      // A sender that honours the inbox's rate limit (10 a second) waits as its 429 says.
      for (;;) {
        const answer = await send(inbox, { method: "POST", body: String(n) });
        if (answer.status !== 429) {
          expect(answer.status).toBe(200);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, Number(answer.headers.get("retry-after")) * 1000));
      }
    }
    const requests = await stored(inbox);
    expect(requests).toHaveLength(100);
    expect(requests[0]?.body).toBe("102");
    expect(requests.at(-1)?.body).toBe("3");
    // A page that polls asks only for what arrived after the newest request it has.
    const second = (requests[1] as StoredRequest & { id: string }).id;
    const news = await owner.get<Page>(`/inbox/${inbox.id}/requests?after=${second}`);
    expect(news.body.requests.map((request) => request.body)).toEqual(["102"]);
  }, 180_000);
});

describe("limits", () => {
  it("takes at most 10 requests a second per inbox; the rest get 429 with Retry-After and are not stored", async () => {
    const inbox = await newInbox();
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 120 }, (_, n) => send(inbox, { method: "POST", body: String(n) })),
    );
    const seconds = (performance.now() - started) / 1000;
    const limited = answers.filter((answer) => answer.status === 429);
    const taken = answers.filter((answer) => answer.status === 200);
    expect(taken.length + limited.length).toBe(120);
    // The bucket holds one second's worth and refills at 10 a second: whatever the machine's speed, no more
    // than that got through (on a fast machine most of the burst is refused; on a slow one, fewer).
    expect(taken.length).toBeLessThanOrEqual(10 + Math.ceil(10 * seconds) + 1);
    for (const answer of limited) {
      expect(Number(answer.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      const refusal = (await answer.json()) as ErrorEnvelope;
      expect(refusal.error.code).toBe("rate_limited");
      expect(refusal.error.message).toContain("10 requests a second");
    }
    expect(await stored(inbox)).toHaveLength(Math.min(taken.length, 100));
    // Another inbox has a bucket of its own.
    expect((await send(await newInbox(), { method: "POST" })).status).toBe(200);
  }, 120_000);

  it("refuses a workspace's 21st live inbox with 409 in the caller's language", async () => {
    const existing = await owner.get<{ inboxes: Inbox[] }>("/inbox");
    const room = 20 - existing.body.inboxes.length;
    const made: Inbox[] = [];
    for (let n = 0; n < room; n += 1) made.push(await newInbox({ name: `Fill ${n}` }));
    const refused = await owner.post<ErrorEnvelope>(
      "/inbox",
      { name: "One too many" },
      { headers: { "accept-language": "de" } },
    );
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error.code).toBe("conflict");
    expect(refused.body.error.message).toContain("20 Request-Inboxes");
    for (const inbox of made) expect((await owner.delete(`/inbox/${inbox.id}`)).status).toBe(204);
  });
});

describe("/api/v1/inbox", () => {
  it("shows an inbox to its own workspace only: another workspace's key gets 404 everywhere", async () => {
    const inbox = await newInbox();
    const listed = await stranger.get<{ inboxes: Inbox[] }>("/inbox");
    expect(listed.status).toBe(200);
    expect(listed.body.inboxes.map((entry) => entry.id)).not.toContain(inbox.id);
    const path = `/inbox/${inbox.id}`;
    for (const response of [
      await stranger.get(path),
      await stranger.get(`${path}/requests`),
      await stranger.patch(path, { name: "Mine now" }),
      await stranger.post(`${path}/rotate-token`, undefined),
      await stranger.delete(path),
    ]) {
      expect(response.status, response.text).toBe(404);
      expect((response.body as ErrorEnvelope).error.code).toBe("not_found");
    }
    expect((await owner.get<Inbox>(path)).body.token).toBe(inbox.token);
  });

  it("lets a read key list and read, and a write key create and change, as their scopes say", async () => {
    const inbox = await newInbox();
    const path = `/inbox/${inbox.id}`;
    expect((await reader.get("/inbox")).status).toBe(200);
    expect((await reader.get(path)).status).toBe(200);
    expect((await reader.get(`${path}/requests`)).status).toBe(200);
    for (const response of [
      await reader.post("/inbox", { name: "No" }),
      await reader.patch(path, { pinned: true }),
      await reader.post(`${path}/rotate-token`, undefined),
      await reader.delete(path),
    ]) {
      expect(response.status).toBe(403);
      expect((response.body as ErrorEnvelope).error.code).toBe("forbidden");
    }
    const made = await writer.post<Inbox>("/inbox", { name: "By a key", pinned: true });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ pinned: true, expires_at: null });
    expect((await writer.patch(`/inbox/${made.body.id}`, { pinned: false })).status).toBe(200);
    expect((await writer.get(`/inbox/${made.body.id}`)).status).toBe(403);
    expect((await writer.delete(`/inbox/${made.body.id}`)).status).toBe(204);
  });

  it("refuses an invalid inbox with issues in the caller's language", async () => {
    const response = await owner.post<ErrorEnvelope>(
      "/inbox",
      { name: "", response_status: 99 },
      { headers: { "accept-language": "de" } },
    );
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe("validation_failed");
    expect(response.body.error.message).toContain("Request-Inbox");
    expect(response.body.error.issues).toContainEqual({
      path: "response_status",
      message: "Wähle einen Status von 200 bis 599.",
    });
  });

  it("checks a captured request's signature with the webhook's secret", async () => {
    const hook = await owner.post<{ id: string; secret: string }>("/webhook", {
      name: "Signed",
      payload_url: "https://receiver.example.com/hooks",
      trigger_element: "rsvp_answer",
      trigger: "create",
    });
    expect(hook.status, hook.text).toBe(201);
    const inbox = await newInbox();
    const body = '{"element_data":{"id":"a1"}}';
    const now = new Date();
    await send(inbox, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        "webhook-id": "msg_1",
        "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
        "webhook-signature": new Webhook(hook.body.secret).sign("msg_1", now, body),
      },
    });
    const page = await owner.get<Page & { requests: { id: string }[] }>(`/inbox/${inbox.id}/requests`);
    const requestId = page.body.requests[0]?.id;
    const check = await owner.get(
      `/inbox/${inbox.id}/requests/${requestId}/signature?webhook_id=${hook.body.id}`,
    );
    expect(check.status, check.text).toBe(200);
    expect(check.body).toEqual({ result: "valid", secret: 0, content: "body" });
    const asQuery = await owner.get(
      `/inbox/${inbox.id}/requests/${requestId}/signature?webhook_id=${hook.body.id}&content=query`,
    );
    expect(asQuery.body).toEqual({ result: "invalid", content: "query" });
    const elsewhere = await stranger.get(
      `/inbox/${inbox.id}/requests/${requestId}/signature?webhook_id=${hook.body.id}`,
    );
    expect(elsewhere.status).toBe(404);
  });

  it("answers as the OpenAPI document says", async () => {
    const document = (await owner.get<OpenApiDocument>("/openapi.json", { token: null })).body;
    const check = openApiChecker(document);
    check.requestBody("POST", "/inbox", { name: "Checked", response_status: 503, response_retry_after: 5 });
    const created = await owner.post<Inbox>("/inbox", {
      name: "Checked",
      response_status: 503,
      response_retry_after: 5,
    });
    check.response("POST", "/inbox", created);
    const path = `/inbox/${created.body.id}`;
    await send(created.body, { method: "POST", body: "{}", suffix: "/x?y=1" });
    check.response("GET", "/inbox", await owner.get("/inbox"));
    check.response("GET", "/inbox/{id}", await owner.get(path));
    check.response("PATCH", "/inbox/{id}", await owner.patch(path, { pinned: true }));
    check.response("PATCH", "/inbox/{id}", await owner.patch(path, { response_delay_ms: -1 }));
    check.response("GET", "/inbox/{id}/requests", await owner.get(`${path}/requests?limit=1`));
    check.response("GET", "/inbox/{id}/requests", await owner.get(`${path}/requests?limit=0`));
    check.response("POST", "/inbox/{id}/rotate-token", await owner.post(`${path}/rotate-token`, undefined));
    check.response("GET", "/inbox/{id}", await stranger.get(path));
    check.response("DELETE", "/inbox/{id}", await owner.delete(path));
    check.response("DELETE", "/inbox/{id}", await owner.delete(path));
  });
});
