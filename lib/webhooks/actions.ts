"use server";

import { getLocale } from "next-intl/server";
import { getDb } from "@/lib/db";
import { routing } from "@/lib/i18n/routing";
import { validationTranslator } from "@/lib/i18n/translator";
import {
  createWebhook,
  deleteWebhook,
  type MutationResult,
  setWebhookActive,
  updateWebhook,
} from "./mutations";
import { listWebhooks } from "./queries";
import type { Webhook } from "./schemas";

// Every exported function here is a public endpoint: each one validates its input in lib/webhooks.

async function translator() {
  const locale = await getLocale();
  return validationTranslator(
    (routing.locales as readonly string[]).includes(locale) ? (locale as "en") : "en",
  );
}

export async function listWebhooksAction(): Promise<Webhook[]> {
  return listWebhooks(await getDb());
}

export async function saveWebhookAction(id: string | null, input: unknown): Promise<MutationResult> {
  const db = await getDb();
  const t = await translator();
  return id === null ? createWebhook(db, input, t) : updateWebhook(db, String(id), input, t);
}

export async function setWebhookActiveAction(id: string, active: boolean): Promise<Webhook | null> {
  if (typeof active !== "boolean") return null;
  return setWebhookActive(await getDb(), String(id), active);
}

export async function deleteWebhookAction(id: string): Promise<boolean> {
  return deleteWebhook(await getDb(), String(id));
}
