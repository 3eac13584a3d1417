"use server";

import { accessFor } from "@/lib/auth/access";
import { getDb } from "@/lib/db";
import { type AttemptView, getAttemptRequest, listDeliveryAttempts } from "@/lib/dispatch/log-queries";
import { resendDelivery } from "@/lib/dispatch/resend";
import { getWebhook } from "@/lib/webhooks/queries";
import { type ActionResult, failed, succeeded } from "./result";

// The delivery log's actions. Public endpoints: lib/dispatch checks the ids; each action asks for the role
// it needs and, without it, answers as if the delivery did not exist.

// The log loads a delivery's attempts when it is opened: their bodies are too big for every row.
export async function listDeliveryAttemptsAction(
  webhookId: string,
  deliveryId: string,
): Promise<ActionResult<AttemptView[], "not_found">> {
  const access = await accessFor("viewer");
  if (!access) return failed("not_found");
  const attempts = await listDeliveryAttempts(
    await getDb(),
    access.workspaceId,
    String(webhookId),
    String(deliveryId),
  );
  return attempts ? succeeded(attempts) : failed("not_found");
}

export async function resendDeliveryAction(
  webhookId: string,
  deliveryId: string,
): Promise<ActionResult<null, "not_found" | "not_failed" | "webhook_disabled">> {
  const access = await accessFor("editor");
  if (!access) return failed("not_found");
  const result = await resendDelivery(
    await getDb(),
    access.workspaceId,
    String(webhookId),
    String(deliveryId),
  );
  return result.ok ? succeeded(null) : failed(result.error);
}

export type CurlRequestData = {
  method: string;
  url: string;
  headers: [string, string][];
  body: string | null;
};

/**
 * An attempt's request whole, for "Copy as cURL". The log keeps secret header values masked; with
 * `reveal` (editors and owners only) the webhook's own custom headers get their current values back,
 * where they are plain text (a value built from variables differed per event). The signature stays
 * masked: it was never kept, and a replay past 5 minutes would be refused for its timestamp anyway.
 */
export async function attemptRequestAction(
  webhookId: string,
  deliveryId: string,
  attemptId: string,
  reveal: boolean,
): Promise<ActionResult<CurlRequestData, "not_found">> {
  const access = await accessFor(reveal === true ? "editor" : "viewer");
  if (!access) return failed("not_found");
  const db = await getDb();
  const ids = { webhookId: String(webhookId), deliveryId: String(deliveryId), attemptId: String(attemptId) };
  const request = await getAttemptRequest(db, access.workspaceId, ids);
  if (!request) return failed("not_found");
  if (reveal !== true) return succeeded(request);
  const webhook = await getWebhook(db, access.workspaceId, ids.webhookId);
  const values = new Map(
    (webhook?.header ?? [])
      .filter((row) => !row.value.includes("{{"))
      .map((row) => [row.key.toLowerCase(), row.value]),
  );
  return succeeded({
    ...request,
    headers: request.headers.map(([name, value]) => [name, values.get(name.toLowerCase()) ?? value]),
  });
}
