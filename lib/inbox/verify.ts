import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { webhooks } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/webhook-secrets";
import { isUuid } from "@/lib/ids";
import { getInboxRequest } from "./requests";
import { checkSignature, type SignatureVerdict } from "./signature";

/** What was signed: the raw body, or (for GET, issue 12 part 5) the exact query string. */
export type SignedContent = "body" | "query";

export type VerifyResult =
  | { ok: true; verdict: SignatureVerdict; content: SignedContent }
  | { ok: false; error: "request_not_found" | "webhook_not_found" };

/**
 * Checks a stored request's signature with a webhook of the same workspace: its current secret and, until
 * it expires, the previous one, as a receiver holding both would. Another workspace's webhook is not found.
 */
export async function verifyInboxRequest(
  db: Database,
  workspaceId: string,
  ids: { inboxId: string; requestId: string; webhookId: string },
  // content "auto": what the sender signs for this method (for GET the query string, else the body).
  // atArrival: judged at the moment the request arrived, as its receiver judged it, so a request that
  // was valid stays valid on the page instead of going stale after 5 minutes.
  options: { content?: SignedContent | "auto"; now?: Date; atArrival?: boolean } = {},
): Promise<VerifyResult> {
  const request = await getInboxRequest(db, workspaceId, ids.inboxId, ids.requestId);
  if (!request) return { ok: false, error: "request_not_found" };
  if (!isUuid(ids.webhookId)) return { ok: false, error: "webhook_not_found" };
  const [webhook] = await db
    .select({
      secret: webhooks.secret,
      previous: webhooks.previous_secret,
      previousExpires: webhooks.previous_secret_expires_at,
    })
    .from(webhooks)
    .where(and(eq(webhooks.workspace_id, workspaceId), eq(webhooks.id, ids.webhookId)));
  if (!webhook) return { ok: false, error: "webhook_not_found" };
  const now = options.atArrival ? request.received_at : (options.now ?? new Date());
  const secrets = [decryptSecret(webhook.secret)];
  if (webhook.previous && webhook.previousExpires && webhook.previousExpires > now) {
    secrets.push(decryptSecret(webhook.previous));
  }
  const content =
    options.content === "auto" ? (request.method === "GET" ? "query" : "body") : (options.content ?? "body");
  const verdict = checkSignature({
    headers: request.headers,
    content: content === "query" ? request.query : request.body,
    secrets,
    now,
  });
  return { ok: true, verdict, content };
}
