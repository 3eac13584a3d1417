import "server-only";
import type { DispatchConfig } from "./config";
import { nextAttemptDelay } from "./retry";

// The failure policy, in one place and without I/O: what an attempt's result means for its delivery
// (done, retry when, failed for good) and for its webhook (the run of failures, when it switches off).
// The attempt (attempt.ts) and the batch writer (record.ts) only carry these decisions to the database.
//
// The rules:
// - a 2xx succeeds, and ends the webhook's run of failures;
// - 410 Gone fails the delivery without a retry and switches the webhook off ("gone");
// - a request that can never go out (blocked by the SSRF guard, or one that cannot be built) fails at once;
// - any other failure is retried on the schedule (retry.ts) until it is used up;
// - a webhook that has only failed for `disableAfterMs` (5 days by default) switches off ("failing"):
//   `failing_since` holds the first failure after its last success;
// - a retry of a webhook that is (or has just been switched) off is cancelled instead of queued.

/** How one attempt went, for its webhook's health. */
export type AttemptEffect = "succeeded" | "failed" | "gone";

// Failures that the same request cannot overcome later: retrying would only repeat them.
const PERMANENT_ERRORS = new Set(["blocked", "invalid"]);

export type AttemptResult = {
  ok: boolean;
  status?: number | null;
  errorKind?: string | null;
  /** The response's Retry-After header, if any. */
  retryAfter?: string | null;
};

export type AttemptVerdict = {
  status: "succeeded" | "failed" | "pending";
  /** Milliseconds until the next try when `status` is pending, else null. */
  retryInMs: number | null;
  effect: AttemptEffect;
};

/** What attempt number `attempt` (1 for the first try) of a delivery leads to, given its result. */
export function judgeAttempt(
  result: AttemptResult,
  attempt: number,
  policy: Pick<DispatchConfig, "retryScheduleMs" | "jitter">,
  { now, random }: { now: Date; random: () => number },
): AttemptVerdict {
  if (result.ok) return { status: "succeeded", retryInMs: null, effect: "succeeded" };
  if (result.status === 410) return { status: "failed", retryInMs: null, effect: "gone" };
  const delay = PERMANENT_ERRORS.has(result.errorKind ?? "")
    ? null
    : nextAttemptDelay(
        { attempt, status: result.status ?? null, retryAfter: result.retryAfter ?? null, random, now },
        policy,
      );
  return delay === null
    ? { status: "failed", retryInMs: null, effect: "failed" }
    : { status: "pending", retryInMs: delay, effect: "failed" };
}

/** The part of a webhook the policy reads and writes. */
export type WebhookHealth = {
  active: boolean;
  disabled_reason: string | null;
  /** The first failure since the last success; null when the last attempt succeeded (or none was made). */
  failing_since: Date | null;
  last_execution: Date | null;
};

/**
 * A webhook's health after a batch of its attempts (in any order; each with the time it started), and
 * whether the policy switched it off. The span of failures is judged once, at the batch's last attempt.
 */
export function applyAttempts(
  health: WebhookHealth,
  attempts: readonly { at: Date; effect: AttemptEffect }[],
  policy: Pick<DispatchConfig, "disableAfterMs">,
): WebhookHealth & { switchedOff: boolean } {
  let { active, disabled_reason, failing_since, last_execution } = health;
  let switchedOff = false;
  let lastRun: Date | null = null;
  for (const { at, effect } of [...attempts].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    // Every real attempt ran the webhook, the one that got 410 and switched it off included.
    lastRun = at;
    if (!last_execution || at > last_execution) last_execution = at;
    if (effect === "gone") {
      // A 410 says nothing about the run of failures; it ends the webhook's life instead.
      switchedOff = switchedOff || active || disabled_reason !== "gone";
      active = false;
      disabled_reason = "gone";
    } else if (effect === "succeeded") failing_since = null;
    else failing_since ??= at;
  }
  if (
    active &&
    failing_since &&
    lastRun &&
    lastRun.getTime() - failing_since.getTime() >= policy.disableAfterMs
  ) {
    active = false;
    disabled_reason = "failing";
    switchedOff = true;
  }
  return { active, disabled_reason, failing_since, last_execution, switchedOff };
}

/** The status a delivery's outcome is written with: a retry is not queued for a webhook that is off. */
export function settledStatus<S extends string>(status: S, webhookActive: boolean): S | "cancelled" {
  return status === "pending" && !webhookActive ? "cancelled" : status;
}
