import "server-only";
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { type DeliveryRow, deliveries, type EventRow, events, type WebhookRow, webhooks } from "@/db/schema";
import { DecryptionError, isEncrypted } from "@/lib/crypto/envelope";
import { encryptionKey } from "@/lib/crypto/key";
import { revealKnown } from "@/lib/crypto/revealed";

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
  /** The webhook's URL and header values, each with the envelope it is stored in (see encryptRequestHeaders). */
  sealed?: ReadonlyMap<string, string>;
};

// Built once per database and prepared: PostgreSQL parses and plans it once per connection, and each
// claim is a single round trip.
function prepareClaim(db: Database) {
  const due = db.$with("due").as(
    db
      .select({
        id: deliveries.id,
        webhook_id: deliveries.webhook_id,
        next_attempt_at: deliveries.next_attempt_at,
        active: webhooks.active,
      })
      .from(deliveries)
      // A left join: a delivery whose webhook is gone (no foreign key, migration 0014) is cancelled below.
      .leftJoin(webhooks, eq(webhooks.id, deliveries.webhook_id))
      .where(
        and(
          // A literal, not a parameter: only then can a cached generic plan use the partial index
          // on pending deliveries, walking it in order instead of sorting every due row.
          sql`${deliveries.status} = 'pending'`,
          lte(deliveries.next_attempt_at, sql`now()`),
          or(isNull(deliveries.lease_expires_at), lt(deliveries.lease_expires_at, sql`now()`)),
          // Webhooks this worker holds as many deliveries of as it may (or that are backing off) are
          // skipped, so their backlog cannot crowd out everyone else's.
          sql`coalesce((${sql.placeholder("rooms")}::jsonb ->> ${deliveries.webhook_id}::text)::int, 1) > 0`,
        ),
      )
      .orderBy(asc(deliveries.next_attempt_at))
      .limit(sql.placeholder("limit"))
      .for("update", { of: deliveries, skipLocked: true }),
  );
  // At most a webhook's room of its due deliveries; those of a webhook switched off meanwhile (an event
  // accepted as it was switched off), or deleted, are cancelled here rather than sent.
  const picked = db.$with("picked", { id: deliveries.id, active: webhooks.active }).as(sql`
    select id, active from (
      select id, coalesce(active, false) as active,
        row_number() over (partition by webhook_id order by next_attempt_at) as n,
        coalesce((${sql.placeholder("rooms")}::jsonb ->> webhook_id::text)::int, ${sql.placeholder("perWebhook")}::int) as room
      from due
    ) ranked
    where n <= room or not active
  `);
  // Only the columns sending needs: every claimed row is parsed, for every delivery.
  const claimed = db
    .$with("claimed", {
      id: deliveries.id,
      event_id: deliveries.event_id,
      webhook_id: deliveries.webhook_id,
      status: deliveries.status,
      attempts: deliveries.attempts,
      request: deliveries.request,
      next_attempt_at: deliveries.next_attempt_at,
    })
    .as(sql`
      update ${deliveries} d set
        status = case when p.active then d.status else 'cancelled' end,
        completed_at = case when p.active then d.completed_at else now() end,
        lease_expires_at = case when p.active
          then now() + (${sql.placeholder("leaseMs")}::double precision * interval '1 millisecond') end,
        leased_by = case when p.active then ${sql.placeholder("workerId")}::text end
      from picked p
      where d.id = p.id
      returning d.id, d.event_id, d.webhook_id, d.status, d.attempts, d.request, d.next_attempt_at
    `);
  return db
    .with(due, picked, claimed)
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
      // How many due rows the claim looked at: as many as it may take means more may be waiting.
      scanned: sql<number>`(select count(*) from due)::int`.mapWith(Number),
    })
    .from(claimed)
    .innerJoin(webhooks, eq(webhooks.id, claimed.webhook_id))
    .innerJoin(events, eq(events.id, claimed.event_id))
    .where(sql`${claimed.status} = 'pending'`)
    .orderBy(asc(claimed.next_attempt_at))
    .prepare("claim_due_deliveries");
}

const claims = new WeakMap<Database, ReturnType<typeof prepareClaim>>();

export type ClaimOptions = {
  workerId: string;
  /** Due rows looked at, at most: the most it takes. */
  limit: number;
  leaseMs: number;
  /** Deliveries of one webhook it takes at most, unless `rooms` says otherwise. */
  perWebhook: number;
  /** Per webhook id, how many more of its deliveries it may take (0: none, it has enough or backs off). */
  rooms?: ReadonlyMap<string, number>;
};

/**
 * Takes up to `limit` due deliveries for one worker and returns them with their webhooks and event data,
 * in one statement, and whether more may be due. SKIP LOCKED lets any number of workers on one PostgreSQL
 * claim side by side without waiting on each other or taking the same row; the lease hands a crashed
 * worker's rows back once it runs out. Times come from the database, the one clock all share. Only
 * active webhooks' deliveries are sent: switching one off cancels its pending ones (a trigger, see
 * db/migrations), and any that slip past it are cancelled here.
 */
export async function claimDueDeliveries(
  db: Database,
  options: ClaimOptions,
): Promise<{ claimed: ClaimedDelivery[]; more: boolean }> {
  let claim = claims.get(db);
  if (!claim) {
    claim = prepareClaim(db);
    claims.set(db, claim);
  }
  const rows = await claim.execute({
    limit: options.limit,
    leaseMs: options.leaseMs,
    workerId: options.workerId,
    perWebhook: options.perWebhook,
    rooms: JSON.stringify(Object.fromEntries(options.rooms ?? [])),
  });
  const more = (rows[0]?.scanned ?? 0) >= options.limit;
  const claimed = rows.map(({ scanned: _, ...row }) => row);
  return { claimed: claimed.length > 0 ? decryptClaimed(claimed) : claimed, more };
}

/**
 * Header values and signing secrets are stored encrypted: each claimed row is decrypted here, once, so
 * sending works on plaintext in memory only. Each distinct stored value is decrypted once, not once per
 * row or per claim (revealKnown). Values from before encryption pass as they are.
 */
function decryptClaimed(rows: ClaimedDelivery[]): ClaimedDelivery[] {
  const key = encryptionKey();
  const reveal = (stored: string) => revealKnown(stored, key);
  // Per webhook: its URL and header values with the envelopes they are stored in (encrypted ones only).
  const sealedBy = new Map<string, Map<string, string>>();
  const sealedOf = (webhookId: string) => {
    let sealed = sealedBy.get(webhookId);
    if (!sealed) {
      sealed = new Map();
      sealedBy.set(webhookId, sealed);
    }
    return sealed;
  };
  const revealSealed = (stored: string, sealed: Map<string, string>) => {
    const value = reveal(stored);
    if (isEncrypted(stored)) sealed.set(value, stored);
    return value;
  };
  for (const row of rows) {
    const { webhook, delivery } = row;
    try {
      const sealed = sealedOf(webhook.id);
      webhook.secret = reveal(webhook.secret);
      webhook.payload_url = revealSealed(webhook.payload_url, sealed);
      if (webhook.previous_secret) webhook.previous_secret = reveal(webhook.previous_secret);
      if (webhook.header.length > 0) {
        webhook.header = webhook.header.map((entry) => ({
          key: entry.key,
          value: revealSealed(entry.value, sealed),
        }));
      }
      row.sealed = sealed;
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

/**
 * A webhook whose receiver keeps timing out backs off: its deliveries due before `ms` from now (the ones
 * this worker holds but has not started among them) wait until then, so they hold neither a sending slot
 * nor a place in any worker's queue meanwhile. Deliveries in flight elsewhere are left to their workers.
 */
export async function deferWebhookDeliveries(
  db: Database,
  workerId: string,
  webhookId: string,
  ms: number,
  held: readonly string[],
) {
  const until = sql`now() + (${ms}::double precision * interval '1 millisecond')`;
  await db
    .update(deliveries)
    .set({ next_attempt_at: until, lease_expires_at: null, leased_by: null })
    .where(
      and(
        eq(deliveries.webhook_id, webhookId),
        sql`${deliveries.status} = 'pending'`,
        lt(deliveries.next_attempt_at, until),
        or(
          isNull(deliveries.lease_expires_at),
          lt(deliveries.lease_expires_at, sql`now()`),
          held.length > 0
            ? and(eq(deliveries.leased_by, workerId), inArray(deliveries.id, [...held]))
            : undefined,
        ),
      ),
    );
}

/** Hands claimed deliveries that were never started back to the queue, due at once for any worker. */
export async function releaseDeliveries(db: Database, workerId: string, ids: readonly string[]) {
  if (ids.length === 0) return;
  await db
    .update(deliveries)
    .set({ lease_expires_at: null, leased_by: null })
    .where(and(inArray(deliveries.id, [...ids]), eq(deliveries.leased_by, workerId)));
}
