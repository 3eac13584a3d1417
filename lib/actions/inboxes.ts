"use server";

import { accessFor } from "@/lib/auth/access";
import { getDb } from "@/lib/db";
import {
  createInbox,
  deleteInbox,
  type InboxResult,
  rotateInboxToken,
  updateInbox,
} from "@/lib/inbox/inboxes";
import { listInboxRequests } from "@/lib/inbox/requests";
import { type BrowserInboxRequest, browserInboxRequest } from "@/lib/inbox/serialize";
import type { SignatureVerdict } from "@/lib/inbox/signature";
import { verifyInboxRequest } from "@/lib/inbox/verify";
import { refused } from "./refused";
import { type ActionResult, failed, succeeded } from "./result";

// The inbox pages' actions. Public endpoints: lib/inbox validates every input. Viewers read (requests, the
// signature check), editors and owners change; without the role an action answers as if there were no inbox.

type Saved = ActionResult<{ id: string }, "not_found" | "validation_failed" | "limit_reached">;

async function saved(result: InboxResult): Promise<Saved> {
  if (result.ok) return succeeded({ id: result.inbox.id });
  if (result.error === "validation_failed") return refused(result.issues);
  return failed(result.error);
}

export async function createInboxAction(input: unknown): Promise<Saved> {
  const access = await accessFor("editor");
  if (!access) return failed("not_found");
  return saved(await createInbox(await getDb(), access, input));
}

/** Rename, pin or unpin, or what the inbox answers: only the fields given change. */
export async function updateInboxAction(id: string, input: unknown): Promise<Saved> {
  const access = await accessFor("editor");
  if (!access) return failed("not_found");
  return saved(await updateInbox(await getDb(), access, String(id), input));
}

export async function rotateInboxTokenAction(id: string): Promise<ActionResult<null, "not_found">> {
  const access = await accessFor("editor");
  const inbox = access ? await rotateInboxToken(await getDb(), access, String(id)) : null;
  return inbox ? succeeded(null) : failed("not_found");
}

export async function deleteInboxAction(id: string): Promise<ActionResult<null, "not_found">> {
  const access = await accessFor("editor");
  const deleted = access ? await deleteInbox(await getDb(), access, String(id)) : false;
  return deleted ? succeeded(null) : failed("not_found");
}

/**
 * What arrived since the request `after` (newest first), for the page that polls for news; `after` null:
 * the newest page. Secret header values are masked for viewers here, on the server.
 */
export async function inboxNewsAction(
  inboxId: string,
  after: string | null,
): Promise<ActionResult<BrowserInboxRequest[], "not_found">> {
  const access = await accessFor("viewer");
  if (!access) return failed("not_found");
  const page = await listInboxRequests(await getDb(), access.workspaceId, String(inboxId), {
    after: after === null ? null : String(after),
  });
  if (!page) return failed("not_found");
  return succeeded(page.requests.map((request) => browserInboxRequest(request, access.role)));
}

/**
 * A stored request's signature checked with a webhook's secrets as a receiver would have on arrival: the
 * raw body, or for GET the exact query string.
 */
export async function checkInboxSignatureAction(
  inboxId: string,
  requestId: string,
  webhookId: string,
): Promise<ActionResult<SignatureVerdict, "not_found">> {
  const access = await accessFor("viewer");
  if (!access) return failed("not_found");
  const db = await getDb();
  const ids = { inboxId: String(inboxId), requestId: String(requestId), webhookId: String(webhookId) };
  const result = await verifyInboxRequest(db, access.workspaceId, ids, { content: "auto", atArrival: true });
  return result.ok ? succeeded(result.verdict) : failed("not_found");
}
