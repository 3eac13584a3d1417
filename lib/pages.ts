import "server-only";
import { notFound } from "next/navigation";
import { hasLocale } from "next-intl";
import { cache } from "react";
import { type Access, currentAccess } from "@/lib/auth/access";
import { type Database, getDb } from "@/lib/db";
import { type Locale, routing } from "@/lib/i18n/routing";
import { getWebhook } from "@/lib/webhooks/queries";
import { visibleTo } from "@/lib/webhooks/serialize";
import { type Role, roleAllows } from "@/lib/workspaces/roles";

// The prologue pages share, once. Every page renders per request (`next build` lists them all as dynamic:
// the layout reads the session cookie), so there is no static-rendering ceremony here.

/** The URL's locale, typed; one that is not ours is a 404 (the [locale] layout answers it so first). */
export async function localeOf(params: Promise<{ locale: string }>): Promise<Locale> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  return locale;
}

/**
 * Who is asking, in which workspace: without a session this redirects to sign-in, without a workspace to
 * the page that says so (currentAccess), and below the `least` role the page does not exist (404).
 */
export async function pageAccess(least: Role = "viewer"): Promise<{ access: Access; db: Database }> {
  const access = await currentAccess();
  if (!roleAllows(access.role, least)) notFound();
  return { access, db: await getDb() };
}

/**
 * The webhook of a /webhooks/[id] page, read once per request for the metadata and the page; null when the
 * workspace has no such webhook. Viewers get its secrets masked here, on the server: never in their browser.
 */
export const pageWebhook = cache(async (id: string) => {
  const { access, db } = await pageAccess();
  const webhook = await getWebhook(db, access.workspaceId, id);
  return webhook && { access, db, webhook: visibleTo(access.role, webhook) };
});
