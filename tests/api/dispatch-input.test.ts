import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveries, events } from "@/db/schema";
import { getElement } from "@/lib/elements";
import {
  type AppStorage,
  createAppStorage,
  type RunningApp,
  type RunningIntake,
  startApp,
  startIntake,
} from "../helpers/app-process.mjs";
import { type Receiver, startReceiver } from "../helpers/receiver";
import type { ErrorEnvelope } from "./client";
import {
  API_TOKEN,
  ARRIVAL_TIMEOUT_MS,
  type DispatchClient,
  dispatchClient,
  dispatchEnv,
  type EventRequest,
  openStorage,
} from "./dispatch-fixture";

// Refused events: the error envelope, the right status, and nothing stored or sent. The tests run in order:
// the last one sends one good event and then counts what the database holds. On PostgreSQL all of it runs
// twice: through the app, and through the intake process (`npm run intake`), which must answer alike.

const answer = getElement("rsvp_answer")?.sample as Record<string, unknown>;
const valid = { trigger_element: "rsvp_answer", trigger: "create", data: answer };
const issuePaths = (error: ErrorEnvelope["error"]) => (error.issues ?? []).map((issue) => issue.path).sort();

const entries = [
  { name: "the app", intake: false },
  ...(process.env.DATABASE_URL ? [{ name: "the intake process", intake: true }] : []),
];

describe.each(entries)("events through $name", ({ intake: throughIntake }) => {
  let storage: AppStorage;
  let app: RunningApp;
  let intake: RunningIntake | undefined;
  let client: DispatchClient;
  let receiver: Receiver;
  // Where events are posted: the app, or the intake process.
  let eventsUrl: string;

  beforeAll(async () => {
    storage = await createAppStorage();
    receiver = await startReceiver();
    app = await startApp({ env: dispatchEnv(), storage });
    intake = throughIntake ? await startIntake({ storage, env: dispatchEnv() }) : undefined;
    eventsUrl = intake?.baseUrl ?? app.baseUrl;
    client = dispatchClient(app.baseUrl, undefined, eventsUrl);
    await client.createWebhook({
      payload_url: `${receiver.url}/answers`,
      trigger_element: "rsvp_answer",
      trigger: "create",
    });
    await client.createWebhook({
      payload_url: `${receiver.url}/deleted`,
      trigger_element: "rsvp_answer",
      trigger: "delete",
    });
  });

  afterAll(async () => {
    await intake?.stop();
    await app?.stop();
    await receiver?.close();
    await storage?.remove();
  });

  async function refused(request: EventRequest, status: number, code: string) {
    const response = await client.postEvent(request);
    expect(response.status, response.text).toBe(status);
    const { error } = response.body as ErrorEnvelope;
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(0);
    return error;
  }

  describe("authentication of the internal event routes", () => {
    it("refuses a missing or wrong token, and the REST API's token", async () => {
      for (const token of [null, "wrong-internal-token-000000", API_TOKEN]) {
        for (const path of ["", "/rsvp_answer/create"]) {
          const body = path ? answer : valid;
          await refused({ body, path, token }, 401, "unauthorized");
        }
      }
      const response = await client.postEvent({ body: valid, token: null });
      expect(response.headers.get("www-authenticate")).toBe("Bearer");
    });

    it("does not let the internal token into the REST API", async () => {
      const { INTERNAL_TOKEN } = dispatchEnv();
      const response = await fetch(`${app.baseUrl}/api/v1/webhook/all`, {
        headers: { authorization: `Bearer ${INTERNAL_TOKEN}` },
      });
      expect(response.status).toBe(401);
    });
  });

  describe("bad event input", () => {
    it("answers malformed JSON with 400", async () => {
      await refused({ body: '{"trigger_element": "rsvp_answer",' }, 400, "invalid_json");
      await refused({ body: "" }, 400, "invalid_json");
      await refused({ body: "{", path: "/rsvp_answer/create" }, 400, "invalid_json");
    });

    it("answers an unknown element or trigger with 422 and the field at fault", async () => {
      let error = await refused(
        { body: { ...valid, trigger_element: "newsletter" } },
        422,
        "validation_failed",
      );
      expect(issuePaths(error)).toEqual(["trigger_element"]);
      error = await refused({ body: { ...valid, trigger: "publish" } }, 422, "validation_failed");
      expect(issuePaths(error)).toEqual(["trigger"]);
      expect(error.issues?.[0]?.message).toContain("create");
      error = await refused({ body: answer, path: "/newsletter/create" }, 422, "validation_failed");
      expect(issuePaths(error)).toEqual(["trigger_element"]);
      error = await refused({ body: answer, path: "/rsvp_answer/publish" }, 422, "validation_failed");
      expect(issuePaths(error)).toEqual(["trigger"]);
    });

    it("answers an envelope of the wrong shape with 422", async () => {
      let error = await refused({ body: [valid] }, 422, "validation_failed");
      expect(error.issues?.length).toBeGreaterThan(0);
      error = await refused({ body: { ...valid, data: "text" } }, 422, "validation_failed");
      expect(issuePaths(error)).toEqual(["data"]);
      error = await refused({ body: { ...valid, extra: 1 } }, 422, "validation_failed");
      expect(error.issues?.length).toBeGreaterThan(0);
      error = await refused({ body: { trigger: "create", data: answer } }, 422, "validation_failed");
      expect(issuePaths(error)).toEqual(["trigger_element"]);
    });

    it("answers data that fails the element's schema with 422 and an issue per field", async () => {
      const bad = { ...answer, email: "not an email", amount: "two" };
      let error = await refused({ body: { ...valid, data: bad } }, 422, "validation_failed");
      expect(issuePaths(error)).toEqual(["data.amount", "data.email"]);
      for (const issue of error.issues ?? []) expect(issue.message.length).toBeGreaterThan(0);

      error = await refused({ body: bad, path: "/rsvp_answer/create" }, 422, "validation_failed");
      expect(issuePaths(error)).toEqual(["data.amount", "data.email"]);

      // A delete needs only the id, but it needs that.
      error = await refused(
        { body: { trigger_element: "rsvp_answer", trigger: "delete", data: { email: "a@example.com" } } },
        422,
        "validation_failed",
      );
      expect(issuePaths(error)).toEqual(["data.id"]);

      // Messages in the caller's language.
      const german = await refused(
        { body: { ...valid, data: bad }, headers: { "accept-language": "de" } },
        422,
        "validation_failed",
      );
      expect(german.message).not.toBe(error.message);
    });

    it("answers a body over 1 MiB with 413, whether announced or streamed", async () => {
      const huge = { ...valid, data: { ...answer, payload: { note: "x".repeat(1024 * 1024) } } };
      await refused({ body: huge }, 413, "payload_too_large");

      // Without a content-length the limit still holds, counted while reading.
      const text = JSON.stringify(huge);
      const response = await fetch(`${eventsUrl}/api/internal/events`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${dispatchEnv().INTERNAL_TOKEN}`,
          "content-type": "application/json",
        },
        body: new ReadableStream({
          start(controller) {
            for (let index = 0; index < text.length; index += 64 * 1024) {
              controller.enqueue(new TextEncoder().encode(text.slice(index, index + 64 * 1024)));
            }
            controller.close();
          },
        }),
        duplex: "half",
      } as RequestInit);
      expect(response.status).toBe(413);
      expect(((await response.json()) as ErrorEnvelope).error.code).toBe("payload_too_large");
    });

    it("stores and sends nothing for a refused event: the next good one makes exactly one delivery", async () => {
      expect(receiver.requests).toEqual([]);
      expect((await client.sendEvent(valid)).deliveries).toBe(1);
      const [request] = await receiver.waitForRequests(1, ARRIVAL_TIMEOUT_MS);
      expect(JSON.parse(request?.body.toString("utf8") ?? "{}")).toEqual({ element_data: answer });

      // The app must be down before the test opens an embedded database.
      await intake?.stop();
      await app.stop();
      const connection = await openStorage(storage);
      try {
        const [eventCount] = await connection.db.select({ n: count() }).from(events);
        const [deliveryCount] = await connection.db.select({ n: count() }).from(deliveries);
        expect(eventCount?.n).toBe(1);
        expect(deliveryCount?.n).toBe(1);
      } finally {
        await connection.close();
      }
      expect(receiver.requests).toHaveLength(1);
    });
  });
});
