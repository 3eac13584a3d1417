import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys, DEFAULT_WORKSPACE_ID, deliveries } from "@/db/schema";
import { getElement } from "@/lib/elements";
import { createKey, revokeKeyByToken } from "@/lib/keys/keys";
import { admin, adminBatch } from "../helpers/admin-cli.mjs";
import { type AppStorage, createAppStorage, type RunningApp, startApp } from "../helpers/app-process.mjs";
import { type Receiver, startReceiver } from "../helpers/receiver";
import { type ApiClient, type ApiResponse, apiClient, type ErrorEnvelope } from "./client";
import {
  API_TOKEN,
  dispatchClient,
  dispatchEnv,
  eventually,
  INTERNAL_TOKEN,
  openStorage,
  pathOf,
  type StoredWebhook,
  withAppDatabase,
} from "./dispatch-fixture";

// Two workspaces, A and B, set up with the admin CLI (in batches); every door between them must stay shut.
// On the embedded database the CLI runs before the app starts (the app then holds the data folder alone).

const onPostgres = Boolean(process.env.DATABASE_URL);
const PASSWORD = "correct horse battery staple";
const RATE_LIMIT = 5;
const answer = getElement("rsvp_answer")?.sample as Record<string, unknown>;
const rsvpEvent = { trigger_element: "rsvp_answer", trigger: "create", data: answer };

type Keys = {
  api: string;
  event: string;
  read: string;
  write: string;
  readEvent: string;
  expired: string;
  revoked: string;
};

type Workspace = { id: string; keys: Keys };

let storage: AppStorage;
let limitedStorage: AppStorage;
let app: RunningApp;
let limited: RunningApp;
let receiver: Receiver;
let a: Workspace;
let b: Workspace;
let limitedKey: string;

// An event key takes no scope: it sends events.
const keyArgs = (workspaceId: string, kind: string, scope?: string) => [
  "key",
  "create",
  "--workspace",
  workspaceId,
  "--kind",
  kind,
  ...(scope ? ["--scope", scope] : []),
];

const cliKey = (target: AppStorage, workspaceId: string, kind: string, scope: string) =>
  admin(target, keyArgs(workspaceId, kind, scope));

async function setUpWorkspaces(): Promise<[Workspace, Workspace]> {
  // Two CLI batches (the keys need the workspaces' ids): each CLI start costs a second or more, and the
  // single commands' own behaviour is tests/api/workspaces-cli.test.ts's.
  const [, , idA, idB] = (await adminBatch(storage, [
    ["user", "create", "--email", "ann@a.example.com", "--password", PASSWORD],
    ["user", "create", "--email", "bob@b.example.com", "--password", PASSWORD],
    ["workspace", "create", "--name", "Team A", "--owner", "ann@a.example.com"],
    ["workspace", "create", "--name", "Team B", "--owner", "bob@b.example.com"],
    ["user", "create", "--email", "guessed@a.example.com", "--password", PASSWORD],
  ])) as [string, string, string, string, string];
  const [apiA, eventA, apiB, eventB] = (await adminBatch(storage, [
    keyArgs(idA, "api", "read_write"),
    keyArgs(idA, "event"),
    keyArgs(idB, "api", "read_write"),
    keyArgs(idB, "event"),
  ])) as [string, string, string, string];

  // The keys only these tests need come straight from lib/keys, in one visit to the database: each CLI
  // run on the embedded database costs seconds (tests/api/workspaces-cli.test.ts covers the CLI).
  const connection = await openStorage(storage);
  try {
    const make = async (workspaceId: string, kind: "api", scope: "read" | "write" | "read_write") =>
      (await createKey(connection.db, { workspaceId, name: `${kind} ${scope}`, kind, scope })).token;
    // An event key as the app stored it before event keys had one scope: with "read", refused on every event.
    const oldReadEvent = async (workspaceId: string) => {
      const { key, token } = await createKey(connection.db, {
        workspaceId,
        name: "old event",
        kind: "event",
      });
      await connection.db.update(apiKeys).set({ scope: "read" }).where(eq(apiKeys.id, key.id));
      return token;
    };
    const extra = async (workspaceId: string) => {
      const read = await make(workspaceId, "api", "read");
      const write = await make(workspaceId, "api", "write");
      const readEvent = await oldReadEvent(workspaceId);
      const expired = (
        await createKey(connection.db, {
          workspaceId,
          name: "expired",
          kind: "api",
          scope: "read_write",
          expiresAt: new Date(Date.now() - 1000),
        })
      ).token;
      const revoked = await make(workspaceId, "api", "read_write");
      expect(await revokeKeyByToken(connection.db, revoked)).not.toBeNull();
      return { read, write, readEvent, expired, revoked };
    };
    return [
      { id: idA, keys: { api: apiA, event: eventA, ...(await extra(idA)) } },
      { id: idB, keys: { api: apiB, event: eventB, ...(await extra(idB)) } },
    ];
  } finally {
    await connection.close();
  }
}

beforeAll(async () => {
  [storage, limitedStorage, receiver] = await Promise.all([
    createAppStorage(),
    createAppStorage(),
    startReceiver(),
  ]);
  // A second app with a low API_RATE_LIMIT, so the other tests here are not throttled.
  const startLimited = async () => {
    limitedKey = await cliKey(limitedStorage, DEFAULT_WORKSPACE_ID, "api", "read_write");
    return startApp({ storage: limitedStorage, env: { API_TOKEN, API_RATE_LIMIT: String(RATE_LIMIT) } });
  };
  const startMain = async () => {
    [a, b] = await setUpWorkspaces();
    return startApp({ storage, env: dispatchEnv() });
  };
  [app, limited] = await Promise.all([startMain(), startLimited()]);
}, 240_000);

afterAll(async () => {
  await Promise.all([app?.stop(), limited?.stop(), receiver?.close()]);
  await Promise.all([storage?.remove(), limitedStorage?.remove()]);
});

function expectEnvelope(response: ApiResponse, status: number, code: string) {
  expect(response.status, response.text).toBe(status);
  const { error } = response.body as ErrorEnvelope;
  expect(error.code).toBe(code);
  expect(error.message.length).toBeGreaterThan(0);
}

const api = (token: string): ApiClient => apiClient(app.baseUrl, token);

async function createWebhook(token: string, input: Record<string, unknown>): Promise<StoredWebhook> {
  const response = await api(token).post<StoredWebhook>("/webhook", {
    name: "Workspace test",
    trigger_element: "rsvp_answer",
    trigger: "create",
    ...input,
  });
  expect(response.status, response.text).toBe(201);
  return response.body;
}

function postEvent(token: string, body: unknown = rsvpEvent) {
  return dispatchClient(app.baseUrl).postEvent({ body, token });
}

describe("two workspaces set up with the admin CLI", () => {
  let hookA: StoredWebhook;
  let hookB: StoredWebhook;
  let hookDefault: StoredWebhook;

  beforeAll(async () => {
    hookA = await createWebhook(a.keys.api, { name: "A's hook", payload_url: `${receiver.url}/a` });
    hookB = await createWebhook(b.keys.api, { name: "B's hook", payload_url: `${receiver.url}/b` });
    hookDefault = await createWebhook(API_TOKEN, { name: "Default", payload_url: `${receiver.url}/default` });
  });

  describe("an API key of A", () => {
    it("answers 404 for B's webhook on every method, and leaves it unchanged", async () => {
      const keyA = api(a.keys.api);
      const path = `/webhook/${hookB.id}`;
      const responses = [
        await keyA.get(path),
        await keyA.patch(path, { name: "Taken over", active: false }),
        await keyA.delete(path),
        await keyA.post(`${path}/rotate-secret`, undefined),
      ];
      for (const response of responses) expectEnvelope(response, 404, "not_found");
      expect((await api(b.keys.api).get(path)).body).toEqual(hookB);
    });

    it("lists and reads only A's webhooks", async () => {
      expect((await api(a.keys.api).get("/webhook/all")).body).toEqual({ ids: [hookA.id] });
      expect((await api(a.keys.api).get("/webhook/latest")).body).toEqual(hookA);
      expect((await api(b.keys.api).get("/webhook/all")).body).toEqual({ ids: [hookB.id] });
      expect((await api(b.keys.api).get("/webhook/latest")).body).toEqual(hookB);
    });

    it("changes its own webhook", async () => {
      const renamed = await api(a.keys.api).patch<StoredWebhook>(`/webhook/${hookA.id}`, {
        name: "A's hook",
      });
      expect(renamed.status).toBe(200);
      const rotated = await api(a.keys.api).post<StoredWebhook>(
        `/webhook/${hookA.id}/rotate-secret`,
        undefined,
      );
      expect(rotated.status).toBe(200);
      expect(rotated.body.secret).not.toBe(hookA.secret);
      hookA = rotated.body;
    });
  });

  describe("the instance token", () => {
    it("keeps acting in the default workspace only", async () => {
      const token = api(API_TOKEN);
      expect((await token.get("/webhook/all")).body).toEqual({ ids: [hookDefault.id] });
      expectEnvelope(await token.get(`/webhook/${hookA.id}`), 404, "not_found");
      expectEnvelope(await token.delete(`/webhook/${hookB.id}`), 404, "not_found");
    });
  });

  describe("events", () => {
    it("fire only the webhooks of the event key's workspace", async () => {
      const before = receiver.requests.length;
      const fromA = await postEvent(a.keys.event);
      expect(fromA.status, fromA.text).toBe(202);
      expect(fromA.body).toMatchObject({ deliveries: 1 });
      await eventually(
        async () => receiver.requests.slice(before).some((request) => pathOf(request) === "/a"),
        "A's webhook receives A's event",
      );

      // B's event after A's: once it has arrived, A's would have too, had it been meant for B.
      const fromB = await postEvent(b.keys.event);
      expect(fromB.body).toMatchObject({ deliveries: 1 });
      const fromInstance = await postEvent(INTERNAL_TOKEN);
      expect(fromInstance.body).toMatchObject({ deliveries: 1 });
      await eventually(async () => {
        const paths = receiver.requests.slice(before).map(pathOf);
        return paths.includes("/b") && paths.includes("/default");
      }, "B's and the default workspace's webhooks receive their events");
      const paths = receiver.requests.slice(before).map(pathOf).sort();
      expect(paths).toEqual(["/a", "/b", "/default"]);

      const stored = await withAppDatabase(storage.databaseUrl, (db) =>
        db.select({ id: deliveries.id }).from(deliveries).where(eq(deliveries.webhook_id, hookB.id)),
      );
      if (onPostgres) expect(stored).toHaveLength(1);
    });

    it("accepts events from an event key stored with the read scope before event keys had one", async () => {
      // An update: no webhook of A listens to it, so no delivery changes A's webhook under the later tests.
      const response = await postEvent(a.keys.readEvent, { ...rsvpEvent, trigger: "update" });
      expect(response.status, response.text).toBe(202);
      expect(response.body).toMatchObject({ deliveries: 0 });
    });
  });

  describe("scopes", () => {
    it("gives a read key 403 on every write, and lets it read", async () => {
      const read = api(a.keys.read);
      const path = `/webhook/${hookA.id}`;
      const before = await read.get(path);
      expect(before.status).toBe(200);
      expect((await read.get("/webhook/all")).body).toEqual({ ids: [hookA.id] });
      const writes = [
        await read.post("/webhook", {
          name: "x",
          payload_url: `${receiver.url}/x`,
          trigger_element: "event",
          trigger: "create",
        }),
        await read.patch(path, { name: "Read key was here" }),
        await read.delete(path),
        await read.post(`${path}/rotate-secret`, undefined),
      ];
      for (const response of writes) expectEnvelope(response, 403, "forbidden");
      expect((await read.get(path)).body).toEqual(before.body);
    });

    it("gives a write-only key 403 on reads, and lets it write", async () => {
      const write = api(a.keys.write);
      for (const path of [`/webhook/${hookA.id}`, "/webhook/all", "/webhook/latest"]) {
        expectEnvelope(await write.get(path), 403, "forbidden");
      }
      const created = await write.post<StoredWebhook>("/webhook", {
        name: "Written",
        payload_url: `${receiver.url}/written`,
        trigger_element: "event",
        trigger: "create",
      });
      expect(created.status, created.text).toBe(201);
      expect((await write.delete(`/webhook/${created.body.id}`)).status).toBe(204);
    });
  });

  describe("keys that do not open", () => {
    it("answer 401 for an expired and a revoked key", async () => {
      for (const token of [a.keys.expired, a.keys.revoked]) {
        const response = await api(token).get("/webhook/all");
        expectEnvelope(response, 401, "unauthorized");
        expect(response.headers.get("www-authenticate")).toBe("Bearer");
      }
    });

    it("answer 401 for an API key on the event routes and an event key on /api/v1", async () => {
      expectEnvelope(await postEvent(a.keys.api), 401, "unauthorized");
      expectEnvelope(await postEvent(a.keys.read), 401, "unauthorized");
      expectEnvelope(await api(a.keys.event).get("/webhook/all"), 401, "unauthorized");
      expectEnvelope(await api(b.keys.event).get(`/webhook/${hookB.id}`), 401, "unauthorized");
      expectEnvelope(await api(INTERNAL_TOKEN).get("/webhook/all"), 401, "unauthorized");
    });

    it.runIf(onPostgres)("stop opening once revoked with the CLI while the app runs", async () => {
      const token = await cliKey(storage, a.id, "api", "read");
      expect((await api(token).get("/webhook/all")).status).toBe(200);
      await admin(storage, ["key", "revoke", "--key", token]);
      expectEnvelope(await api(token).get("/webhook/all"), 401, "unauthorized");
    });
  });
});

describe("sign-in", () => {
  it("checks at most five of 50 parallel wrong passwords for one account, and answers 429 to the rest", async () => {
    // Each from its own address, so Better Auth's per-address limit (20 a minute) is not what stops them.
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        fetch(`${app.baseUrl}/api/auth/sign-in/email`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            origin: app.baseUrl,
            "x-forwarded-for": `198.51.100.${index + 1}`,
          },
          body: JSON.stringify({ email: "guessed@a.example.com", password: `wrong guess ${index}` }),
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    // Every answer other than 429 is a password that was checked (and found wrong: 401).
    const checked = statuses.filter((status) => status !== 429);
    expect(checked.length, statuses.join(" ")).toBeLessThanOrEqual(5);
    expect(checked.every((status) => status === 401)).toBe(true);
    // Every refusal tells the account's wait: a refused try that handed back another's reservation made
    // the count drop, and later ones read "1" (1 run in 4 on PostgreSQL).
    const waits = answers
      .filter((answer) => answer.status === 429)
      .map((answer) => answer.headers.get("retry-after"));
    expect(waits.length).toBeGreaterThanOrEqual(45);
    for (const wait of waits) expect(Number(wait)).toBeGreaterThan(25);
    // Before the fix each of the 50 was checked (scrypt): on two busy cores that takes long.
  }, 120_000);
});

describe("the rate limit", () => {
  it("answers a burst over API_RATE_LIMIT with 429, Retry-After and the envelope", async () => {
    const client = apiClient(limited.baseUrl, limitedKey);
    const burst = await Promise.all(Array.from({ length: RATE_LIMIT * 4 }, () => client.get("/webhook/all")));
    const statuses = burst.map((response) => response.status);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(RATE_LIMIT);
    const refused = burst.filter((response) => response.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    for (const response of refused) {
      expectEnvelope(response, 429, "rate_limited");
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    }
    // Each key has its own bucket: the instance token still works for the default workspace.
    const instance = await apiClient(limited.baseUrl, API_TOKEN).get("/webhook/all");
    expect(instance.status).toBe(200);
    expect(instance.body).toEqual({ ids: [] });
  });
});
