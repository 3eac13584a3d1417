import { describe, expect, it } from "vitest";
import {
  failingFor,
  failureReason,
  fillBuckets,
  healthState,
  parseRange,
  rangeStart,
  sparkBars,
  successRate,
} from "@/lib/health/series";

// The pure half of health: ranges and buckets, the badge, "failing for 3 h", reasons. The statements that
// feed them run on both databases in tests/db/health.test.ts.

const at = (iso: string) => new Date(iso);

describe("health ranges and buckets", () => {
  it("starts 24 hourly buckets so that the last one holds the current hour", () => {
    expect(rangeStart("24h", at("2026-12-02T10:42:13Z")).toISOString()).toBe("2026-12-01T11:00:00.000Z");
  });

  it("starts 7 days in quarter days and 30 days in whole UTC days", () => {
    expect(rangeStart("7d", at("2026-12-02T10:42:13Z")).toISOString()).toBe("2026-11-25T12:00:00.000Z");
    expect(rangeStart("30d", at("2026-12-02T10:42:13Z")).toISOString()).toBe("2026-11-03T00:00:00.000Z");
  });

  it("fills every bucket of the range, zeros where nothing was delivered", () => {
    const start = at("2026-12-01T11:00:00Z");
    const series = fillBuckets("24h", start, [
      { bucket: 0, succeeded: 3, failed: 1 },
      { bucket: 23, succeeded: 0, failed: 2 },
    ]);
    expect(series).toHaveLength(24);
    expect(series[0]).toEqual({ start: "2026-12-01T11:00:00.000Z", succeeded: 3, failed: 1 });
    expect(series[1]).toEqual({ start: "2026-12-01T12:00:00.000Z", succeeded: 0, failed: 0 });
    expect(series[23]).toEqual({ start: "2026-12-02T10:00:00.000Z", succeeded: 0, failed: 2 });
  });

  it("drops a row past the range's end (a delivery made after the page read the clock)", () => {
    const series = fillBuckets("30d", at("2026-11-03T00:00:00Z"), [{ bucket: 30, succeeded: 5, failed: 0 }]);
    expect(series).toHaveLength(30);
    expect(series.every((bucket) => bucket.succeeded === 0)).toBe(true);
  });

  it("reads only the ranges it knows from the address", () => {
    expect(parseRange("7d")).toBe("7d");
    expect(parseRange("30d")).toBe("30d");
    expect(parseRange("1y")).toBe("24h");
    expect(parseRange(["7d"])).toBe("24h");
    expect(parseRange(undefined)).toBe("24h");
  });
});

describe("health figures", () => {
  it("turns a series into the list's compact sparkline bars, in order", () => {
    const buckets = [
      { start: "2026-12-02T08:00:00.000Z", succeeded: 3, failed: 0 },
      { start: "2026-12-02T09:00:00.000Z", succeeded: 0, failed: 2 },
    ];
    expect(sparkBars(buckets)).toEqual([
      [3, 0],
      [0, 2],
    ]);
  });

  it("has no success rate before any delivery had an outcome", () => {
    expect(successRate(0, 0)).toBeNull();
    expect(successRate(3, 1)).toBe(0.75);
    expect(successRate(0, 4)).toBe(0);
  });

  it("calls a switched-off webhook off even while its failures run, a failing one failing, the rest healthy", () => {
    expect(healthState({ active: false, failing_since: "2026-12-02T07:00:00Z" })).toBe("off");
    expect(healthState({ active: false, failing_since: null })).toBe("off");
    expect(healthState({ active: true, failing_since: "2026-12-02T07:00:00Z" })).toBe("failing");
    expect(healthState({ active: true, failing_since: null })).toBe("healthy");
  });

  it("says how long a webhook has been failing in minutes, hours, then days, rounded down", () => {
    const now = at("2026-12-02T10:00:00Z");
    expect(failingFor("2026-12-02T09:59:50Z", now)).toEqual({ unit: "minutes", value: 1 });
    expect(failingFor("2026-12-02T09:18:00Z", now)).toEqual({ unit: "minutes", value: 42 });
    expect(failingFor("2026-12-02T07:00:00Z", now)).toEqual({ unit: "hours", value: 3 });
    expect(failingFor("2026-12-02T06:01:00Z", now)).toEqual({ unit: "hours", value: 3 });
    expect(failingFor("2026-11-30T10:30:00Z", now)).toEqual({ unit: "hours", value: 47 });
    expect(failingFor("2026-11-29T09:00:00Z", now)).toEqual({ unit: "days", value: 3 });
  });

  it("reads a delivery's failure as its connection error, else its HTTP status", () => {
    expect(failureReason(null, "refused: connect ECONNREFUSED 127.0.0.1:9")).toEqual({ kind: "refused" });
    expect(failureReason(500, "HTTP 500")).toEqual({ status: 500 });
    expect(failureReason(503, null)).toEqual({ status: 503 });
    expect(failureReason(null, null)).toBeNull();
  });
});
