import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Connection } from "@/db";
import { auditLog, DEFAULT_WORKSPACE_ID, webhooks, workspaces } from "@/db/schema";
import type { WorkspaceContext } from "@/lib/context";
import { decryptSecret } from "@/lib/crypto/webhook-secrets";
import {
  createWebhook,
  deleteWebhook,
  type MutationResult,
  rotateWebhookSecret,
  setWebhookActive,
  updateWebhook,
} from "@/lib/webhooks/mutations";
import {
  getLatestWebhook,
  getWebhook,
  listWebhookIds,
  listWebhookPage,
  listWebhooks,
} from "@/lib/webhooks/queries";
import type { Webhook } from "@/lib/webhooks/schemas";
import { isSigningSecret } from "@/lib/webhooks/secret";
import { databaseBackends } from "../helpers/database-backends";

// The default workspace, as the instance token acts in it.
const here: WorkspaceContext = {
  workspaceId: DEFAULT_WORKSPACE_ID,
  actor: { kind: "token", id: null, label: "API_TOKEN" },
};

const backends = databaseBackends();

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

const input = {
  name: "CRM sync",
  payload_url: "https://crm.example.com/hooks/rsvp",
  trigger_element: "rsvp_answer",
  trigger: "create",
};

// Webhooks are ordered by their creation time in milliseconds: a second one created in the same
// millisecond would have no defined order, so the test lets the clock move on first.
async function afterMillisecondOf(webhook: Webhook): Promise<void> {
  while (Date.now() <= Date.parse(webhook.date_created))
    await new Promise((resolve) => setImmediate(resolve));
}

function stored(result: MutationResult): Webhook {
  if (!result.ok) throw new Error(`expected a stored webhook, got ${JSON.stringify(result)}`);
  return result.webhook;
}

describe.each(backends)("webhook domain functions on $name", ({ open }) => {
  let connection: Connection;
  let cleanup: () => Promise<void>;
  const db = () => connection.db;

  beforeAll(async () => {
    ({ connection, cleanup } = await open());
  });
  afterAll(async () => {
    await cleanup?.();
  });
  beforeEach(async () => {
    await db().delete(webhooks);
  });

  it("creates a webhook with the defaults applied and reads it back", async () => {
    const webhook = stored(await createWebhook(db(), here, input));
    expect(webhook).toMatchObject({
      ...input,
      active: true,
      method: "POST",
      content_type: "application/json",
      prokey_filter: null,
      filters: {},
      header: [],
      body: [],
      date_updated: null,
      last_execution: null,
    });
    expect(webhook.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(webhook.date_created).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await getWebhook(db(), here.workspaceId, webhook.id)).toEqual(webhook);
  });

  it("stores headers, body rows and filters as sent, in order", async () => {
    const webhook = stored(
      await createWebhook(db(), here, {
        ...input,
        trigger_element: "attendee",
        filters: { ticket_type: "tt_sponsor", language: "de" },
        header: [
          { key: "Authorization", value: "Bearer abc" },
          { key: "X-Email", value: "{{email}}" },
        ],
        body: [
          { key: "b", value: "2" },
          { key: "a", value: "{{first_name}}" },
        ],
      }),
    );
    const read = await getWebhook(db(), here.workspaceId, webhook.id);
    expect(read?.filters).toEqual({ ticket_type: "tt_sponsor", language: "de" });
    expect(read?.header.map((row) => row.key)).toEqual(["Authorization", "X-Email"]);
    expect(read?.body).toEqual([
      { key: "b", value: "2" },
      { key: "a", value: "{{first_name}}" },
    ]);
  });

  it("rejects an invalid webhook and stores nothing", async () => {
    const result = await createWebhook(db(), here, { ...input, name: "", trigger: "explode" });
    expect(result).toMatchObject({ ok: false, error: "validation_failed" });
    expect(await listWebhooks(db(), here.workspaceId)).toEqual([]);
  });

  it("lists ids and webhooks newest first, and finds the latest", async () => {
    expect(await getLatestWebhook(db(), here.workspaceId)).toBeNull();
    expect(await listWebhookIds(db(), here.workspaceId)).toEqual([]);
    const first = stored(await createWebhook(db(), here, { ...input, name: "first" }));
    await afterMillisecondOf(first);
    const second = stored(await createWebhook(db(), here, { ...input, name: "second" }));
    expect(await listWebhookIds(db(), here.workspaceId)).toEqual([second.id, first.id]);
    expect((await listWebhooks(db(), here.workspaceId)).map((webhook) => webhook.name)).toEqual([
      "second",
      "first",
    ]);
    expect((await getLatestWebhook(db(), here.workspaceId))?.id).toBe(second.id);
  });

  it("pages the list newest first by cursor, and a cursor of another workspace gives an empty page", async () => {
    const made: Webhook[] = [];
    for (const name of ["one", "two", "three", "four", "five"]) {
      const webhook = stored(await createWebhook(db(), here, { ...input, name }));
      made.push(webhook);
      await afterMillisecondOf(webhook);
    }
    const names = (page: { rows: Webhook[] }) => page.rows.map((webhook) => webhook.name);
    const first = await listWebhookPage(db(), here.workspaceId, { limit: 2 });
    expect(names(first)).toEqual(["five", "four"]);
    expect(first.older).toBe(made[3]?.id);
    const second = await listWebhookPage(db(), here.workspaceId, { before: first.older, limit: 2 });
    expect(names(second)).toEqual(["three", "two"]);
    const last = await listWebhookPage(db(), here.workspaceId, { before: second.older, limit: 2 });
    expect(last).toMatchObject({ older: null });
    expect(names(last)).toEqual(["one"]);
    // Not a row id, or a row of another workspace: the first page, or none (never an error).
    expect(names(await listWebhookPage(db(), here.workspaceId, { before: "x'; drop", limit: 2 }))).toEqual([
      "five",
      "four",
    ]);
    const [other] = await db().insert(workspaces).values({ name: "Other team" }).returning();
    if (!other) throw new Error("no workspace");
    expect(await listWebhookPage(db(), other.id, { before: first.older, limit: 2 })).toEqual({
      rows: [],
      older: null,
    });
    await db().delete(workspaces).where(eq(workspaces.id, other.id));
  });

  it("updates only the fields a patch sends, and null clears optional fields", async () => {
    const webhook = stored(
      await createWebhook(db(), here, {
        ...input,
        prokey_filter: "b7e19d42-5c3a-4f8e-a6d1-92c0e4f7a358",
        header: [{ key: "X-Token", value: "secret" }],
        body: [{ key: "email", value: "{{email}}" }],
      }),
    );
    const renamed = stored(await updateWebhook(db(), here, webhook.id, { name: "Renamed" }));
    expect(renamed).toMatchObject({ ...webhook, name: "Renamed", date_updated: expect.any(String) });

    const cleared = stored(
      await updateWebhook(db(), here, webhook.id, { prokey_filter: null, header: null, body: null }),
    );
    expect(cleared).toMatchObject({ name: "Renamed", prokey_filter: null, header: [], body: [] });
    expect(await getWebhook(db(), here.workspaceId, webhook.id)).toEqual(cleared);
  });

  it("validates the merged webhook and keeps the stored one when a patch is rejected", async () => {
    const webhook = stored(
      await createWebhook(db(), here, { ...input, body: [{ key: "email", value: "{{email}}" }] }),
    );
    // `{{email}}` is not a variable of the delete trigger, which offers only `{{id}}`.
    const result = await updateWebhook(db(), here, webhook.id, { trigger: "delete" });
    expect(result).toMatchObject({ ok: false, error: "validation_failed" });
    if (!result.ok && result.error === "validation_failed") {
      expect(result.issues.map((issue) => issue.path)).toEqual(["body.0.value"]);
    }
    expect(await updateWebhook(db(), here, webhook.id, { name: null })).toMatchObject({
      ok: false,
      issues: [{ path: "name" }],
    });
    expect(await getWebhook(db(), here.workspaceId, webhook.id)).toEqual(webhook);
  });

  it("reports an unknown or malformed id as not found", async () => {
    for (const id of [UNKNOWN_ID, "not-a-uuid"]) {
      expect(await getWebhook(db(), here.workspaceId, id)).toBeNull();
      expect(await updateWebhook(db(), here, id, { name: "x" })).toEqual({
        ok: false,
        error: "not_found",
      });
      expect(await setWebhookActive(db(), here, id, false)).toBeNull();
      expect(await deleteWebhook(db(), here, id)).toBe(false);
    }
  });

  it("switches a webhook off and on", async () => {
    const webhook = stored(await createWebhook(db(), here, input));
    expect(await setWebhookActive(db(), here, webhook.id, false)).toMatchObject({ active: false });
    expect((await getWebhook(db(), here.workspaceId, webhook.id))?.active).toBe(false);
    expect(await setWebhookActive(db(), here, webhook.id, true)).toMatchObject({ active: true });
  });

  it("deletes a webhook once", async () => {
    const webhook = stored(await createWebhook(db(), here, input));
    expect(await deleteWebhook(db(), here, webhook.id)).toBe(true);
    expect(await getWebhook(db(), here.workspaceId, webhook.id)).toBeNull();
    expect(await deleteWebhook(db(), here, webhook.id)).toBe(false);
    expect(await listWebhookIds(db(), here.workspaceId)).toEqual([]);
  });

  it("gives every webhook its own signing secret, which a client cannot set", async () => {
    const first = stored(await createWebhook(db(), here, { ...input, secret: "whsec_chosen" }));
    const second = stored(await createWebhook(db(), here, input));
    expect(isSigningSecret(first.secret)).toBe(true);
    expect(first.secret).not.toBe(second.secret);
    expect(stored(await updateWebhook(db(), here, first.id, { secret: "whsec_x" })).secret).toBe(
      first.secret,
    );
  });

  it("rotates the secret and keeps the previous one signing for the overlap", async () => {
    const webhook = stored(await createWebhook(db(), here, input));
    const rotated = await rotateWebhookSecret(db(), here, webhook.id, 60_000);
    expect(rotated?.secret).not.toBe(webhook.secret);
    const [row] = await db().select().from(webhooks).where(eq(webhooks.id, webhook.id));
    // Stored encrypted (lib/crypto), like the current one.
    expect(decryptSecret(row?.previous_secret ?? "")).toBe(webhook.secret);
    expect(row?.previous_secret_expires_at?.getTime()).toBeGreaterThan(Date.now());
  });

  it("refuses payload URLs on loopback, private and metadata addresses, and names resolving there", async () => {
    for (const url of [
      "http://127.0.0.1:8080/x",
      "http://[::1]/x",
      "http://10.0.0.7/x",
      "http://169.254.169.254/",
      "http://localhost/x",
    ]) {
      const result = await createWebhook(db(), here, { ...input, payload_url: url });
      expect(result, url).toMatchObject({ ok: false, issues: [{ path: "payload_url" }] });
    }
    const webhook = stored(await createWebhook(db(), here, input));
    const moved = await updateWebhook(db(), here, webhook.id, { payload_url: "http://192.168.1.10/hook" });
    expect(moved).toMatchObject({ ok: false, issues: [{ path: "payload_url" }] });
    expect(await listWebhookIds(db(), here.workspaceId)).toEqual([webhook.id]);
  });

  it("keeps each workspace's webhooks to itself", async () => {
    const [other] = await db().insert(workspaces).values({ name: "Other team" }).returning();
    if (!other) throw new Error("no workspace");
    const there: WorkspaceContext = { workspaceId: other.id, actor: here.actor };
    const theirs = stored(await createWebhook(db(), there, { ...input, name: "theirs" }));
    const ours = stored(await createWebhook(db(), here, { ...input, name: "ours" }));

    expect(await listWebhookIds(db(), here.workspaceId)).toEqual([ours.id]);
    expect(await getLatestWebhook(db(), here.workspaceId)).toMatchObject({ id: ours.id });
    // Another workspace's webhook does not exist here: not readable, changeable or deletable.
    expect(await getWebhook(db(), here.workspaceId, theirs.id)).toBeNull();
    expect(await updateWebhook(db(), here, theirs.id, { name: "taken" })).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await setWebhookActive(db(), here, theirs.id, false)).toBeNull();
    expect(await rotateWebhookSecret(db(), here, theirs.id, 1000)).toBeNull();
    expect(await deleteWebhook(db(), here, theirs.id)).toBe(false);
    expect(await getWebhook(db(), there.workspaceId, theirs.id)).toEqual(theirs);
    await db().delete(workspaces).where(eq(workspaces.id, other.id));
  });

  it("records who created, changed, toggled, rotated and deleted a webhook, and which fields changed", async () => {
    await db().delete(auditLog);
    const webhook = stored(await createWebhook(db(), here, input));
    await updateWebhook(db(), here, webhook.id, {
      name: "Renamed",
      header: [{ key: "X-Key", value: "s3cret" }],
    });
    await setWebhookActive(db(), here, webhook.id, false);
    await rotateWebhookSecret(db(), here, webhook.id, 1000);
    await deleteWebhook(db(), here, webhook.id);
    const entries = await db().select().from(auditLog).orderBy(auditLog.at);
    expect(entries.map((entry) => [entry.action, entry.target_id, entry.actor_label])).toEqual([
      ["webhook.create", webhook.id, "API_TOKEN"],
      ["webhook.update", webhook.id, "API_TOKEN"],
      ["webhook.toggle", webhook.id, "API_TOKEN"],
      ["webhook.rotate_secret", webhook.id, "API_TOKEN"],
      ["webhook.delete", webhook.id, "API_TOKEN"],
    ]);
    expect(entries[1]?.details).toEqual({ fields: ["name", "header"] });
    expect(entries[2]?.details).toEqual({ active: false });
    // Field names only: a header value can be a credential.
    expect(JSON.stringify(entries)).not.toContain("s3cret");
  });
});
