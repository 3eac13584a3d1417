import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { type DeliveryStatus, deliveries, deliveryAttempts, type StoredRequest, webhooks } from "@/db/schema";
import { encryptRequestHeaders } from "@/lib/crypto/delivery-requests";
import { encryptionKey } from "@/lib/crypto/key";
import { buildRequest } from "@/lib/webhooks/build-request";
import type { WebhookValues } from "@/lib/webhooks/schemas";
import type { ClaimedDelivery } from "./claim";
import type { DispatchConfig } from "./config";
import { type LogSecrets, logSecretsOf, maskRequest, maskResponseHeaders } from "./mask";
import { nextAttemptDelay } from "./retry";
import { headerValue, type SendResult, sendRequest } from "./send";
import { signatureHeaders } from "./sign";

// Failures that the same request cannot overcome later: retrying would only repeat them.
const PERMANENT_ERRORS = new Set(["blocked", "invalid"]);

export type DisabledReason = "gone" | "failing";

/** One row of the attempt log, as written. */
export type AttemptLog = {
  delivery_id: string;
  attempt: number;
  started_at: Date;
  duration_ms: number;
  request: StoredRequest;
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: string | null;
  error_kind: string | null;
  error_message: string | null;
};

/** What one attempt leaves behind: the delivery's new state, its log row, and what it means for the webhook. */
export type DeliveryOutcome = {
  deliveryId: string;
  webhookId: string;
  status: DeliveryStatus;
  attempts: number;
  /** The request rendered at the first attempt, to be stored; null keeps what is stored. */
  request: StoredRequest | null;
  lastResponseStatus: number | null;
  lastError: string | null;
  /** When the next try is due; null keeps the stored time. */
  nextAttemptAt: Date | null;
  /** Null when nothing was tried (the webhook had been disabled). */
  log: AttemptLog | null;
  effect: { at: Date; result: "succeeded" | "failed" | "gone" } | null;
};

/**
 * One attempt of one claimed delivery: render (first attempt only), sign, send, and decide what follows
 * (done, retry when, failed). Touches no database: `recordOutcomes` writes the results of many attempts at once.
 */
export async function attemptDelivery(
  { delivery, webhook, data, undecryptable }: ClaimedDelivery,
  config: DispatchConfig,
): Promise<DeliveryOutcome> {
  const now = new Date();
  const attempt = delivery.attempts + 1;
  const ids = { deliveryId: delivery.id, webhookId: webhook.id };
  // The values of the webhook's own headers and its URL's credentials are secrets: encrypted when stored,
  // masked in the log.
  const custom = logSecretsOf(webhook);

  if (webhook.disabled_reason || undecryptable) {
    return {
      ...ids,
      status: "failed",
      attempts: delivery.attempts,
      request: null,
      lastResponseStatus: null,
      lastError: undecryptable ?? `webhook disabled (${webhook.disabled_reason})`,
      nextAttemptAt: null,
      log: null,
      effect: null,
    };
  }

  let request = delivery.request;
  if (!request) {
    const built = buildRequest(webhook as unknown as WebhookValues, data);
    if (!built.ok) {
      const unsent: StoredRequest = {
        method: webhook.method,
        url: webhook.payload_url,
        headers: [],
        body: null,
      };
      return {
        ...ids,
        status: "failed",
        attempts: attempt,
        request: null,
        lastResponseStatus: null,
        lastError: `invalid request: ${built.error}`,
        nextAttemptAt: null,
        log: attemptLog(delivery.id, attempt, now, unsent, custom, {
          ok: false,
          body: "",
          bodyTruncated: false,
          durationMs: 0,
          errorKind: "invalid",
          errorMessage: built.error,
        }),
        effect: { at: now, result: "failed" },
      };
    }
    request = built.request;
  }

  const secrets = [webhook.secret];
  if (
    webhook.previous_secret &&
    webhook.previous_secret_expires_at &&
    webhook.previous_secret_expires_at > now
  ) {
    secrets.push(webhook.previous_secret);
  }
  const signature = signatureHeaders({ id: delivery.id, timestamp: now, body: request.body ?? "", secrets });
  const sent: StoredRequest = { ...request, headers: [...request.headers, ...Object.entries(signature)] };
  const result = await sendRequest(sent, config);
  const answered = {
    ...ids,
    attempts: attempt,
    // Kept for retries and resends, the webhook's own header values encrypted as they are in the webhook
    // (claimDueDeliveries decrypts them).
    request: delivery.request ? null : encryptRequestHeaders(request, encryptionKey()),
    lastResponseStatus: result.status ?? null,
    lastError: result.ok ? null : describeFailure(result),
    log: attemptLog(delivery.id, attempt, now, sent, custom, result),
  };

  if (result.ok) {
    return {
      ...answered,
      status: "succeeded",
      nextAttemptAt: null,
      effect: { at: now, result: "succeeded" },
    };
  }
  if (result.status === 410) {
    return { ...answered, status: "failed", nextAttemptAt: null, effect: { at: now, result: "gone" } };
  }
  const delay = PERMANENT_ERRORS.has(result.errorKind ?? "")
    ? null
    : nextAttemptDelay(
        {
          attempt,
          status: result.status ?? null,
          retryAfter: headerValue(result.headers, "retry-after"),
          random: Math.random,
          now,
        },
        config,
      );
  return {
    ...answered,
    status: delay === null ? "failed" : "pending",
    nextAttemptAt: delay === null ? null : new Date(now.getTime() + delay),
    effect: { at: now, result: "failed" },
  };
}

function describeFailure(result: SendResult): string {
  if (result.errorKind) return `${result.errorKind}: ${result.errorMessage ?? ""}`.trim();
  return `HTTP ${result.status}`;
}

function attemptLog(
  deliveryId: string,
  attempt: number,
  startedAt: Date,
  request: StoredRequest,
  custom: LogSecrets,
  result: SendResult,
): AttemptLog {
  return {
    delivery_id: deliveryId,
    attempt,
    started_at: startedAt,
    duration_ms: result.durationMs,
    request: maskRequest(request, custom),
    response_status: result.status ?? null,
    response_headers: result.headers ? Object.fromEntries(maskResponseHeaders(result.headers)) : null,
    response_body: result.body || null,
    error_kind: result.errorKind ?? null,
    error_message: result.errorMessage ?? null,
  };
}

// A webhook's share of a batch: when it last ran, and the run of failures it ends with.
type WebhookEffect = {
  id: string;
  last_execution: string | null;
  // The first failure after the batch's last success (or in the whole batch), null if it ends in success.
  run_start: string | null;
  // A success in the batch ended any earlier run of failures.
  reset: boolean;
  gone: boolean;
};

function webhookEffects(outcomes: readonly DeliveryOutcome[]): WebhookEffect[] {
  const byWebhook = new Map<string, NonNullable<DeliveryOutcome["effect"]>[]>();
  for (const outcome of outcomes) {
    if (!outcome.effect) continue;
    const list = byWebhook.get(outcome.webhookId) ?? [];
    list.push(outcome.effect);
    byWebhook.set(outcome.webhookId, list);
  }
  return [...byWebhook].map(([id, effects]) => {
    let last: Date | null = null;
    let runStart: Date | null = null;
    let reset = false;
    let gone = false;
    for (const effect of effects.sort((a, b) => a.at.getTime() - b.at.getTime())) {
      // Every real attempt ran the webhook, the one that got 410 and switched it off included.
      last = effect.at;
      if (effect.result === "gone") {
        gone = true;
        continue;
      }
      if (effect.result === "succeeded") {
        runStart = null;
        reset = true;
      } else runStart ??= effect.at;
    }
    return {
      id,
      last_execution: last?.toISOString() ?? null,
      run_start: runStart?.toISOString() ?? null,
      reset,
      gone,
    };
  });
}

const param = (name: string) => sql`${sql.placeholder(name)}::jsonb`;

// One statement for a whole batch, built once per database and prepared: PostgreSQL parses and plans it
// once per connection, and each batch is a single round trip.
function prepareRecord(db: Database) {
  const cte = (name: string, body: ReturnType<typeof sql>) => db.$with(name, {}).as(body);
  const outcome = cte(
    "outcome",
    sql`select * from jsonb_to_recordset(${param("rows")}) as o(
      id uuid, status text, attempts int, request jsonb, last_response_status int, last_error text,
      next_attempt_at timestamptz)`,
  );
  // Only rows this worker still holds: one that lost its lease after a stall keeps the other's result.
  // A retry of a webhook switched off meanwhile is cancelled instead of queued.
  // Rows are looked up by `= any(array(…))`, which the planner answers from the primary key even before
  // the table has statistics, rather than a join it might plan as a scan of the whole table.
  const finished = cte(
    "finished",
    sql`update ${deliveries} d set
      status = case when o.status = 'pending' and not w.active then 'cancelled' else o.status end,
      attempts = o.attempts,
      request = coalesce(o.request, d.request),
      last_response_status = o.last_response_status,
      last_error = o.last_error,
      next_attempt_at = coalesce(o.next_attempt_at, d.next_attempt_at),
      completed_at = case when o.status = 'pending' and w.active then null else now() end,
      lease_expires_at = null,
      leased_by = null
    from outcome o, ${webhooks} w
    where d.id = any(array(select id from outcome)) and d.id = o.id and w.id = d.webhook_id
      and d.leased_by = ${sql.placeholder("workerId")}::text
    returning d.id`,
  );
  // A delivery deleted meanwhile (with its webhook) has no log to keep.
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
  const effect = cte(
    "effect",
    sql`select * from jsonb_to_recordset(${param("effects")}) as t(
      id uuid, last_execution timestamptz, run_start timestamptz, reset boolean, gone boolean)`,
  );
  // Webhook rows are locked in id order, so workers writing batches side by side cannot deadlock, and
  // with FOR NO KEY UPDATE (what the update takes anyway), which does not conflict with the key-share locks
  // the intake's delivery inserts take on the same rows: FOR UPDATE deadlocked with intake under load.
  const locked = cte(
    "locked",
    sql`select w.id from ${webhooks} w where w.id = any(array(select id from effect)) order by w.id for no key update`,
  );
  const touched = db
    .$with("touched", { id: webhooks.id, active: webhooks.active, failing_since: webhooks.failing_since })
    .as(sql`update ${webhooks} w set
      last_execution = greatest(w.last_execution, t.last_execution),
      failing_since = case when t.reset then t.run_start else coalesce(w.failing_since, t.run_start) end,
      active = case when t.gone then false else w.active end,
      disabled_reason = case when t.gone then 'gone' else w.disabled_reason end,
      date_updated = case when t.gone then now() else w.date_updated end
    from effect t join locked l on l.id = t.id
    where w.id = t.id
    returning w.id, w.active, w.failing_since`);
  return db
    .with(outcome, finished, logged, effect, locked, touched)
    .select({ id: touched.id, active: touched.active, failing_since: touched.failing_since })
    .from(touched)
    .prepare("record_outcomes");
}

const recorders = new WeakMap<Database, ReturnType<typeof prepareRecord>>();

/**
 * Writes the outcomes of many attempts in one statement, so one commit serves a whole batch: the delivery
 * rows, the attempt log, and each webhook's `last_execution`, run of failures and 410 switch-off.
 */
export async function recordOutcomes(
  db: Database,
  config: Pick<DispatchConfig, "disableAfterMs">,
  workerId: string,
  outcomes: readonly DeliveryOutcome[],
): Promise<void> {
  if (outcomes.length === 0) return;
  let record = recorders.get(db);
  if (!record) {
    record = prepareRecord(db);
    recorders.set(db, record);
  }
  const rows = outcomes.map((outcome) => ({
    id: outcome.deliveryId,
    status: outcome.status,
    attempts: outcome.attempts,
    request: outcome.request,
    last_response_status: outcome.lastResponseStatus,
    last_error: outcome.lastError,
    next_attempt_at: outcome.nextAttemptAt?.toISOString() ?? null,
  }));
  const logs = outcomes.flatMap((outcome) => (outcome.log ? [outcome.log] : []));
  const effects = webhookEffects(outcomes);
  const touched = await record.execute({
    rows: JSON.stringify(rows),
    logs: JSON.stringify(logs),
    effects: JSON.stringify(effects),
    workerId,
  });

  // Five days (by default) of failures without a success switch a webhook off.
  const lastRun = new Map(effects.map((effect) => [effect.id, effect.last_execution]));
  for (const webhook of touched) {
    const ranAt = lastRun.get(webhook.id);
    if (!webhook.active || !webhook.failing_since || !ranAt) continue;
    if (Date.parse(ranAt) - webhook.failing_since.getTime() >= config.disableAfterMs) {
      await disableWebhook(db, webhook.id, "failing");
    }
  }
}

export async function disableWebhook(db: Database, id: string, reason: DisabledReason) {
  await db
    .update(webhooks)
    .set({ active: false, disabled_reason: reason, date_updated: new Date() })
    .where(eq(webhooks.id, id));
}
