// The pure half of health: time ranges, bucket series, success rates and the badge a webhook wears. No
// server code here, so the list, the charts and unit tests share it (queries.ts reads the rows).

export const HEALTH_RANGES = ["24h", "7d", "30d"] as const;
export type HealthRange = (typeof HEALTH_RANGES)[number];

const HOUR_MS = 60 * 60 * 1000;

/** How far each range reaches back and how wide its buckets are: 24 hours, 28 quarter days, 30 days. */
export const RANGE_SHAPE: Record<HealthRange, { buckets: number; stepMs: number }> = {
  "24h": { buckets: 24, stepMs: HOUR_MS },
  "7d": { buckets: 28, stepMs: 6 * HOUR_MS },
  "30d": { buckets: 30, stepMs: 24 * HOUR_MS },
};

export function parseRange(value: unknown): HealthRange {
  return HEALTH_RANGES.includes(value as HealthRange) ? (value as HealthRange) : "24h";
}

/**
 * The first bucket's start: buckets end at the next whole step after `now` (hours, quarter days or days in
 * UTC), so a bucket holds the same hour on every page view and the last one is the current, partial one.
 */
export function rangeStart(range: HealthRange, now: Date): Date {
  const { buckets, stepMs } = RANGE_SHAPE[range];
  const currentStart = Math.floor(now.getTime() / stepMs) * stepMs;
  return new Date(currentStart - (buckets - 1) * stepMs);
}

export type Bucket = { start: string; succeeded: number; failed: number };
/** A sparkline's bar: how many deliveries of one bucket succeeded and failed. */
export type SparkBar = readonly [succeeded: number, failed: number];

/** The bars of a series, as compact as the list sends them to the browser. */
export function sparkBars(buckets: readonly Bucket[]): SparkBar[] {
  return buckets.map((bucket) => [bucket.succeeded, bucket.failed] as const);
}

export type BucketCount = { bucket: number; succeeded: number; failed: number };

/** Every bucket of the range, in order, with zeros where no delivery fell (the rows hold only the others). */
export function fillBuckets(range: HealthRange, start: Date, rows: readonly BucketCount[]): Bucket[] {
  const { buckets, stepMs } = RANGE_SHAPE[range];
  const series: Bucket[] = Array.from({ length: buckets }, (_, index) => ({
    start: new Date(start.getTime() + index * stepMs).toISOString(),
    succeeded: 0,
    failed: 0,
  }));
  for (const row of rows) {
    const bucket = series[row.bucket];
    if (!bucket) continue; // created a moment after `now` was read
    bucket.succeeded += row.succeeded;
    bucket.failed += row.failed;
  }
  return series;
}

/** Succeeded of all finished-or-tried deliveries, 0–1; null when none has had an outcome yet. */
export function successRate(succeeded: number, failed: number): number | null {
  const decided = succeeded + failed;
  return decided === 0 ? null : succeeded / decided;
}

export type HealthState = "healthy" | "failing" | "off";

/** Switched off wins (nothing is sent), then a running streak of failures; anything else is healthy. */
export function healthState(webhook: { active: boolean; failing_since: string | Date | null }): HealthState {
  if (!webhook.active) return "off";
  return webhook.failing_since ? "failing" : "healthy";
}

export type FailingFor = { unit: "minutes" | "hours" | "days"; value: number };

/** How long a webhook has been failing, in the unit a person would say: under an hour in minutes, under
 *  two days in hours, then in days (always rounded down, and at least one minute). */
export function failingFor(since: string | Date, now: Date): FailingFor {
  const minutes = Math.max(1, Math.floor((now.getTime() - new Date(since).getTime()) / 60_000));
  if (minutes < 60) return { unit: "minutes", value: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { unit: "hours", value: hours };
  return { unit: "days", value: Math.floor(hours / 24) };
}

/** Why a delivery or an attempt failed: an HTTP status, or how the connection failed (send.ts's kinds). */
export type FailureReason = { status: number } | { kind: string };

/** The reason in a delivery's `last_error` ("refused: connect ECONNREFUSED …") or its last status. */
export function failureReason(status: number | null, lastError: string | null): FailureReason | null {
  if (lastError) {
    const kind = /^([a-z]+):/.exec(lastError)?.[1];
    if (kind) return { kind };
  }
  if (status !== null) return { status };
  return null;
}

/** One webhook's state and last 24 hours, as the list shows it. */
export type WebhookHealth = {
  state: HealthState;
  failingSince: string | null;
  deliveries: number;
  succeeded: number;
  failed: number;
  buckets: Bucket[];
  /** Why its latest tried delivery failed, while it is failing. */
  reason: FailureReason | null;
};

/** A failure reason and how many attempts failed so, most common first. */
export type ReasonCount = FailureReason & { count: number };

/** One webhook's range, as its health page shows it. */
export type WebhookHealthDetail = {
  range: HealthRange;
  /** The first bucket's start, and the oldest moment retention keeps (null: everything is kept). */
  from: string;
  keptSince: string | null;
  buckets: Bucket[];
  deliveries: number;
  succeeded: number;
  failed: number;
  /** Response times of the range's attempts that got an answer, in ms; null without any. */
  p50: number | null;
  p95: number | null;
  reasons: ReasonCount[];
};

/** The workspace's last 24 hours. */
export type WorkspaceOverview = {
  events: number;
  deliveries: number;
  succeeded: number;
  failed: number;
  webhooks: number;
  failing: { id: string; name: string; failing_since: string }[];
  switchedOff: { id: string; name: string; disabled_reason: string | null }[];
};
