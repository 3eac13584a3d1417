import "server-only";
import { env } from "@/lib/env";
import { targetPolicy } from "@/lib/targets/guard";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type DispatchConfig = {
  /** Waits before each retry, after the first try: retry n waits retryScheduleMs[n - 1]. */
  retryScheduleMs: number[];
  /** Each wait is spread by ± this fraction so failed deliveries do not retry in lockstep. */
  jitter: number;
  /** One attempt, from DNS lookup to the end of the response body. */
  timeoutMs: number;
  /** Until the TCP connection is open. */
  connectTimeoutMs: number;
  /** Bytes of a response body that are read and kept; the rest is never read. */
  responseBodyLimit: number;
  /** A webhook whose deliveries have failed without a success for this long is disabled. */
  disableAfterMs: number;
  /** How long a claimed delivery stays with its worker before another may take it over. */
  leaseMs: number;
  pollIntervalMs: number;
  /** Deliveries one worker sends at the same time. */
  concurrency: number;
  /**
   * Due deliveries one claim takes at most, whatever `concurrency` is: a claim costs the database about the
   * same for one row as for a hundred, so the round trips per delivery fall as the batch grows.
   */
  claimBatch: number;
  /**
   * Deliveries of one webhook one worker sends at the same time: a receiver that hangs holds this many
   * slots at most, and the others stay free for every other webhook.
   */
  webhookConcurrency: number;
  /** After a timeout a webhook's due deliveries wait this long, doubling per timeout in a row up to the max. */
  timeoutBackoffMs: number;
  timeoutBackoffMaxMs: number;
  /** Opt-in: payload URLs may point at loopback, private and other non-public addresses. */
  allowPrivateTargets: boolean;
  /** Opt-in per target: hostnames, IP addresses or CIDR ranges that may be non-public. */
  allowedTargetHosts: string[];
};

export const defaultDispatchConfig: Readonly<DispatchConfig> = Object.freeze({
  retryScheduleMs: [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR],
  jitter: 0.2,
  timeoutMs: 15 * SECOND,
  connectTimeoutMs: 5 * SECOND,
  responseBodyLimit: 16 * 1024,
  disableAfterMs: 5 * DAY,
  leaseMs: 60 * SECOND,
  pollIntervalMs: 1 * SECOND,
  // Slots are cheap (a socket and a promise each). Too few, and claimed deliveries queue for a slot: at 2,000
  // deliveries/s, 10 slots are all taken once a send takes 5 ms (loopback under load); the p99 from commit
  // to arrival measured 0.5-1.6 s with 10 slots against 0.06-0.3 s with 48-64 (one run, rounds alternated).
  concurrency: 64,
  claimBatch: 100,
  webhookConcurrency: 20,
  timeoutBackoffMs: 30 * SECOND,
  timeoutBackoffMaxMs: 15 * MINUTE,
  allowPrivateTargets: false,
  allowedTargetHosts: [],
});

const toMs = (seconds: number) => Math.round(seconds * SECOND);

/** The delivery settings: the defaults above, each overridable by an environment variable (see lib/env.ts). */
export function dispatchConfig(): DispatchConfig {
  const e = env();
  const d = defaultDispatchConfig;
  const concurrency = e.DISPATCH_CONCURRENCY ?? d.concurrency;
  return {
    retryScheduleMs: e.DISPATCH_RETRY_SCHEDULE?.map(toMs) ?? [...d.retryScheduleMs],
    jitter: e.DISPATCH_JITTER ?? d.jitter,
    timeoutMs: e.DISPATCH_TIMEOUT_MS ?? d.timeoutMs,
    connectTimeoutMs: e.DISPATCH_CONNECT_TIMEOUT_MS ?? d.connectTimeoutMs,
    responseBodyLimit: e.DISPATCH_RESPONSE_BODY_LIMIT ?? d.responseBodyLimit,
    disableAfterMs:
      e.DISPATCH_DISABLE_AFTER_SECONDS === undefined
        ? d.disableAfterMs
        : toMs(e.DISPATCH_DISABLE_AFTER_SECONDS),
    leaseMs: e.DISPATCH_LEASE_SECONDS === undefined ? d.leaseMs : toMs(e.DISPATCH_LEASE_SECONDS),
    pollIntervalMs: e.DISPATCH_POLL_INTERVAL_MS ?? d.pollIntervalMs,
    concurrency,
    claimBatch: d.claimBatch,
    // Never more than the worker's own slots; by default under a third of them.
    webhookConcurrency: Math.min(
      concurrency,
      e.DISPATCH_WEBHOOK_CONCURRENCY ??
        Math.max(1, Math.floor((concurrency * d.webhookConcurrency) / d.concurrency)),
    ),
    timeoutBackoffMs: d.timeoutBackoffMs,
    timeoutBackoffMaxMs: d.timeoutBackoffMaxMs,
    // The same opt-ins that are checked when a webhook is saved.
    ...targetPolicy(),
  };
}
