import "server-only";
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { type DeliveryRow, deliveries, type EventRow, events, type WebhookRow, webhooks } from "@/db/schema";
import { DecryptionError, revealValue } from "@/lib/crypto/envelope";
import { encryptionKey } from "@/lib/crypto/key";

/** A delivery this worker holds the lease on, with what it takes to send it. */
export type ClaimedDelivery = {
  delivery: Pick<DeliveryRow, "id" | "attempts" | "request">;
  webhook: Pick<
    WebhookRow,
    | "id"
    | "method"
    | "payload_url"
    | "content_type"
    | "header"
    | "body"
    | "secret"
    | "previous_secret"
    | "previous_secret_expires_at"
    | "disabled_reason"
  >;
  data: EventRow["data"];
  /** Set when a stored secret of this row could not be decrypted (altered in the database): it is not sent. */
  undecryptable?: string;
};

// Built once per database and prepared: PostgreSQL parses and plans it once per connection, and each
// claim is a single round trip.
function prepareClaim(db: Database) {
  const due = db.$with("due").as(
    db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(
        and(
          // A literal, not a parameter: only then can a cached generic plan use the partial index
          // on pending deliveries, walking it in order instead of sorting every due row.
          sql`${deliveries.status} = 'pending'`,
          lte(deliveries.next_attempt_at, sql`now()`),
          or(isNull(deliveries.lease_expires_at), lt(deliveries.lease_expires_at, sql`now()`)),
        ),
      )
      .orderBy(asc(deliveries.next_attempt_at))
      .limit(sql.placeholder("limit"))
      .for("update", { skipLocked: true }),
  );
  // Only the columns sending needs: every claimed row is parsed, for every delivery.
  const claimed = db
    .$with("claimed", {
      id: deliveries.id,
      event_id: deliveries.event_id,
      webhook_id: deliveries.webhook_id,
      attempts: deliveries.attempts,
      request: deliveries.request,
      next_attempt_at: deliveries.next_attempt_at,
    })
    .as(sql`
      update ${deliveries} set
        lease_expires_at = now() + (${sql.placeholder("leaseMs")}::double precision * interval '1 millisecond'),
        leased_by = ${sql.placeholder("workerId")}::text
      where id in (select id from due)
      returning id, event_id, webhook_id, attempts, request, next_attempt_at
    `);
  return db
    .with(due, claimed)
    .select({
      delivery: { id: claimed.id, attempts: claimed.attempts, request: claimed.request },
      webhook: {
        id: webhooks.id,
        method: webhooks.method,
        payload_url: webhooks.payload_url,
        content_type: webhooks.content_type,
        header: webhooks.header,
        body: webhooks.body,
        secret: webhooks.secret,
        previous_secret: webhooks.previous_secret,
        previous_secret_expires_at: webhooks.previous_secret_expires_at,
        disabled_reason: webhooks.disabled_reason,
      },
      data: events.data,
    })
    .from(claimed)
    .innerJoin(webhooks, eq(webhooks.id, claimed.webhook_id))
    .innerJoin(events, eq(events.id, claimed.event_id))
    .orderBy(asc(claimed.next_attempt_at))
    .prepare("claim_due_deliveries");
}

const claims = new WeakMap<Database, ReturnType<typeof prepareClaim>>();

/**
 * Takes up to `limit` due deliveries for one worker and returns them with their webhooks and event data,
 * in one statement. SKIP LOCKED lets any number of workers on one PostgreSQL claim side by side without
 * waiting on each other or taking the same row; the lease hands a crashed worker's rows back once it runs
 * out. Times come from the database, the one clock all share.
 */
export async function claimDueDeliveries(
  db: Database,
  options: { workerId: string; limit: number; leaseMs: number },
): Promise<ClaimedDelivery[]> {
  let claim = claims.get(db);
  if (!claim) {
    claim = prepareClaim(db);
    claims.set(db, claim);
  }
  const rows = await claim.execute({
    limit: options.limit,
    leaseMs: options.leaseMs,
    workerId: options.workerId,
  });
  return rows.length > 0 ? decryptClaimed(rows) : rows;
}

/**
 * Header values and signing secrets are stored encrypted: each claimed row is decrypted here, once, so
 * sending works on plaintext in memory only. A batch often holds many deliveries of one webhook, so each
 * distinct stored value is decrypted once per claim. Values from before encryption pass as they are.
 */
function decryptClaimed(rows: ClaimedDelivery[]): ClaimedDelivery[] {
  const key = encryptionKey();
  const known = new Map<string, string>();
  const reveal = (stored: string) => {
    let value = known.get(stored);
    if (value === undefined) {
      value = revealValue(stored, key);
      known.set(stored, value);
    }
    return value;
  };
  for (const row of rows) {
    const { webhook, delivery } = row;
    try {
      webhook.secret = reveal(webhook.secret);
      webhook.payload_url = reveal(webhook.payload_url);
      if (webhook.previous_secret) webhook.previous_secret = reveal(webhook.previous_secret);
      if (webhook.header.length > 0) {
        webhook.header = webhook.header.map((entry) => ({ key: entry.key, value: reveal(entry.value) }));
      }
      if (delivery.request) {
        const headers = delivery.request.headers.map(([name, value]): [string, string] => [
          name,
          reveal(value),
        ]);
        delivery.request = { ...delivery.request, url: reveal(delivery.request.url), headers };
      }
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      row.undecryptable = error.message;
    }
  }
  return rows;
}

/** Hands claimed deliveries that were never started back to the queue, due at once for any worker. */
export async function releaseDeliveries(db: Database, workerId: string, ids: readonly string[]) {
  if (ids.length === 0) return;
  await db
    .update(deliveries)
    .set({ lease_expires_at: null, leased_by: null })
    .where(and(inArray(deliveries.id, [...ids]), eq(deliveries.leased_by, workerId)));
}
