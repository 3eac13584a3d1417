import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { requestInboxes, webhooks } from "@/db/schema";
import { env } from "@/lib/env";
import { live } from "./inboxes";
import { hashInboxToken } from "./token";

// Deliveries to this instance's own request inboxes. The inbox lives on the app itself, so its address is
// loopback on a developer's machine and the SSRF guard rightly refuses it. Rather than opening the guard,
// the sender recognises exactly one shape of URL, the configured public origin followed by
// `/api/inbox/<token>` of a live inbox of the sending webhook's own workspace, and connects for it to the
// app's own listener, whose address comes from configuration and never from the URL. Any other URL,
// another path or port of the same host, or another workspace's token, goes through the unchanged guard.

const DEFAULT_PORT = 3000;
const INBOX_PATH = /^\/api\/inbox\/(hks_inb_[A-Za-z0-9_-]{43})$/;

/** The app's public origin as configured: APP_URL, else BETTER_AUTH_URL, else http://localhost:$PORT. */
export function ownOrigin(): string {
  const { APP_URL, BETTER_AUTH_URL, PORT } = env();
  return new URL(APP_URL ?? BETTER_AUTH_URL ?? `http://localhost:${PORT ?? DEFAULT_PORT}`).origin;
}

/** Where the app's own listener is reached: APP_INTERNAL_URL, else http://127.0.0.1:$PORT. */
export function ownListener(): URL {
  const { APP_INTERNAL_URL, PORT } = env();
  return new URL(new URL(APP_INTERNAL_URL ?? `http://127.0.0.1:${PORT ?? DEFAULT_PORT}`).origin);
}

/**
 * The inbox token a payload URL names when it is exactly an inbox address on `origin` (no credentials, no
 * further path; a query string is allowed, GET deliveries carry their data there); otherwise null.
 */
export function ownInboxToken(target: string | URL, origin: string): string | null {
  let url: URL;
  try {
    url = typeof target === "string" ? new URL(target) : target;
  } catch {
    return null;
  }
  if (url.origin !== origin || url.username !== "" || url.password !== "") return null;
  return INBOX_PATH.exec(url.pathname)?.[1] ?? null;
}

/** Whose inbox it must be: the workspace's, or the workspace of the webhook that sends. */
export type InboxOwner = { workspaceId: string } | { webhookId: string };

/**
 * The address to connect to instead of the payload URL's host when `target` is a live inbox of the owner's
 * workspace on this instance: the same path and query on the app's own listener. Null for anything else.
 */
export async function ownInboxRoute(db: Database, target: string, owner: InboxOwner): Promise<URL | null> {
  // Most payload URLs are nothing of the kind: they are passed over without reading the settings.
  if (!target.includes("/api/inbox/")) return null;
  const token = ownInboxToken(target, ownOrigin());
  if (!token) return null;
  const workspace =
    "workspaceId" in owner
      ? sql`${owner.workspaceId}::uuid`
      : sql`(select ${webhooks.workspace_id} from ${webhooks} where ${webhooks.id} = ${owner.webhookId})`;
  const [inbox] = await db
    .select({ id: requestInboxes.id })
    .from(requestInboxes)
    .where(
      and(
        eq(requestInboxes.token_hash, hashInboxToken(token)),
        sql`${requestInboxes.workspace_id} = ${workspace}`,
        live,
      ),
    );
  if (!inbox) return null;
  const url = new URL(target);
  const listener = ownListener();
  listener.pathname = url.pathname;
  listener.search = url.search;
  return listener;
}
