import { describe, expect, it } from "vitest";
import { defaultDispatchConfig } from "@/lib/dispatch/config";
import {
  type AttemptEffect,
  applyAttempts,
  judgeAttempt,
  settledStatus,
  type WebhookHealth,
} from "@/lib/dispatch/failure-policy";

const SECOND = 1000;
const DAY = 24 * 60 * 60 * SECOND;
const policy = defaultDispatchConfig;
const now = new Date("2026-03-01T12:00:00Z");
const clock = { now, random: () => 0.5 };
const at = (ms: number) => new Date(now.getTime() + ms);
const healthy: WebhookHealth = {
  active: true,
  disabled_reason: null,
  failing_since: null,
  last_execution: null,
};
const run = (...attempts: [number, AttemptEffect][]) =>
  attempts.map(([ms, effect]) => ({ at: at(ms), effect }));

describe("judgeAttempt", () => {
  it("counts a 2xx as done", () => {
    expect(judgeAttempt({ ok: true, status: 204 }, 1, policy, clock)).toEqual({
      status: "succeeded",
      retryInMs: null,
      effect: "succeeded",
    });
  });

  it("fails a 410 without a retry and marks the webhook gone", () => {
    expect(judgeAttempt({ ok: false, status: 410 }, 1, policy, clock)).toEqual({
      status: "failed",
      retryInMs: null,
      effect: "gone",
    });
  });

  it("retries other failures on the schedule until it is used up", () => {
    expect(judgeAttempt({ ok: false, status: 500 }, 1, policy, clock)).toEqual({
      status: "pending",
      retryInMs: 5 * SECOND,
      effect: "failed",
    });
    expect(judgeAttempt({ ok: false, errorKind: "timeout" }, 2, policy, clock).status).toBe("pending");
    const last = policy.retryScheduleMs.length + 1;
    expect(judgeAttempt({ ok: false, status: 500 }, last, policy, clock)).toEqual({
      status: "failed",
      retryInMs: null,
      effect: "failed",
    });
  });

  it("obeys Retry-After on 429 within the schedule's bounds", () => {
    const verdict = judgeAttempt({ ok: false, status: 429, retryAfter: "7" }, 1, policy, clock);
    expect(verdict.retryInMs).toBe(7 * SECOND);
  });

  it("fails a request the guard blocked, or one that cannot be built, at once", () => {
    for (const errorKind of ["blocked", "invalid"]) {
      expect(judgeAttempt({ ok: false, errorKind }, 1, policy, clock)).toEqual({
        status: "failed",
        retryInMs: null,
        effect: "failed",
      });
    }
  });
});

describe("applyAttempts", () => {
  it("starts a run of failures at the first failure and keeps its start", () => {
    const first = applyAttempts(healthy, run([0, "failed"], [SECOND, "failed"]), policy);
    expect(first).toMatchObject({ active: true, failing_since: at(0), last_execution: at(SECOND) });
    const later = applyAttempts(first, run([DAY, "failed"]), policy);
    expect(later).toMatchObject({ active: true, failing_since: at(0), last_execution: at(DAY) });
  });

  it("ends the run with a success, and a failure after it starts a new one", () => {
    const failing = { ...healthy, failing_since: at(-DAY) };
    expect(applyAttempts(failing, run([0, "succeeded"]), policy).failing_since).toBeNull();
    // In any order: attempts of one batch are sorted by the time they started.
    const mixed = run([3 * SECOND, "failed"], [SECOND, "succeeded"], [0, "failed"], [2 * SECOND, "failed"]);
    expect(applyAttempts(failing, mixed, policy)).toMatchObject({
      failing_since: at(2 * SECOND),
      last_execution: at(3 * SECOND),
    });
  });

  it("switches off after 5 days of failures without a success, not a moment before", () => {
    const failing = { ...healthy, failing_since: at(0) };
    expect(applyAttempts(failing, run([5 * DAY - 1, "failed"]), policy)).toMatchObject({
      active: true,
      switchedOff: false,
    });
    expect(applyAttempts(failing, run([5 * DAY, "failed"]), policy)).toMatchObject({
      active: false,
      disabled_reason: "failing",
      switchedOff: true,
    });
    // A success that ends the batch resets the span.
    expect(
      applyAttempts(failing, run([5 * DAY, "failed"], [5 * DAY + 1, "succeeded"]), policy),
    ).toMatchObject({
      active: true,
      failing_since: null,
      switchedOff: false,
    });
  });

  it("switches off at once on a 410, which counts as a run of the webhook", () => {
    expect(applyAttempts(healthy, run([0, "gone"]), policy)).toEqual({
      active: false,
      disabled_reason: "gone",
      failing_since: null,
      last_execution: at(0),
      switchedOff: true,
    });
  });

  it("leaves a webhook switched off by a person off, with its reason, unless a 410 says gone", () => {
    const off = { ...healthy, active: false, failing_since: at(-6 * DAY) };
    expect(applyAttempts(off, run([0, "failed"]), policy)).toMatchObject({
      active: false,
      disabled_reason: null,
      switchedOff: false,
    });
    expect(applyAttempts(off, run([0, "gone"]), policy)).toMatchObject({
      disabled_reason: "gone",
      switchedOff: true,
    });
  });

  it("never moves last_execution back", () => {
    const recent = { ...healthy, last_execution: at(DAY) };
    expect(applyAttempts(recent, run([0, "succeeded"]), policy).last_execution).toEqual(at(DAY));
  });
});

describe("settledStatus", () => {
  it("cancels a retry of a webhook that is off, and leaves the rest", () => {
    expect(settledStatus("pending", false)).toBe("cancelled");
    expect(settledStatus("pending", true)).toBe("pending");
    expect(settledStatus("failed", false)).toBe("failed");
    expect(settledStatus("succeeded", false)).toBe("succeeded");
  });
});
