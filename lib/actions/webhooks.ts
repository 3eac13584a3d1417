"use server";

import { accessFor } from "@/lib/auth/access";
import { getDb } from "@/lib/db";
import {
  createWebhook,
  deleteWebhook,
  rotateWebhookSecret,
  setWebhookActive,
  updateWebhook,
} from "@/lib/webhooks/mutations";
import { secretOverlapMs } from "@/lib/webhooks/secret";
import { refused } from "./refused";
import { type ActionResult, failed, succeeded } from "./result";

// Every exported function here is a public endpoint: each one validates its input in the lib/webhooks
// function it calls. Each asks for the role it needs; without it, it answers as if the webhook did not exist.

export async function saveWebhookAction(
  id: string | null,
  input: unknown,
): Promise<ActionResult<{ id: string }, "not_found" | "validation_failed">> {
  const access = await accessFor("editor");
  if (!access) return failed("not_found");
  const db = await getDb();
  const result =
    id === null ? await createWebhook(db, access, input) : await updateWebhook(db, access, String(id), input);
  if (result.ok) return succeeded({ id: result.webhook.id });
  return result.error === "not_found" ? failed("not_found") : refused(result.issues);
}

export type ActiveState = { active: boolean; disabled_reason: string | null };

export async function setWebhookActiveAction(
  id: string,
  active: boolean,
): Promise<ActionResult<ActiveState, "not_found" | "validation_failed">> {
  const access = await accessFor("editor");
  if (!access) return failed("not_found");
  if (typeof active !== "boolean") return failed("validation_failed");
  const webhook = await setWebhookActive(await getDb(), access, String(id), active);
  return webhook
    ? succeeded({ active: webhook.active, disabled_reason: webhook.disabled_reason })
    : failed("not_found");
}

export async function deleteWebhookAction(id: string): Promise<ActionResult<null, "not_found">> {
  const access = await accessFor("editor");
  const deleted = access ? await deleteWebhook(await getDb(), access, String(id)) : false;
  return deleted ? succeeded(null) : failed("not_found");
}

export type RotatedSecret = { secret: string; previousSecretExpiresAt: string };

// A new signing secret at once; the old one keeps signing beside it for the overlap (24 h by default).
export async function rotateWebhookSecretAction(
  id: string,
): Promise<ActionResult<RotatedSecret, "not_found">> {
  const access = await accessFor("editor");
  if (!access) return failed("not_found");
  const overlapMs = secretOverlapMs();
  const webhook = await rotateWebhookSecret(await getDb(), access, String(id), overlapMs);
  if (!webhook) return failed("not_found");
  // The mutation stores now + overlap too; a few milliseconds apart, which no one reading minutes can see.
  return succeeded({
    secret: webhook.secret,
    previousSecretExpiresAt: new Date(Date.now() + overlapMs).toISOString(),
  });
}
