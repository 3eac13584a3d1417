import "server-only";
import { and, desc, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { type RequestInboxRow, requestInboxes, users, workspaces } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { WorkspaceContext } from "@/lib/context";
import { decryptSecret, encryptSecret } from "@/lib/crypto/webhook-secrets";
import { isUuid } from "@/lib/ids";
import { type FieldIssue, toFieldIssues } from "@/lib/validation/issues";
import {
  createInboxSchema,
  MAX_INBOXES_PER_WORKSPACE,
  type UpdateInboxInput,
  updateInboxSchema,
} from "./schema";
import { generateInboxToken, inboxPath } from "./token";

/** How long an inbox that is not pinned lives: from its creation, or from being unpinned. */
export const INBOX_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** An inbox as members (and keys) of its workspace see it: the token in the clear, nothing hashed. */
export type InboxView = {
  id: string;
  name: string;
  token: string;
  /** The address to send to, relative to the app's origin: `/api/inbox/{token}`. */
  path: string;
  created_by: string | null;
  created_at: Date;
  pinned: boolean;
  /** When it is deleted with its requests; null while pinned. */
  expires_at: Date | null;
  response_status: number;
  response_retry_after: number | null;
  response_delay_ms: number;
};

export type InboxResult =
  | { ok: true; inbox: InboxView }
  | { ok: false; error: "not_found" }
  | { ok: false; error: "limit_reached"; limit: number }
  | { ok: false; error: "validation_failed"; issues: FieldIssue[] };

export function toInboxView(row: RequestInboxRow): InboxView {
  const token = decryptSecret(row.token_encrypted);
  return {
    id: row.id,
    name: row.name,
    token,
    path: inboxPath(token),
    created_by: row.created_by,
    created_at: row.created_at,
    pinned: row.expires_at === null,
    expires_at: row.expires_at,
    response_status: row.response_status,
    response_retry_after: row.response_retry_after,
    response_delay_ms: row.response_delay_ms,
  };
}

/** An inbox that has not expired (pinned, or before its expiry). */
export const live = sql`(${requestInboxes.expires_at} is null or ${requestInboxes.expires_at} > now())`;
const expiryFrom = (pinned: boolean) =>
  pinned ? null : sql`now() + ${sql.raw(`interval '${INBOX_LIFETIME_MS / 1000} seconds'`)}`;

/** Creates an inbox with a fresh token; a user actor is recorded as its creator. */
export async function createInbox(db: Database, ctx: WorkspaceContext, input: unknown): Promise<InboxResult> {
  const parsed = createInboxSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "validation_failed", issues: toFieldIssues(parsed.error) };
  const { pinned, ...fields } = parsed.data;
  await dropExpiredInboxes(db);
  const { token, hash } = generateInboxToken();
  const row = await db.transaction(async (tx) => {
    // The workspace's row lock makes two creations at once count one after the other.
    await tx
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(eq(workspaces.id, ctx.workspaceId))
      .for("update");
    const [held] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(requestInboxes)
      .where(and(eq(requestInboxes.workspace_id, ctx.workspaceId), live));
    if ((held?.count ?? 0) >= MAX_INBOXES_PER_WORKSPACE) return null;
    const [created] = await tx
      .insert(requestInboxes)
      .values({
        ...fields,
        workspace_id: ctx.workspaceId,
        token_hash: hash,
        token_encrypted: encryptSecret(token),
        created_by: ctx.actor.kind === "user" ? ctx.actor.id : null,
        expires_at: expiryFrom(pinned),
      })
      .returning();
    if (!created) throw new Error("insert returned no inbox");
    await recordAudit(tx, ctx, { action: "inbox.create", target: { id: created.id, label: created.name } });
    return created;
  });
  if (!row) return { ok: false, error: "limit_reached", limit: MAX_INBOXES_PER_WORKSPACE };
  return { ok: true, inbox: toInboxView(row) };
}

/** The workspace's live inboxes, newest first. */
export async function listInboxes(db: Database, workspaceId: string): Promise<InboxView[]> {
  // Housekeeping where inboxes are looked at, so no separate job is needed for it.
  await dropExpiredInboxes(db);
  const rows = await db
    .select()
    .from(requestInboxes)
    .where(and(eq(requestInboxes.workspace_id, workspaceId), live))
    .orderBy(desc(requestInboxes.created_at), desc(requestInboxes.id));
  return rows.map(toInboxView);
}

/** One live inbox of the workspace; null for another workspace's, an expired one, or no inbox at all. */
export async function getInbox(db: Database, workspaceId: string, id: string): Promise<InboxView | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select()
    .from(requestInboxes)
    .where(and(eq(requestInboxes.workspace_id, workspaceId), eq(requestInboxes.id, id), live));
  return row ? toInboxView(row) : null;
}

/** Renames, pins or unpins (the 7 days start again), or changes what the inbox answers. */
export async function updateInbox(
  db: Database,
  ctx: WorkspaceContext,
  id: string,
  input: UpdateInboxInput | unknown,
): Promise<InboxResult> {
  const parsed = updateInboxSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "validation_failed", issues: toFieldIssues(parsed.error) };
  if (!isUuid(id)) return { ok: false, error: "not_found" };
  const { pinned, ...fields } = parsed.data;
  const row = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(requestInboxes)
      .set({
        ...fields,
        // Pinning clears the expiry; unpinning a pinned inbox gives it 7 days from now.
        ...(pinned === undefined
          ? {}
          : {
              expires_at: pinned ? null : sql`coalesce(${requestInboxes.expires_at}, ${expiryFrom(false)})`,
            }),
      })
      .where(and(eq(requestInboxes.workspace_id, ctx.workspaceId), eq(requestInboxes.id, id), live))
      .returning();
    if (!updated) return null;
    const changed = Object.keys(parsed.data).filter(
      (field) => parsed.data[field as keyof typeof parsed.data] !== undefined,
    );
    await recordAudit(tx, ctx, {
      action: "inbox.update",
      target: { id: updated.id, label: updated.name },
      details: { fields: changed },
    });
    return updated;
  });
  return row ? { ok: true, inbox: toInboxView(row) } : { ok: false, error: "not_found" };
}

/** A new token at once: the old address stops answering (404) with the same statement. */
export async function rotateInboxToken(
  db: Database,
  ctx: WorkspaceContext,
  id: string,
): Promise<InboxView | null> {
  if (!isUuid(id)) return null;
  const { token, hash } = generateInboxToken();
  const row = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(requestInboxes)
      .set({ token_hash: hash, token_encrypted: encryptSecret(token) })
      .where(and(eq(requestInboxes.workspace_id, ctx.workspaceId), eq(requestInboxes.id, id), live))
      .returning();
    if (!updated) return null;
    await recordAudit(tx, ctx, {
      action: "inbox.rotate_token",
      target: { id: updated.id, label: updated.name },
    });
    return updated;
  });
  return row ? toInboxView(row) : null;
}

/** Deletes an inbox with every request it holds; false when the workspace has no such inbox. */
export async function deleteInbox(db: Database, ctx: WorkspaceContext, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  return db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(requestInboxes)
      .where(and(eq(requestInboxes.workspace_id, ctx.workspaceId), eq(requestInboxes.id, id)))
      .returning({ id: requestInboxes.id, name: requestInboxes.name });
    if (!deleted) return false;
    await recordAudit(tx, ctx, { action: "inbox.delete", target: { id: deleted.id, label: deleted.name } });
    return true;
  });
}

/**
 * Deletes every inbox past its expiry, with its requests (the foreign key cascades); returns how many.
 * Expired inboxes are already invisible and refuse requests: this only frees their space, so when it
 * runs does not matter for what anyone sees.
 */
export async function dropExpiredInboxes(db: Database): Promise<number> {
  const dropped = await db
    .delete(requestInboxes)
    .where(and(isNotNull(requestInboxes.expires_at), lt(requestInboxes.expires_at, sql`now()`)))
    .returning({ id: requestInboxes.id });
  return dropped.length;
}

/** The email of each creator of `inboxes` (a deleted user, or a key, has none). */
export async function creatorEmails(
  db: Database,
  inboxes: readonly InboxView[],
): Promise<Map<string, string>> {
  const ids = [
    ...new Set(inboxes.map((inbox) => inbox.created_by).filter((id): id is string => id !== null)),
  ];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((row) => [row.id, row.email]));
}
