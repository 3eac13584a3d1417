import "server-only";
import { sql } from "drizzle-orm";
import { type Database, rowsOf } from "@/db";
import { deliveries, deliveryAttempts, webhooks } from "@/db/schema";
import { deliveryFailed, healthAlerts, healthChanges } from "./alert-policy";
import { alertSubscribers, emitAlerts, type PendingAlert } from "./alerts";
import type { DeliveryOutcome } from "./attempt";
import type { DispatchConfig } from "./config";
import { type AttemptEffect, applyAttempts, settledStatus, type WebhookHealth } from "./failure-policy";
import { wakeWorkers } from "./wake";

// The batch writer: the outcomes of many attempts, the decisions already made (attempt.ts, and for the
// webhooks failure-policy.ts), written with one commit per batch.
//
// Why one statement and a guess, rather than a transaction that reads each webhook's health under a lock
// and then decides: measured on the writer alone (PostgreSQL, batches of 20 first-try successes, 3 rounds
// alternating, load 16–24), that transaction (BEGIN, locked read, write, COMMIT) cost 137–193 µs of app
// CPU and 190–205 µs of PostgreSQL CPU per outcome against 58–107 and 110–135 µs for the single statement
// it replaced, about a fifth of a whole delivery's cost; this guarded single statement measured 49–121 and
// 105–210 µs against that statement's 61–156 and 115–180 µs in the same runs: the same. So the policy runs
// on the health this process last wrote or read for each webhook, and the statement writes the new health
// only where the stored one is still that; where it is not (another worker, a person, or the first batch
// of a webhook in this process), those webhooks take the locked path (settleLocked), which is rare.
//
// Alerts (alert-policy.ts, alerts.ts): a batch that changes a webhook's health or fails a delivery for good,
// in a workspace with an alert webhook, is written in a transaction with its alerts; every other batch
// takes the single statement as before. Such changes are rare, so the writer's cost stays where it was.

type Health = Omit<WebhookHealth, "last_execution">;
// Per database: the health this process last saw stored, per webhook id.
const known = new WeakMap<Database, Map<string, Health>>();
const KNOWN_MAX = 10_000;

/**
 * Writes the outcomes of many attempts: the delivery rows (only those this worker still holds: one that lost
 * its lease after a stall keeps the other worker's result), the attempt log (not for a delivery deleted
 * meanwhile), and each webhook's health as the failure policy has it (`last_execution`, the run of
 * failures, switched off after a 410 or days of failures). One statement, one commit, for the whole batch.
 */
export async function recordOutcomes(
  db: Database,
  config: Pick<DispatchConfig, "disableAfterMs">,
  workerId: string,
  outcomes: readonly DeliveryOutcome[],
): Promise<void> {
  if (outcomes.length === 0) return;
  let cache = known.get(db);
  if (!cache) {
    cache = new Map();
    known.set(db, cache);
  }
  const attemptsByWebhook = new Map<string, { at: Date; effect: AttemptEffect }[]>();
  for (const { webhookId, effect } of outcomes) {
    if (!effect) continue;
    const list = attemptsByWebhook.get(webhookId);
    if (list) list.push(effect);
    else attemptsByWebhook.set(webhookId, [effect]);
  }

  // The policy on the health last seen; webhooks not seen yet are decided under a lock below.
  const decided = new Map<string, { expected: Health; next: ReturnType<typeof applyAttempts> }>();
  for (const [id, attempts] of attemptsByWebhook) {
    const expected = cache.get(id);
    if (expected)
      decided.set(id, {
        expected,
        next: applyAttempts({ ...expected, last_execution: null }, attempts, config),
      });
  }
  const rows = outcomes.map((outcome) => ({
    id: outcome.deliveryId,
    status: settledStatus(outcome.status, decided.get(outcome.webhookId)?.next.active ?? true),
    attempts: outcome.attempts,
    request: outcome.request,
    last_response_status: outcome.lastResponseStatus,
    last_error: outcome.lastError,
    next_attempt_at: outcome.nextAttemptAt?.toISOString() ?? null,
  }));
  const logs = outcomes.flatMap((outcome) => (outcome.log ? [outcome.log] : []));
  const health = [...decided].map(([id, { expected, next }]) => ({
    id,
    expected_active: expected.active,
    expected_reason: expected.disabled_reason,
    expected_failing_since: expected.failing_since?.toISOString() ?? null,
    ...healthRow(next),
  }));
  const params = {
    rows: JSON.stringify(rows),
    logs: JSON.stringify(logs),
    health: JSON.stringify(health),
    workerId,
  };
  const alerts = await subscribedAlerts(db, decided, outcomes);
  const unsettledOf = (written: Set<string>) =>
    [...attemptsByWebhook.keys()].filter((id) => !written.has(id));
  if (alerts.length > 0) {
    // Everything in one transaction: the webhooks not as last seen are settled in it too, so a delivery
    // alert shows its webhook's health after this batch.
    await writeWithAlerts(db, params, alerts, async (tx, written) => {
      for (const [id, { next }] of decided) {
        if (written.has(id)) remember(cache, id, next);
      }
      const unsettled = unsettledOf(written);
      if (unsettled.length === 0) return [];
      return settleWithin(tx, config, cache, unsettled, attemptsByWebhook, outcomes);
    });
    return;
  }
  let write = writers.get(db);
  if (!write) {
    write = prepareWrite(db);
    writers.set(db, write);
  }
  const result = await write.execute(params);
  const written = new Set(result.map((row) => row.id));
  for (const [id, { next }] of decided) {
    if (written.has(id)) remember(cache, id, next);
  }
  const unsettled = unsettledOf(written);
  if (unsettled.length === 0) return;
  // The deliveries and their log are committed: a failure from here on must not make the caller write
  // them again (the log would get each attempt twice). It costs these webhooks this batch's health update.
  try {
    await settleLocked(db, config, cache, unsettled, attemptsByWebhook, outcomes);
  } catch (error) {
    for (const id of unsettled) cache.delete(id);
    console.error("[hooksmith] could not record the webhooks' health after a batch:", error);
  }
}

type Decided = Map<string, { expected: Health; next: ReturnType<typeof applyAttempts> }>;

// The alerts this batch may cause, before it is written: the health changes the policy decided (for
// webhooks whose stored health is as last seen; the others are settled, alerts included, in settleLocked)
// and deliveries that failed for good. Asked of the database only when there is one.
async function subscribedAlerts(
  db: Database,
  decided: Decided,
  outcomes: readonly DeliveryOutcome[],
): Promise<PendingAlert[]> {
  const alerts: PendingAlert[] = [];
  for (const [id, { expected, next }] of decided) {
    for (const trigger of healthChanges(expected, next))
      alerts.push({ webhookId: id, trigger, detail: lastDetail(outcomes, id) });
  }
  for (const outcome of outcomes) {
    if (!deliveryFailed({ status: outcome.status, tried: outcome.log !== null })) continue;
    alerts.push({
      webhookId: outcome.webhookId,
      trigger: "delivery.failed",
      detail: {
        ...detailOf(outcome),
        // Its event is read with the row (writeWithAlerts).
        delivery: { id: outcome.deliveryId, event_id: "", attempts: outcome.attempts },
      },
    });
  }
  if (alerts.length === 0) return alerts;
  const subscribed = await alertSubscribers(db, [...new Set(alerts.map((alert) => alert.webhookId))]);
  return alerts.filter((alert) => subscribed.has(alert.webhookId));
}

function detailOf(outcome: DeliveryOutcome) {
  return {
    at: outcome.effect?.at ?? new Date(),
    lastResponseStatus: outcome.lastResponseStatus,
    lastError: outcome.lastError,
  };
}

// The details of a webhook's latest attempt in the batch.
function lastDetail(outcomes: readonly DeliveryOutcome[], webhookId: string) {
  let last: DeliveryOutcome | undefined;
  for (const outcome of outcomes) {
    if (outcome.webhookId !== webhookId || !outcome.effect) continue;
    if (!last?.effect || outcome.effect.at >= last.effect.at) last = outcome;
  }
  return last ? detailOf(last) : { at: new Date(), lastResponseStatus: null, lastError: null };
}

/**
 * The batch's statement and its alerts in one transaction. A health alert goes out only if its webhook's
 * health was written (else settleLocked decides again); a delivery alert only for a delivery this worker
 * still holds, locked first so no other worker can write it meanwhile.
 */
async function writeWithAlerts(
  db: Database,
  params: Record<string, string>,
  alerts: readonly PendingAlert[],
  afterWrite: (tx: Database, written: Set<string>) => Promise<PendingAlert[]>,
): Promise<void> {
  const deliveryIds = alerts.flatMap((alert) => (alert.detail.delivery ? [alert.detail.delivery.id] : []));
  let queued = 0;
  await db.transaction(async (tx) => {
    const held = new Map<string, string>();
    if (deliveryIds.length > 0) {
      const rows = rowsOf<{ id: string; event_id: string }>(
        await tx.execute(sql`
        select id, event_id from ${deliveries}
        where id in (${sql.join(
          deliveryIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}) and leased_by = ${params.workerId} order by id for update`),
      );
      for (const row of rows) held.set(row.id, row.event_id);
    }
    // Prepared on the transaction: one prepared on the pool would run outside it.
    const written = await prepareWrite(tx).execute(params);
    const writtenIds = new Set(written.map((row) => row.id));
    const due = alerts.flatMap((alert): PendingAlert[] => {
      const { delivery } = alert.detail;
      if (!delivery) return writtenIds.has(alert.webhookId) ? [alert] : [];
      const eventId = held.get(delivery.id);
      return eventId
        ? [{ ...alert, detail: { ...alert.detail, delivery: { ...delivery, event_id: eventId } } }]
        : [];
    });
    const settled = await afterWrite(tx, writtenIds);
    queued = await emitAlerts(tx, [...due, ...settled]);
  });
  if (queued > 0) wakeWorkers();
}

function healthRow(next: ReturnType<typeof applyAttempts>) {
  return {
    active: next.active,
    disabled_reason: next.disabled_reason,
    failing_since: next.failing_since?.toISOString() ?? null,
    last_execution: next.last_execution?.toISOString() ?? null,
    switched_off: next.switchedOff,
  };
}

function remember(cache: Map<string, Health>, id: string, health: Health) {
  if (cache.size >= KNOWN_MAX && !cache.has(id)) cache.clear();
  cache.set(id, {
    active: health.active,
    disabled_reason: health.disabled_reason,
    failing_since: health.failing_since,
  });
}

/**
 * The webhooks whose health was not as last seen (or not seen yet): read under a row lock, decided, written,
 * in one transaction, with the alerts the changes cause. Their deliveries are already written: a retry of
 * one that turns out to be switched off is cancelled here (the switch-off trigger does it when this write
 * switches it off).
 */
async function settleLocked(
  db: Database,
  config: Pick<DispatchConfig, "disableAfterMs">,
  cache: Map<string, Health>,
  ids: string[],
  attemptsByWebhook: Map<string, { at: Date; effect: AttemptEffect }[]>,
  outcomes: readonly DeliveryOutcome[],
) {
  let queued = 0;
  await db.transaction(async (tx) => {
    const alerts = await settleWithin(tx, config, cache, ids, attemptsByWebhook, outcomes);
    queued = await emitAlerts(tx, alerts);
  });
  if (queued > 0) wakeWorkers();
}

/** settleLocked's work inside the caller's transaction; returns the alerts the changes cause. */
async function settleWithin(
  tx: Database,
  config: Pick<DispatchConfig, "disableAfterMs">,
  cache: Map<string, Health>,
  ids: string[],
  attemptsByWebhook: Map<string, { at: Date; effect: AttemptEffect }[]>,
  outcomes: readonly DeliveryOutcome[],
): Promise<PendingAlert[]> {
  // In id order, so writers side by side cannot deadlock; FOR NO KEY UPDATE (what the update takes
  // anyway) does not conflict with the key-share locks the intake's delivery inserts take on these rows.
  const stored = rowsOf<{
    id: string;
    active: boolean;
    disabled_reason: string | null;
    failing_since: string | Date | null;
    trigger_element: string;
  }>(
    await tx.execute(sql`
    select id, active, disabled_reason, failing_since, trigger_element from ${webhooks}
    where id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})
    order by id for no key update`),
  );
  const updates = [];
  const cancel: string[] = [];
  const alerts: PendingAlert[] = [];
  for (const row of stored) {
    const current: Health = {
      active: row.active,
      disabled_reason: row.disabled_reason,
      failing_since: row.failing_since == null ? null : new Date(row.failing_since),
    };
    const next = applyAttempts(
      { ...current, last_execution: null },
      attemptsByWebhook.get(row.id) ?? [],
      config,
    );
    updates.push({ id: row.id, ...healthRow(next) });
    remember(cache, row.id, next);
    for (const trigger of healthAlerts(row, current, next))
      alerts.push({ webhookId: row.id, trigger, detail: lastDetail(outcomes, row.id) });
    if (!next.active && !next.switchedOff) {
      for (const outcome of outcomes) {
        if (outcome.webhookId === row.id && outcome.status === "pending") cancel.push(outcome.deliveryId);
      }
    }
  }
  if (updates.length > 0) await tx.execute(writeHealth(updates));
  if (cancel.length > 0) {
    await tx.execute(sql`
      update ${deliveries} set status = 'cancelled', completed_at = now()
      where id in (${sql.join(
        cancel.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}) and status = 'pending' and leased_by is null`);
  }
  return alerts;
}

const healthColumns = sql`id uuid, active boolean, disabled_reason text, failing_since timestamptz,
  last_execution timestamptz, switched_off boolean`;

// The health decided by the policy; last_execution only moves forward, whoever writes it.
const healthSet = sql`
  active = h.active,
  disabled_reason = h.disabled_reason,
  failing_since = h.failing_since,
  last_execution = greatest(w.last_execution, h.last_execution),
  date_updated = case when h.switched_off then now() else w.date_updated end`;

function writeHealth(updates: object[]) {
  return sql`update ${webhooks} w set ${healthSet}
    from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as h(${healthColumns})
    where w.id = h.id`;
}

const param = (name: string) => sql`${sql.placeholder(name)}::jsonb`;

/**
 * Every write of a batch in one statement, built once per database and prepared (PostgreSQL parses and
 * plans it once per connection). A webhook's health is written only where the stored one is still what the
 * policy assumed; the ids written come back. Switching a webhook off here fires the trigger that cancels
 * its other pending deliveries (db/migrations/0007).
 */
function prepareWrite(db: Database) {
  const cte = (name: string, body: ReturnType<typeof sql>) => db.$with(name, {}).as(body);
  const outcome = cte(
    "outcome",
    sql`select * from jsonb_to_recordset(${param("rows")}) as o(
      id uuid, status text, attempts int, request jsonb, last_response_status int, last_error text,
      next_attempt_at timestamptz)`,
  );
  // Rows are looked up by `= any(array(…))`, which the planner answers from the primary key even before
  // the table has statistics, rather than a join it might plan as a scan of the whole table.
  const finished = cte(
    "finished",
    sql`update ${deliveries} d set
      status = o.status,
      attempts = o.attempts,
      request = coalesce(o.request, d.request),
      last_response_status = o.last_response_status,
      last_error = o.last_error,
      next_attempt_at = coalesce(o.next_attempt_at, d.next_attempt_at),
      completed_at = case when o.status = 'pending' then null else now() end,
      lease_expires_at = null,
      leased_by = null
    from outcome o
    where d.id = any(array(select id from outcome)) and d.id = o.id
      and d.leased_by = ${sql.placeholder("workerId")}::text
    returning d.id`,
  );
  const logged = cte(
    "logged",
    sql`insert into ${deliveryAttempts} (delivery_id, attempt, started_at, duration_ms, request,
      response_status, response_headers, response_body, error_kind, error_message)
    select a.delivery_id, a.attempt, a.started_at, a.duration_ms, a.request,
      a.response_status, a.response_headers, a.response_body, a.error_kind, a.error_message
    from jsonb_to_recordset(${param("logs")}) as a(delivery_id uuid, attempt int, started_at timestamptz,
      duration_ms int, request jsonb, response_status int, response_headers jsonb, response_body text,
      error_kind text, error_message text)
    where a.delivery_id = any(array(
      select d.id from ${deliveries} d where d.id = any(array(select id from outcome))
    ))
    returning 1`,
  );
  const health = cte(
    "h",
    sql`select * from jsonb_to_recordset(${param("health")}) as h(${healthColumns},
      expected_active boolean, expected_reason text, expected_failing_since timestamptz)`,
  );
  // Locked in id order first, so writers side by side cannot deadlock (see settleLocked).
  const locked = cte(
    "locked",
    sql`select w.id from ${webhooks} w where w.id = any(array(select id from h)) order by w.id for no key update`,
  );
  const written = db.$with("written", { id: webhooks.id }).as(sql`
    update ${webhooks} w set ${healthSet}
    from h join locked l on l.id = h.id
    where w.id = h.id and w.active = h.expected_active
      and w.disabled_reason is not distinct from h.expected_reason
      and w.failing_since is not distinct from h.expected_failing_since
    returning w.id`);
  return db
    .with(outcome, finished, logged, health, locked, written)
    .select({ id: written.id })
    .from(written)
    .prepare("record_outcomes");
}

const writers = new WeakMap<Database, ReturnType<typeof prepareWrite>>();
