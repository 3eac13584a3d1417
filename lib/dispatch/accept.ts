import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { eventIdempotencyKeys, webhooks } from "@/db/schema";
import { insertEventBatched } from "./event-batches";
import type { EventInput } from "./event-input";
import { passesFilters } from "./match";
import { wakeWorkers } from "./wake";

export type AcceptedEvent = { event_id: string; deliveries: number };

/** How long an idempotency key answers a repeat with the first answer. */
export const IDEMPOTENCY_WINDOW_HOURS = 24;

// Built once per database and prepared: PostgreSQL parses and plans them once per connection.
function prepareStatements(db: Database) {
  const candidates = db
    .select({ id: webhooks.id, prokey_filter: webhooks.prokey_filter, filters: webhooks.filters })
    .from(webhooks)
    .where(
      and(
        eq(webhooks.workspace_id, sql.placeholder("workspace")),
        eq(webhooks.active, true),
        eq(webhooks.trigger_element, sql.placeholder("element")),
        eq(webhooks.trigger, sql.placeholder("trigger")),
      ),
    )
    .prepare("event_candidates");

  const answered = db
    .select({
      event_id: eventIdempotencyKeys.event_id,
      deliveries: eventIdempotencyKeys.deliveries,
      expired: sql<boolean>`${eventIdempotencyKeys.created_at} < ${windowStart}`,
    })
    .from(eventIdempotencyKeys)
    .where(
      and(
        eq(eventIdempotencyKeys.workspace_id, sql.placeholder("workspace")),
        eq(eventIdempotencyKeys.key, sql.placeholder("key")),
      ),
    )
    .prepare("event_idempotency_answer");
  return { candidates, answered };
}

const statements = new WeakMap<Database, ReturnType<typeof prepareStatements>>();

/**
 * Stores the event and one delivery per matching active webhook of its workspace in one transaction: once
 * this returns, nothing of it can be lost, and the workers deliver it from the table. The filters are
 * applied here, by match.ts, between reading the candidates and the one statement that writes.
 * With `idempotencyKey`, a key seen in the last 24 hours gets its first answer (`replayed`) instead.
 */
export async function acceptEvent(
  db: Database,
  workspaceId: string,
  input: EventInput,
): Promise<AcceptedEvent & { replayed: boolean }> {
  const { idempotencyKey } = input;
  let prepared = statements.get(db);
  if (!prepared) {
    prepared = prepareStatements(db);
    statements.set(db, prepared);
  }
  pruneIdempotencyKeys(db);
  if (idempotencyKey !== null) {
    const first = await storedAnswer(db, prepared, workspaceId, idempotencyKey);
    if (first) return first;
  }
  const matching = await matchingWebhooks(prepared, workspaceId, input);

  let accepted: { event_id: string; deliveries: number };
  try {
    accepted = await insertEvent(db, workspaceId, input, matching);
  } catch (error) {
    // A twin sent at the same moment won: its answer is committed now.
    if (idempotencyKey === null || !isUniqueViolation(error)) throw error;
    const first = await storedAnswer(db, prepared, workspaceId, idempotencyKey);
    if (first) return first;
    throw error;
  }
  if (accepted.deliveries > 0) wakeWorkers();
  return { event_id: accepted.event_id, deliveries: accepted.deliveries, replayed: false };
}

/**
 * An operational event (lib/dispatch/alerts.ts) through the same intake, inside the caller's transaction:
 * it commits or vanishes with the change it reports. Stored only when a webhook of the workspace takes it
 * (an alert nobody subscribed to is no event); the caller wakes the workers once it has committed.
 * Returns how many deliveries were queued.
 */
export async function acceptWithin(
  tx: Database,
  workspaceId: string,
  input: Omit<EventInput, "idempotencyKey">,
): Promise<number> {
  // Built on the transaction itself: a statement prepared on the pool would run outside it.
  const prepared = prepareStatements(tx);
  const event = { ...input, idempotencyKey: null };
  const matching = await matchingWebhooks(prepared, workspaceId, event);
  if (matching.length === 0) return 0;
  return (await insertEvent(tx, workspaceId, event, matching)).deliveries;
}

type Statements = ReturnType<typeof prepareStatements>;

// The active webhooks the event is for: its element and trigger, then their filters (match.ts).
async function matchingWebhooks(prepared: Statements, workspaceId: string, input: EventInput) {
  const candidates = await prepared.candidates.execute({
    workspace: workspaceId,
    element: input.element.key,
    trigger: input.trigger,
  });
  return candidates
    .filter((webhook) => passesFilters(webhook, input.element, input))
    .map((webhook) => webhook.id);
}

function insertEvent(db: Database, workspaceId: string, input: EventInput, matching: string[]) {
  return insertEventBatched(db, {
    workspace_id: workspaceId,
    trigger_element: input.element.key,
    trigger: input.trigger,
    prokey: input.prokey,
    data: input.data,
    webhooks: matching,
    key: input.idempotencyKey,
  });
}

const windowStart = sql`now() - ${sql.raw(`interval '${IDEMPOTENCY_WINDOW_HOURS} hours'`)}`;

// The first answer for a key still in its window. An expired one not yet pruned is removed here, so the
// key starts afresh.
async function storedAnswer(db: Database, prepared: Statements, workspaceId: string, key: string) {
  const [stored] = await prepared.answered.execute({ workspace: workspaceId, key });
  if (!stored) return null;
  if (!stored.expired) return { event_id: stored.event_id, deliveries: stored.deliveries, replayed: true };
  await db
    .delete(eventIdempotencyKeys)
    .where(
      and(
        eq(eventIdempotencyKeys.workspace_id, workspaceId),
        eq(eventIdempotencyKeys.key, key),
        lt(eventIdempotencyKeys.created_at, windowStart),
      ),
    );
  return null;
}

function isUniqueViolation(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if ((current as { code?: string }).code === "23505") return true;
  }
  return false;
}

// Keys older than the window are deleted now and then (at most every ten minutes per process), in the
// background of an intake.
const PRUNE_EVERY_MS = 10 * 60 * 1000;
const pruned = new WeakMap<Database, number>();

function pruneIdempotencyKeys(db: Database) {
  const last = pruned.get(db) ?? 0;
  if (Date.now() - last < PRUNE_EVERY_MS) return;
  pruned.set(db, Date.now());
  db.delete(eventIdempotencyKeys)
    .where(lt(eventIdempotencyKeys.created_at, windowStart))
    .catch((error: unknown) => console.error("[hooksmith] could not prune idempotency keys:", error));
}
