import { and, eq, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/db";
import {
  auditLog,
  DEFAULT_WORKSPACE_ID,
  inboxRequests,
  requestInboxes,
  webhooks,
  workspaces,
} from "@/db/schema";
import type { WorkspaceContext } from "@/lib/context";
import { encryptSecret } from "@/lib/crypto/webhook-secrets";
import {
  createInbox,
  deleteInbox,
  dropExpiredInboxes,
  getInbox,
  INBOX_LIFETIME_MS,
  type InboxResult,
  type InboxView,
  listInboxes,
  rotateInboxToken,
  updateInbox,
} from "@/lib/inbox/inboxes";
import {
  type IncomingRequest,
  KEPT_REQUESTS,
  listInboxRequests,
  liveInboxId,
  recordInboxRequest,
} from "@/lib/inbox/requests";
import { MAX_INBOXES_PER_WORKSPACE } from "@/lib/inbox/schema";
import { verifyInboxRequest } from "@/lib/inbox/verify";
import { issueMessage } from "@/lib/validation/issues";
import { generateSigningSecret } from "@/lib/webhooks/secret";
import { databaseBackends } from "../helpers/database-backends";

// Request inboxes on embedded PGlite and, when DATABASE_URL is set, on PostgreSQL.

const here: WorkspaceContext = {
  workspaceId: DEFAULT_WORKSPACE_ID,
  actor: { kind: "token", id: null, label: "API_TOKEN" },
};

const incoming = (overrides: Partial<IncomingRequest> = {}): IncomingRequest => ({
  method: "POST",
  path: "",
  query: "",
  headers: [["content-type", "application/json"]],
  body: Buffer.from('{"ok":true}'),
  sourceAddress: "127.0.0.1",
  ...overrides,
});

const created = (result: InboxResult): InboxView => {
  if (!result.ok) throw new Error(`expected an inbox, got ${JSON.stringify(result)}`);
  return result.inbox;
};

describe.each(databaseBackends())("request inboxes on $name", (backend) => {
  let connection: Connection;
  let cleanup: () => Promise<void>;
  let there: WorkspaceContext;

  beforeAll(async () => {
    ({ connection, cleanup } = await backend.open());
    const [other] = await connection.db.insert(workspaces).values({ name: "Team B" }).returning();
    there = { workspaceId: other?.id ?? "", actor: { kind: "token", id: null, label: "B" } };
  });
  afterAll(async () => {
    await cleanup?.();
  });

  it("creates an inbox with an unguessable token, 7 days to live, and an audit entry", async () => {
    const before = Date.now();
    const inbox = created(await createInbox(connection.db, here, { name: "  Try-out  " }));
    expect(inbox).toMatchObject({
      name: "Try-out",
      pinned: false,
      response_status: 200,
      response_retry_after: null,
      response_delay_ms: 0,
      created_by: null,
    });
    expect(inbox.token).toMatch(/^hks_inb_[A-Za-z0-9_-]{43}$/);
    expect(inbox.path).toBe(`/api/inbox/${inbox.token}`);
    const lifetime = (inbox.expires_at?.getTime() ?? 0) - before;
    expect(Math.abs(lifetime - INBOX_LIFETIME_MS)).toBeLessThan(60_000);
    // Neither the hash nor the stored form is the token.
    const [row] = await connection.db.select().from(requestInboxes).where(eq(requestInboxes.id, inbox.id));
    expect(row?.token_encrypted).toMatch(/^enc:v1:/);
    expect(JSON.stringify(row)).not.toContain(inbox.token.slice(8));
    const entries = await connection.db
      .select({ action: auditLog.action, target: auditLog.target_id })
      .from(auditLog)
      .where(eq(auditLog.target_id, inbox.id));
    expect(entries).toEqual([{ action: "inbox.create", target: inbox.id }]);
  });

  it("refuses what is not an inbox with message keys and values, not sentences", async () => {
    const result = await createInbox(connection.db, here, {
      name: "",
      response_status: 700,
      response_delay_ms: 60_000,
      color: "red",
    });
    expect(result).toEqual({
      ok: false,
      error: "validation_failed",
      issues: expect.arrayContaining([
        { path: "name", message: issueMessage("nameRequired") },
        { path: "response_status", message: issueMessage("inboxStatus", { min: 200, max: 599 }) },
        { path: "response_delay_ms", message: issueMessage("inboxDelay", { max: 30_000 }) },
        { path: "", message: issueMessage("unknownFields", { fields: "color" }) },
      ]),
    });
  });

  it("shows an inbox to its own workspace only", async () => {
    const mine = created(await createInbox(connection.db, here, { name: "Mine" }));
    const theirs = created(await createInbox(connection.db, there, { name: "Theirs" }));
    const listed = await listInboxes(connection.db, here.workspaceId);
    expect(listed.map((inbox) => inbox.id)).toContain(mine.id);
    expect(listed.map((inbox) => inbox.id)).not.toContain(theirs.id);
    expect(listed[0]?.id).toBe(mine.id);
    expect(await getInbox(connection.db, here.workspaceId, theirs.id)).toBeNull();
    expect(await getInbox(connection.db, here.workspaceId, "not-a-uuid")).toBeNull();
    expect(await listInboxRequests(connection.db, here.workspaceId, theirs.id)).toBeNull();
    expect(await updateInbox(connection.db, here, theirs.id, { name: "Taken" })).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await rotateInboxToken(connection.db, here, theirs.id)).toBeNull();
    expect(await deleteInbox(connection.db, here, theirs.id)).toBe(false);
    expect((await getInbox(connection.db, there.workspaceId, theirs.id))?.name).toBe("Theirs");
  });

  it("stores a request as received, its header values and query encrypted, its body byte for byte", async () => {
    const inbox = created(
      await createInbox(connection.db, here, {
        name: "Store",
        response_status: 429,
        response_retry_after: 30,
      }),
    );
    const body = Buffer.from([0x7b, 0xff, 0x00, 0xfe, 0x7d]);
    const answer = await recordInboxRequest(
      connection.db,
      inbox.token,
      incoming({
        method: "PUT",
        path: "/hooks/a",
        query: "token=s3cret&x=1",
        headers: [
          ["authorization", "Bearer s3cret"],
          ["x-custom", "one"],
        ],
        body,
        sourceAddress: "203.0.113.9",
      }),
    );
    expect(answer).toEqual({ inboxId: inbox.id, status: 429, retryAfter: 30, delayMs: 0 });
    const page = await listInboxRequests(connection.db, here.workspaceId, inbox.id);
    expect(page?.requests).toHaveLength(1);
    expect(page?.requests[0]).toMatchObject({
      method: "PUT",
      path: "/hooks/a",
      query: "token=s3cret&x=1",
      headers: [
        ["authorization", "Bearer s3cret"],
        ["x-custom", "one"],
      ],
      source_address: "203.0.113.9",
    });
    expect(page?.requests[0]?.body.equals(body)).toBe(true);
    const [raw] = await connection.db
      .select()
      .from(inboxRequests)
      .where(eq(inboxRequests.inbox_id, inbox.id));
    expect(JSON.stringify([raw?.headers, raw?.query])).not.toContain("s3cret");
  });

  it("stores nothing for an unknown, malformed or expired token", async () => {
    expect(await recordInboxRequest(connection.db, `hks_inb_${"A".repeat(43)}`, incoming())).toBeNull();
    expect(await recordInboxRequest(connection.db, "../etc", incoming())).toBeNull();
    const inbox = created(await createInbox(connection.db, here, { name: "Expired" }));
    await connection.db
      .update(requestInboxes)
      .set({ expires_at: sql`now() - interval '1 second'` })
      .where(eq(requestInboxes.id, inbox.id));
    expect(await recordInboxRequest(connection.db, inbox.token, incoming())).toBeNull();
    expect(await getInbox(connection.db, here.workspaceId, inbox.id)).toBeNull();
  });

  it("keeps the newest 100 requests and pages them newest first by keyset", async () => {
    const inbox = created(await createInbox(connection.db, here, { name: "Busy" }));
    for (let n = 0; n < KEPT_REQUESTS + 5; n += 1) {
      await recordInboxRequest(connection.db, inbox.token, incoming({ path: `/${n}` }));
    }
    const [{ count } = { count: 0 }] = await connection.db
      .select({ count: sql<number>`count(*)::int` })
      .from(inboxRequests)
      .where(eq(inboxRequests.inbox_id, inbox.id));
    expect(count).toBe(KEPT_REQUESTS);

    const seen: string[] = [];
    let before: string | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const page = await listInboxRequests(connection.db, here.workspaceId, inbox.id, { before, limit: 30 });
      seen.push(...(page?.requests.map((request) => request.path) ?? []));
      before = page?.older ?? null;
      if (!before) break;
    }
    expect(seen).toEqual(Array.from({ length: KEPT_REQUESTS }, (_, i) => `/${KEPT_REQUESTS + 4 - i}`));
    // A request arriving between pages does not shift the next page.
    const first = await listInboxRequests(connection.db, here.workspaceId, inbox.id, { limit: 2 });
    await recordInboxRequest(connection.db, inbox.token, incoming({ path: "/late" }));
    const second = await listInboxRequests(connection.db, here.workspaceId, inbox.id, {
      before: first?.older,
      limit: 2,
    });
    expect(second?.requests.map((request) => request.path)).toEqual(["/102", "/101"]);
    // Polling: only what arrived after a request the reader has, newest first.
    const newest = first?.requests[0]?.id;
    await recordInboxRequest(connection.db, inbox.token, incoming({ path: "/later" }));
    const news = await listInboxRequests(connection.db, here.workspaceId, inbox.id, { after: newest });
    expect(news?.requests.map((request) => request.path)).toEqual(["/later", "/late"]);
  });

  it("renames, pins (no expiry), unpins (7 days from now) and changes the answer", async () => {
    const inbox = created(await createInbox(connection.db, here, { name: "Pin me" }));
    const pinned = created(
      await updateInbox(connection.db, here, inbox.id, { pinned: true, name: "Pinned" }),
    );
    expect(pinned).toMatchObject({ name: "Pinned", pinned: true, expires_at: null });
    const changed = created(
      await updateInbox(connection.db, here, inbox.id, { response_status: 500, response_delay_ms: 1500 }),
    );
    expect(changed).toMatchObject({ pinned: true, response_status: 500, response_delay_ms: 1500 });
    const unpinned = created(await updateInbox(connection.db, here, inbox.id, { pinned: false }));
    expect(unpinned.pinned).toBe(false);
    expect((unpinned.expires_at?.getTime() ?? 0) - Date.now()).toBeGreaterThan(INBOX_LIFETIME_MS - 60_000);
    expect(await updateInbox(connection.db, here, inbox.id, { response_retry_after: -1 })).toMatchObject({
      ok: false,
      issues: [{ path: "response_retry_after", message: issueMessage("inboxRetryAfter", { max: 86_400 }) }],
    });
  });

  it("drops expired inboxes with their requests, never a pinned one", async () => {
    const old = created(await createInbox(connection.db, here, { name: "Old" }));
    const pinned = created(await createInbox(connection.db, here, { name: "Kept", pinned: true }));
    await recordInboxRequest(connection.db, old.token, incoming());
    await connection.db
      .update(requestInboxes)
      .set({ expires_at: sql`now() - interval '1 minute'` })
      .where(eq(requestInboxes.id, old.id));
    expect(await dropExpiredInboxes(connection.db)).toBeGreaterThanOrEqual(1);
    expect(await connection.db.select().from(requestInboxes).where(eq(requestInboxes.id, old.id))).toEqual(
      [],
    );
    expect(
      await connection.db.select().from(inboxRequests).where(eq(inboxRequests.inbox_id, old.id)),
    ).toEqual([]);
    expect(await getInbox(connection.db, here.workspaceId, pinned.id)).not.toBeNull();
  });

  it("rotates the token: the old address stops at once, the new one stores", async () => {
    const inbox = created(await createInbox(connection.db, here, { name: "Rotate" }));
    const rotated = await rotateInboxToken(connection.db, here, inbox.id);
    expect(rotated?.token).not.toBe(inbox.token);
    expect(await recordInboxRequest(connection.db, inbox.token, incoming())).toBeNull();
    expect(await recordInboxRequest(connection.db, rotated?.token ?? "", incoming())).not.toBeNull();
  });

  it("deletes an inbox with its requests", async () => {
    const inbox = created(await createInbox(connection.db, here, { name: "Delete" }));
    await recordInboxRequest(connection.db, inbox.token, incoming());
    expect(await deleteInbox(connection.db, here, inbox.id)).toBe(true);
    expect(await deleteInbox(connection.db, here, inbox.id)).toBe(false);
    expect(
      await connection.db
        .select()
        .from(inboxRequests)
        .where(and(eq(inboxRequests.inbox_id, inbox.id))),
    ).toEqual([]);
  });

  it("checks a stored request's signature with the webhook's current and unexpired previous secret", async () => {
    const current = generateSigningSecret();
    const previous = generateSigningSecret();
    const [hook] = await connection.db
      .insert(webhooks)
      .values({
        workspace_id: here.workspaceId,
        name: "Signed",
        method: "POST",
        payload_url: encryptSecret("https://example.com/"),
        trigger: "create",
        trigger_element: "rsvp_answer",
        content_type: "application/json",
        secret: encryptSecret(current),
        previous_secret: encryptSecret(previous),
        previous_secret_expires_at: new Date(Date.now() + 60_000),
      })
      .returning();
    const webhookId = hook?.id ?? "";
    const inbox = created(await createInbox(connection.db, here, { name: "Verify" }));
    const body = '{"element_data":{"id":"a1"}}';
    const send = async (secret: string) => {
      const now = new Date();
      const headers: [string, string][] = [
        ["webhook-id", "msg_1"],
        ["webhook-timestamp", String(Math.floor(now.getTime() / 1000))],
        ["webhook-signature", new Webhook(secret).sign("msg_1", now, body)],
      ];
      await recordInboxRequest(connection.db, inbox.token, incoming({ headers, body: Buffer.from(body) }));
      const page = await listInboxRequests(connection.db, here.workspaceId, inbox.id, { limit: 1 });
      return page?.requests[0]?.id ?? "";
    };
    const verify = (requestId: string, id = webhookId, workspaceId = here.workspaceId) =>
      verifyInboxRequest(connection.db, workspaceId, { inboxId: inbox.id, requestId, webhookId: id });

    const byCurrent = await send(current);
    const byPrevious = await send(previous);
    expect(await verify(byCurrent)).toEqual({
      ok: true,
      content: "body",
      verdict: { result: "valid", secret: 0 },
    });
    expect(await verify(byPrevious)).toEqual({
      ok: true,
      content: "body",
      verdict: { result: "valid", secret: 1 },
    });
    // Once the previous secret has expired, a receiver no longer holds it.
    await connection.db
      .update(webhooks)
      .set({ previous_secret_expires_at: new Date(Date.now() - 1000) })
      .where(eq(webhooks.id, webhookId));
    expect(await verify(byPrevious)).toMatchObject({ ok: true, verdict: { result: "invalid" } });
    // Another workspace reaches neither the request nor the webhook.
    expect(await verify(byCurrent, webhookId, there.workspaceId)).toEqual({
      ok: false,
      error: "request_not_found",
    });
    const theirs = created(await createInbox(connection.db, there, { name: "B's" }));
    expect(theirs.id).not.toBe(inbox.id);
    expect(await verify(byCurrent, "00000000-0000-4000-8000-000000000000")).toEqual({
      ok: false,
      error: "webhook_not_found",
    });
  });

  it("refuses more than 20 live inboxes per workspace; another workspace and a freed place are not refused", async () => {
    const [team] = await connection.db.insert(workspaces).values({ name: "Team C" }).returning();
    const full: WorkspaceContext = {
      workspaceId: team?.id ?? "",
      actor: { kind: "token", id: null, label: "C" },
    };
    const ids: string[] = [];
    for (let index = 0; index < MAX_INBOXES_PER_WORKSPACE; index++) {
      ids.push(created(await createInbox(connection.db, full, { name: `Inbox ${index}` })).id);
    }
    expect(await createInbox(connection.db, full, { name: "One too many" })).toEqual({
      ok: false,
      error: "limit_reached",
      limit: MAX_INBOXES_PER_WORKSPACE,
    });
    expect((await listInboxes(connection.db, full.workspaceId)).length).toBe(MAX_INBOXES_PER_WORKSPACE);
    // Two at once when one place is left: the workspace's row lock lets only one through.
    await deleteInbox(connection.db, full, ids[0] ?? "");
    const racing = await Promise.all([
      createInbox(connection.db, full, { name: "Racer 1" }),
      createInbox(connection.db, full, { name: "Racer 2" }),
    ]);
    expect(racing.filter((result) => result.ok)).toHaveLength(1);
    expect(racing.filter((result) => !result.ok && result.error === "limit_reached")).toHaveLength(1);
    // An expired inbox frees its place.
    await connection.db
      .update(requestInboxes)
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where(eq(requestInboxes.id, ids[1] ?? ""));
    created(await createInbox(connection.db, full, { name: "After expiry" }));
  });

  it("finds the live inbox of a token for the capture's rate limit, and none for an expired one", async () => {
    const inbox = created(await createInbox(connection.db, here, { name: "Limited" }));
    expect(await liveInboxId(connection.db, inbox.token)).toBe(inbox.id);
    expect(await liveInboxId(connection.db, "hks_inb_nope")).toBeNull();
    await connection.db
      .update(requestInboxes)
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where(eq(requestInboxes.id, inbox.id));
    expect(await liveInboxId(connection.db, inbox.token)).toBeNull();
  });

  it("judges a signature as at the request's arrival, and a GET by its exact query string", async () => {
    const secret = generateSigningSecret();
    const [hook] = await connection.db
      .insert(webhooks)
      .values({
        workspace_id: here.workspaceId,
        name: "Arrival",
        method: "GET",
        payload_url: encryptSecret("https://example.com/"),
        trigger: "create",
        trigger_element: "rsvp_answer",
        content_type: "application/json",
        secret: encryptSecret(secret),
      })
      .returning();
    const inbox = created(await createInbox(connection.db, here, { name: "Arrival" }));
    const query = "guest=J%C3%BCrgen&seats=2";
    const signedAt = new Date();
    const headers: [string, string][] = [
      ["webhook-id", "msg_get"],
      ["webhook-timestamp", String(Math.floor(signedAt.getTime() / 1000))],
      ["webhook-signature", new Webhook(secret).sign("msg_get", signedAt, query)],
    ];
    await recordInboxRequest(
      connection.db,
      inbox.token,
      incoming({ method: "GET", query, headers, body: Buffer.alloc(0) }),
    );
    const page = await listInboxRequests(connection.db, here.workspaceId, inbox.id, { limit: 1 });
    const ids = { inboxId: inbox.id, requestId: page?.requests[0]?.id ?? "", webhookId: hook?.id ?? "" };
    const later = new Date(Date.now() + 10 * 60 * 1000);
    expect(
      await verifyInboxRequest(connection.db, here.workspaceId, ids, {
        content: "auto",
        atArrival: true,
        now: later,
      }),
    ).toEqual({
      ok: true,
      content: "query",
      verdict: { result: "valid", secret: 0 },
    });
    // Judged now, 10 minutes on, a receiver would refuse the same request as stale.
    expect(
      await verifyInboxRequest(connection.db, here.workspaceId, ids, { content: "auto", now: later }),
    ).toMatchObject({
      ok: true,
      verdict: { result: "stale", direction: "too_old" },
    });
  });
});
