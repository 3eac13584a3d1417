import { describe, expect, it } from "vitest";
import { type ApiClient, apiClient, type ErrorEnvelope } from "./client";
import { generateClient } from "./generated-client";
import { type OpenApiDocument, openApiChecker } from "./openapi-conformance";
import { sharedWorkspace } from "./shared-app";

// The shared app, in this file's own workspace: the tests run in order and share its webhooks, and see
// no other file's. TOKEN is the workspace's API key (read and write), INTERNAL_TOKEN its event key.
const workspace = sharedWorkspace("webhooks");
const TOKEN = workspace.apiKey;
const INTERNAL_TOKEN = workspace.eventKey;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

type Webhook = {
  id: string;
  name: string;
  active: boolean;
  method: string;
  payload_url: string;
  trigger: string;
  trigger_element: string;
  prokey_filter: string | null;
  filters: Record<string, string | number>;
  content_type: string;
  header: { key: string; value: string }[];
  body: { key: string; value: string }[];
  date_created: string;
  date_updated: string | null;
  last_execution: string | null;
};

const minimal = {
  name: "CRM sync",
  payload_url: "https://crm.example.com/hooks/rsvp",
  trigger_element: "rsvp_answer",
  trigger: "create",
};

const app = { baseUrl: workspace.baseUrl };
const api: ApiClient = apiClient(app.baseUrl, TOKEN);

async function create(input: Record<string, unknown>): Promise<Webhook> {
  const response = await api.post<Webhook>("/webhook", input);
  expect(response.status, response.text).toBe(201);
  return response.body;
}

// Sends a webhook that must be rejected and returns the issues as { path: message }.
async function rejected(input: unknown, headers?: Record<string, string>): Promise<Record<string, string>> {
  const response = await api.post<ErrorEnvelope>("/webhook", input, { headers });
  expect(response.status, response.text).toBe(422);
  expect(response.body.error.code).toBe("validation_failed");
  return Object.fromEntries((response.body.error.issues ?? []).map((issue) => [issue.path, issue.message]));
}

function expectEnvelope(response: { status: number; body: unknown }, status: number, code: string) {
  expect(response.status).toBe(status);
  const { error } = response.body as ErrorEnvelope;
  expect(error.code).toBe(code);
  expect(error.message).toEqual(expect.any(String));
  expect(error.message.length).toBeGreaterThan(0);
  expect(JSON.stringify(response.body)).not.toMatch(/\bat .+\.(js|ts):\d+/);
}

describe("reading an empty store", () => {
  it("lists no ids and answers 404 for the latest webhook", async () => {
    expect(await api.get("/webhook/all")).toMatchObject({ status: 200, body: { ids: [] } });
    expectEnvelope(await api.get("/webhook/latest"), 404, "not_found");
  });
});

describe("authentication", () => {
  it("accepts the token as a Bearer credential and as a bare token", async () => {
    expect((await api.get("/webhook/all")).status).toBe(200);
    expect((await api.get("/webhook/all", { headers: { authorization: `bearer ${TOKEN}` } })).status).toBe(
      200,
    );
    expect((await api.get("/webhook/all", { headers: { authorization: TOKEN } })).status).toBe(200);
  });

  it("answers 401 with the envelope when the token is missing or wrong", async () => {
    for (const authorization of [
      null,
      "",
      "Bearer",
      `Bearer ${TOKEN}x`,
      TOKEN.slice(0, -1),
      `Basic ${TOKEN}`,
    ]) {
      const response =
        authorization === null
          ? await api.get("/webhook/all", { token: null })
          : await api.get("/webhook/all", { headers: { authorization } });
      expectEnvelope(response, 401, "unauthorized");
      expect(response.headers.get("www-authenticate")).toBe("Bearer");
    }
  });

  it("guards every webhook and catalog endpoint", async () => {
    const anonymous = { token: null };
    const responses = await Promise.all([
      api.get("/webhook/latest", anonymous),
      api.get(`/webhook/${UNKNOWN_ID}`, anonymous),
      api.post("/webhook", minimal, anonymous),
      api.patch(`/webhook/${UNKNOWN_ID}`, { name: "x" }, anonymous),
      api.delete(`/webhook/${UNKNOWN_ID}`, anonymous),
      api.get("/elements", anonymous),
    ]);
    for (const response of responses) expectEnvelope(response, 401, "unauthorized");
    expect((await api.get<{ ids: string[] }>("/webhook/all")).body.ids).toEqual([]);
  });

  it("serves the OpenAPI document without a token", async () => {
    const response = await api.get<Record<string, unknown>>("/openapi.json", { token: null });
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe("3.1.0");
  });
});

describe("creating and reading webhooks", () => {
  it("creates a webhook with the defaults applied and returns it with its id", async () => {
    const response = await api.post<Webhook>("/webhook", minimal);
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      ...minimal,
      id: expect.stringMatching(UUID),
      active: true,
      method: "POST",
      prokey_filter: null,
      filters: {},
      content_type: "application/json",
      header: [],
      body: [],
      date_created: expect.any(String),
      date_updated: null,
      last_execution: null,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
      disabled_reason: null,
    });
    expect(response.headers.get("location")).toBe(`/api/v1/webhook/${response.body.id}`);
    expect(await api.get(`/webhook/${response.body.id}`)).toMatchObject({ status: 200, body: response.body });
  });

  it("stores every field as sent", async () => {
    const input = {
      name: "Sponsor leads",
      active: false,
      method: "PUT",
      payload_url: "http://crm.example.com:8080/leads?source=canapii",
      trigger_element: "attendee",
      trigger: "update",
      filters: { ticket_type: "tt_sponsor", language: "de" },
      content_type: "application/x-www-form-urlencoded",
      header: [
        { key: "Authorization", value: "Bearer crm-secret" },
        { key: "X-Attendee", value: "{{id}}" },
      ],
      body: [
        { key: "email", value: "{{email}}" },
        { key: "greeting", value: "Hallo {{first_name}} {{last_name}}" },
      ],
    };
    const webhook = await create(input);
    expect(webhook).toMatchObject({ ...input, prokey_filter: null });
    expect((await api.get(`/webhook/${webhook.id}`)).body).toEqual(webhook);
  });

  it("ignores the read-only fields, so a fetched webhook can be posted again", async () => {
    const original = await create({ ...minimal, name: "Copy me" });
    const copy = await create({ ...original });
    expect(copy.id).not.toBe(original.id);
    expect(copy).toMatchObject({ name: "Copy me", date_updated: null, last_execution: null });
  });

  it("lists all ids newest first and returns the latest webhook", async () => {
    const newest = await create({ ...minimal, name: "Newest" });
    const all = await api.get<{ ids: string[] }>("/webhook/all");
    expect(all.status).toBe(200);
    expect(all.body.ids[0]).toBe(newest.id);
    expect(all.body.ids.length).toBeGreaterThanOrEqual(4);
    expect(all.body.ids.every((id) => UUID.test(id))).toBe(true);
    const latest = await api.get<Webhook>("/webhook/latest");
    expect(latest).toMatchObject({ status: 200, body: newest });
  });

  it("answers 404 for an unknown id and for one that is not a UUID", async () => {
    for (const id of [UNKNOWN_ID, "not-a-uuid", "1"]) {
      expectEnvelope(await api.get(`/webhook/${id}`), 404, "not_found");
    }
  });
});

describe("partial updates", () => {
  it("changes only the fields sent", async () => {
    const webhook = await create({
      ...minimal,
      prokey_filter: "b7e19d42-5c3a-4f8e-a6d1-92c0e4f7a358",
      header: [{ key: "X-Token", value: "abc" }],
      body: [{ key: "email", value: "{{email}}" }],
    });
    const response = await api.patch<Webhook>(`/webhook/${webhook.id}`, { name: "Renamed", active: false });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      ...webhook,
      name: "Renamed",
      active: false,
      date_updated: expect.any(String),
    });
    expect((await api.get(`/webhook/${webhook.id}`)).body).toEqual(response.body);
  });

  it("clears prokey_filter, filters, header and body with null", async () => {
    const rsvp = await create({
      ...minimal,
      prokey_filter: "b7e19d42-5c3a-4f8e-a6d1-92c0e4f7a358",
      header: [{ key: "X-Token", value: "abc" }],
      body: [{ key: "email", value: "{{email}}" }],
    });
    const cleared = await api.patch<Webhook>(`/webhook/${rsvp.id}`, {
      prokey_filter: null,
      header: null,
      body: null,
    });
    expect(cleared.body).toMatchObject({ name: rsvp.name, prokey_filter: null, header: [], body: [] });

    const attendee = await create({ ...minimal, trigger_element: "attendee", filters: { language: "de" } });
    const unfiltered = await api.patch<Webhook>(`/webhook/${attendee.id}`, { filters: null });
    expect(unfiltered.body.filters).toEqual({});
  });

  it("rejects null for a required field", async () => {
    const webhook = await create(minimal);
    for (const field of [
      "name",
      "payload_url",
      "trigger",
      "trigger_element",
      "method",
      "active",
      "content_type",
    ]) {
      const response = await api.patch<ErrorEnvelope>(`/webhook/${webhook.id}`, { [field]: null });
      expect(response.status, field).toBe(422);
      expect(response.body.error.issues?.map((issue) => issue.path)).toContain(field);
    }
    expect((await api.get(`/webhook/${webhook.id}`)).body).toEqual(webhook);
  });

  it("validates the merged webhook: a new trigger must suit the stored templates", async () => {
    const webhook = await create({ ...minimal, body: [{ key: "email", value: "{{email}}" }] });
    const response = await api.patch<ErrorEnvelope>(`/webhook/${webhook.id}`, { trigger: "delete" });
    expect(response.status).toBe(422);
    expect(response.body.error.issues).toEqual([
      { path: "body.0.value", message: 'Unknown variable "email". Available: id.' },
    ]);
    const fixed = await api.patch<Webhook>(`/webhook/${webhook.id}`, {
      trigger: "delete",
      body: [{ key: "id", value: "{{id}}" }],
    });
    expect(fixed.status).toBe(200);
  });

  it("rejects unknown fields and answers 404 for an unknown id", async () => {
    const webhook = await create(minimal);
    const response = await api.patch<ErrorEnvelope>(`/webhook/${webhook.id}`, { colour: "red" });
    expect(response.status).toBe(422);
    expect(response.body.error.issues?.[0]?.message).toContain("colour");
    expectEnvelope(await api.patch(`/webhook/${UNKNOWN_ID}`, { name: "x" }), 404, "not_found");
    expectEnvelope(await api.patch("/webhook/nope", { name: "x" }), 404, "not_found");
  });
});

describe("deleting", () => {
  it("answers 204 with an empty body, then 404", async () => {
    const webhook = await create(minimal);
    const response = await api.delete(`/webhook/${webhook.id}`);
    expect(response.status).toBe(204);
    expect(response.text).toBe("");
    expectEnvelope(await api.get(`/webhook/${webhook.id}`), 404, "not_found");
    expectEnvelope(await api.delete(`/webhook/${webhook.id}`), 404, "not_found");
    expect((await api.get<{ ids: string[] }>("/webhook/all")).body.ids).not.toContain(webhook.id);
  });
});

describe("validation", () => {
  it("requires a name of 1 to 100 characters", async () => {
    expect(await rejected({ ...minimal, name: "" })).toEqual({ name: "Enter a name." });
    expect(await rejected({ ...minimal, name: "   " })).toEqual({ name: "Enter a name." });
    expect(await rejected({ ...minimal, name: "n".repeat(101) })).toEqual({
      name: "Use at most 100 characters for the name.",
    });
    const { name, ...withoutName } = minimal;
    expect(Object.keys(await rejected(withoutName))).toEqual(["name"]);
    expect((await create({ ...minimal, name: "n".repeat(100) })).name).toHaveLength(100);
  });

  it("requires an absolute http(s) payload URL of at most 2048 characters", async () => {
    for (const payload_url of [
      "ftp://files.example.com/x",
      "/hooks/rsvp",
      "crm.example.com",
      "https://",
      "",
    ]) {
      expect(Object.keys(await rejected({ ...minimal, payload_url })), payload_url).toEqual(["payload_url"]);
    }
    const base = "https://crm.example.com/";
    const longest = base + "a".repeat(2048 - base.length);
    expect((await create({ ...minimal, payload_url: longest })).payload_url).toBe(longest);
    expect(await rejected({ ...minimal, payload_url: `${longest}a` })).toEqual({
      payload_url: "The payload URL may have at most 2048 characters.",
    });
  });

  it("requires a trigger the element has, and a known element", async () => {
    expect(await rejected({ ...minimal, trigger: "reschedule" })).toEqual({
      trigger: "This element has no such trigger. Choose one of: create, update, delete.",
    });
    expect(Object.keys(await rejected({ ...minimal, trigger_element: "invoice" }))).toEqual([
      "trigger_element",
    ]);
    expect((await create({ ...minimal, trigger_element: "booking", trigger: "reschedule" })).trigger).toBe(
      "reschedule",
    );
  });

  it("accepts only the listed methods and content types", async () => {
    expect(Object.keys(await rejected({ ...minimal, method: "FETCH" }))).toEqual(["method"]);
    expect(Object.keys(await rejected({ ...minimal, method: "post" }))).toEqual(["method"]);
    expect(Object.keys(await rejected({ ...minimal, content_type: "text/plain" }))).toEqual(["content_type"]);
    expect(Object.keys(await rejected({ ...minimal, active: "yes" }))).toEqual(["active"]);
  });

  it("requires header names that are HTTP tokens, unique ignoring case", async () => {
    expect(
      await rejected({
        ...minimal,
        header: [
          { key: "X Token", value: "a" },
          { key: "X-Token:", value: "b" },
          { key: "", value: "c" },
          { key: "X-Trace", value: "d" },
          { key: "x-trace", value: "e" },
        ],
      }),
    ).toEqual({
      "header.0.key": "Enter a header name made of letters, digits and !#$%&'*+-.^_`|~ (no spaces).",
      "header.1.key": "Enter a header name made of letters, digits and !#$%&'*+-.^_`|~ (no spaces).",
      "header.2.key": "Enter a header name made of letters, digits and !#$%&'*+-.^_`|~ (no spaces).",
      "header.4.key": "This header is already in the list (names ignore case).",
    });
  });

  it("rejects the headers the system sets", async () => {
    const reserved = [
      "Host",
      "Content-Length",
      "content-type",
      "Webhook-Id",
      "WEBHOOK-TIMESTAMP",
      "webhook-signature",
      "User-Agent",
    ];
    const issues = await rejected({ ...minimal, header: reserved.map((key) => ({ key, value: "x" })) });
    expect(Object.keys(issues)).toEqual(reserved.map((_, index) => `header.${index}.key`));
    expect(Object.values(issues)).toEqual(
      reserved.map((key) => `Hooksmith sets the ${key} header itself; choose another name.`),
    );
  });

  it("rejects a header value with a line break", async () => {
    for (const value of ["a\r\nX-Injected: 1", "a\nb", "a\rb"]) {
      expect(await rejected({ ...minimal, header: [{ key: "X-Note", value }] })).toEqual({
        "header.0.value": "Header values cannot contain line breaks.",
      });
    }
  });

  it("requires body keys that are non-empty, unique and not element_data", async () => {
    expect(
      await rejected({
        ...minimal,
        body: [
          { key: "", value: "a" },
          { key: "element_data", value: "b" },
          { key: "source", value: "c" },
          { key: "source", value: "d" },
        ],
      }),
    ).toEqual({
      "body.0.key": "Enter a key.",
      "body.1.key": '"element_data" is always sent with the element\'s data; choose another key.',
      "body.3.key": "This key is already in the body.",
    });
  });

  it("requires templates that compile and name variables of the element and trigger", async () => {
    const issues = await rejected({
      ...minimal,
      header: [{ key: "X-Email", value: "{{emial}}" }],
      body: [
        { key: "broken", value: "{{email" },
        { key: "helper", value: "{{#if email}}yes{{/if}}" },
        { key: "other_element", value: "{{first_name}}" },
        { key: "fine", value: "{{email}} / {{payload.first_name}} / {{amount}}" },
      ],
    });
    expect(Object.keys(issues)).toEqual(["header.0.value", "body.0.value", "body.1.value", "body.2.value"]);
    expect(issues["header.0.value"]).toMatch(/^Unknown variable "emial"\. Available: .*\bemail\b/);
    for (const valid of ["id", "status", "email", "amount", "payload.*", "prokey", "date_created"]) {
      expect(issues["header.0.value"]).toContain(valid);
    }
    expect(issues["body.0.value"]).toMatch(/^This template does not compile: /);
    expect(issues["body.1.value"]).toMatch(/^Only variables such as \{\{email\}\} can be used here/);
    expect(issues["body.2.value"]).toMatch(/^Unknown variable "first_name"/);
  });

  it("offers link metadata as variables of a Cal.com booking", async () => {
    const webhook = await create({
      ...minimal,
      trigger_element: "booking",
      trigger: "create",
      body: [{ key: "utm", value: "{{metadata.utm_source}}" }],
    });
    expect(webhook.body).toEqual([{ key: "utm", value: "{{metadata.utm_source}}" }]);
  });

  it("allows only {{id}} on a delete trigger", async () => {
    const webhook = await create({
      ...minimal,
      trigger: "delete",
      header: [{ key: "X-Id", value: "{{id}}" }],
    });
    expect(webhook.trigger).toBe("delete");
    expect(
      await rejected({ ...minimal, trigger: "delete", body: [{ key: "email", value: "{{email}}" }] }),
    ).toEqual({
      "body.0.value": 'Unknown variable "email". Available: id.',
    });
  });

  it("allows a prokey filter only on RSVP answers, and only as a UUID", async () => {
    const prokey = "b7e19d42-5c3a-4f8e-a6d1-92c0e4f7a358";
    expect((await create({ ...minimal, prokey_filter: prokey })).prokey_filter).toBe(prokey);
    expect(await rejected({ ...minimal, trigger_element: "event", prokey_filter: prokey })).toEqual({
      prokey_filter: "Only RSVP answers can be filtered by prokey.",
    });
    expect(Object.keys(await rejected({ ...minimal, prokey_filter: "event-42" }))).toEqual(["prokey_filter"]);
  });

  it("accepts only the element's filter fields, with values of their type", async () => {
    const attendee = { ...minimal, trigger_element: "attendee" };
    expect((await create({ ...attendee, filters: { ticket_type: "tt_sponsor" } })).filters).toEqual({
      ticket_type: "tt_sponsor",
    });
    expect(await rejected({ ...attendee, filters: { ticket: "sponsor" } })).toEqual({
      "filters.ticket":
        "This element has no such filter. Available filters: ticket_type, attendee_type, language.",
    });
    expect(Object.keys(await rejected({ ...minimal, filters: { language: "de" } }))).toEqual([
      "filters.language",
    ]);

    const booking = { ...minimal, trigger_element: "booking" };
    expect((await create({ ...booking, filters: { event_type_id: 42 } })).filters).toEqual({
      event_type_id: 42,
    });
    expect(await rejected({ ...booking, filters: { event_type_id: "forty-two" } })).toEqual({
      "filters.event_type_id": "Enter a whole number.",
    });
    expect(Object.keys(await rejected({ ...attendee, filters: { language: { code: "de" } } }))).toEqual([
      "filters.language",
    ]);
  });

  it("rejects unknown fields and bodies that are not a webhook object", async () => {
    const unknown = await rejected({ ...minimal, colour: "red", size: "x" });
    expect(Object.values(unknown)).toEqual(["Unknown field(s): colour, size."]);
    for (const body of [[], "a string", 42, null]) {
      expect(Object.values(await rejected(JSON.stringify(body)))).toEqual([
        "Send a webhook as a JSON object.",
      ]);
    }
    expect(Object.keys(await rejected({ ...minimal, header: { key: "X-A", value: "b" } }))).toEqual([
      "header",
    ]);
    expect(Object.keys(await rejected({ ...minimal, body: [{ key: "a" }] }))).toEqual(["body.0.value"]);
  });

  it("answers in German when the request asks for it", async () => {
    const german = { "accept-language": "de-DE,de;q=0.9,en;q=0.8" };
    const response = await api.post<ErrorEnvelope>(
      "/webhook",
      {
        ...minimal,
        name: "",
        header: [{ key: "Host", value: "x" }],
        body: [{ key: "a", value: "{{emial}}" }],
      },
      { headers: german },
    );
    expect(response.status).toBe(422);
    expect(response.body.error.message).toMatch(/^Der Webhook ist ungültig/);
    expect(response.body.error.issues).toEqual([
      { path: "name", message: "Gib einen Namen ein." },
      { path: "header.0.key", message: "Den Header Host setzt Hooksmith selbst; wähle einen anderen Namen." },
      {
        path: "body.0.value",
        message: expect.stringMatching(/^Unbekannte Variable „emial“\. Verfügbar: id, /),
      },
    ]);
    const unauthorized = await api.get<ErrorEnvelope>("/webhook/all", { token: null, headers: german });
    expect(unauthorized.body.error.message).toMatch(/^Der API-Token fehlt/);
    const missing = await api.get<ErrorEnvelope>(`/webhook/${UNKNOWN_ID}`, { headers: german });
    expect(missing.body.error.message).toBe("Es gibt keinen Webhook mit dieser ID.");
  });
});

describe("malformed and oversized requests", () => {
  it("answers 400 for a body that is not JSON", async () => {
    const webhook = await create(minimal);
    for (const body of ['{"name": "x",', "name=x", ""]) {
      expectEnvelope(await api.post("/webhook", body), 400, "invalid_json");
      expectEnvelope(await api.patch(`/webhook/${webhook.id}`, body), 400, "invalid_json");
    }
  });

  it("answers 413 for a body over 1 MiB, declared or streamed", async () => {
    const huge = JSON.stringify({ ...minimal, name: "n".repeat(1024 * 1024) });
    expectEnvelope(await api.post("/webhook", huge), 413, "payload_too_large");

    // Without Content-Length the server must count while it reads.
    const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 2 * 1024 * 1024) controller.close();
        else {
          sent += chunk.byteLength;
          controller.enqueue(chunk);
        }
      },
    });
    const response = await fetch(`${app.baseUrl}/api/v1/webhook`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expectEnvelope({ status: response.status, body: await response.json() }, 413, "payload_too_large");
  });

  it("reads a body just under 1 MiB and validates it", async () => {
    const name = "n".repeat(1024 * 1024 - 200);
    const issues = await rejected({ ...minimal, name });
    expect(Object.keys(issues)).toEqual(["name"]);
  });
});

describe("a rejected request changes nothing", () => {
  it("leaves the stored webhooks exactly as they were", async () => {
    const webhook = await create({ ...minimal, body: [{ key: "email", value: "{{email}}" }] });
    const snapshot = async () => ({
      ids: (await api.get("/webhook/all")).body,
      webhook: (await api.get(`/webhook/${webhook.id}`)).body,
    });
    const before = await snapshot();
    const path = `/webhook/${webhook.id}`;
    const oversized = JSON.stringify({ name: "n".repeat(1024 * 1024 + 1) });
    const responses = [
      await api.patch(path, { name: "Changed", header: [{ key: "Host", value: "evil" }] }),
      await api.patch(path, { name: "Changed", trigger: "delete" }),
      await api.patch(path, { name: "Changed", unknown: 1 }),
      await api.patch(path, { name: "Changed", payload_url: null }),
      await api.patch(path, '{"name": "Changed"'),
      await api.patch(path, oversized),
      await api.patch(path, { name: "Changed" }, { token: "wrong-token-0000000" }),
      await api.delete(path, { token: null }),
      await api.post("/webhook", { ...minimal, header: [{ key: "X-A", value: "a\nb" }] }),
      await api.post("/webhook", { ...minimal, name: "Changed" }, { token: null }),
      await api.post("/webhook", "[1, 2"),
      await api.post("/webhook", oversized),
    ];
    expect(responses.map((response) => response.status)).toEqual([
      422, 422, 422, 422, 400, 413, 401, 401, 422, 401, 400, 413,
    ]);
    expect(await snapshot()).toEqual(before);
  });
});

describe("the elements catalog", () => {
  type Catalog = {
    elements: {
      key: string;
      family: string;
      name: string;
      prokey_filter: boolean;
      triggers: {
        key: string;
        name: string;
        variables: {
          path: string;
          type: string;
          nullable: boolean;
          enum_values?: string[];
          description: string;
        }[];
      }[];
      filters: { key: string; path: string; type: string; name: string }[];
    }[];
  };

  it("lists every element with its triggers, variables per trigger and filters", async () => {
    const response = await api.get<Catalog>("/elements");
    expect(response.status).toBe(200);
    const byKey = new Map(response.body.elements.map((element) => [element.key, element]));
    for (const key of ["rsvp_answer", "event", "event_group", "style", "rsvp_template", "cta_template"]) {
      expect(byKey.get(key)?.family).toBe("add_to_calendar_pro");
    }
    expect(byKey.get("landingpage_template")).toBeDefined();
    expect(byKey.get("booking")?.family).toBe("calcom");
    for (const key of ["attendee", "meeting", "session", "sponsor", "poll"]) {
      expect(byKey.get(key)?.family).toBe("canapii");
    }

    const rsvp = byKey.get("rsvp_answer");
    expect(rsvp).toMatchObject({ name: "RSVP answer", prokey_filter: true, filters: [] });
    expect(rsvp?.triggers.map((trigger) => trigger.key)).toEqual(["create", "update", "delete"]);
    const create = rsvp?.triggers[0];
    expect(create?.variables).toContainEqual({
      path: "email",
      type: "email",
      nullable: false,
      description: "Email address of the person who signed up",
    });
    expect(create?.variables.map((variable) => variable.path)).toContain("payload.*");
    expect(rsvp?.triggers[2]?.variables).toEqual([
      { path: "id", type: "uuid", nullable: false, description: "ID of the RSVP answer" },
    ]);

    const booking = byKey.get("booking");
    expect(booking?.prokey_filter).toBe(false);
    expect(booking?.triggers.map((trigger) => trigger.key)).toEqual(["create", "reschedule", "cancel"]);
    expect(booking?.triggers[0]?.variables.map((variable) => variable.path)).toContain("metadata.*");
    expect(booking?.filters).toEqual([
      { key: "event_type_id", path: "eventTypeId", type: "integer", name: "Event type ID" },
    ]);
    expect(byKey.get("attendee")?.filters.map((filter) => filter.key)).toEqual([
      "ticket_type",
      "attendee_type",
      "language",
    ]);
    // Hooksmith's own operational events: dotted triggers, labelled, the failed delivery only on its trigger.
    const hooksmith = byKey.get("hooksmith");
    expect(hooksmith).toMatchObject({ family: "hooksmith", prokey_filter: false, filters: [] });
    expect(hooksmith?.triggers.map((trigger) => [trigger.key, trigger.name])).toEqual([
      ["webhook.failing", "Webhook failing"],
      ["webhook.disabled", "Webhook switched off"],
      ["webhook.recovered", "Webhook recovered"],
      ["delivery.failed", "Delivery failed"],
    ]);
    const pathsOf = (trigger: string) =>
      hooksmith?.triggers.find((t) => t.key === trigger)?.variables.map((variable) => variable.path);
    expect(pathsOf("webhook.disabled")).toEqual(expect.arrayContaining(["id", "name", "disabled_reason"]));
    expect(pathsOf("webhook.disabled")).not.toContain("delivery.id");
    expect(pathsOf("delivery.failed")).toEqual(expect.arrayContaining(["delivery.id", "delivery.event_id"]));

    const enums = response.body.elements.flatMap((element) =>
      element.triggers.flatMap((trigger) => trigger.variables.filter((variable) => variable.type === "enum")),
    );
    expect(enums.length).toBeGreaterThan(0);
    expect(enums.every((variable) => (variable.enum_values?.length ?? 0) > 0)).toBe(true);
  });

  it("names elements and triggers in German when asked", async () => {
    const response = await api.get<Catalog>("/elements", { headers: { "accept-language": "de" } });
    const rsvp = response.body.elements.find((element) => element.key === "rsvp_answer");
    expect(rsvp?.name).toBe("RSVP-Antwort");
    expect(rsvp?.triggers.map((trigger) => trigger.name)).toEqual(["Neu", "Update", "Löschen"]);
  });
});

describe("the OpenAPI document", () => {
  type Document = {
    openapi: string;
    paths: Record<string, Record<string, unknown>>;
    components: { schemas: Record<string, { required?: string[]; properties: Record<string, unknown> }> };
  };

  it("describes every endpoint and the webhook schemas generated from zod", async () => {
    const { body } = await api.get<Document>("/openapi.json", { token: null });
    expect(Object.keys(body.paths).sort()).toEqual([
      "/deliveries/{id}",
      "/deliveries/{id}/replay",
      "/deliveries/{id}/retry",
      "/elements",
      "/events",
      "/events/{id}",
      "/events/{id}/replay",
      "/inbox",
      "/inbox/{id}",
      "/inbox/{id}/requests",
      "/inbox/{id}/requests/{requestId}/signature",
      "/inbox/{id}/rotate-token",
      "/recoveries/{id}",
      "/webhook",
      "/webhook/all",
      "/webhook/latest",
      "/webhook/{id}",
      "/webhook/{id}/deliveries",
      "/webhook/{id}/recover",
      "/webhook/{id}/rotate-secret",
      "/webhook/{id}/test",
    ]);
    expect(Object.keys(body.paths["/webhook/{id}"] ?? {})).toEqual(
      expect.arrayContaining(["get", "patch", "delete"]),
    );
    const { WebhookCreate, WebhookPatch, Webhook } = body.components.schemas;
    expect(WebhookCreate?.required?.sort()).toEqual(["name", "payload_url", "trigger", "trigger_element"]);
    expect(WebhookCreate?.properties.method).toMatchObject({
      enum: ["GET", "POST", "PUT", "PATCH", "DELETE"],
      description: expect.stringContaining("Default: `POST`."),
    });
    expect(WebhookCreate?.properties.name).toMatchObject({ type: "string", minLength: 1, maxLength: 100 });
    expect(WebhookPatch?.required).toBeUndefined();
    expect(WebhookPatch?.properties.header).toMatchObject({ anyOf: [{ type: "array" }, { type: "null" }] });
    expect(Webhook?.required).toEqual(expect.arrayContaining(["id", "date_created", "header", "body"]));
  });
});

describe("addresses and methods the API does not serve", () => {
  it("answers with the envelope", async () => {
    expectEnvelope(await api.get("/webhooks"), 404, "not_found");
    expectEnvelope(await api.get(""), 404, "not_found");
    expectEnvelope(await api.get("/webhook/all/extra"), 404, "not_found");
    const put = await api.request("PUT", `/webhook/${UNKNOWN_ID}`, { body: minimal });
    expectEnvelope(put, 405, "method_not_allowed");
    expect(put.headers.get("allow")).toBe("GET, PATCH, DELETE");
  });

  it("answers every unknown address under /api with the envelope, in the caller's language", async () => {
    const unknown = [
      ["GET", "/api"],
      ["GET", "/api/nothing"],
      ["POST", "/api/v2/webhook"],
      ["DELETE", "/api/internal"],
      ["GET", "/api/internal/events/rsvp_answer"],
      ["POST", "/api/internal/events/rsvp_answer/create/extra"],
      ["PATCH", "/api/auth"],
      ["GET", "/api/auth/list-users"],
      ["OPTIONS", "/api/v1/nothing"],
      ["GET", "/api/.env"],
    ];
    for (const [method, path] of unknown) {
      const response = await fetch(`${app.baseUrl}${path}`, { method, headers: { "accept-language": "de" } });
      expect(response.headers.get("content-type"), `${method} ${path}`).toMatch(/^application\/json/);
      const body = (await response.json()) as ErrorEnvelope;
      expectEnvelope({ status: response.status, body }, 404, "not_found");
      expect(body.error.message, `${method} ${path}`).toBe("Unter dieser Adresse gibt es nichts.");
    }
    // The catch-all does not shadow Better Auth's routes.
    const session = await fetch(`${app.baseUrl}/api/auth/get-session`);
    expect(session.status).toBe(200);
  });

  it("answers a method a route does not serve with 405, Allow and the envelope, on every route", async () => {
    const refused = [
      ["PUT", "/api/internal/events", "POST"],
      ["DELETE", "/api/internal/events/rsvp_answer/create", "POST"],
      ["GET", "/api/internal/events", "POST"],
      ["DELETE", "/api/v1/webhook/all", "GET"],
      ["PATCH", "/api/v1/openapi.json", "GET"],
      ["GET", `/api/v1/webhook/${UNKNOWN_ID}/rotate-secret`, "POST"],
      ["DELETE", "/api/auth/get-session", "GET, POST"],
    ];
    for (const [method, path, allow] of refused) {
      const response = await fetch(`${app.baseUrl}${path}`, { method });
      expect(response.headers.get("allow"), `${method} ${path}`).toBe(allow);
      expectEnvelope({ status: response.status, body: await response.json() }, 405, "method_not_allowed");
    }
    const head = await fetch(`${app.baseUrl}/api/v1/webhook`, { method: "HEAD" });
    expect([head.status, head.headers.get("allow")]).toEqual([405, "POST"]);
    const options = await fetch(`${app.baseUrl}/api/v1/webhook/${UNKNOWN_ID}`, { method: "OPTIONS" });
    expect([options.status, options.headers.get("allow")]).toEqual([
      204,
      "GET, PATCH, DELETE, HEAD, OPTIONS",
    ]);
  });
});

describe("request bodies not declared as JSON", () => {
  const event = { trigger_element: "rsvp_answer", trigger: "delete", data: { id: UNKNOWN_ID } };

  it("are refused with 415 on the API and the event routes, and change nothing", async () => {
    const webhook = await create(minimal);
    const snapshot = async () => ({
      ids: (await api.get("/webhook/all")).body,
      webhook: (await api.get(`/webhook/${webhook.id}`)).body,
    });
    const before = await snapshot();
    for (const type of [
      "application/x-www-form-urlencoded",
      "text/plain",
      "multipart/form-data; boundary=x",
    ]) {
      const headers = { "content-type": type };
      expectEnvelope(
        await api.post("/webhook", JSON.stringify(minimal), { headers }),
        415,
        "unsupported_media_type",
      );
      const patch = await api.patch(`/webhook/${webhook.id}`, JSON.stringify({ name: "Changed" }), {
        headers,
      });
      expectEnvelope(patch, 415, "unsupported_media_type");
      for (const path of ["/api/internal/events", "/api/internal/events/rsvp_answer/delete"]) {
        const response = await fetch(`${app.baseUrl}${path}`, {
          method: "POST",
          headers: { authorization: `Bearer ${INTERNAL_TOKEN}`, ...headers },
          body: JSON.stringify(path.endsWith("delete") ? event.data : event),
        });
        expectEnvelope(
          { status: response.status, body: await response.json() },
          415,
          "unsupported_media_type",
        );
      }
    }
    // No Content-Type at all, as a bare `curl -d` would not send one either.
    const untyped = await fetch(`${app.baseUrl}/api/v1/webhook`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}` },
      body: new Blob([JSON.stringify(minimal)]),
    });
    expectEnvelope({ status: untyped.status, body: await untyped.json() }, 415, "unsupported_media_type");
    const german = await api.post<ErrorEnvelope>("/webhook", "{}", {
      headers: { "content-type": "text/plain", "accept-language": "de" },
    });
    expect(german.body.error.message).toMatch(/^Der Body der Anfrage muss JSON sein/);
    expect(await snapshot()).toEqual(before);
  });

  it("accept JSON with a charset in any case, and requests without a body keep working", async () => {
    const headers = { "content-type": "Application/JSON; charset=UTF-8" };
    const webhook = (await api.post<Webhook>("/webhook", minimal, { headers })).body;
    expect((await api.patch(`/webhook/${webhook.id}`, { name: "Typed" }, { headers })).status).toBe(200);
    // GET, DELETE and a rotation without a body and without a Content-Type.
    expect((await api.get(`/webhook/${webhook.id}`)).status).toBe(200);
    expect((await api.post(`/webhook/${webhook.id}/rotate-secret`, undefined)).status).toBe(200);
    expect((await api.delete(`/webhook/${webhook.id}`)).status).toBe(204);
  });
});

describe("answers match the OpenAPI document", () => {
  it("for every operation, successes and errors alike, as a validating proxy checks them", async () => {
    const document = (await api.get<OpenApiDocument>("/openapi.json", { token: null })).body;
    const check = openApiChecker(document);
    const input = {
      ...minimal,
      prokey_filter: "b7e19d42-5c3a-4f8e-a6d1-92c0e4f7a358",
      header: [{ key: "X-Token", value: "abc" }],
      body: [{ key: "email", value: "{{email}}" }],
    };
    check.requestBody("POST", "/webhook", input);
    const created = await api.post<Webhook>("/webhook", input);
    check.response("POST", "/webhook", created);
    const path = `/webhook/${created.body.id}`;
    const fetched = await api.get<Webhook>(path);
    check.response("GET", "/webhook/{id}", fetched);
    // A fetched webhook is a valid create and patch body: its read-only fields are allowed and ignored.
    check.requestBody("POST", "/webhook", fetched.body);
    check.requestBody("PATCH", "/webhook/{id}", fetched.body);
    check.response("POST", "/webhook", await api.post("/webhook", fetched.body));
    check.response("GET", "/webhook/all", await api.get("/webhook/all"));
    check.response("GET", "/webhook/latest", await api.get("/webhook/latest"));
    check.response("PATCH", "/webhook/{id}", await api.patch(path, { name: "Checked", header: null }));
    check.response("POST", "/webhook/{id}/rotate-secret", await api.post(`${path}/rotate-secret`, undefined));
    for (const locale of ["en", "de"]) {
      const catalog = await api.get("/elements", { headers: { "accept-language": locale } });
      check.response("GET", "/elements", catalog);
    }

    check.response("POST", "/webhook", await api.post("/webhook", { ...minimal, name: "" }));
    check.response("POST", "/webhook", await api.post("/webhook", "{"));
    check.response(
      "POST",
      "/webhook",
      await api.post("/webhook", "{}", { headers: { "content-type": "text/plain" } }),
    );
    check.response(
      "POST",
      "/webhook",
      await api.post("/webhook", JSON.stringify({ name: "n".repeat(1 << 20) })),
    );
    check.response("PATCH", "/webhook/{id}", await api.patch(path, { colour: "red" }));
    check.response("GET", "/webhook/all", await api.get("/webhook/all", { token: null }));
    check.response("GET", "/webhook/{id}", await api.get(`/webhook/${UNKNOWN_ID}`));
    check.response(
      "POST",
      "/webhook/{id}/rotate-secret",
      await api.post(`/webhook/${UNKNOWN_ID}/rotate-secret`, undefined),
    );
    check.response("DELETE", "/webhook/{id}", await api.delete(path));
    check.response("DELETE", "/webhook/{id}", await api.delete(path));
    check.component("MethodNotAllowed", await api.request("PUT", path, { body: minimal }));
  });
});

describe("a client generated from the OpenAPI document", () => {
  it("compiles with openapi-typescript's defaults and runs a create/read/patch/delete cycle", {
    timeout: 180_000,
  }, async () => {
    const client = await generateClient(`${app.baseUrl}/api/v1/openapi.json`);
    expect(client.diagnostics).toEqual([]);
    const result = await client.cycle(app.baseUrl, TOKEN);
    expect(result).toMatchObject({
      created: { status: 201, method: "POST", secret: expect.stringMatching(/^whsec_/) },
      read: { status: 200, name: "Generated client" },
      patched: { status: 200, name: "Renamed by the generated client", header: [] },
      copy: { status: 201, name: "Generated client" },
      deleted: 204,
      gone: { status: 404, code: "not_found" },
    });
    expect(result.copy.id).not.toBe(result.id);
    expect(result.ids).toContain(result.copy.id);
    expect(result.ids).not.toContain(result.id);
  });
});

// Issue 9, item 1: a ~125 KiB template of nested blocks held the event loop for ~43 s (Handlebars parsed it
// although it was over the length limit). Now lengths come first and the grammar is scanned in linear time.
describe("a template built to freeze the server", () => {
  const freeze = `${"{{#if a}}".repeat(8000)}x${"{{/if}}".repeat(8000)}`;
  const tooLong = [{ path: "body.0.value", message: "Use at most 8192 characters for the value." }];

  it("is refused with 422 in well under a second, while a request beside it is served", async () => {
    const started = performance.now();
    const [refused, list] = await Promise.all([
      api.post<ErrorEnvelope>("/webhook", { ...minimal, body: [{ key: "a", value: freeze }] }),
      api.get<{ ids: string[] }>("/webhook/all"),
    ]);
    expect(performance.now() - started).toBeLessThan(1000);
    expectEnvelope(refused, 422, "validation_failed");
    expect(refused.body.error.issues).toEqual(tooLong);
    expect(list.status).toBe(200);
  });

  it("is refused as fast through PATCH, and so are 200 values of sub-expressions under the limit", async () => {
    const target = await create({ ...minimal, name: "Freeze target" });
    const nested = `{{a ${"(b ".repeat(1000)}${")".repeat(1000)}}}`;
    const rows = Array.from({ length: 100 }, (_, index) => ({ key: `X-K${index}`, value: nested }));
    const started = performance.now();
    const [patched, full, read] = await Promise.all([
      api.patch<ErrorEnvelope>(`/webhook/${target.id}`, { body: [{ key: "a", value: freeze }] }),
      api.patch<ErrorEnvelope>(`/webhook/${target.id}`, { header: rows, body: rows }),
      api.get<Webhook>(`/webhook/${target.id}`),
    ]);
    expect(performance.now() - started).toBeLessThan(1000);
    expectEnvelope(patched, 422, "validation_failed");
    expect(patched.body.error.issues).toEqual(tooLong);
    expectEnvelope(full, 422, "validation_failed");
    expect(full.body.error.issues).toHaveLength(200);
    expect(read.body.body).toEqual([]);
    await api.delete(`/webhook/${target.id}`);
  });
});
