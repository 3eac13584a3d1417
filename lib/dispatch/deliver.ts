import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import {
  type DeliveryRow,
  deliveries,
  deliveryAttempts,
  events,
  type StoredRequest,
  webhooks,
} from "@/db/schema";
import { buildRequest } from "@/lib/webhooks/build-request";
import type { WebhookValues } from "@/lib/webhooks/schemas";
import type { DispatchConfig } from "./config";
import { maskHeaders } from "./mask";
import { nextAttemptDelay } from "./retry";
import { headerValue, type SendResult, sendRequest } from "./send";
import { signatureHeaders } from "./sign";

// Failures that the same request cannot overcome later: retrying would only repeat them.
const PERMANENT_ERRORS = new Set(["blocked", "invalid"]);

export type DisabledReason = "gone" | "failing";

/**
 * One attempt of one claimed delivery: render (first attempt only), sign, send, log, then record the
 * outcome and schedule the retry. Every write checks the lease, so a worker that lost its row to another
 * after a stall cannot overwrite the other's result.
 */
export async function deliverOnce(db: Database, config: DispatchConfig, id: string, workerId: string) {
  const [row] = await db
    .select({ delivery: deliveries, webhook: webhooks, event: events })
    .from(deliveries)
    .innerJoin(webhooks, eq(webhooks.id, deliveries.webhook_id))
    .innerJoin(events, eq(events.id, deliveries.event_id))
    .where(and(eq(deliveries.id, id), eq(deliveries.leased_by, workerId), eq(deliveries.status, "pending")));
  if (!row) return;
  const { delivery, webhook, event } = row;
  const now = new Date();
  const attempt = delivery.attempts + 1;

  if (webhook.disabled_reason) {
    await finish(db, delivery, workerId, {
      status: "failed",
      attempts: delivery.attempts,
      error: `webhook disabled (${webhook.disabled_reason})`,
    });
    return;
  }

  let request: StoredRequest | null = delivery.request;
  if (!request) {
    const built = buildRequest(webhook as unknown as WebhookValues, event.data);
    if (!built.ok) {
      const failed: StoredRequest = {
        method: webhook.method,
        url: webhook.payload_url,
        headers: [],
        body: null,
      };
      await logAttempt(db, delivery.id, attempt, now, failed, {
        ok: false,
        body: "",
        bodyTruncated: false,
        durationMs: 0,
        errorKind: "invalid",
        errorMessage: built.error,
      });
      await finish(db, delivery, workerId, {
        status: "failed",
        attempts: attempt,
        error: `invalid request: ${built.error}`,
      });
      await recordOnWebhook(db, config, webhook.id, false, now);
      return;
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
  await logAttempt(db, delivery.id, attempt, now, sent, result);

  if (result.ok) {
    await finish(db, delivery, workerId, { status: "succeeded", attempts: attempt, request, result });
    await recordOnWebhook(db, config, webhook.id, true, now);
    return;
  }
  if (result.status === 410) {
    await finish(db, delivery, workerId, { status: "failed", attempts: attempt, request, result });
    await disableWebhook(db, webhook.id, "gone");
    return;
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
  await finish(db, delivery, workerId, {
    status: delay === null ? "failed" : "pending",
    attempts: attempt,
    request,
    result,
    nextAttemptAt: delay === null ? undefined : new Date(now.getTime() + delay),
  });
  await recordOnWebhook(db, config, webhook.id, false, now);
}

function describeFailure(result: SendResult): string {
  if (result.errorKind) return `${result.errorKind}: ${result.errorMessage ?? ""}`.trim();
  return `HTTP ${result.status}`;
}

async function finish(
  db: Database,
  delivery: DeliveryRow,
  workerId: string,
  outcome: {
    status: "pending" | "succeeded" | "failed";
    attempts: number;
    request?: StoredRequest;
    result?: SendResult;
    error?: string;
    nextAttemptAt?: Date;
  },
) {
  const { result } = outcome;
  await db
    .update(deliveries)
    .set({
      status: outcome.status,
      attempts: outcome.attempts,
      request: outcome.request ?? delivery.request,
      last_response_status: result?.status ?? null,
      last_error: outcome.error ?? (result && !result.ok ? describeFailure(result) : null),
      next_attempt_at: outcome.nextAttemptAt ?? delivery.next_attempt_at,
      completed_at: outcome.status === "pending" ? null : new Date(),
      lease_expires_at: null,
      leased_by: null,
    })
    .where(and(eq(deliveries.id, delivery.id), eq(deliveries.leased_by, workerId)));
}

async function logAttempt(
  db: Database,
  deliveryId: string,
  attempt: number,
  startedAt: Date,
  request: StoredRequest,
  result: SendResult,
) {
  await db.insert(deliveryAttempts).values({
    delivery_id: deliveryId,
    attempt,
    started_at: startedAt,
    duration_ms: result.durationMs,
    request: { ...request, headers: maskHeaders(request.headers) },
    response_status: result.status ?? null,
    response_headers: result.headers ? Object.fromEntries(result.headers) : null,
    response_body: result.body || null,
    error_kind: result.errorKind ?? null,
    error_message: result.errorMessage ?? null,
  });
}

// `last_execution` and the run of failures: five days without a success switch the webhook off.
async function recordOnWebhook(
  db: Database,
  config: DispatchConfig,
  id: string,
  succeeded: boolean,
  now: Date,
) {
  if (succeeded) {
    await db.update(webhooks).set({ last_execution: now, failing_since: null }).where(eq(webhooks.id, id));
    return;
  }
  const [updated] = await db
    .update(webhooks)
    .set({ last_execution: now, failing_since: sql`coalesce(${webhooks.failing_since}, ${now})` })
    .where(eq(webhooks.id, id))
    .returning({ failing_since: webhooks.failing_since, active: webhooks.active });
  if (
    updated?.active &&
    updated.failing_since &&
    now.getTime() - updated.failing_since.getTime() >= config.disableAfterMs
  ) {
    await disableWebhook(db, id, "failing");
  }
}

export async function disableWebhook(db: Database, id: string, reason: DisabledReason) {
  await db
    .update(webhooks)
    .set({ active: false, disabled_reason: reason, date_updated: new Date() })
    .where(eq(webhooks.id, id));
}
