import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_WORKSPACE_ID } from "@/db/schema";
import { getElement } from "@/lib/elements";
import { createKey, revokeKeyByToken } from "@/lib/keys/keys";
import {
  type AppStorage,
  createAppStorage,
  type RunningApp,
  type RunningIntake,
  type RunningWorker,
  runIntakeToExit,
  startApp,
  startIntake,
  startWorker,
} from "../helpers/app-process.mjs";
import { type Receiver, startReceiver } from "../helpers/receiver";
import type { ErrorEnvelope } from "./client";
import {
  ARRIVAL_TIMEOUT_MS,
  type DispatchClient,
  dispatchClient,
  dispatchEnv,
  eventually,
  verifySignature,
  withAppDatabase,
} from "./dispatch-fixture";

// `npm run intake`: the event routes in a process of their own, for PostgreSQL deployments that take many
// events. Its answers to bad input are tests/api/dispatch-input.test.ts's (run through it too); here, what
// is its own: it needs PostgreSQL, wakes a separate worker at once, keeps the app's security headers, drops
// a revoked key at once and stops cleanly.

const answer = getElement("rsvp_answer")?.sample as Record<string, unknown>;
const valid = { trigger_element: "rsvp_answer", trigger: "create", data: answer };

describe("the intake process on the embedded database", () => {
  it("refuses to start, saying it needs PostgreSQL", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "hooksmith-intake-"));
    try {
      const { code, output } = await runIntakeToExit({ env: { DATABASE_URL: "", DATA_DIR: dataDir } });
      expect(code).toBe(1);
      expect(output).toContain("the intake process needs PostgreSQL (DATABASE_URL)");
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe.runIf(process.env.DATABASE_URL)("the intake process beside the app and a worker", () => {
  let storage: AppStorage;
  let app: RunningApp;
  let worker: RunningWorker;
  let intake: RunningIntake;
  let receiver: Receiver;
  let client: DispatchClient;

  beforeAll(async () => {
    storage = await createAppStorage();
    receiver = await startReceiver();
    app = await startApp({ env: dispatchEnv({ WORKER_IN_APP: "false" }), storage });
    // A worker that polls once a minute: an event delivered sooner was announced to it by the intake.
    worker = await startWorker({ storage, env: dispatchEnv({ DISPATCH_POLL_INTERVAL_MS: "60000" }) });
    intake = await startIntake({ storage, env: dispatchEnv() });
    client = dispatchClient(app.baseUrl, undefined, intake.baseUrl);
  });

  afterAll(async () => {
    await intake?.stop();
    await worker?.stop();
    await app?.stop();
    await receiver?.close();
    await storage?.remove();
  });

  it("takes an event that a separate worker delivers at once, signed", async () => {
    const webhook = await client.createWebhook({
      payload_url: `${receiver.url}/answers`,
      trigger_element: "rsvp_answer",
      trigger: "create",
    });
    const accepted = await client.sendEvent(valid);
    expect(accepted.deliveries).toBe(1);
    const [request] = await receiver.waitForRequests(1, ARRIVAL_TIMEOUT_MS);
    if (!request) throw new Error("no request arrived");
    verifySignature(webhook.secret, request);
    expect(JSON.parse(request.body.toString("utf8"))).toEqual({ element_data: answer });
    // The app's event log shows the event the intake took.
    const listed = await client.api.get<{ events: { id: string }[] }>("/events");
    expect(listed.body.events.map((event) => event.id)).toContain(accepted.event_id);
    await client.removeWebhooks();
  });

  it("answers with the app's security headers, and in the error envelope where nothing is served", async () => {
    const health = await fetch(`${intake.baseUrl}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    expect(health.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(health.headers.get("x-content-type-options")).toBe("nosniff");
    expect(health.headers.get("cache-control")).toBe("no-store");

    for (const address of ["/en/webhooks", "/api/v1/webhook/all", "/api/internal/events/a/b/c"]) {
      const response = await fetch(`${intake.baseUrl}${address}`, { headers: { "accept-language": "de" } });
      expect(response.status, address).toBe(404);
      const { error } = (await response.json()) as ErrorEnvelope;
      expect(error).toEqual({ code: "not_found", message: "Unter dieser Adresse gibt es nichts." });
    }
    const forwarded = await fetch(`${intake.baseUrl}/api/health`, {
      headers: { "x-forwarded-proto": "https" },
    });
    expect(forwarded.headers.get("strict-transport-security")).toBe("max-age=31536000");
  });

  it("refuses a workspace's event key as soon as it is revoked", async () => {
    const token = await withAppDatabase(storage.databaseUrl, async (db) => {
      const created = await createKey(db, {
        workspaceId: DEFAULT_WORKSPACE_ID,
        name: "intake",
        kind: "event",
      });
      return created.token;
    });
    if (!token) throw new Error("no key");
    expect((await client.postEvent({ body: valid, token })).status).toBe(202);
    await withAppDatabase(storage.databaseUrl, (db) => revokeKeyByToken(db, token));
    // The database tells every process of the change (LISTEN/NOTIFY); the intake forgets the key then.
    await eventually(
      async () => (await client.postEvent({ body: valid, token })).status === 401,
      "the intake still took the revoked key",
      5_000,
    );
  });

  it("stops at once on SIGTERM, idle keep-alive connections and all, and exits cleanly", async () => {
    // The client keeps this connection open for the next request.
    expect((await client.postEvent({ body: valid })).status).toBe(202);
    await intake.stop();
    expect(await intake.exited).toEqual({ code: 0, signal: null });
  });
});
