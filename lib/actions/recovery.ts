"use server";

import { accessFor } from "@/lib/auth/access";
import { getDb } from "@/lib/db";
import { replayDelivery, retryDelivery } from "@/lib/recovery/deliveries";
import { replayEvent } from "@/lib/recovery/events";
import { countRecoverable, getRecovery, startRecovery } from "@/lib/recovery/recover";
import type { RecoveryJson } from "@/lib/recovery/rows";
import { recoverSchema } from "@/lib/recovery/schemas";
import { type ActionResult, failed, succeeded } from "./result";

// Retry now, replay and bulk recovery from the delivery log and the event log. Public endpoints: lib/recovery
// checks the ids in the workspace; each action asks for the role it needs and, without it, answers as if the
// row did not exist.

export async function retryDeliveryAction(
  deliveryId: string,
): Promise<ActionResult<null, "not_found" | "webhook_disabled" | "in_flight" | "succeeded">> {
  const access = await accessFor("editor");
  if (!access) return failed("not_found");
  const result = await retryDelivery(await getDb(), access.workspaceId, String(deliveryId));
  return result.ok ? succeeded(null) : failed(result.error);
}

export async function replayDeliveryAction(
  deliveryId: string,
): Promise<ActionResult<null, "not_found" | "webhook_disabled">> {
  const access = await accessFor("editor");
  if (!access) return failed("not_found");
  const result = await replayDelivery(await getDb(), access.workspaceId, String(deliveryId));
  return result.ok ? succeeded(null) : failed(result.error);
}

/** To every active webhook the event reached (`webhookId` null), or to one. Answers how many were queued. */
export async function replayEventAction(
  eventId: string,
  webhookId: string | null,
): Promise<ActionResult<number, "not_found" | "webhook_disabled" | "webhook_other_trigger">> {
  const access = await accessFor("editor");
  if (!access) return failed("not_found");
  const result = await replayEvent(
    await getDb(),
    access.workspaceId,
    String(eventId),
    webhookId === null ? undefined : String(webhookId),
  );
  if (result.ok) return succeeded(result.deliveries.length);
  return failed(result.error === "webhook_not_found" ? "not_found" : result.error);
}

export async function countRecoverableAction(
  webhookId: string,
  since: string,
): Promise<ActionResult<number, "not_found" | "validation_failed">> {
  const access = await accessFor("editor");
  if (!access) return failed("not_found");
  const parsed = recoverSchema.safeParse({ since });
  if (!parsed.success) return failed("validation_failed");
  const scope = { workspaceId: access.workspaceId, webhookId: String(webhookId) };
  const count = await countRecoverable(await getDb(), scope, new Date(parsed.data.since));
  return count === null ? failed("not_found") : succeeded(count);
}

export async function startRecoveryAction(
  webhookId: string,
  since: string,
): Promise<ActionResult<RecoveryJson, "not_found" | "webhook_disabled" | "validation_failed">> {
  const access = await accessFor("editor");
  if (!access) return failed("not_found");
  const parsed = recoverSchema.safeParse({ since });
  if (!parsed.success) return failed("validation_failed");
  const scope = { workspaceId: access.workspaceId, webhookId: String(webhookId) };
  const result = await startRecovery(await getDb(), scope, new Date(parsed.data.since));
  return result.ok ? succeeded(result.recovery) : failed(result.error);
}

export async function getRecoveryAction(id: string): Promise<ActionResult<RecoveryJson, "not_found">> {
  const access = await accessFor("viewer");
  if (!access) return failed("not_found");
  const recovery = await getRecovery(await getDb(), access.workspaceId, String(id));
  return recovery ? succeeded(recovery) : failed("not_found");
}
