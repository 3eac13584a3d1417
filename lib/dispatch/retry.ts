import "server-only";
import type { DispatchConfig } from "./config";

// Only these statuses mean "come back later" in a way worth obeying.
const RETRY_AFTER_STATUSES = new Set([429, 503]);

export type RetryInput = {
  /** Tries made so far, all failed: 1 after the first try. */
  attempt: number;
  /** The failed response's Retry-After header, if any. */
  retryAfter?: string | null;
  status?: number | null;
  /** A number in [0, 1), like Math.random: injected so schedules are reproducible in tests. */
  random: () => number;
  /** Reference time for a Retry-After given as an HTTP date. */
  now: Date;
};

export type RetryPolicy = Pick<DispatchConfig, "retryScheduleMs" | "jitter">;

/**
 * Milliseconds to wait before the next try, or null when the schedule is used up and the delivery has failed.
 * The scheduled wait is spread by ± jitter; a Retry-After on 429/503 replaces it, kept within
 * [scheduled, 2 × scheduled] so a receiver can slow us down but neither hurry us nor park a delivery for days.
 */
export function nextAttemptDelay(input: RetryInput, policy: RetryPolicy): number | null {
  const { attempt } = input;
  if (!Number.isInteger(attempt) || attempt < 1)
    throw new RangeError(`attempt must be 1 or more, got ${attempt}`);
  const scheduled = policy.retryScheduleMs[attempt - 1];
  if (scheduled === undefined) return null;

  if (input.status != null && RETRY_AFTER_STATUSES.has(input.status) && input.retryAfter) {
    const asked = parseRetryAfter(input.retryAfter, input.now);
    if (asked !== null) return Math.min(Math.max(asked, scheduled), 2 * scheduled);
  }
  const spread = policy.jitter * (2 * input.random() - 1);
  return Math.max(0, Math.round(scheduled * (1 + spread)));
}

/** A Retry-After value (delay-seconds or HTTP-date, RFC 9110 §10.2.3) in milliseconds from `now`, or null. */
export function parseRetryAfter(value: string, now: Date): number | null {
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP-date form starts with the weekday; this keeps other junk away from the lenient Date.parse.
  if (!/^[A-Za-z]{3,9},?\s/.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}
