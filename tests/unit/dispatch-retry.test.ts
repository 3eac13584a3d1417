import { describe, expect, it } from "vitest";
import { defaultDispatchConfig } from "@/lib/dispatch/config";
import { nextAttemptDelay, parseRetryAfter } from "@/lib/dispatch/retry";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const policy = defaultDispatchConfig;
const now = new Date("2025-03-01T12:00:00Z");
const middle = () => 0.5;
const lowest = () => 0;
const highest = () => 0.999999;

describe("nextAttemptDelay", () => {
  it("follows the schedule 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then gives up", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) =>
      nextAttemptDelay({ attempt, random: middle, now }, policy),
    );
    expect(delays).toEqual([
      5 * SECOND,
      5 * MINUTE,
      30 * MINUTE,
      2 * HOUR,
      5 * HOUR,
      10 * HOUR,
      10 * HOUR,
      null,
    ]);
  });

  it("spreads each wait by ±20 %", () => {
    expect(nextAttemptDelay({ attempt: 2, random: lowest, now }, policy)).toBe(4 * MINUTE);
    expect(nextAttemptDelay({ attempt: 2, random: highest, now }, policy)).toBe(6 * MINUTE);
    expect(nextAttemptDelay({ attempt: 1, random: () => 0.75, now }, policy)).toBe(5500);
    for (let index = 0; index < 200; index++) {
      const delay = nextAttemptDelay({ attempt: 1, random: Math.random, now }, policy) as number;
      expect(delay).toBeGreaterThanOrEqual(4000);
      expect(delay).toBeLessThanOrEqual(6000);
    }
  });

  it("uses a shortened schedule from the config", () => {
    const short = { retryScheduleMs: [1000, 2000], jitter: 0 };
    expect(nextAttemptDelay({ attempt: 1, random: highest, now }, short)).toBe(1000);
    expect(nextAttemptDelay({ attempt: 2, random: lowest, now }, short)).toBe(2000);
    expect(nextAttemptDelay({ attempt: 3, random: middle, now }, short)).toBeNull();
  });

  it("honours Retry-After in seconds on 429 and 503, within [scheduled, 2 × scheduled]", () => {
    const delayFor = (retryAfter: string, status = 429, attempt = 2) =>
      nextAttemptDelay({ attempt, status, retryAfter, random: lowest, now }, policy);
    expect(delayFor("420")).toBe(7 * MINUTE);
    expect(delayFor("420", 503)).toBe(7 * MINUTE);
    expect(delayFor("1")).toBe(5 * MINUTE);
    expect(delayFor("0")).toBe(5 * MINUTE);
    expect(delayFor("86400")).toBe(10 * MINUTE);
    expect(delayFor("3", 429, 1)).toBe(5 * SECOND);
    expect(delayFor("8", 429, 1)).toBe(8 * SECOND);
  });

  it("honours Retry-After as an HTTP date", () => {
    const at = (offsetMs: number) => new Date(now.getTime() + offsetMs).toUTCString();
    const delayFor = (retryAfter: string) =>
      nextAttemptDelay({ attempt: 3, status: 503, retryAfter, random: lowest, now }, policy);
    expect(delayFor(at(45 * MINUTE))).toBe(45 * MINUTE);
    expect(delayFor(at(-HOUR))).toBe(30 * MINUTE);
    expect(delayFor(at(5 * HOUR))).toBe(HOUR);
  });

  it("ignores Retry-After on other statuses and when it cannot be read", () => {
    const delay = (status: number | undefined, retryAfter: string | null) =>
      nextAttemptDelay({ attempt: 2, status, retryAfter, random: lowest, now }, policy);
    expect(delay(500, "420")).toBe(4 * MINUTE);
    expect(delay(undefined, "420")).toBe(4 * MINUTE);
    expect(delay(429, null)).toBe(4 * MINUTE);
    expect(delay(429, "soon")).toBe(4 * MINUTE);
    expect(delay(429, "-5")).toBe(4 * MINUTE);
    expect(delay(429, "1.5")).toBe(4 * MINUTE);
  });

  it("still gives up after the last retry, whatever Retry-After says", () => {
    expect(
      nextAttemptDelay({ attempt: 8, status: 429, retryAfter: "5", random: lowest, now }, policy),
    ).toBeNull();
  });

  it("rejects attempt numbers below 1", () => {
    expect(() => nextAttemptDelay({ attempt: 0, random: lowest, now }, policy)).toThrow(RangeError);
  });
});

describe("parseRetryAfter", () => {
  it("reads delay-seconds and all three HTTP-date forms", () => {
    const base = new Date("1994-11-06T08:49:00Z");
    expect(parseRetryAfter("120", base)).toBe(120_000);
    expect(parseRetryAfter(" 7 ", base)).toBe(7000);
    expect(parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", base)).toBe(37_000);
    expect(parseRetryAfter("Sunday, 06-Nov-94 08:49:37 GMT", base)).toBe(37_000);
    expect(parseRetryAfter("Sun, 06 Nov 1994 08:48:00 GMT", base)).toBe(0);
    expect(parseRetryAfter("2025-03-01", base)).toBeNull();
    expect(parseRetryAfter("", base)).toBeNull();
  });
});
