import { randomBytes } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_WORKSPACE_ID, deliveries, deliveryAttempts, webhooks } from "@/db/schema";
import { getElement } from "@/lib/elements";
import { createKey } from "@/lib/keys/keys";
import { type AppStorage, createAppStorage, type RunningApp, startApp } from "../helpers/app-process.mjs";
import { type Receiver, startReceiver } from "../helpers/receiver";
import { apiClient } from "./client";
import {
  dispatchClient,
  dispatchEnv,
  openStorage,
  type StoredWebhook,
  verifySignature,
} from "./dispatch-fixture";

// Header values and signing secrets are encrypted in the database and decrypted for the API and for
// sending. The app runs without ENCRYPTION_KEY, so it generates its key into the data folder; a webhook
// written as plaintext (as before encryption) waits in the database before it starts. The tests run in
// order; the last ones stop the app and read the rows directly.

const AUTHORIZATION = "Bearer sk_live_encryption_test_7f3a9c21";
const TENANT = "tenant-secret-5521";
const LEGACY_AUTHORIZATION = "Bearer legacy-plaintext-credential-0042";
const LEGACY_SECRET = "whsec_bGVnYWN5LXNpZ25pbmctc2VjcmV0LWZvci10ZXN0cw==";
// Credentials in payload URLs are secrets too: query values here (userinfo, sent as Basic auth, is masked
// the same way: tests/unit/dispatch-mask.test.ts).
const URL_PASSWORD = "url-pass-8841";
const URL_TOKEN = "url-tok-9931";
const LEGACY_URL_TOKEN = "legacy-url-tok-1206";
const answer = getElement("rsvp_answer")?.sample as Record<string, unknown>;

type Webhook = StoredWebhook & { header: { key: string; value: string }[] };

let storage: AppStorage;
let app: RunningApp;
let receiver: Receiver;
let legacyId: string;
let keyToken: string;
let readKeyToken: string;
// What the API answered, to look for in the database afterwards.
let created: Webhook;
let rotated: Webhook;

beforeAll(async () => {
  storage = await createAppStorage();
  receiver = await startReceiver();
  const connection = await openStorage(storage);
  try {
    const [legacy] = await connection.db
      .insert(webhooks)
      .values({
        workspace_id: DEFAULT_WORKSPACE_ID,
        name: "Stored before encryption",
        method: "POST",
        payload_url: `${receiver.url}/legacy?token=${LEGACY_URL_TOKEN}`,
        trigger: "create",
        trigger_element: "rsvp_answer",
        prokey_filter: "00000000-0000-4000-8000-00000000aaaa",
        content_type: "application/json",
        header: [{ key: "Authorization", value: LEGACY_AUTHORIZATION }],
        secret: LEGACY_SECRET,
      })
      .returning({ id: webhooks.id });
    if (!legacy) throw new Error("insert failed");
    legacyId = legacy.id;
    ({ token: keyToken } = await createKey(connection.db, {
      workspaceId: DEFAULT_WORKSPACE_ID,
      name: "encryption test",
      kind: "api",
      scope: "read_write",
    }));
    ({ token: readKeyToken } = await createKey(connection.db, {
      workspaceId: DEFAULT_WORKSPACE_ID,
      name: "dashboard",
      kind: "api",
      scope: "read",
    }));
  } finally {
    await connection.close();
  }
  app = await startApp({ storage, env: dispatchEnv() });
});

afterAll(async () => {
  await app?.stop();
  await receiver?.close();
  await storage?.remove();
});

describe("secrets through the API", () => {
  it("returns the decrypted secret and header values to a read_write key", async () => {
    const api = apiClient(app.baseUrl, keyToken);
    const response = await api.post<Webhook>("/webhook", {
      name: "Encrypted",
      payload_url: `${receiver.url}/hook?token=${URL_TOKEN}&sig=${URL_PASSWORD}`,
      trigger_element: "rsvp_answer",
      trigger: "create",
      prokey_filter: "00000000-0000-4000-8000-00000000bbbb",
      header: [
        { key: "Authorization", value: AUTHORIZATION },
        { key: "X-Tenant", value: TENANT },
      ],
    });
    expect(response.status, response.text).toBe(201);
    created = response.body;
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const expectedHeader = [
      { key: "Authorization", value: AUTHORIZATION },
      { key: "X-Tenant", value: TENANT },
    ];
    expect(created.header).toEqual(expectedHeader);
    expect(created.payload_url).toContain(URL_PASSWORD);

    const read = await api.get<Webhook>(`/webhook/${created.id}`);
    expect(read.status).toBe(200);
    expect(read.body.secret).toBe(created.secret);
    expect(read.body.header).toEqual(expectedHeader);
    const latest = await api.get<Webhook>("/webhook/latest");
    expect(latest.body.header).toEqual(expectedHeader);

    const rotation = await api.post<Webhook>(`/webhook/${created.id}/rotate-secret`, {});
    expect(rotation.status, rotation.text).toBe(200);
    rotated = rotation.body;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    expect((await api.get<Webhook>(`/webhook/${created.id}`)).body.secret).toBe(rotated.secret);
  });

  it("masks the secret and header values for a read-only key, as for a viewer", async () => {
    const api = apiClient(app.baseUrl, readKeyToken);
    const masked = {
      secret: "whsec_••••••••",
      header: [
        { key: "Authorization", value: "••••••••" },
        { key: "X-Tenant", value: "••••••••" },
      ],
    };
    const read = await api.get<Webhook>(`/webhook/${created.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      ...masked,
      name: "Encrypted",
      payload_url: `${receiver.url}/hook?token=••••&sig=••••`,
    });
    const latest = await api.get<Webhook>("/webhook/latest");
    expect(latest.body).toMatchObject(masked);
    for (const response of [read, latest]) {
      expect(response.text).not.toContain(AUTHORIZATION);
      expect(response.text).not.toContain(TENANT);
      expect(response.text).not.toContain(created.secret);
      expect(response.text).not.toContain(URL_PASSWORD);
      expect(response.text).not.toContain(URL_TOKEN);
    }
    // The masked copy can never be written back: a read key cannot write at all.
    const patch = await api.patch(`/webhook/${created.id}`, { payload_url: read.body.payload_url });
    expect(patch.status).toBe(403);
  });

  it("reads a webhook stored as plaintext before encryption as it was", async () => {
    const read = await apiClient(app.baseUrl, keyToken).get<Webhook>(`/webhook/${legacyId}`);
    expect(read.status, read.text).toBe(200);
    expect(read.body.secret).toBe(LEGACY_SECRET);
    expect(read.body.header).toEqual([{ key: "Authorization", value: LEGACY_AUTHORIZATION }]);
  });

  it("sends the header values in clear, signed with the current and the previous secret", async () => {
    const client = dispatchClient(app.baseUrl);
    await client.sendEvent({
      trigger_element: "rsvp_answer",
      trigger: "create",
      data: answer,
      prokey: "00000000-0000-4000-8000-00000000bbbb",
    });
    await client.sendEvent({
      trigger_element: "rsvp_answer",
      trigger: "create",
      data: answer,
      prokey: "00000000-0000-4000-8000-00000000aaaa",
    });
    const requests = await receiver.waitForRequests(2);
    const sent = requests.find((request) => request.url === `/hook?token=${URL_TOKEN}&sig=${URL_PASSWORD}`);
    const legacy = requests.find((request) => request.url === `/legacy?token=${LEGACY_URL_TOKEN}`);
    if (!sent || !legacy) throw new Error(`unexpected requests: ${requests.map((r) => r.url)}`);
    expect(sent.headers.authorization).toBe(AUTHORIZATION);
    expect(sent.headers["x-tenant"]).toBe(TENANT);
    expect(() => verifySignature(rotated.secret, sent)).not.toThrow();
    expect(() => verifySignature(created.secret, sent)).not.toThrow();
    expect(legacy.headers.authorization).toBe(LEGACY_AUTHORIZATION);
    expect(() => verifySignature(LEGACY_SECRET, legacy)).not.toThrow();
  });
});

describe("the database", () => {
  it("holds no plaintext of header values or signing secrets, and the log masks them", async () => {
    // The log rows are written just after the deliveries arrive.
    await app.stop();
    const connection = await openStorage(storage);
    try {
      const rows = await connection.db.select().from(webhooks);
      expect(rows).toHaveLength(2);
      const deliveryRows = await connection.db.select().from(deliveries);
      const attempts = await connection.db.select().from(deliveryAttempts);
      expect(deliveryRows).toHaveLength(2);
      expect(attempts).toHaveLength(2);
      const everything = JSON.stringify({ rows, deliveryRows, attempts });
      const plaintexts = [
        AUTHORIZATION,
        "sk_live_encryption_test",
        TENANT,
        LEGACY_AUTHORIZATION,
        "legacy-plaintext-credential",
        LEGACY_SECRET,
        created.secret,
        rotated.secret,
        URL_PASSWORD,
        URL_TOKEN,
        LEGACY_URL_TOKEN,
      ];
      for (const plaintext of plaintexts) {
        expect(everything).not.toContain(plaintext);
        expect(everything).not.toContain(plaintext.replace(/^whsec_/, ""));
      }
      for (const row of rows) {
        expect(row.secret).toMatch(/^enc:v1:/);
        expect(row.payload_url).toMatch(/^enc:v1:/);
        for (const entry of row.header) expect(entry.value).toMatch(/^enc:v1:/);
      }
      const current = rows.find((row) => row.id === created.id);
      expect(current?.previous_secret).toMatch(/^enc:v1:/);
      // A delivery that succeeded keeps no request (one that will be retried keeps it, its header values and
      // URL encrypted: tests/db/dispatch-attempt.test.ts); the log keeps a masked hint.
      const delivery = deliveryRows.find((row) => row.webhook_id === created.id);
      expect(delivery?.status).toBe("succeeded");
      expect(delivery?.request).toBeNull();
      const attempt = attempts.find((row) => row.delivery_id === delivery?.id);
      const logged = Object.fromEntries(attempt?.request.headers ?? []);
      expect(logged.Authorization).toMatch(/^Bearer ••••/);
      expect(logged["X-Tenant"]).toMatch(/^••••/);
      expect(attempt?.request.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hook\?token=••••&sig=••••$/);

      const [legacy] = await connection.db.select().from(webhooks).where(eq(webhooks.id, legacyId));
      expect(legacy?.secret).toMatch(/^enc:v1:/);
    } finally {
      await connection.close();
    }
  });

  it("keeps the generated key in the data folder, readable by its owner only", async () => {
    const file = path.join(storage.dataDir, "encryption-key");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    // Its path is logged, never the key.
    expect(app.output()).not.toContain((await readFile(file, "utf8")).trim());
  });

  it("refuses to start with a key that cannot read the stored secrets", async () => {
    const otherKey = randomBytes(32).toString("base64");
    let failure = "";
    try {
      const wrong = await startApp({ storage, env: dispatchEnv({ ENCRYPTION_KEY: otherKey }) });
      await wrong.stop();
    } catch (error) {
      failure = String(error);
    }
    expect(failure).toMatch(/cannot read the secrets stored in the database/);
    expect(failure).not.toContain(otherKey);
  });

  it("refuses to start with an ENCRYPTION_KEY that is not 32 bytes, saying what it must be", async () => {
    let failure = "";
    try {
      const wrong = await startApp({ storage, env: dispatchEnv({ ENCRYPTION_KEY: "not-a-key-at-all" }) });
      await wrong.stop();
    } catch (error) {
      failure = String(error);
    }
    expect(failure).toMatch(/ENCRYPTION_KEY must be 32 bytes written as base64/);
    expect(failure).not.toContain("not-a-key-at-all");
  });
});
