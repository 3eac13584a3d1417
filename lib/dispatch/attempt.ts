import "server-only";
import type { Database } from "@/db";
import type { DeliveryStatus, StoredRequest } from "@/db/schema";
import { encryptRequestHeaders } from "@/lib/crypto/delivery-requests";
import { encryptionKey } from "@/lib/crypto/key";
import { buildRequest } from "@/lib/webhooks/build-request";
import type { WebhookValues } from "@/lib/webhooks/schemas";
import type { ClaimedDelivery } from "./claim";
import type { DispatchConfig } from "./config";
import { type AttemptEffect, judgeAttempt } from "./failure-policy";
import { type LogSecrets, logSecretsOf, maskRequest, maskResponseHeaders } from "./mask";
import { sendToTarget } from "./own-inbox";
import { headerValue, type SendResult } from "./send";
import { signatureHeaders, signedContent } from "./sign";

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
  /** What the attempt means for its webhook (see failure-policy.ts); null when nothing was tried. */
  effect: { at: Date; effect: AttemptEffect } | null;
};

/**
 * One attempt of one claimed delivery: render (first attempt only), sign, send, and decide what follows
 * (done, retry when, failed: the failure policy decides). Writes to no database: `recordOutcomes` (record.ts)
 * writes the results of many attempts at once. `db` only answers whether the payload URL is one of this
 * instance's own inboxes (own-inbox.ts).
 */
export async function attemptDelivery(
  { delivery, webhook, data, undecryptable, sealed }: ClaimedDelivery,
  config: DispatchConfig,
  db?: Database,
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
        effect: { at: now, effect: "failed" },
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
  const signature = signatureHeaders({
    id: delivery.id,
    timestamp: now,
    body: signedContent(request),
    secrets,
  });
  const sent: StoredRequest = { ...request, headers: [...request.headers, ...Object.entries(signature)] };
  const result = await sendToTarget(sent, config, db, { webhookId: webhook.id });
  const answered = {
    ...ids,
    attempts: attempt,
    lastResponseStatus: result.status ?? null,
    lastError: result.ok ? null : describeFailure(result),
    log: attemptLog(delivery.id, attempt, now, sent, custom, result),
  };

  const verdict = judgeAttempt(
    {
      ok: result.ok,
      status: result.status ?? null,
      errorKind: result.errorKind ?? null,
      retryAfter: headerValue(result.headers, "retry-after"),
    },
    attempt,
    config,
    { now, random: Math.random },
  );
  return {
    ...answered,
    // Kept for retries and resends, the webhook's own header values encrypted as they are in the webhook
    // (claimDueDeliveries decrypts them). A delivery that succeeded is never sent again (a replay is a new
    // delivery, rendered anew), so it keeps none: the log has what was sent, and the row stays small
    // (bench:dispatch: the first try's success no longer writes its ~1 kB request twice).
    request:
      delivery.request || verdict.status === "succeeded"
        ? null
        : encryptRequestHeaders(request, encryptionKey(), sealed),
    status: verdict.status,
    nextAttemptAt: verdict.retryInMs === null ? null : new Date(now.getTime() + verdict.retryInMs),
    effect: { at: now, effect: verdict.effect },
  };
}

export function describeFailure(result: SendResult): string {
  if (result.errorKind) return `${result.errorKind}: ${result.errorMessage ?? ""}`.trim();
  return `HTTP ${result.status}`;
}

export function attemptLog(
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
