import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, deliveries, events, webhooks } from "@/db/schema";
import { getElement } from "@/lib/elements";
import { type AppStorage, createAppStorage, type RunningApp, startApp } from "../helpers/app-process.mjs";
import { type ApiClient, type ApiResponse, apiClient, type ErrorEnvelope } from "./client";
import { API_TOKEN, dispatchEnv, INTERNAL_TOKEN, openStorage, withAppDatabase } from "./dispatch-fixture";

// Hostile input, table by table: every request is answered 4xx with the error envelope, and nothing in
// the database changes. A webhook on RSVP answers would get a delivery for any event accepted by mistake.

const MiB = 1024 * 1024;
const answer = getElement("rsvp_answer")?.sample as Record<string, unknown>;
const rsvpEvent = { trigger_element: "rsvp_answer", trigger: "create", data: answer };
const minimal = {
  name: "Hostile input target",
  payload_url: "https://crm.example.com/hooks/rsvp",
  trigger_element: "rsvp_answer",
  trigger: "create",
};

type Case = {
  name: string;
  /** A JSON value, or a string or bytes sent as they are. */
  body?: unknown;
  /** Webhook fields as raw JSON object text (what JSON.stringify cannot write); POST adds the rest. */
  fields?: string;
  status: number;
  code: string;
  headers?: Record<string, string>;
};

const row = (key: string, value: string) => [{ key, value }];
const withHeader = (key: string, value = "x") => ({ header: row(key, value) });
const withBody = (key: string, value = "x") => ({ body: row(key, value) });
const template = (value: string) => withBody("field", value);

// What POST /webhook and PATCH /webhook/{id} must both refuse (merged into a valid webhook for POST).
const webhookFields: Case[] = [
  // Oversized bodies
  { name: "a name of 1 MiB", body: { name: "n".repeat(MiB + 1) }, status: 413, code: "payload_too_large" },
  {
    name: "a header value of 2 MiB",
    body: withHeader("X-Big", "v".repeat(2 * MiB)),
    status: 413,
    code: "payload_too_large",
  },
  // Wrong types
  { name: "a number as name", body: { name: 42 }, status: 422, code: "validation_failed" },
  { name: "a string as active", body: { active: "true" }, status: 422, code: "validation_failed" },
  {
    name: "an array as payload_url",
    body: { payload_url: ["https://a.example.com"] },
    status: 422,
    code: "validation_failed",
  },
  {
    name: "an operator object as trigger_element",
    body: { trigger_element: { $ne: "" } },
    status: 422,
    code: "validation_failed",
  },
  { name: "a string as header", body: { header: "X-A: b" }, status: 422, code: "validation_failed" },
  { name: "pairs as header rows", body: { header: [["X-A", "b"]] }, status: 422, code: "validation_failed" },
  {
    name: "numbers in a body row",
    body: { body: [{ key: 1, value: 2 }] },
    status: 422,
    code: "validation_failed",
  },
  { name: "an array as filters", body: { filters: [] }, status: 422, code: "validation_failed" },
  {
    name: "an object as a filter value",
    body: { trigger_element: "attendee", filters: { language: { $gt: "" } } },
    status: 422,
    code: "validation_failed",
  },
  {
    name: "too many header rows",
    body: { header: Array.from({ length: 101 }, (_, index) => ({ key: `X-${index}`, value: "v" })) },
    status: 422,
    code: "validation_failed",
  },
  // Unicode tricks in keys
  {
    name: "a zero-width space in a header name",
    body: withHeader("X-To\u200Bken"),
    status: 422,
    code: "validation_failed",
  },
  {
    name: "an RTL override in a header name",
    body: withHeader("\u202Enekot-X"),
    status: 422,
    code: "validation_failed",
  },
  { name: "a Cyrillic homoglyph of Host", body: withHeader("Ноst"), status: 422, code: "validation_failed" },
  {
    name: "a Cyrillic homoglyph of Content-Type",
    body: withHeader("Cоntent-Type"),
    status: 422,
    code: "validation_failed",
  },
  { name: "a fullwidth header name", body: withHeader("Ｘ-Token"), status: 422, code: "validation_failed" },
  {
    name: "a NUL in a header name",
    body: withHeader("X-Token\u0000"),
    status: 422,
    code: "validation_failed",
  },
  { name: "a NUL in a body key", body: withBody("email\u0000"), status: 422, code: "validation_failed" },
  {
    name: "a zero-width space hiding element_data",
    body: withBody("element\u200B_data"),
    status: 422,
    code: "validation_failed",
  },
  {
    name: "an RTL override in a body key",
    body: withBody("\u202Eliame"),
    status: 422,
    code: "validation_failed",
  },
  { name: "__proto__ as a body key", body: withBody("__proto__"), status: 422, code: "validation_failed" },
  {
    name: "__proto__ as a filter key",
    fields: '{"trigger_element":"attendee","filters":{"__proto__":"de"}}',
    status: 422,
    code: "validation_failed",
  },
  {
    name: "a NUL in a filter value",
    body: { trigger_element: "attendee", filters: { language: "d\u0000e" } },
    status: 422,
    code: "validation_failed",
  },
  { name: "a NUL in the name", body: { name: "CRM\u0000sync" }, status: 422, code: "validation_failed" },
  {
    name: "an RTL override in the name",
    body: { name: "CRM \u202Ecnys" },
    status: 422,
    code: "validation_failed",
  },
  {
    name: "a lone surrogate in a body value",
    fields: '{"body":[{"key":"a","value":"\\ud800"}]}',
    status: 422,
    code: "validation_failed",
  },
  // CR/LF and other control characters in header values
  {
    name: "CR/LF in a header value",
    body: withHeader("X-Note", "a\r\nX-Injected: 1"),
    status: 422,
    code: "validation_failed",
  },
  {
    name: "a lone LF in a header value",
    body: withHeader("X-Note", "a\nb"),
    status: 422,
    code: "validation_failed",
  },
  {
    name: "a NUL in a header value",
    body: withHeader("X-Note", "a\u0000b"),
    status: 422,
    code: "validation_failed",
  },
  {
    name: "a bell in a header value",
    body: withHeader("X-Note", "a\u0007b"),
    status: 422,
    code: "validation_failed",
  },
  {
    name: "a line separator in a header value",
    body: withHeader("X-Note", "a\u2028b"),
    status: 422,
    code: "validation_failed",
  },
  {
    name: "CR/LF in the payload URL",
    body: { payload_url: "https://crm.example.com/a\r\nX-Injected: 1" },
    status: 422,
    code: "validation_failed",
  },
  {
    name: "a NUL in the payload URL",
    body: { payload_url: "https://crm.example.com/a\u0000b" },
    status: 422,
    code: "validation_failed",
  },
  {
    name: "a space in the payload URL",
    body: { payload_url: "https://crm.example.com/a b" },
    status: 422,
    code: "validation_failed",
  },
  // Templates that reach for prototypes, helpers, blocks and partials
  {
    name: "{{constructor.constructor}}",
    body: template("{{constructor.constructor}}"),
    status: 422,
    code: "validation_failed",
  },
  { name: "{{__proto__}}", body: template("{{__proto__}}"), status: 422, code: "validation_failed" },
  {
    name: "{{payload.__proto__}}",
    body: template("{{payload.__proto__}}"),
    status: 422,
    code: "validation_failed",
  },
  {
    name: "{{payload.constructor}}",
    body: template("{{payload.constructor}}"),
    status: 422,
    code: "validation_failed",
  },
  {
    name: "{{payload.[__proto__]}}",
    body: template("{{payload.[__proto__]}}"),
    status: 422,
    code: "validation_failed",
  },
  {
    name: "{{this.constructor}}",
    body: template("{{this.constructor}}"),
    status: 422,
    code: "validation_failed",
  },
  {
    name: "{{email.constructor.prototype}}",
    body: template("{{email.constructor.prototype}}"),
    status: 422,
    code: "validation_failed",
  },
  {
    name: "{{#with}} block",
    body: template('{{#with "constructor"}}{{this}}{{/with}}'),
    status: 422,
    code: "validation_failed",
  },
  {
    name: "{{#each}} block",
    body: template("{{#each this}}{{@key}}{{/each}}"),
    status: 422,
    code: "validation_failed",
  },
  { name: "a partial", body: template("{{> evil}}"), status: 422, code: "validation_failed" },
  {
    name: "an inline partial",
    body: template('{{#*inline "x"}}{{/inline}}'),
    status: 422,
    code: "validation_failed",
  },
  {
    name: "{{lookup}}",
    body: template('{{lookup this "constructor"}}'),
    status: 422,
    code: "validation_failed",
  },
  {
    name: "{{lookup}} in a header value",
    body: withHeader("X-A", "{{lookup (lookup this 'constructor') 'constructor'}}"),
    status: 422,
    code: "validation_failed",
  },
  {
    name: "a data variable",
    body: template("{{@root.constructor}}"),
    status: 422,
    code: "validation_failed",
  },
  { name: "a parent path", body: template("{{../email}}"), status: 422, code: "validation_failed" },
  { name: "an unterminated mustache", body: template("{{email"), status: 422, code: "validation_failed" },
  // What would save but never send (issue 9, items 7 and 8)
  {
    name: "a snowman in a header value",
    body: withHeader("X-Snow", "☃"),
    status: 422,
    code: "validation_failed",
  },
  {
    name: "a User-Agent header row",
    body: withHeader("User-Agent", "x"),
    status: 422,
    code: "validation_failed",
  },
  { name: "a comment in a template", body: template("{{! note }}"), status: 422, code: "validation_failed" },
  {
    name: "a masked payload URL",
    body: { payload_url: "https://u:••••@a.example.com/" },
    status: 422,
    code: "validation_failed",
  },
  // SQL meta characters where only known values fit
  {
    name: "SQL in trigger_element",
    body: { trigger_element: "rsvp_answer'; DROP TABLE webhooks;--" },
    status: 422,
    code: "validation_failed",
  },
  { name: "SQL in trigger", body: { trigger: "create' OR '1'='1" }, status: 422, code: "validation_failed" },
  {
    name: "SQL in prokey_filter",
    body: { prokey_filter: "' OR 1=1--" },
    status: 422,
    code: "validation_failed",
  },
  {
    name: "SQL in method",
    body: { method: "POST; DELETE FROM webhooks" },
    status: 422,
    code: "validation_failed",
  },
  {
    name: "SQL in an integer filter",
    body: { trigger_element: "booking", filters: { event_type_id: "1 OR 1=1" } },
    status: 422,
    code: "validation_failed",
  },
  // Very long URLs
  {
    name: "a payload URL of 2049 characters",
    body: { payload_url: `https://crm.example.com/${"a".repeat(2049 - 24)}` },
    status: 422,
    code: "validation_failed",
  },
  {
    name: "a payload URL of 500,000 characters",
    body: { payload_url: `https://crm.example.com/${"a".repeat(500_000)}` },
    status: 422,
    code: "validation_failed",
  },
  {
    name: "a host name of 1,000 labels",
    body: { payload_url: `https://${"a.".repeat(1000)}example.com/` },
    status: 422,
    code: "validation_failed",
  },
  // Not JSON, or not an object
  { name: "malformed JSON", body: '{"name": "x",', status: 400, code: "invalid_json" },
  {
    name: "invalid UTF-8",
    body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    status: 400,
    code: "invalid_json",
  },
  {
    name: "deeply nested arrays",
    fields: `{"header":${"[".repeat(5000)}${"]".repeat(5000)}}`,
    status: 422,
    code: "validation_failed",
  },
];

// Only for POST (a whole webhook): bodies that are not a webhook object at all.
const createOnly: Case[] = [
  { name: "null", body: "null", status: 422, code: "validation_failed" },
  { name: "an array", body: [minimal], status: 422, code: "validation_failed" },
  { name: "a string", body: '"webhook"', status: 422, code: "validation_failed" },
  { name: "an empty body", body: "", status: 400, code: "invalid_json" },
];

const eventCases: Case[] = [
  {
    name: "a body over 1 MiB",
    body: { ...rsvpEvent, data: { ...answer, payload: { note: "x".repeat(MiB) } } },
    status: 413,
    code: "payload_too_large",
  },
  {
    name: "a number as trigger_element",
    body: { ...rsvpEvent, trigger_element: 1 },
    status: 422,
    code: "validation_failed",
  },
  {
    name: "an array as data",
    body: { ...rsvpEvent, data: [answer] },
    status: 422,
    code: "validation_failed",
  },
  { name: "null as data", body: { ...rsvpEvent, data: null }, status: 422, code: "validation_failed" },
  { name: "a number as prokey", body: { ...rsvpEvent, prokey: 42 }, status: 422, code: "validation_failed" },
  {
    name: "a string as amount",
    body: { ...rsvpEvent, data: { ...answer, amount: "2; DROP TABLE events" } },
    status: 422,
    code: "validation_failed",
  },
  {
    name: "an unknown envelope field",
    body: { ...rsvpEvent, workspace_id: "00000000-0000-4000-8000-000000000001" },
    status: 422,
    code: "validation_failed",
  },
  {
    name: "a zero-width space in trigger_element",
    body: { ...rsvpEvent, trigger_element: "rsvp\u200B_answer" },
    status: 422,
    code: "validation_failed",
  },
  {
    name: "a Cyrillic homoglyph in trigger_element",
    body: { ...rsvpEvent, trigger_element: "rsvp_аnswer" },
    status: 422,
    code: "validation_failed",
  },
  {
    name: "an RTL override in trigger",
    body: { ...rsvpEvent, trigger: "\u202Eetaerc" },
    status: 422,
    code: "validation_failed",
  },
  {
    name: "a NUL in trigger",
    body: { ...rsvpEvent, trigger: "create\u0000" },
    status: 422,
    code: "validation_failed",
  },
  {
    name: "CR/LF in trigger",
    body: { ...rsvpEvent, trigger: "create\r\nX-Injected: 1" },
    status: 422,
    code: "validation_failed",
  },
  {
    name: "a NUL in a data value",
    body: { ...rsvpEvent, data: { ...answer, payload: { note: "a\u0000b" } } },
    status: 422,
    code: "validation_failed",
  },
  {
    name: "a NUL in a data key",
    body: { ...rsvpEvent, data: { ...answer, payload: { "no\u0000te": "a" } } },
    status: 422,
    code: "validation_failed",
  },
  {
    name: "a NUL in the prokey",
    body: { ...rsvpEvent, prokey: "b7e19d42\u0000" },
    status: 422,
    code: "validation_failed",
  },
  {
    name: "a lone surrogate in a data value",
    body: `{"trigger_element":"rsvp_answer","trigger":"create","data":${JSON.stringify({ ...answer, payload: { note: "PLACEHOLDER" } }).replace("PLACEHOLDER", "\\udc00")}}`,
    status: 422,
    code: "validation_failed",
  },
  {
    name: "SQL in trigger_element",
    body: { ...rsvpEvent, trigger_element: "rsvp_answer'; DROP TABLE events;--" },
    status: 422,
    code: "validation_failed",
  },
  {
    name: "a template as trigger",
    body: { ...rsvpEvent, trigger: "{{constructor.constructor}}" },
    status: 422,
    code: "validation_failed",
  },
  {
    name: "a prokey of 10,000 characters",
    body: { ...rsvpEvent, prokey: "p".repeat(10_000) },
    status: 422,
    code: "validation_failed",
  },
  { name: "malformed JSON", body: '{"trigger_element":', status: 400, code: "invalid_json" },
  {
    name: "deeply nested data",
    body: `{"trigger_element":"rsvp_answer","trigger":"create","data":{"payload":${"[".repeat(5000)}${"]".repeat(5000)}}}`,
    status: 422,
    code: "validation_failed",
  },
];

// The same refusals through the path form /api/internal/events/{element}/{trigger}?prokey=…
const eventPathCases: { name: string; path: string; body?: unknown; status: number; code: string }[] = [
  {
    name: "SQL in the element",
    path: `/${encodeURIComponent("rsvp_answer' OR '1'='1")}/create`,
    status: 422,
    code: "validation_failed",
  },
  {
    name: "CR/LF in the trigger",
    path: "/rsvp_answer/create%0D%0AX-Injected:%201",
    status: 422,
    code: "validation_failed",
  },
  { name: "a NUL in the trigger", path: "/rsvp_answer/create%00", status: 422, code: "validation_failed" },
  {
    name: "a zero-width space in the element",
    path: "/rsvp%E2%80%8B_answer/create",
    status: 422,
    code: "validation_failed",
  },
  {
    name: "an element of 8,000 characters",
    path: `/${"e".repeat(8000)}/create`,
    status: 422,
    code: "validation_failed",
  },
  {
    name: "a prokey of 8,000 characters",
    path: `/rsvp_answer/create?prokey=${"p".repeat(8000)}`,
    status: 422,
    code: "validation_failed",
  },
  {
    name: "a NUL in the prokey",
    path: "/rsvp_answer/create?prokey=a%00b",
    status: 422,
    code: "validation_failed",
  },
  {
    name: "an array as data",
    path: "/rsvp_answer/create",
    body: [answer],
    status: 422,
    code: "validation_failed",
  },
];

let storage: AppStorage;
let app: RunningApp;
let api: ApiClient;
let target: Record<string, unknown>;

type Counts = { webhooks: number; events: number; deliveries: number; audit: number };

async function countRows(db: Parameters<Parameters<typeof withAppDatabase>[1]>[0]): Promise<Counts> {
  const total = async (table: typeof webhooks | typeof events | typeof deliveries | typeof auditLog) =>
    (await db.select({ n: count() }).from(table))[0]?.n ?? -1;
  return {
    webhooks: await total(webhooks),
    events: await total(events),
    deliveries: await total(deliveries),
    audit: await total(auditLog),
  };
}

let before: Counts | null;

beforeAll(async () => {
  storage = await createAppStorage();
  app = await startApp({ storage, env: dispatchEnv() });
  api = apiClient(app.baseUrl, API_TOKEN);
  const created = await api.post<Record<string, unknown>>("/webhook", minimal);
  expect(created.status, created.text).toBe(201);
  target = created.body;
  before = await withAppDatabase(storage.databaseUrl, countRows);
});

afterAll(async () => {
  await app?.stop();
  await storage?.remove();
});

async function send(
  method: "POST" | "PATCH",
  url: string,
  token: string,
  testCase: { body?: unknown; headers?: Record<string, string> },
): Promise<ApiResponse> {
  const body =
    testCase.body === undefined
      ? undefined
      : typeof testCase.body === "string" || Buffer.isBuffer(testCase.body)
        ? testCase.body
        : JSON.stringify(testCase.body);
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...testCase.headers },
    body: body as BodyInit | undefined,
  });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

function expectRefused(response: ApiResponse, status: number, code: string) {
  expect(response.status, response.text.slice(0, 500)).toBe(status);
  const { error } = response.body as ErrorEnvelope;
  expect(Object.keys(response.body as object)).toEqual(["error"]);
  expect(error.code).toBe(code);
  expect(typeof error.message).toBe("string");
  expect(error.message.length).toBeGreaterThan(0);
  // No stack traces or SQL in the answer.
  expect(response.text).not.toMatch(/\bat .+\.(js|ts):\d+|syntax error|postgres|pglite/i);
}

// A case's fields merged into a valid webhook; raw text and bytes go as they are.
function asCreate(testCase: Case): Case {
  if (testCase.fields) {
    return { ...testCase, body: `{${JSON.stringify(minimal).slice(1, -1)},${testCase.fields.slice(1)}` };
  }
  if (typeof testCase.body === "string" || Buffer.isBuffer(testCase.body)) return testCase;
  return { ...testCase, body: { ...minimal, ...(testCase.body as object) } };
}

const asPatch = (testCase: Case): Case =>
  testCase.fields ? { ...testCase, body: testCase.fields } : testCase;

describe("POST /api/v1/webhook", () => {
  it.each([...webhookFields, ...createOnly])("refuses $name", async (testCase) => {
    const request = asCreate(testCase);
    expectRefused(
      await send("POST", `${app.baseUrl}/api/v1/webhook`, API_TOKEN, request),
      testCase.status,
      testCase.code,
    );
  });
});

describe("PATCH /api/v1/webhook/{id}", () => {
  it.each(webhookFields)("refuses $name", async (testCase) => {
    const url = `${app.baseUrl}/api/v1/webhook/${target.id}`;
    expectRefused(await send("PATCH", url, API_TOKEN, asPatch(testCase)), testCase.status, testCase.code);
  });

  it.each([
    { name: "SQL", id: "1' OR '1'='1" },
    { name: "a NUL", id: "%00" },
    { name: "an id of 8,000 characters", id: "a".repeat(8000) },
    { name: "a path traversal", id: "..%2F..%2Fall" },
  ])("answers 404 for $name in the id", async ({ id }) => {
    const url = `${app.baseUrl}/api/v1/webhook/${id}`;
    expectRefused(await send("PATCH", url, API_TOKEN, { body: { name: "x" } }), 404, "not_found");
  });
});

describe("the internal event routes", () => {
  it.each(eventCases)("refuse $name", async (testCase) => {
    expectRefused(
      await send("POST", `${app.baseUrl}/api/internal/events`, INTERNAL_TOKEN, testCase),
      testCase.status,
      testCase.code,
    );
  });

  it.each(eventPathCases)("refuse $name in the path form", async (testCase) => {
    const url = `${app.baseUrl}/api/internal/events${testCase.path}`;
    expectRefused(
      await send("POST", url, INTERNAL_TOKEN, { body: testCase.body ?? answer }),
      testCase.status,
      testCase.code,
    );
  });
});

describe("after all that", () => {
  it("the database holds what it held before", async () => {
    expect((await api.get("/webhook/all")).body).toEqual({ ids: [target.id] });
    expect((await api.get(`/webhook/${target.id}`)).body).toEqual(target);
    if (storage.databaseUrl) {
      expect(await withAppDatabase(storage.databaseUrl, countRows)).toEqual(before);
      return;
    }
    // The embedded database opens only once the app has let go of it.
    await app.stop();
    const connection = await openStorage(storage);
    try {
      // The one webhook and its creation's audit entry; no event, no delivery.
      expect(await countRows(connection.db)).toEqual({ webhooks: 1, events: 0, deliveries: 0, audit: 1 });
    } finally {
      await connection.close();
    }
  });
});
