import "server-only";
import type { KeyObject } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { deliveries, legacyDeliveryRequests, type StoredRequest } from "@/db/schema";
import { encryptValue, isEncrypted } from "./envelope";

const BATCH = 200;
// The headers lib/webhooks/build-request.ts adds itself; every other stored header is the webhook's own.
const APP_HEADERS = new Set(["content-type", "user-agent"]);

/** The request with the webhook's own header values encrypted (those already encrypted stay as they are). */
export function encryptRequestHeaders(request: StoredRequest, key: KeyObject): StoredRequest {
  const headers = request.headers.map(([name, value]): [string, string] =>
    APP_HEADERS.has(name.toLowerCase()) || isEncrypted(value)
      ? [name, value]
      : [name, encryptValue(value, key)],
  );
  return { ...request, headers };
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
