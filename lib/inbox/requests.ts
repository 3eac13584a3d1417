import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { type InboxRequestRow, inboxRequests, requestInboxes } from "@/db/schema";
import { decryptSecret, encryptSecret } from "@/lib/crypto/webhook-secrets";
import { isUuid } from "@/lib/ids";
import { keysetPage, newerThan, newestFirst, olderThan } from "@/lib/keyset";
import { hashInboxToken, isInboxToken } from "./token";

/** An inbox keeps this many requests, its newest. */
export const KEPT_REQUESTS = 100;
/** The largest body an inbox stores; a larger request is refused whole (413) and nothing is kept. */
export const MAX_INBOX_BODY_BYTES = 1024 * 1024;
export const REQUESTS_PAGE_SIZE = 50;

export type IncomingRequest = {
  method: string;
  path: string;
  /** The query string as received, without "?"; "" for none. */
  query: string;
  headers: readonly [string, string][];
  body: Buffer;
  sourceAddress: string | null;
};

/** How the inbox answers what it stored. */
export type InboxAnswer = {
  inboxId: string;
  status: number;
  retryAfter: number | null;
  delayMs: number;
};

export type InboxRequestView = {
  id: string;
  inbox_id: string;
  received_at: Date;
  method: string;
  path: string;
  query: string;
  headers: [string, string][];
  /** The body as bytes; the API sends it as UTF-8 text where it is, else as base64. */
  body: Buffer;
  source_address: string | null;
};

export type InboxRequestPage = {
  requests: InboxRequestView[];
  /** The cursor for the next, older page (the last request's id), or null when there is none. */
  older: string | null;
};

/** Requests per second one inbox takes (a bucket of lib/api/rate-limit.ts per inbox); beyond: 429. */
export const INBOX_CAPTURE_RATE = 10;

/** The id of the live inbox behind `token`, or null: what the capture route rate-limits by. */
export async function liveInboxId(db: Database, token: string): Promise<string | null> {
  if (!isInboxToken(token)) return null;
  const [inbox] = await db
    .select({ id: requestInboxes.id })
    .from(requestInboxes)
    .where(
      and(
        eq(requestInboxes.token_hash, hashInboxToken(token)),
        sql`(${requestInboxes.expires_at} is null or ${requestInboxes.expires_at} > now())`,
      ),
    );
  return inbox?.id ?? null;
}

/**
 * Stores a request for the inbox behind `token` and keeps its newest KEPT_REQUESTS, in one transaction;
 * null (and nothing stored) when no live inbox has this token: a rotated token stops here at once.
 * Header values and the query string may hold credentials a sender was given: they are kept encrypted.
 */
export async function recordInboxRequest(
  db: Database,
  token: string,
  request: IncomingRequest,
): Promise<InboxAnswer | null> {
  if (!isInboxToken(token)) return null;
  return db.transaction(async (tx) => {
    const [inbox] = await tx
      .select({
        id: requestInboxes.id,
        status: requestInboxes.response_status,
        retryAfter: requestInboxes.response_retry_after,
        delayMs: requestInboxes.response_delay_ms,
      })
      .from(requestInboxes)
      .where(
        and(
          eq(requestInboxes.token_hash, hashInboxToken(token)),
          sql`(${requestInboxes.expires_at} is null or ${requestInboxes.expires_at} > now())`,
        ),
      );
    if (!inbox) return null;
    await tx.insert(inboxRequests).values({
      inbox_id: inbox.id,
      method: request.method,
      path: request.path,
      query: request.query === "" ? "" : encryptSecret(request.query),
      headers: request.headers.map(([name, value]): [string, string] => [name, encryptSecret(value)]),
      // As base64 decoded by the database: PGlite turns a bytea parameter into hex in JavaScript, ~1 s
      // for 1 MiB on a busy machine, where this costs ~30 ms (PostgreSQL is fast either way).
      body: sql`decode(${request.body.toString("base64")}, 'base64')`,
      source_address: request.sourceAddress,
    });
    // The index on (inbox_id, received_at, id) serves both the offset scan and the delete.
    await tx.execute(sql`
      delete from ${inboxRequests}
      where ${inboxRequests.inbox_id} = ${inbox.id}
        and (${inboxRequests.received_at}, ${inboxRequests.id}) < (
          select r.received_at, r.id from ${inboxRequests} r
          where r.inbox_id = ${inbox.id}
          order by r.received_at desc, r.id desc
          offset ${KEPT_REQUESTS - 1} limit 1
        )`);
    return { inboxId: inbox.id, status: inbox.status, retryAfter: inbox.retryAfter, delayMs: inbox.delayMs };
  });
}

// The body read back as base64, for the same reason as it is written so.
const requestColumns = {
  id: inboxRequests.id,
  inbox_id: inboxRequests.inbox_id,
  received_at: inboxRequests.received_at,
  method: inboxRequests.method,
  path: inboxRequests.path,
  query: inboxRequests.query,
  headers: inboxRequests.headers,
  body: sql<string>`encode(${inboxRequests.body}, 'base64')`.as("body"),
  source_address: inboxRequests.source_address,
};
type StoredRow = Omit<InboxRequestRow, "body"> & { body: string };

function toRequestView(row: StoredRow): InboxRequestView {
  return {
    id: row.id,
    inbox_id: row.inbox_id,
    received_at: row.received_at,
    method: row.method,
    path: row.path,
    query: row.query === "" ? "" : decryptSecret(row.query),
    headers: row.headers.map(([name, value]): [string, string] => [name, decryptSecret(value)]),
    body: Buffer.from(row.body, "base64"),
    source_address: row.source_address,
  };
}

// Only requests of a live inbox of the workspace: another workspace's inbox reads as no inbox at all.
const ofWorkspaceInbox = (workspaceId: string, inboxId: string) =>
  sql`exists (select 1 from ${requestInboxes} i where i.id = ${inboxId} and i.workspace_id = ${workspaceId}
    and (i.expires_at is null or i.expires_at > now()))`;

/**
 * One page of an inbox's requests, newest first. The cursor is a request id: the page holds the requests
 * older than it, compared on (received_at, id), so requests of the same microsecond keep one order and a
 * request arriving meanwhile does not shift the pages. `after` keeps only requests newer than that one (a
 * cursor that is no longer stored gives an empty page: the reader starts over). Null when the workspace
 * has no such inbox.
 */
export async function listInboxRequests(
  db: Database,
  workspaceId: string,
  inboxId: string,
  options: { before?: string | null; after?: string | null; limit?: number } = {},
): Promise<InboxRequestPage | null> {
  if (!isUuid(inboxId)) return null;
  const [inbox] = await db
    .select({ id: requestInboxes.id })
    .from(requestInboxes)
    .where(and(eq(requestInboxes.id, inboxId), ofWorkspaceInbox(workspaceId, inboxId)));
  if (!inbox) return null;
  const limit = Math.min(Math.max(1, options.limit ?? REQUESTS_PAGE_SIZE), KEPT_REQUESTS);
  const keys = { table: inboxRequests, at: inboxRequests.received_at, id: inboxRequests.id };
  const scope = { column: inboxRequests.inbox_id, value: inboxId };
  const page = await keysetPage(limit, (take) =>
    db
      .select(requestColumns)
      .from(inboxRequests)
      .where(
        and(
          eq(inboxRequests.inbox_id, inboxId),
          olderThan(keys, options.before, scope),
          // `after`: only what arrived since a request the reader already has, for a page that polls for news.
          newerThan(keys, options.after, scope),
        ),
      )
      .orderBy(...newestFirst(keys))
      .limit(take),
  );
  return { requests: page.rows.map(toRequestView), older: page.older };
}

/** One stored request of a live inbox of the workspace, or null. */
export async function getInboxRequest(
  db: Database,
  workspaceId: string,
  inboxId: string,
  requestId: string,
): Promise<InboxRequestView | null> {
  if (!isUuid(inboxId) || !isUuid(requestId)) return null;
  const [row] = await db
    .select(requestColumns)
    .from(inboxRequests)
    .where(
      and(
        eq(inboxRequests.id, requestId),
        eq(inboxRequests.inbox_id, inboxId),
        ofWorkspaceInbox(workspaceId, inboxId),
      ),
    );
  return row ? toRequestView(row) : null;
}
