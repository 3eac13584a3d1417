import { readFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/db";
import { deliveries, deliveryAttempts, legacyDeliveryRequests, type StoredRequest } from "@/db/schema";
import { encryptLegacyDeliveryRequests, protectLegacyRequestUrls } from "@/lib/crypto/delivery-requests";
import { decryptValue, encryptValue, isEncrypted } from "@/lib/crypto/envelope";
import { encryptionKey } from "@/lib/crypto/key";
import { databaseBackends, type OpenDatabase } from "../helpers/database-backends";
import { insertDelivery, insertEvent, insertWebhook } from "../helpers/rows";

// Deliveries rendered by a version before encryption keep their request, header values in plaintext.
// Migration 0005 lists them; start-up encrypts them. The migration ran on the empty test database, so its
// listing statement runs again here, on rows written the way the old version wrote them.

const AUTHORIZATION = "Bearer sk_live_legacy_delivery_5521";
const listingStatement = readFileSync(
  path.join(import.meta.dirname, "../../db/migrations/0005_legacy_delivery_requests.sql"),
  "utf8",
)
  .split("--> statement-breakpoint")
  .at(-1) as string;

const request = (headers: [string, string][]): StoredRequest => ({
  method: "POST",
  url: "https://crm.example.com/hooks",
  headers,
  body: "{}",
});

describe.each(databaseBackends())("stored requests of old deliveries on $name", ({ open }) => {
  let database: OpenDatabase;
  let db: Connection["db"];
  const ids: Record<"legacy" | "current" | "plain" | "unsent", string> = {
    legacy: "",
    current: "",
    plain: "",
    unsent: "",
  };
  const requestOf = async (id: string) => {
    const [row] = await db
      .select({ request: deliveries.request })
      .from(deliveries)
      .where(eq(deliveries.id, id));
    return row?.request ?? null;
  };

  beforeAll(async () => {
    database = await open();
    db = database.connection.db;
    const webhook = await insertWebhook(db, { secret: encryptValue("whsec_dGVzdA==", encryptionKey()) });
    const eventId = await insertEvent(db);
    const delivery = (stored: StoredRequest | null) =>
      insertDelivery(db, { webhook_id: webhook.id, event_id: eventId, request: stored });
    const appHeaders: [string, string][] = [
      ["content-type", "application/json"],
      ["user-agent", "Hooksmith/0.1.0"],
    ];
    ids.legacy = await delivery(request([["Authorization", AUTHORIZATION], ...appHeaders]));
    ids.current = await delivery(
      request([["Authorization", encryptValue(AUTHORIZATION, encryptionKey())], ...appHeaders]),
    );
    ids.plain = await delivery(request(appHeaders));
    ids.unsent = await delivery(null);
    await db.execute(sql.raw(listingStatement));
  });
  afterAll(() => database?.cleanup());

  it("lists only the deliveries whose own header values are in plaintext", async () => {
    const listed = await db.select().from(legacyDeliveryRequests);
    expect(listed.map((row) => row.delivery_id)).toEqual([ids.legacy]);
  });

  it("encrypts them once, leaves the app's own headers readable, and empties the list", async () => {
    const before = await Promise.all([ids.current, ids.plain].map(requestOf));
    expect(await encryptLegacyDeliveryRequests(db, encryptionKey())).toBe(1);

    const legacy = await requestOf(ids.legacy);
    expect(JSON.stringify(legacy)).not.toContain("sk_live_legacy_delivery_5521");
    const [authorization, contentType, userAgent] = legacy?.headers ?? [];
    expect(authorization?.[0]).toBe("Authorization");
    expect(isEncrypted(authorization?.[1] ?? "")).toBe(true);
    expect(decryptValue(authorization?.[1] ?? "", encryptionKey())).toBe(AUTHORIZATION);
    expect(contentType).toEqual(["content-type", "application/json"]);
    expect(userAgent).toEqual(["user-agent", "Hooksmith/0.1.0"]);

    expect(await Promise.all([ids.current, ids.plain].map(requestOf))).toEqual(before);
    expect(await db.select().from(legacyDeliveryRequests)).toEqual([]);
    expect(await encryptLegacyDeliveryRequests(db, encryptionKey())).toBe(0);
    expect(await requestOf(ids.legacy)).toEqual(legacy);
  });

  it("encrypts the stored URL and masks the logged one of webhooks whose plaintext URL holds credentials", async () => {
    const url = "https://crm:legacy-pw@crm.example.com/hooks?token=legacy-tok";
    const webhook = await insertWebhook(db, {
      name: "Legacy URL",
      method: "GET",
      payload_url: url,
      body: [{ key: "mail", value: "{{email}}" }],
      secret: encryptValue("whsec_dGVzdA==", encryptionKey()),
    });
    const sent = `${url}&element_data=%7B%7D&mail=a%40b.de`;
    const deliveryId = await insertDelivery(db, {
      webhook_id: webhook.id,
      event_id: await insertEvent(db),
      request: { method: "GET", url: sent, headers: [], body: null },
    });

    await db.insert(deliveryAttempts).values({
      delivery_id: deliveryId,
      attempt: 1,
      started_at: new Date(),
      duration_ms: 3,
      request: { method: "GET", url: sent, headers: [], body: null },
    });
    const untouched = await requestOf(ids.plain);

    expect(await protectLegacyRequestUrls(db, encryptionKey())).toBe(2);
    const stored = await requestOf(deliveryId);
    expect(isEncrypted(stored?.url ?? "")).toBe(true);
    expect(decryptValue(stored?.url ?? "", encryptionKey())).toBe(sent);
    const [attempt] = await db
      .select()
      .from(deliveryAttempts)
      .where(eq(deliveryAttempts.delivery_id, deliveryId));
    expect(attempt?.request.url).toBe(
      "https://crm:••••@crm.example.com/hooks?token=••••&element_data=%7B%7D&mail=a%40b.de",
    );
    // Deliveries of webhooks without credentials in their URL stay as they are; a second run changes nothing.
    expect(await requestOf(ids.plain)).toEqual(untouched);
    expect(await protectLegacyRequestUrls(db, encryptionKey())).toBe(0);
  });
});
