"use server";

import { accessFor } from "@/lib/auth/access";
import { getDb } from "@/lib/db";
import { type AttemptView, listDeliveryAttempts } from "@/lib/dispatch/log-queries";
import { resendDelivery } from "@/lib/dispatch/resend";
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
