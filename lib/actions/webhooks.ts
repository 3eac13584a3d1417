"use server";

import { accessFor } from "@/lib/auth/access";
import { getDb } from "@/lib/db";
import { type AttemptView, listDeliveryAttempts } from "@/lib/dispatch/log-queries";
import { type ResendResult, resendDelivery } from "@/lib/dispatch/resend";
import { requestLocale } from "@/lib/i18n/request-locale";
import { validationTranslator } from "@/lib/i18n/translator";
import {
  createWebhook,
  deleteWebhook,
  type MutationResult,
  rotateWebhookSecret,
  setWebhookActive,
  updateWebhook,
} from "@/lib/webhooks/mutations";
import { listWebhooks } from "@/lib/webhooks/queries";
import type { Webhook } from "@/lib/webhooks/schemas";
import { secretOverlapMs } from "@/lib/webhooks/secret";
import { visibleTo } from "@/lib/webhooks/serialize";

// Every exported function here is a public endpoint: each one validates its input in the domain function
// it calls (lib/webhooks, and lib/dispatch for the delivery log).

async function translator() {
  return validationTranslator(await requestLocale());
}

// Each action asks for the role it needs; without it, it answers as if the webhook did not exist.

export async function listWebhooksAction(): Promise<Webhook[]> {
  const access = await accessFor("viewer");
  if (!access) return [];
  const webhooks = await listWebhooks(await getDb(), access.workspaceId);
  return webhooks.map((webhook) => visibleTo(access.role, webhook));
}

export async function saveWebhookAction(id: string | null, input: unknown): Promise<MutationResult> {
  const access = await accessFor("editor");
  if (!access) return { ok: false, error: "not_found" };
  const db = await getDb();
  const t = await translator();
  return id === null ? createWebhook(db, access, input, t) : updateWebhook(db, access, String(id), input, t);
}

export async function setWebhookActiveAction(id: string, active: boolean): Promise<Webhook | null> {
  const access = await accessFor("editor");
  if (!access || typeof active !== "boolean") return null;
  return setWebhookActive(await getDb(), access, String(id), active);
}

export async function deleteWebhookAction(id: string): Promise<boolean> {
  const access = await accessFor("editor");
  return access ? deleteWebhook(await getDb(), access, String(id)) : false;
}

export type RotatedSecret = { secret: string; previousSecretExpiresAt: string };

// A new signing secret at once; the old one keeps signing beside it for the overlap (24 h by default).
export async function rotateWebhookSecretAction(id: string): Promise<RotatedSecret | null> {
  const access = await accessFor("editor");
  if (!access) return null;
  const overlapMs = secretOverlapMs();
  const webhook = await rotateWebhookSecret(await getDb(), access, String(id), overlapMs);
  if (!webhook) return null;
  // The mutation stores now + overlap too; a few milliseconds apart, which no one reading minutes can see.
  return { secret: webhook.secret, previousSecretExpiresAt: new Date(Date.now() + overlapMs).toISOString() };
}

// The delivery log loads a delivery's attempts when it is opened: their bodies are too big for every row.
export async function listDeliveryAttemptsAction(
  webhookId: string,
  deliveryId: string,
): Promise<AttemptView[] | null> {
  const access = await accessFor("viewer");
  if (!access) return null;
  return listDeliveryAttempts(await getDb(), access.workspaceId, String(webhookId), String(deliveryId));
}

export async function resendDeliveryAction(webhookId: string, deliveryId: string): Promise<ResendResult> {
  const access = await accessFor("editor");
  if (!access) return { ok: false, error: "not_found" };
  return resendDelivery(await getDb(), access.workspaceId, String(webhookId), String(deliveryId));
}
