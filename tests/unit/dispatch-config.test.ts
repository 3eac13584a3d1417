import { afterEach, describe, expect, it, vi } from "vitest";
import { defaultDispatchConfig, dispatchConfig } from "@/lib/dispatch/config";

afterEach(() => {
  vi.unstubAllEnvs();
});

const variables = [
  "DISPATCH_RETRY_SCHEDULE",
  "DISPATCH_JITTER",
  "DISPATCH_TIMEOUT_MS",
  "DISPATCH_CONNECT_TIMEOUT_MS",
  "DISPATCH_RESPONSE_BODY_LIMIT",
  "DISPATCH_DISABLE_AFTER_SECONDS",
  "DISPATCH_LEASE_SECONDS",
  "DISPATCH_POLL_INTERVAL_MS",
  "DISPATCH_CONCURRENCY",
  "DISPATCH_WEBHOOK_CONCURRENCY",
  "DISPATCH_SECRET_OVERLAP_SECONDS",
  "ALLOW_PRIVATE_TARGETS",
  "ALLOWED_TARGET_HOSTS",
];

describe("dispatchConfig", () => {
  it("uses the issue's defaults when nothing is set", () => {
    for (const name of variables) vi.stubEnv(name, "");
    expect(dispatchConfig()).toEqual({
      retryScheduleMs: [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000],
      jitter: 0.2,
      timeoutMs: 15_000,
      connectTimeoutMs: 5_000,
      responseBodyLimit: 16_384,
      disableAfterMs: 5 * 24 * 3_600_000,
      leaseMs: 60_000,
      pollIntervalMs: 1_000,
      concurrency: 64,
      claimBatch: 100,
      webhookConcurrency: 20,
      timeoutBackoffMs: 30_000,
      timeoutBackoffMaxMs: 900_000,
      allowPrivateTargets: false,
      allowedTargetHosts: [],
    });
    expect(dispatchConfig()).toEqual({ ...defaultDispatchConfig });
  });

  it("takes every setting from the environment", () => {
    vi.stubEnv("DISPATCH_RETRY_SCHEDULE", "1,1, 2,0.5");
    vi.stubEnv("DISPATCH_JITTER", "0");
    vi.stubEnv("DISPATCH_TIMEOUT_MS", "800");
    vi.stubEnv("DISPATCH_CONNECT_TIMEOUT_MS", "300");
    vi.stubEnv("DISPATCH_RESPONSE_BODY_LIMIT", "1024");
    vi.stubEnv("DISPATCH_DISABLE_AFTER_SECONDS", "30");
    vi.stubEnv("DISPATCH_LEASE_SECONDS", "2");
    vi.stubEnv("DISPATCH_POLL_INTERVAL_MS", "50");
    vi.stubEnv("DISPATCH_CONCURRENCY", "4");
    vi.stubEnv("DISPATCH_WEBHOOK_CONCURRENCY", "2");
    vi.stubEnv("ALLOW_PRIVATE_TARGETS", "true");
    vi.stubEnv("ALLOWED_TARGET_HOSTS", " localhost, 10.0.0.0/8 ,,");
    expect(dispatchConfig()).toEqual({
      retryScheduleMs: [1000, 1000, 2000, 500],
      jitter: 0,
      timeoutMs: 800,
      connectTimeoutMs: 300,
      responseBodyLimit: 1024,
      disableAfterMs: 30_000,
      leaseMs: 2000,
      pollIntervalMs: 50,
      concurrency: 4,
      claimBatch: 100,
      webhookConcurrency: 2,
      timeoutBackoffMs: 30_000,
      timeoutBackoffMaxMs: 900_000,
      allowPrivateTargets: true,
      allowedTargetHosts: ["localhost", "10.0.0.0/8"],
    });
  });

  it("keeps a webhook's share of the slots under a third of them, and never above them all", () => {
    vi.stubEnv("DISPATCH_CONCURRENCY", "1");
    expect(dispatchConfig().webhookConcurrency).toBe(1);
    vi.stubEnv("DISPATCH_CONCURRENCY", "10");
    expect(dispatchConfig().webhookConcurrency).toBe(3);
    vi.stubEnv("DISPATCH_CONCURRENCY", "40");
    expect(dispatchConfig().webhookConcurrency).toBe(12);
    vi.stubEnv("DISPATCH_WEBHOOK_CONCURRENCY", "50");
    expect(dispatchConfig().webhookConcurrency).toBe(40);
  });

  it("fails loudly on a value it cannot read", () => {
    vi.stubEnv("DISPATCH_RETRY_SCHEDULE", "5,soon");
    expect(() => dispatchConfig()).toThrow();
    vi.stubEnv("DISPATCH_RETRY_SCHEDULE", "");
    vi.stubEnv("ALLOW_PRIVATE_TARGETS", "yes please");
    expect(() => dispatchConfig()).toThrow();
  });
});
