import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_WORKSPACE_ID,
  deliveries,
  deliveryAttempts,
  events,
  requestInboxes,
  webhooks,
  workspaces,
} from "@/db/schema";
import type { WorkspaceContext } from "@/lib/context";
import { encryptSecret, encryptUrl } from "@/lib/crypto/webhook-secrets";
import { listDeliveries } from "@/lib/dispatch/log-queries";
import { resendDelivery } from "@/lib/dispatch/resend";
import { recentTestEvents, sendTest, sendUnsavedTest } from "@/lib/dispatch/test-send";
import { createInbox, type InboxView } from "@/lib/inbox/inboxes";
import { ownInboxRoute, ownInboxToken } from "@/lib/inbox/own-target";
import { generateSigningSecret } from "@/lib/webhooks/secret";
import { databaseBackends } from "../helpers/database-backends";
import { insertEvent, insertWebhook, useDatabase } from "../helpers/rows";

// Test sends and the own-inbox route on both databases. The app's origin is the default here
// (http://localhost:3000: no APP_URL, BETTER_AUTH_URL or PORT in the test environment).

const ORIGIN = "http://localhost:3000";
const here: WorkspaceContext = {
  workspaceId: DEFAULT_WORKSPACE_ID,
  actor: { kind: "token", id: null, label: "T" },
};

describe("ownInboxToken", () => {
  const token = `hks_inb_${"a".repeat(43)}`;
  it("reads the token of exactly an inbox address on the origin, query allowed", () => {
    expect(ownInboxToken(`${ORIGIN}/api/inbox/${token}`, ORIGIN)).toBe(token);
    expect(ownInboxToken(`${ORIGIN}/api/inbox/${token}?a=1`, ORIGIN)).toBe(token);
  });
  it("reads nothing from another origin, path, credentials or a malformed token", () => {
    for (const url of [
      `http://127.0.0.1:3000/api/inbox/${token}`,
      `http://localhost:3001/api/inbox/${token}`,
      `https://localhost:3000/api/inbox/${token}`,
      `${ORIGIN}/api/inbox/${token}/more`,
      `${ORIGIN}/api/v1/inbox/${token}`,
      `http://a:b@localhost:3000/api/inbox/${token}`,
      `${ORIGIN}/api/inbox/hks_inb_short`,
      "not a url",
    ]) {
      expect(ownInboxToken(url, ORIGIN), url).toBeNull();
    }
  });
});

describe.each(databaseBackends())("test sends on $name", ({ open }) => {
  const { db } = useDatabase(open);
  let there: WorkspaceContext;
  let mine: InboxView;
  let theirs: InboxView;

  beforeAll(async () => {
    const [other] = await db().insert(workspaces).values({ name: "Other team" }).returning();
    there = { workspaceId: other?.id ?? "", actor: { kind: "token", id: null, label: "B" } };
    const a = await createInbox(db(), here, { name: "Mine" });
    const b = await createInbox(db(), there, { name: "Theirs" });
    if (!a.ok || !b.ok) throw new Error("no inbox");
    mine = a.inbox;
    theirs = b.inbox;
  });

  it("routes only a live inbox of the sending workspace to the app's own listener", async () => {
    const route = await ownInboxRoute(db(), `${ORIGIN}${mine.path}?x=1`, {
      workspaceId: DEFAULT_WORKSPACE_ID,
    });
    expect(route?.toString()).toBe(`http://127.0.0.1:3000${mine.path}?x=1`);
    expect(
      await ownInboxRoute(db(), `${ORIGIN}${theirs.path}`, { workspaceId: DEFAULT_WORKSPACE_ID }),
    ).toBeNull();
    expect(
      await ownInboxRoute(db(), `${ORIGIN}${theirs.path}`, { workspaceId: there.workspaceId }),
    ).not.toBeNull();

    const webhook = await insertWebhook(db(), { payload_url: encryptUrl(`${ORIGIN}${mine.path}`) });
    expect(await ownInboxRoute(db(), `${ORIGIN}${mine.path}`, { webhookId: webhook.id })).not.toBeNull();
    expect(await ownInboxRoute(db(), `${ORIGIN}${theirs.path}`, { webhookId: webhook.id })).toBeNull();

    await db()
      .update(requestInboxes)
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where(eq(requestInboxes.id, mine.id));
    expect(
      await ownInboxRoute(db(), `${ORIGIN}${mine.path}`, { workspaceId: DEFAULT_WORKSPACE_ID }),
    ).toBeNull();
    await db().update(requestInboxes).set({ expires_at: null }).where(eq(requestInboxes.id, mine.id));
  });

  it("logs a failing test as a test delivery with one attempt, and leaves the webhook's health alone", async () => {
    // A loopback target without the opt-in: the guard refuses it, a failure like any other.
    const webhook = await insertWebhook(db(), {
      payload_url: encryptUrl("http://127.0.0.1:9/hook"),
      secret: encryptSecret(generateSigningSecret()),
    });
    const result = await sendTest(db(), DEFAULT_WORKSPACE_ID, webhook.id, {});
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.outcome).toMatchObject({ ok: false, status: null, error_kind: "blocked", event_id: null });
    const deliveryId = result.outcome.delivery_id ?? "";

    const [delivery] = await db().select().from(deliveries).where(eq(deliveries.id, deliveryId));
    expect(delivery).toMatchObject({ is_test: true, status: "failed", attempts: 1 });
    const attempts = await db()
      .select()
      .from(deliveryAttempts)
      .where(eq(deliveryAttempts.delivery_id, deliveryId));
    expect(attempts).toHaveLength(1);
    expect(attempts[0]?.error_kind).toBe("blocked");
    const [event] = await db()
      .select()
      .from(events)
      .where(eq(events.id, delivery?.event_id ?? ""));
    expect(event?.is_test).toBe(true);

    const [after] = await db().select().from(webhooks).where(eq(webhooks.id, webhook.id));
    expect(after).toMatchObject({
      active: true,
      failing_since: null,
      last_execution: null,
      disabled_reason: null,
    });
    // Never sent again, and filterable in the log.
    expect(await resendDelivery(db(), DEFAULT_WORKSPACE_ID, webhook.id, deliveryId)).toEqual({
      ok: false,
      error: "not_failed",
    });
    const tests = await listDeliveries(db(), DEFAULT_WORKSPACE_ID, webhook.id, { filter: "tests" });
    expect(tests.deliveries.map((row) => [row.id, row.is_test])).toEqual([[deliveryId, true]]);
    const real = await listDeliveries(db(), DEFAULT_WORKSPACE_ID, webhook.id, { filter: "real" });
    expect(real.deliveries).toEqual([]);
  });

  it("offers real events only to replay, and refuses another workspace's webhook", async () => {
    const realEvent = await insertEvent(db());
    const offered = await recentTestEvents(db(), DEFAULT_WORKSPACE_ID, "rsvp_answer", "create");
    expect(offered.map((event) => event.id)).toContain(realEvent);
    const testEvents = await db().select({ id: events.id }).from(events).where(eq(events.is_test, true));
    for (const { id } of testEvents) expect(offered.map((event) => event.id)).not.toContain(id);

    const webhook = await insertWebhook(db(), { secret: encryptSecret(generateSigningSecret()) });
    expect(await sendTest(db(), there.workspaceId, webhook.id, {})).toEqual({
      ok: false,
      error: "not_found",
    });
  });

  it("sends an unsaved form without logging it, signed with a one-time secret", async () => {
    const before = await db().select({ id: deliveries.id }).from(deliveries);
    const result = await sendUnsavedTest(
      db(),
      DEFAULT_WORKSPACE_ID,
      null,
      {
        name: "Draft",
        method: "POST",
        payload_url: "http://127.0.0.1:9/draft",
        trigger_element: "rsvp_answer",
        trigger: "create",
        content_type: "application/json",
      },
      {},
    );
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.outcome).toMatchObject({ delivery_id: null, error_kind: "blocked" });
    expect(result.outcome.signing_secret).toMatch(/^whsec_/);
    expect(await db().select({ id: deliveries.id }).from(deliveries)).toHaveLength(before.length);

    const invalid = await sendUnsavedTest(db(), DEFAULT_WORKSPACE_ID, null, { name: "" }, {});
    expect(invalid.ok).toBe(false);
  });
});
