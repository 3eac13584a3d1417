import "server-only";
import type { KeyObject } from "node:crypto";
import { and, asc, eq, gt, isNotNull, sql } from "drizzle-orm";
import type { Database } from "@/db";
import {
  deliveries,
  deliveryAttempts,
  legacyDeliveryRequests,
  type StoredRequest,
  webhooks,
} from "@/db/schema";
import { encryptValue, isEncrypted } from "./envelope";
import { maskSentUrl } from "./url-secrets";

const BATCH = 200;
// The headers lib/webhooks/build-request.ts adds itself; every other stored header is the webhook's own.
const APP_HEADERS = new Set(["content-type", "user-agent"]);

/**
 * The request with its secrets encrypted: the webhook's own header values and the URL (its userinfo and
 * query may hold credentials). What is already encrypted stays as it is. `sealed` maps plaintexts to an
 * envelope they are already stored in (the webhook's own, read at claim): a value rendered unchanged from
 * the webhook reuses it instead of a fresh encryption per delivery (AES-GCM cost the worker ~40 µs per
 * delivery). It only shows what is plain anyway: that the delivery sent the webhook's value.
 */
export function encryptRequestHeaders(
  request: StoredRequest,
  key: KeyObject,
  sealed?: ReadonlyMap<string, string>,
): StoredRequest {
  const seal = (value: string) => sealed?.get(value) ?? encryptValue(value, key);
  const headers = request.headers.map(([name, value]): [string, string] =>
    APP_HEADERS.has(name.toLowerCase()) || isEncrypted(value) ? [name, value] : [name, seal(value)],
  );
  const url = isEncrypted(request.url) ? request.url : seal(request.url);
  return { ...request, url, headers };
}

/**
 * Encrypts the stored requests of deliveries an earlier version rendered with header values in plaintext
 * (migration 0005 lists them), and empties the list; returns how many it changed. Safe in several processes
 * at once: a request is written only while it still holds what was read, so nothing is encrypted twice.
 */
export async function encryptLegacyDeliveryRequests(db: Database, key: KeyObject): Promise<number> {
  let changed = 0;
  for (;;) {
    const rows = await db
      .select({ id: legacyDeliveryRequests.delivery_id, request: deliveries.request })
      .from(legacyDeliveryRequests)
      .innerJoin(deliveries, eq(deliveries.id, legacyDeliveryRequests.delivery_id))
      .limit(BATCH);
    if (rows.length === 0) return changed;
    await db.transaction(async (tx) => {
      for (const { id, request } of rows) {
        if (request) {
          const updated = await tx
            .update(deliveries)
            .set({ request: encryptRequestHeaders(request, key) })
            .where(and(eq(deliveries.id, id), sql`${deliveries.request} = ${JSON.stringify(request)}::jsonb`))
            .returning({ id: deliveries.id });
          changed += updated.length;
        }
        await tx.delete(legacyDeliveryRequests).where(eq(legacyDeliveryRequests.delivery_id, id));
      }
    });
  }
}

const ENCRYPTED = "^enc:v[0-9]+:";
// A URL with userinfo or a query: what may hold credentials.
const CREDENTIAL_URL = "^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*@|[?]";
const NO_ID = "00000000-0000-0000-0000-000000000000";

/**
 * Before payload URLs were encrypted, deliveries stored their request's URL in plaintext and the attempt
 * log kept it whole. For every webhook whose payload URL is still plaintext and may hold credentials (so:
 * exactly the webhooks start-up has yet to encrypt, see stored-secrets.ts, which runs this first), this
 * encrypts the URL of its stored requests and masks it in its attempt log as the log masks it now.
 * Idempotent (encrypted URLs are left alone, masking a masked URL changes nothing) and compare-and-set
 * like the rest, so processes starting together do no harm. Returns how many rows it changed.
 */
export async function protectLegacyRequestUrls(db: Database, key: KeyObject): Promise<number> {
  let changed = 0;
  let after = NO_ID;
  for (;;) {
    const legacy = await db
      .select({ id: webhooks.id, payload_url: webhooks.payload_url, body: webhooks.body })
      .from(webhooks)
      .where(
        and(
          gt(webhooks.id, after),
          sql`${webhooks.payload_url} !~ ${ENCRYPTED}`,
          sql`${webhooks.payload_url} ~ ${CREDENTIAL_URL}`,
        ),
      )
      .orderBy(asc(webhooks.id))
      .limit(BATCH);
    if (legacy.length === 0) return changed;
    after = legacy.at(-1)?.id ?? after;
    for (const webhook of legacy) {
      changed += await encryptStoredUrls(db, webhook.id, key);
      changed += await maskLoggedUrls(db, webhook);
    }
  }
}

async function encryptStoredUrls(db: Database, webhookId: string, key: KeyObject): Promise<number> {
  let changed = 0;
  let after = NO_ID;
  for (;;) {
    const rows = await db
      .select({ id: deliveries.id, request: deliveries.request })
      .from(deliveries)
      .where(
        and(
          eq(deliveries.webhook_id, webhookId),
          gt(deliveries.id, after),
          isNotNull(deliveries.request),
          sql`${deliveries.request}->>'url' !~ ${ENCRYPTED}`,
        ),
      )
      .orderBy(asc(deliveries.id))
      .limit(BATCH);
    if (rows.length === 0) return changed;
    after = rows.at(-1)?.id ?? after;
    for (const { id, request } of rows) {
      if (!request) continue;
      const updated = await db
        .update(deliveries)
        .set({ request: { ...request, url: encryptValue(request.url, key) } })
        .where(and(eq(deliveries.id, id), sql`${deliveries.request} = ${JSON.stringify(request)}::jsonb`))
        .returning({ id: deliveries.id });
      changed += updated.length;
    }
  }
}

async function maskLoggedUrls(
  db: Database,
  webhook: { id: string; payload_url: string; body: { key: string }[] },
): Promise<number> {
  let changed = 0;
  let after = NO_ID;
  for (;;) {
    const rows = await db
      .select({ id: deliveryAttempts.id, url: sql<string>`${deliveryAttempts.request}->>'url'` })
      .from(deliveryAttempts)
      .innerJoin(deliveries, eq(deliveries.id, deliveryAttempts.delivery_id))
      .where(and(eq(deliveries.webhook_id, webhook.id), gt(deliveryAttempts.id, after)))
      .orderBy(asc(deliveryAttempts.id))
      .limit(BATCH);
    if (rows.length === 0) return changed;
    after = rows.at(-1)?.id ?? after;
    for (const { id, url } of rows) {
      const masked = maskSentUrl(url, webhook);
      if (masked === url) continue;
      const updated = await db
        .update(deliveryAttempts)
        .set({ request: sql`jsonb_set(${deliveryAttempts.request}, '{url}', to_jsonb(${masked}::text))` })
        .where(and(eq(deliveryAttempts.id, id), sql`${deliveryAttempts.request}->>'url' = ${url}`))
        .returning({ id: deliveryAttempts.id });
      changed += updated.length;
    }
  }
}
